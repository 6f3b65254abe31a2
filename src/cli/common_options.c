/* common_options.c - the options every command has, declared here once (-o,
 * --top, --format, --no-formula-guard, --pseudonymize, --seed, --threads,
 * --progress, --quiet, --timings, --summary), the command's own option
 * group, --help, and what the options set: the report's format, rows and
 * text, the stage timings. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "smm/core.h"
#include "smm/parallel.h"

static void add_entry(GOptionGroup *group, GOptionEntry entry)
{
    g_option_group_add_entries(group, (GOptionEntry[]){entry, {NULL}});
}

void smm_cli_add_common_options(GOptionContext *context, SmmCliCommon *c, SmmCliCommonFlags flags)
{
    const char *output_help =
        flags & SMM_CLI_GRAPH_FILE
            ? "The graph file to write (required), whole or not at all"
            : "Write the report to FILE, whole or not at all (default: stdout)";
    GOptionGroup *output =
        g_option_group_new("output", "Output options:", "Show the output options", NULL, NULL);
    add_entry(output, (GOptionEntry){"output", 'o', 0, G_OPTION_ARG_FILENAME, &c->output,
                                     output_help, "FILE"});
    if (flags & SMM_CLI_PAGE) {
        c->top = SMM_CLI_PAGE_TOP;
        add_entry(output,
                  (GOptionEntry){"top", 0, 0, G_OPTION_ARG_INT64, &c->top,
                                 "Rows of the page's tables (default 100, at most 10000)", "N"});
    } else if (flags & SMM_CLI_TOP) {
        add_entry(output, (GOptionEntry){"top", 0, 0, G_OPTION_ARG_INT64, &c->top,
                                         "Keep the first N rows (default: all)", "N"});
    }
    if (flags & SMM_CLI_FORMAT)
        add_entry(output, (GOptionEntry){"format", 0, 0, G_OPTION_ARG_STRING, &c->format_name,
                                         "csv, tsv, json (one array) or jsonl (an object a "
                                         "line); default: by -o's extension, else csv",
                                         "FMT"});
    if (flags & SMM_CLI_FORMAT)
        add_entry(output,
                  (GOptionEntry){"no-formula-guard", 0, 0, G_OPTION_ARG_NONE, &c->no_formula_guard,
                                 "CSV, TSV: write names and text as they are; by default "
                                 "a cell starting with = + - @, a tab or a carriage "
                                 "return gets a ' in front, so that spreadsheets show it "
                                 "instead of running it as a formula",
                                 NULL});
    if (!(flags & SMM_CLI_GRAPH_FILE))
        add_entry(output,
                  (GOptionEntry){"pseudonymize", 0, 0, G_OPTION_ARG_FILENAME, &c->pseudonymize,
                                 "Write every account name, in every format, as its "
                                 "keyed hash: HMAC-SHA256 under the bytes of KEYFILE, 16 "
                                 "characters of base32; the same key, the same names. "
                                 "Post ids stay; rows keep the order of the real names",
                                 "KEYFILE"});
    g_option_context_add_group(context, output);

    GOptionGroup *common =
        g_option_group_new("common", "Common options:", "Show the common options", NULL, NULL);
    if (flags & SMM_CLI_SEED) {
        c->seed = 1;
        add_entry(common, (GOptionEntry){"seed", 0, 0, G_OPTION_ARG_INT64, &c->seed,
                                         "Seed of every random choice (1); same seed, same "
                                         "results",
                                         "S"});
    }
    GOptionEntry always[] = {
        {"threads", 0, 0, G_OPTION_ARG_INT, &c->threads,
         "Worker threads (default: all processors); results do not depend on it", "N"},
        {"progress", 0, 0, G_OPTION_ARG_STRING, &c->progress,
         "Show how far long work is on stderr: auto (when stderr is a terminal), always (a "
         "line a second, for logs) or never (default auto; --quiet: never)",
         "WHEN"},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &c->quiet, "No summary lines on stderr", NULL},
        {"timings", 0, 0, G_OPTION_ARG_NONE, &c->timings,
         "Print each stage's wall time and peak memory on stderr", NULL},
        {"summary", 0, 0, G_OPTION_ARG_FILENAME, &c->summary,
         "Also write the run's facts (counts, iterations, samples, guarantees, each stage's "
         "time and peak memory) to FILE as one JSON object",
         "FILE"},
        {"max-memory", 0, 0, G_OPTION_ARG_STRING, &c->max_memory,
         "Stop at once, saying what was needed, when the graph or the RR sets would take more "
         "than SIZE in all, e.g. 8G or 512M (default: nine tenths of the memory)",
         "SIZE"},
        {NULL}};
    g_option_group_add_entries(common, always);
    g_option_context_add_group(context, common);
}

void smm_cli_add_command_options(GOptionContext *context, const char *command,
                                 const GOptionEntry *entries)
{
    g_autofree char *heading =
        g_strdup_printf("%c%s options:", g_ascii_toupper(command[0]), command + 1);
    g_autofree char *show = g_strdup_printf("Show the %s options", command);
    GOptionGroup *group = g_option_group_new(command, heading, show, NULL, NULL);
    g_option_group_add_entries(group, entries);
    g_option_context_add_group(context, group);
}

gboolean smm_cli_common_check(SmmCliCommon *c, GError **error)
{
    if (c->top < 0 || c->top > G_MAXUINT32) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "--top must be between 0 and %u (0: every row)", G_MAXUINT32);
        return FALSE;
    }
    if (c->format_name != NULL) {
        if (!smm_format_from_name(c->format_name, &c->format)) {
            g_autofree gchar *q = smm_quote_value(c->format_name, -1);
            g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                        "--format must be csv, tsv, json or jsonl, not %s", q);
            return FALSE;
        }
    } else if (!smm_format_from_path(c->output, &c->format)) {
        c->format = SMM_FORMAT_CSV;
    }
    if (c->threads < 0) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE, "--threads must be at least 1");
        return FALSE;
    }
    /* Each thread has buffers the size of the graph, and the work does not
     * speed up past the processors: more threads cost memory only. */
    gint online = (gint)smm_default_threads();
    if (c->threads > online && !c->quiet)
        fprintf(stderr,
                SMM_NOTE_PREFIX "--threads %d: using the %d processors online (more is never "
                                "faster here)\n",
                c->threads, online);
    if (c->threads == 0 || c->threads > online)
        c->threads = online;
    /* the key before any work: a bad key file fails in a second, not after the run */
    if (c->pseudonymize != NULL &&
        (c->pseudonym = smm_pseudonym_from_file(c->pseudonymize, error)) == NULL)
        return FALSE;
    c->report =
        (SmmReportOptions){.no_formula_guard = c->no_formula_guard, .pseudonym = c->pseudonym};
    if (!smm_cli_progress_start(c->progress, c->quiet, error))
        return FALSE;
    if (c->summary != NULL)
        smm_cli_summary_to(c->summary);
    guint64 max_memory = smm_memory_default_limit();
    if (c->max_memory != NULL && !smm_memory_parse(c->max_memory, &max_memory)) {
        g_autofree gchar *q = smm_quote_value(c->max_memory, -1);
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "--max-memory must be a size of at least 1 MiB, such as 8G or 512M, not %s", q);
        return FALSE;
    }
    smm_memory_set_limit(max_memory);
    return TRUE;
}

void smm_cli_common_clear(SmmCliCommon *c)
{
    g_free(c->output);
    g_free(c->format_name);
    g_free(c->summary);
    g_free(c->max_memory);
    g_free(c->progress);
    g_free(c->pseudonymize);
    smm_pseudonym_free(c->pseudonym);
}

guint32 smm_cli_output_rows(const SmmCliCommon *c, guint32 available)
{
    return c->top > 0 ? (guint32)MIN((guint64)c->top, available) : available;
}

const SmmReportOptions *smm_cli_report_options(SmmCliCommon *c, const SmmNames *accounts)
{
    c->report.accounts = accounts;
    return &c->report;
}

gchar *smm_cli_quote_account(const SmmCliCommon *c, const char *name)
{
    if (c->pseudonym == NULL)
        return smm_quote_value(name, -1);
    char pseudonym[SMM_PSEUDONYM_LEN + 1];
    smm_pseudonym_of(c->pseudonym, name, strlen(name), pseudonym);
    return g_strdup_printf("'%s' (a pseudonym)", pseudonym);
}

gboolean smm_cli_write_table(const char *path, SmmResult *table, SmmFormat format,
                             const SmmReportOptions *options, guint n_threads, GError **error)
{
    smm_result_add_labels(table);
    SmmOutput *out = smm_cli_output(path, error);
    gboolean ok = out != NULL && smm_report_write(table, format, options, smm_output_file(out),
                                                  MAX(n_threads, 1), error);
    smm_result_clear(table);
    if (!ok) {
        smm_output_abort(out);
        return FALSE;
    }
    return smm_output_commit(out, error);
}

void smm_cli_describe(GOptionContext *context, const char *about)
{
    g_autofree char *text = g_strdup_printf(
        "%s\n\n%s\nExit status: 0 success, 1 bad or unreadable input, 2 bad command line.", about,
        smm_cli_direction_help);
    g_option_context_set_description(context, text);
}

/* GOption's own --help shows the main group only, and a command's options
 * are all in groups: users, the man page (help2man reads --help) and the
 * bash completion need every group, so --help, -h, -? and a cluster of
 * short options with h or ? in it (-qh) ask for --help-all, which GOption
 * prints to stdout before exiting 0. The scan does not know which options
 * take a value, so a value spelt like these (-o -h) asks for help too. */
static void help_means_all(int argc, char **argv)
{
    static char help_all[] = "--help-all";
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--") == 0)
            return;
        gboolean cluster = arg[0] == '-' && arg[1] != '-' && arg[1] != '\0';
        if (strcmp(arg, "--help") == 0 || (cluster && strpbrk(arg + 1, "h?") != NULL))
            argv[i] = help_all;
    }
}

gboolean smm_cli_parse(GOptionContext *context, int *argc, char ***argv, GError **error)
{
    help_means_all(*argc, *argv);
    GError *local = NULL;
    if (g_option_context_parse(context, argc, argv, &local))
        return TRUE;
    g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE, "%s", local->message);
    g_error_free(local);
    return FALSE;
}

void smm_cli_timing(const SmmCliCommon *c, const char *stage, double seconds)
{
    smm_cli_progress_end(); /* the stage is over: its progress line goes */
    double peak = (double)smm_peak_rss() / (1024.0 * 1024.0);
    g_autofree gchar *time_key = g_strdup_printf("%s_seconds", stage);
    g_autofree gchar *peak_key = g_strdup_printf("%s_peak_mib", stage);
    smm_result_note_real(smm_cli_notes(), time_key, round(seconds * 1e6) / 1e6);
    smm_result_note_real(smm_cli_notes(), peak_key, peak);
    if (c->timings)
        fprintf(stderr, SMM_NOTE_PREFIX "timing: %-12s %8.3f s, peak memory %.1f MiB\n", stage,
                seconds, peak);
}
