/* report.h - writing results.
 *
 * A regular output file (or one that does not exist yet) is written under a
 * temporary name in the same directory and renamed into place only when
 * complete, so a failure never leaves half a report; a symbolic link's
 * target is the file replaced. Anything else (a device, a FIFO,
 * /dev/stdout) is written directly. "-" or NULL writes to stdout. A write
 * error, whenever it happens, is reported by the commit with the file's
 * name and the reason.
 */
#ifndef SMM_REPORT_H
#define SMM_REPORT_H

#include <stdio.h>

#include "smm/pseudonym.h"
#include "smm/result.h"

typedef struct SmmOutput SmmOutput;

SmmOutput *smm_output_open(const char *path, GError **error);
FILE *smm_output_file(SmmOutput *out);
/* Flushes, closes and renames into place; frees out either way. */
gboolean smm_output_commit(SmmOutput *out, GError **error);
/* Discards the temporary file; frees out. Safe on NULL. */
void smm_output_abort(SmmOutput *out);
/* The file `path` names as an output: symbolic links followed, as
 * smm_output_open() follows them (g_free it); NULL with errno set for a
 * cycle of links. */
char *smm_output_resolve(const char *path);
/* For a signal handler, on the way out: removes the temporary file of
 * every output open now, from any thread; async-signal-safe. No output
 * may be opened or committed afterwards. */
void smm_output_remove_temporaries(void);

typedef enum { SMM_FORMAT_CSV, SMM_FORMAT_TSV, SMM_FORMAT_JSON, SMM_FORMAT_JSONL } SmmFormat;

/* "csv", "tsv", "json", "jsonl". */
const char *smm_format_name(SmmFormat format);
gboolean smm_format_from_name(const char *name, SmmFormat *format);
/* By the file name's extension: .csv, .tsv or .tab, .json, .jsonl or
 * .ndjson (any case); FALSE for anything else. */
gboolean smm_format_from_path(const char *path, SmmFormat *format);

/* What the writers do to text beyond each format's own escaping. All zero
 * (or a NULL pointer) is the default: formulas guarded, real names. */
typedef struct {
    /* CSV and TSV: write a text cell a spreadsheet would run as a formula
     * as it is, not behind a ' (table_report.c) */
    gboolean no_formula_guard;
    /* account cells in every format as their pseudonyms: those of columns
     * over the names `accounts` (NULL: of every account column); other
     * name tables, such as post ids, as they are */
    const SmmPseudonym *pseudonym;
    const SmmNames *accounts;
} SmmReportOptions;

/* Writes a result table: a header of its column names (CSV, TSV), then one
 * row per row of the table (see table_report.c for each format's rules).
 * Formatting runs on n_threads threads; the bytes are the same for any
 * n_threads. options may be NULL. */
gboolean smm_report_write(const SmmResult *result, SmmFormat format,
                          const SmmReportOptions *options, FILE *fp, guint n_threads,
                          GError **error);

/* The text of an account cell: the name of `id` in c's table, or its
 * pseudonym (written into buf) when options ask for one. The one place
 * every writer gets an account's text from. */
const char *smm_report_account(const SmmResultColumn *c, guint32 id,
                               const SmmReportOptions *options, char buf[SMM_PSEUDONYM_LEN + 1],
                               guint32 *len);

/* The table's notes as one JSON object, "command" first, then each note in
 * order (reals in the fewest digits that read back as the same double,
 * non-finite ones null). */
gboolean smm_report_notes(const SmmResult *result, const char *command, FILE *fp, GError **error);

typedef enum { SMM_GRAPH_GRAPHML, SMM_GRAPH_GEXF } SmmGraphFormat;

/* By the file name: .graphml or .gexf (any case). */
gboolean smm_graph_format_from_path(const char *path, SmmGraphFormat *format);

/* Writes the nodes (the rows of `nodes`: the first account column is the
 * label, every other column an attribute) and the edges as GraphML or GEXF
 * 1.3; *removed counts the characters XML 1.0 forbids, left out of names
 * (graph_report.c). XML escapes by its own rules: options->no_formula_guard
 * changes nothing. */
gboolean smm_report_graph(const SmmResult *nodes, const SmmEdgeTable *edges, SmmGraphFormat format,
                          const SmmReportOptions *options, FILE *fp, guint64 *removed,
                          GError **error);

/* Appends one CSV field: as it is, or quoted by libcsv's writer when it
 * holds a comma, quote, line break or edge space. */
void smm_csv_append_field(GString *out, const char *s, gsize len);

/* --- one self-contained HTML page (html_report.c, svg_plot.c) ---------- */

/* A point of a plot. Its tooltip names the account of row `row` of the
 * plot's `names` table (its first account column, pseudonymized as the
 * options say), then both coordinates. */
typedef struct {
    double x, y;
    guint64 row;       /* SMM_PLOT_NO_ROW: no name */
    gboolean labelled; /* the name is also written beside the mark */
} SmmPlotPoint;

#define SMM_PLOT_NO_ROW G_MAXUINT64

typedef struct {
    const char *name; /* the legend's text (NULL: no legend entry) */
    const SmmPlotPoint *points;
    guint n_points;
    gboolean joined; /* a line through the points, in order */
} SmmPlotSeries;

/* One SVG plot: each point of each series is one <circle> with a <title>;
 * a log axis has its ticks at powers of ten. Points whose value on a log
 * axis is not above 0, or not finite, are not drawn: leave them out and
 * say so in the section's note. */
typedef struct {
    const char *title, *x_label, *y_label;
    gboolean log_x, log_y;
    const SmmPlotSeries *series;
    guint n_series;
    const SmmResult *names;     /* the table points' rows refer to (NULL: none) */
    const char *diagonal_label; /* non-NULL: the line y = x, labelled so */
} SmmPlot;

/* A horizontal bar chart: one bar per item from 0 to its value, a whisker
 * at plus and minus its half-width, its label at the left (cut at 40
 * characters) and a <title> with label, value and half-width (10
 * significant digits). Each item is one <g class="hbar">; an item whose
 * value or half-width is not finite gets its label and no bar. */
typedef struct {
    const char *title, *x_label;
    const char *const *labels;
    const double *values, *half_widths;
    guint n;
} SmmBarChart;

void smm_svg_bar_chart(GString *out, const SmmBarChart *chart);

/* A section of the page: a heading, one sentence saying what it shows, then
 * a table, a plot or both, then a note. Text is given as plain text and
 * escaped here. */
typedef struct {
    const char *id; /* the section's anchor: [a-z0-9-] */
    const char *title;
    const char *reading;
    const SmmResult *table; /* its rows (n_rows of them), or NULL */
    /* TRUE: the table's notes as rows of key and value, not its columns */
    gboolean notes_only;
    /* A column drawn again as a bar, with whiskers at plus and minus the
     * values of a second column (NULL: none) */
    const char *bar_column, *bar_half_width;
    /* TRUE: a heat table: each numeric cell's background coloured by its
     * value on a diverging scale over [-1, 1] (Okabe-Ito orange at -1,
     * white at 0, Okabe-Ito blue at 1; values beyond clamped), the number
     * still printed in the cell; a value that is not a number is shown as
     * an en dash, uncoloured. Not sortable (its rows and columns pair). */
    gboolean heat;
    const SmmPlot *plot;
    const SmmBarChart *bars; /* after the plot, or NULL */
    const char *note;        /* after the table and plot, or NULL */
} SmmHtmlSection;

/* Account names longer than this many characters are cut, with an
 * ellipsis, wherever the page shows them. */
#define SMM_HTML_NAME_MAX 200

/* Writes one HTML page: every style and script inline, no URL of any kind,
 * readable without JavaScript (a small script sorts a table when its
 * header is clicked), a print stylesheet. Account names are escaped,
 * isolated from the text around them (<bdi>) and cut at
 * SMM_HTML_NAME_MAX characters. Tables are written whole: cut them first.
 * options may be NULL. */
gboolean smm_report_html(const char *title, const char *subtitle, const SmmHtmlSection *sections,
                         guint n_sections, const SmmReportOptions *options, FILE *fp,
                         GError **error);

/* Appends s as HTML text (also good inside an attribute value in double
 * quotes): & < > " ' as references, controls as U+FFFD, bidirectional
 * controls as numeric references; cut after max_chars characters (0: no
 * limit) with an ellipsis. */
void smm_html_append_text(GString *out, const char *s, gsize len, gsize max_chars);

/* The points of the complementary cumulative distribution P(X >= x) of the
 * values, exact at each point, binned on a log axis: in each tenth of a
 * decade, the smallest value there, and the largest value. Fractions are of
 * all n values; *not_positive counts those at or below 0 (not drawable).
 * Returns the number of points written into out. */
#define SMM_PLOT_CCDF_MAX 400
guint smm_plot_ccdf(const double *values, gsize n, SmmPlotPoint out[SMM_PLOT_CCDF_MAX],
                    guint64 *not_positive);

/* The plot as an SVG element (svg_plot.c); names in tooltips as the
 * options say. */
void smm_svg_plot(GString *out, const SmmPlot *plot, const SmmReportOptions *options);

#endif
