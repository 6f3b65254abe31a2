/* cli.h - what the subcommands share: the command table entry, the input
 * options every importer takes, and the summary lines on stderr.
 *
 * A subcommand parses its options, wires the stages together and returns
 * FALSE with a GError; it never prints errors or exits (main() does).
 */
#ifndef SMM_CLI_H
#define SMM_CLI_H

#include <glib.h>

#include "smm/cascade.h"
#include "smm/graph.h"
#include "smm/graph_file.h"
#include "smm/import.h"
#include "smm/reshare.h"
#include "smm/influence.h"
#include "smm/report.h"

typedef gboolean (*SmmCommandFunc)(int argc, char **argv, GError **error);

typedef struct {
    const char *name;
    SmmCommandFunc run;
    const char *summary;
} SmmCommand;

gboolean smm_cmd_import(int argc, char **argv, GError **error);
gboolean smm_cmd_rank(int argc, char **argv, GError **error);
gboolean smm_cmd_cascades(int argc, char **argv, GError **error);
gboolean smm_cmd_adopters(int argc, char **argv, GError **error);
gboolean smm_cmd_seeds(int argc, char **argv, GError **error);
gboolean smm_cmd_simulate(int argc, char **argv, GError **error);
gboolean smm_cmd_stats(int argc, char **argv, GError **error);
gboolean smm_cmd_export(int argc, char **argv, GError **error);

/* Options shared by every command that reads a follower file. */
typedef struct {
    gchar *source;
    gchar *target;
    gchar *delimiter;
    gchar *encoding;
    gboolean header;
    gboolean no_header;
    gboolean reverse;
    gboolean undirected;
    gint threads;
    gboolean quiet;
    gboolean timings;
    gchar *summary;  /* --summary FILE */
    gchar *progress; /* --progress auto|always|never */
} SmmCliInput;

/* Adds the SmmCliInput options to the context's main options, so that
 * --help shows them (`in` must outlive the context). */
void smm_cli_add_input_options(GOptionContext *context, SmmCliInput *in);
/* Checks the values and fills the importer's options. */
gboolean smm_cli_input_finish(SmmCliInput *in, SmmFollowerImportOptions *options, GError **error);
void smm_cli_input_clear(SmmCliInput *in);
/* The CSV options every input file takes the same way: --encoding,
 * --delimiter, the threads, the test switches; `header` as the file needs
 * (the follower file and the log: smm_cli_header_mode(); account lists
 * find their own). Call after smm_cli_input_finish(). */
void smm_cli_csv_options(const SmmCliInput *in, SmmHeaderMode header, SmmCsvOptions *csv);
/* --header / --no-header / detect. */
SmmHeaderMode smm_cli_header_mode(const SmmCliInput *in);
/* The tokenizer and piece size the test suite may impose through the
 * environment: SMM_CSV_PARSER=libcsv, SMM_CSV_PIECE=BYTES. */
void smm_cli_csv_test_switches(SmmCsvOptions *csv);

/* Options shared by every command that reads a reshare log. */
typedef struct {
    gchar *retweeter, *author, *item, *time;
    gchar *cascade_by, *only, *since, *until;
    SmmCascadeBy by; /* from --cascade-by */
    gboolean by_auto;
} SmmCliReshare;

void smm_cli_add_reshare_options(GOptionContext *context, SmmCliReshare *r);
/* Checks the values and fills the log importer's options (CSV options as
 * for the follower file). */
gboolean smm_cli_reshare_finish(SmmCliReshare *r, const SmmCliInput *in,
                                SmmReshareImportOptions *options, GError **error);
/* --cascade-by, or when not given: item if the log has post ids, else
 * author, else topic. */
SmmCascadeBy smm_cli_cascade_by(const SmmCliReshare *r, const SmmReshareLog *log);
void smm_cli_reshare_clear(SmmCliReshare *r);
/* The summary lines of what a log held and how it became cascades: noted
 * for --summary, and printed unless quiet. */
void smm_cli_reshare_summary(const char *path, const SmmReshareLog *log, gboolean quiet);
void smm_cli_cascades_summary(const SmmCascades *cs, gboolean by_auto, gboolean quiet);

/* -o, which every report takes, --top for ranked ones, --format for those
 * that write any format. */
typedef struct {
    gint64 top;
    gchar *path;
    gchar *format_name;
    SmmFormat format; /* from --format, else -o's extension, else CSV */
} SmmCliOutput;

typedef enum {
    SMM_CLI_OUTPUT_TOP = 1 << 0,
    SMM_CLI_OUTPUT_FORMAT = 1 << 1,
} SmmCliOutputFlags;

void smm_cli_add_output_options(GOptionContext *context, SmmCliOutput *out,
                                SmmCliOutputFlags flags);
/* Checks --top and --format and settles the format (before any work is
 * done). */
gboolean smm_cli_output_check(SmmCliOutput *out, GError **error);
/* Writes `table` to `path` (stdout for NULL or "-"), whole or not at all,
 * and clears the table either way. */
gboolean smm_cli_write_table(const char *path, SmmResult *table, SmmFormat format, guint n_threads,
                             GError **error);
/* How many of `available` rows to write. */
guint32 smm_cli_output_rows(const SmmCliOutput *out, guint32 available);
void smm_cli_output_clear(SmmCliOutput *out);

/* Sets the --help epilogue: `about`, then the edge direction and the exit
 * statuses every command shares. */
void smm_cli_describe(GOptionContext *context, const char *about);

/* The diffusion model options rank, seeds and simulate share. */
typedef struct {
    gchar *model; /* ic, lt, learned */
    gdouble p;    /* NAN: not given */
    gchar *p_column;
    gchar *prior;
    gchar *log; /* --retweets FILE */
} SmmCliModel;

void smm_cli_add_model_options(GOptionContext *context, SmmCliModel *m);
gboolean smm_cli_model_check(const SmmCliModel *m, GError **error);
gboolean smm_cli_model_learned(const SmmCliModel *m);
void smm_cli_model_clear(SmmCliModel *m);

/* A follower graph and, with --retweets, the reshare log read first into
 * the same account names (so log-only accounts are accounts of the graph). */
typedef struct {
    SmmGraph *graph;
    SmmReshareLog log;
    gboolean have_log;
} SmmCliData;

/* Reads the follower file (CSV or graph file), then the log into the same
 * names, printing their summary lines; `author` says how the log's author
 * column is used. A graph without follows is an error. */
gboolean smm_cli_load(const char *followers, SmmFollowerImportOptions *fo, SmmCliModel *m,
                      SmmCliReshare *rs, SmmCliInput *in, SmmLogRole author, SmmCliData *data,
                      GError **error);
/* The model the options describe; --model learned learns the follows'
 * probabilities from the log now. */
gboolean smm_cli_model_finish(SmmCliModel *m, SmmCliData *data, SmmCliReshare *rs,
                              const SmmCliInput *in, SmmModel *model, GError **error);
void smm_cli_data_clear(SmmCliData *data);

/* A stage refused a setting (SMM_ERROR_INVALID: an encoding, a column, a
 * filter): the user gave it on the command line, so it is a usage error.
 * Other errors pass as they are. Returns FALSE, for `return`. */
gboolean smm_cli_setting_error(GError **error);
/* Appends "; HINT" to the error's message: what the user can do about a
 * fact a stage stated. Returns FALSE, for chaining. */
gboolean smm_cli_hint(GError **error, const char *hint);

/* After parsing: exactly one follower file (argv[1]), else a usage error
 * naming the command. */
gboolean smm_cli_one_file(const char *command, int argc, char **argv, GError **error);

/* Parses argv with the context; GOption errors become usage errors. */
gboolean smm_cli_parse(GOptionContext *context, int *argc, char ***argv, GError **error);

/* The one-line import summary (rows, kept, dropped and why; for a graph
 * file, also what it was imported from), printed unless quiet, its counts
 * noted for --summary either way. with_log: the graph's accounts include
 * a reshare log's. */
void smm_cli_import_summary(const char *path, const SmmImportSummary *summary,
                            const SmmGraph *graph, gboolean with_log, gboolean quiet);

/* The follower graph from a follower CSV or a graph file (.smmg, found by
 * its content), with its summary. Options that shape a graph (--reverse,
 * --source...) are refused with a graph file; --p-column must name the
 * column its probabilities came from. Stage timings as "import" and
 * "graph", or "graph file". */
SmmGraph *smm_cli_read_graph(const char *path, const SmmFollowerImportOptions *fo,
                             const SmmCliInput *in, SmmImportSummary *summary, GError **error);

/* Reads a reshare log into the graph's account names; accounts only the
 * log names join the graph, without follows. */
gboolean smm_cli_read_log(const char *path, const SmmReshareImportOptions *ro,
                          const SmmCliInput *in, SmmGraph *graph, SmmReshareLog *log,
                          GError **error);

/* With --timings: one line per stage with wall time and peak memory; both
 * noted for --summary either way. */
void smm_cli_timing(const SmmCliInput *in, const char *stage, double seconds);

/* --progress (progress.c): set up by smm_cli_input_finish(); what stages
 * are given to report to (NULL: nobody is watching); the line cleared. */
gboolean smm_cli_progress_start(const char *mode, gboolean quiet, GError **error);
const SmmProgress *smm_cli_progress(void);
void smm_cli_progress_end(void);

/* --summary FILE (summary.c): the run's notes, written by main() after the
 * command succeeded. */
SmmResult *smm_cli_notes(void);
void smm_cli_summary_to(const char *path);
gboolean smm_cli_summary_write(const char *command, GError **error);
void smm_cli_summary_clear(void);
/* Notes the import summary's counts (what the summary line says). */
void smm_cli_note_import(const char *path, const SmmImportSummary *summary, const SmmGraph *graph);

/* Messages about the run (not errors) go to stderr with this prefix. */
#define SMM_NOTE_PREFIX "smmgraph: "

extern const char smm_cli_direction_help[];

#endif
