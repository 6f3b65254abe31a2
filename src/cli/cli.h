/* cli.h - what the subcommands share: the command table entry, the option
 * groups (common, input, model, reshare log), loading, and the summary
 * lines on stderr.
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
#include "smm/rank.h"
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
gboolean smm_cmd_report(int argc, char **argv, GError **error);

/* Options shared by every command that reads a follower file: which
 * columns, how the CSV is written, what a row means. */
typedef struct {
    gchar *source;
    gchar *target;
    gchar *delimiter;
    char delimiter_char; /* --delimiter parsed by smm_cli_input_finish (0: detect) */
    gchar *encoding;
    gboolean header;
    gboolean no_header;
    gboolean reverse;
    gboolean undirected;
    gchar *input_format; /* --input-format F (smm_cli_input_format) */
} SmmCliInput;

/* What every command has, declared once (common_options.c): -o, --top,
 * --format, --no-formula-guard and --pseudonymize ("Output options");
 * --seed, --threads, --progress, --quiet, --timings, --summary ("Common
 * options"). */
typedef struct {
    gchar *output; /* -o FILE; NULL: stdout */
    gchar *format_name;
    SmmFormat format; /* from --format, else -o's extension, else CSV */
    gint64 top;
    gint64 seed;
    gint threads; /* 0 until smm_cli_common_check: all processors */
    gboolean quiet;
    gboolean timings;
    gchar *summary;    /* --summary FILE */
    gchar *max_memory; /* --max-memory SIZE */
    gchar *progress;   /* --progress auto|always|never */
    gboolean no_formula_guard;
    gchar *pseudonymize;     /* --pseudonymize KEYFILE */
    SmmPseudonym *pseudonym; /* its key, read by smm_cli_common_check (owned) */
    SmmReportOptions report; /* what the writers are told (smm_cli_report_options) */
} SmmCliCommon;

/* The entries only some commands have; the others every command has. */
typedef enum {
    SMM_CLI_TOP = 1 << 0,    /* --top: a ranked report */
    SMM_CLI_FORMAT = 1 << 1, /* --format and --no-formula-guard: a table in any format */
    SMM_CLI_SEED = 1 << 2,   /* --seed (default 1): random choices */
    /* -o names the graph file `import` writes: required, never stdout;
       no --pseudonymize (every other command has it) */
    SMM_CLI_GRAPH_FILE = 1 << 3,
    /* an HTML page: --top is its tables' rows, SMM_CLI_PAGE_TOP by default,
       SMM_CLI_PAGE_MAX_TOP at most (the command checks) */
    SMM_CLI_PAGE = 1 << 4,
} SmmCliCommonFlags;

#define SMM_CLI_PAGE_TOP 100
#define SMM_CLI_PAGE_MAX_TOP 10000

/* Adds the "Output options" and "Common options" groups and sets the
 * defaults they state (`common` must outlive the context). Add them after
 * the command's other groups: --help lists groups in the order added. */
void smm_cli_add_common_options(GOptionContext *context, SmmCliCommon *common,
                                SmmCliCommonFlags flags);
/* Checks --top, --format and --threads, settles the format and the thread
 * count, reads --pseudonymize's key, starts --progress and notes --summary;
 * before any work is done and before anything reads `threads`. --seed is
 * checked by each command with its other numbers. */
gboolean smm_cli_common_check(SmmCliCommon *common, GError **error);
void smm_cli_common_clear(SmmCliCommon *common);

/* The command's own options, as the group named after it ("Rank options");
 * add it before the others, so that --help lists it first. */
void smm_cli_add_command_options(GOptionContext *context, const char *command,
                                 const GOptionEntry *entries);

/* Adds the "Input options" group (`in` must outlive the context). */
void smm_cli_add_input_options(GOptionContext *context, SmmCliInput *in);
/* Checks the values and fills the importer's options. Call after
 * smm_cli_common_check(). */
gboolean smm_cli_input_finish(SmmCliInput *in, const SmmCliCommon *common,
                              SmmFollowerImportOptions *options, GError **error);
void smm_cli_input_clear(SmmCliInput *in);
/* --input-format, parsed. */
gboolean smm_cli_input_format(const SmmCliInput *in, SmmInputFormat *format, GError **error);
/* The CSV options every input file takes the same way: --encoding,
 * --delimiter, the threads, the test switches; `header` as the file needs
 * (the follower file and the log: smm_cli_header_mode(); account lists
 * find their own). Call after smm_cli_input_finish(). */
void smm_cli_csv_options(const SmmCliInput *in, const SmmCliCommon *common, SmmHeaderMode header,
                         SmmCsvOptions *csv);
/* --header / --no-header / detect. */
SmmHeaderMode smm_cli_header_mode(const SmmCliInput *in);
/* The tokenizer and piece size the test suite may impose through the
 * environment: SMM_CSV_PARSER=libcsv, SMM_CSV_PIECE=BYTES. */
void smm_cli_csv_test_switches(SmmCsvOptions *csv);

/* Options shared by every command that reads a reshare log. */
typedef struct {
    gchar *retweeter, *author, *item, *time, *via;
    gchar *cascade_by, *only, *since, *until;
    SmmCascadeBy by; /* from --cascade-by */
    gboolean by_auto;
} SmmCliReshare;

/* Adds the "Reshare log options" group. */
void smm_cli_add_reshare_options(GOptionContext *context, SmmCliReshare *r);
/* Checks the values and fills the log importer's options (CSV options as
 * for the follower file). */
gboolean smm_cli_reshare_finish(SmmCliReshare *r, const SmmCliInput *in, const SmmCliCommon *common,
                                SmmReshareImportOptions *options, GError **error);
/* --cascade-by, or when not given: item if the log has post ids, else
 * author, else topic. */
SmmCascadeBy smm_cli_cascade_by(const SmmCliReshare *r, const SmmReshareLog *log);
void smm_cli_reshare_clear(SmmCliReshare *r);
/* The summary lines of what a log held and how it became cascades: noted
 * for --summary, and printed unless quiet. */
void smm_cli_reshare_summary(const char *path, const SmmReshareLog *log, gboolean quiet);
void smm_cli_cascades_summary(const SmmCascades *cs, gboolean by_auto, gboolean quiet);

/* What the writers are told for a report whose account names are those
 * of `accounts` (NULL: every name column is an account's): the formula
 * guard and the pseudonyms as the options asked. Points into `common`,
 * good until the next call. */
const SmmReportOptions *smm_cli_report_options(SmmCliCommon *common, const SmmNames *accounts);
/* An account name for a message: quoted (smm_quote_value), or under
 * --pseudonymize its pseudonym, as the reports would write it. Owned. */
gchar *smm_cli_quote_account(const SmmCliCommon *common, const char *name);

/* A file of the run and what messages call it: an option ("-o",
 * "--exclude") or a role ("the follower file"). path NULL: not given; "-":
 * stdin or stdout. A list ends with {NULL}. */
typedef struct {
    const char *name;
    const char *path;
} SmmCliFile;

/* Refuses (a usage error naming both) an output that is one of the inputs
 * or another output: the same regular file by device and inode, however
 * named, or for files not there yet the same absolute name (paths.c). -o
 * (stdout when not given) and --summary are taken from `common`. Call
 * before any work is done. */
gboolean smm_cli_check_paths(const SmmCliCommon *common, const SmmCliFile *inputs,
                             const SmmCliFile *outputs, GError **error);
/* Checks the paths (smm_cli_check_paths), then opens -o and `outputs`
 * (not --summary, written at the end) before the work: an output that
 * cannot be created fails at once, and the temporary files exist (and are
 * removed on a signal) from the start. smm_cli_output() hands each to its
 * writer; main() discards those a failed command did not commit. */
gboolean smm_cli_open_outputs(const SmmCliCommon *common, const SmmCliFile *inputs,
                              const SmmCliFile *outputs, GError **error);
/* The output smm_cli_open_outputs() opened for `path` (NULL or "-":
 * stdout), else one opened now. The caller commits or aborts it. */
SmmOutput *smm_cli_output(const char *path, GError **error);
void smm_cli_outputs_discard(void);

/* SIGINT, SIGTERM, SIGHUP and SIGPIPE remove the temporary files and end
 * the run by that signal (signals.c). */
void smm_cli_signals_init(void);

/* The limits of the options every command's checks share. */
#define SMM_CLI_MAX_SECONDS 604800.0 /* a week: --time-limit, --reach-time... */

/* Writes `table` to `path` (stdout for NULL or "-"), whole or not at all,
 * and clears the table either way. */
gboolean smm_cli_write_table(const char *path, SmmResult *table, SmmFormat format,
                             const SmmReportOptions *options, guint n_threads, GError **error);
/* How many of `available` rows to write (--top). */
guint32 smm_cli_output_rows(const SmmCliCommon *common, guint32 available);

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

/* Adds the "Model options" group. */
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
                      SmmCliReshare *rs, const SmmCliInput *in, const SmmCliCommon *common,
                      SmmLogRole author, SmmCliData *data, GError **error);
/* The model the options describe; --model learned learns the follows'
 * probabilities from the log now. */
gboolean smm_cli_model_finish(SmmCliModel *m, SmmCliData *data, SmmCliReshare *rs,
                              const SmmCliCommon *common, SmmModel *model, GError **error);
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

/* Parses argv with the context; GOption errors become usage errors.
 * --help and -h print every group, as --help-all does. */
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
                             const SmmCliCommon *common, SmmImportSummary *summary, GError **error);

/* Reads a reshare log into the graph's account names; accounts only the
 * log names join the graph, without follows. */
gboolean smm_cli_read_log(const char *path, const SmmReshareImportOptions *ro,
                          const SmmCliCommon *common, SmmGraph *graph, SmmReshareLog *log,
                          GError **error);

/* With --timings: one line per stage with wall time and peak memory; both
 * noted for --summary either way. */
void smm_cli_timing(const SmmCliCommon *common, const char *stage, double seconds);

/* --progress (progress.c): set up by smm_cli_common_check(); what stages
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

/* The HTML report (report_page.c): the page's sections from a ranked table
 * whose first `top` rows are the shortlist; its rows up to
 * SMM_CLI_PAGE_POINTS are the scatter's points. */
#define SMM_CLI_PAGE_POINTS 2000
typedef struct {
    const char *input; /* the follower file as given */
    const SmmCliModel *options;
    const SmmModel *model;
    const SmmGraph *graph;
    const SmmTable *table;
    SmmColumn by;
    guint32 top;
    const struct SmmCliCampaign *campaign; /* NULL: no campaign section */
} SmmCliPage;

/* The page's campaign (cmd_rank.c runs it, report_page.c shows it): the
 * sets compared, each with its spread estimated on the same RR sets as
 * the chosen seeds'. */
#define SMM_CLI_CAMPAIGN_SETS 3
typedef struct SmmCliCampaign {
    guint32 k;
    guint n_sets;
    const char *name[SMM_CLI_CAMPAIGN_SETS];
    guint32 *members[SMM_CLI_CAMPAIGN_SETS]; /* owned (g_free) */
    guint32 size[SMM_CLI_CAMPAIGN_SETS];
    double spread[SMM_CLI_CAMPAIGN_SETS], ci95[SMM_CLI_CAMPAIGN_SETS];
    guint64 rr_sets[SMM_CLI_CAMPAIGN_SETS];
    const char *missing; /* a set left out, and why, or NULL */
} SmmCliCampaign;
gboolean smm_cli_report_page(const SmmCliPage *page, SmmCliCommon *common, FILE *fp,
                             GError **error);

/* Messages about the run (not errors) go to stderr with this prefix. */
#define SMM_NOTE_PREFIX "smmgraph: "

extern const char smm_cli_direction_help[];

#endif
