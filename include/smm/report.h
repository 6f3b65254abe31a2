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

#endif
