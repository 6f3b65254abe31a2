/* input_options.c - the options every follower-reading command shares, and
 * --timings. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "smm/core.h"
#include "smm/parallel.h"

const char smm_cli_direction_help[] =
    "Edge direction: a row \"A,B\" means A follows B (follower, followee). Influence\n"
    "flows the other way: B's posts reach A. For exports written followee-first\n"
    "(rows that say who influences whom) use --reverse; for friend or contact\n"
    "networks where a row is a mutual tie use --undirected.\n";

void smm_cli_add_input_options(GOptionContext *context, SmmCliInput *in)
{
    GOptionEntry entries[] = {
        {"source", 0, 0, G_OPTION_ARG_STRING, &in->source,
         "Follower column: 1-based number or header name (default 1)", "COL"},
        {"target", 0, 0, G_OPTION_ARG_STRING, &in->target,
         "Followee column: 1-based number or header name (default 2)", "COL"},
        {"header", 0, 0, G_OPTION_ARG_NONE, &in->header,
         "Row 1 is a header, in the follower file and the reshare log (default: detect; "
         "account lists always detect)",
         NULL},
        {"no-header", 0, 0, G_OPTION_ARG_NONE, &in->no_header,
         "Row 1 is data, in the follower file and the reshare log", NULL},
        {"delimiter", 0, 0, G_OPTION_ARG_STRING, &in->delimiter,
         "Field delimiter of every input file: , ; tab or space (default: detect)", "D"},
        {"encoding", 0, 0, G_OPTION_ARG_STRING, &in->encoding,
         "Text encoding of every input file, e.g. windows-1252 (default UTF-8)", "ENC"},
        {"reverse", 0, 0, G_OPTION_ARG_NONE, &in->reverse,
         "Rows are followee,follower (who influences whom)", NULL},
        {"undirected", 0, 0, G_OPTION_ARG_NONE, &in->undirected,
         "Rows are mutual ties (friends, contacts)", NULL},
        {"threads", 0, 0, G_OPTION_ARG_INT, &in->threads,
         "Worker threads (default: all processors); results do not depend on it", "N"},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &in->quiet, "No summary lines on stderr", NULL},
        {"timings", 0, 0, G_OPTION_ARG_NONE, &in->timings,
         "Print each stage's wall time and peak memory on stderr", NULL},
        {"progress", 0, 0, G_OPTION_ARG_STRING, &in->progress,
         "Show how far long work is on stderr: auto (when stderr is a terminal), always (a "
         "line a second, for logs) or never (default auto; --quiet: never)",
         "WHEN"},
        {"summary", 0, 0, G_OPTION_ARG_FILENAME, &in->summary,
         "Also write the run's facts (counts, iterations, samples, guarantees, each stage's "
         "time and peak memory) to FILE as one JSON object",
         "FILE"},
        {NULL}};
    g_option_context_add_main_entries(context, entries, NULL);
}

void smm_cli_add_output_options(GOptionContext *context, SmmCliOutput *out, SmmCliOutputFlags flags)
{
    GOptionEntry all[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out->path,
         "Write the report to FILE, whole or not at all (default: stdout)", "FILE"},
        {"top", 0, 0, G_OPTION_ARG_INT64, &out->top, "Keep the first N rows (default: all)", "N"},
        {"format", 0, 0, G_OPTION_ARG_STRING, &out->format_name,
         "csv, tsv, json (one array) or jsonl (an object a line); default: by -o's "
         "extension, else csv",
         "FMT"},
        {NULL}};
    GOptionEntry entries[G_N_ELEMENTS(all)];
    guint n = 0;
    entries[n++] = all[0];
    if (flags & SMM_CLI_OUTPUT_TOP)
        entries[n++] = all[1];
    if (flags & SMM_CLI_OUTPUT_FORMAT)
        entries[n++] = all[2];
    entries[n] = (GOptionEntry){NULL};
    g_option_context_add_main_entries(context, entries, NULL);
}

gboolean smm_cli_output_check(SmmCliOutput *out, GError **error)
{
    if (out->top < 0 || out->top > G_MAXUINT32) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE, "--top must be a non-negative number");
        return FALSE;
    }
    if (out->format_name != NULL) {
        if (!smm_format_from_name(out->format_name, &out->format)) {
            g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                        "--format must be csv, tsv, json or jsonl, not '%s'", out->format_name);
            return FALSE;
        }
    } else if (!smm_format_from_path(out->path, &out->format)) {
        out->format = SMM_FORMAT_CSV;
    }
    return TRUE;
}

gboolean smm_cli_write_table(const char *path, SmmResult *table, SmmFormat format, guint n_threads,
                             GError **error)
{
    SmmOutput *out = smm_output_open(path, error);
    gboolean ok = out != NULL &&
                  smm_report_write(table, format, smm_output_file(out), MAX(n_threads, 1), error);
    smm_result_clear(table);
    if (!ok) {
        smm_output_abort(out);
        return FALSE;
    }
    return smm_output_commit(out, error);
}

guint32 smm_cli_output_rows(const SmmCliOutput *out, guint32 available)
{
    return out->top > 0 ? (guint32)MIN((guint64)out->top, available) : available;
}

void smm_cli_output_clear(SmmCliOutput *out)
{
    g_free(out->path);
    g_free(out->format_name);
}

void smm_cli_describe(GOptionContext *context, const char *about)
{
    g_autofree char *text = g_strdup_printf(
        "%s\n\n%s\nExit status: 0 success, 1 bad or unreadable input, 2 bad command line.", about,
        smm_cli_direction_help);
    g_option_context_set_description(context, text);
}

static gboolean parse_delimiter(const char *s, char *out, GError **error)
{
    if (s == NULL || g_ascii_strcasecmp(s, "auto") == 0)
        *out = 0;
    else if (strcmp(s, ",") == 0 || g_ascii_strcasecmp(s, "comma") == 0)
        *out = ',';
    else if (strcmp(s, ";") == 0 || g_ascii_strcasecmp(s, "semicolon") == 0)
        *out = ';';
    else if (strcmp(s, "\t") == 0 || strcmp(s, "\\t") == 0 || g_ascii_strcasecmp(s, "tab") == 0)
        *out = '\t';
    else if (strcmp(s, " ") == 0 || g_ascii_strcasecmp(s, "space") == 0)
        *out = ' ';
    else {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "--delimiter must be one of , ; tab space (got '%s')", s);
        return FALSE;
    }
    return TRUE;
}

void smm_cli_csv_options(const SmmCliInput *in, SmmHeaderMode header, SmmCsvOptions *csv)
{
    memset(csv, 0, sizeof *csv);
    csv->header = header;
    if (!parse_delimiter(in->delimiter, &csv->delimiter, NULL))
        csv->delimiter = 0; /* smm_cli_input_finish refused it already */
    csv->encoding = in->encoding;
    csv->n_threads = (guint)MAX(in->threads, 1);
    csv->progress = smm_cli_progress();
    smm_cli_csv_test_switches(csv);
}

SmmHeaderMode smm_cli_header_mode(const SmmCliInput *in)
{
    return in->header ? SMM_HEADER_YES : in->no_header ? SMM_HEADER_NO : SMM_HEADER_AUTO;
}

void smm_cli_csv_test_switches(SmmCsvOptions *csv)
{
    /* Test switches, not options: the suite reads the same inputs through
     * both tokenizers and with chunk boundaries anywhere. */
    csv->parser = g_strcmp0(g_getenv("SMM_CSV_PARSER"), "libcsv") == 0 ? SMM_CSV_PARSER_LIBCSV
                                                                       : SMM_CSV_PARSER_AUTO;
    const char *piece = g_getenv("SMM_CSV_PIECE");
    csv->piece_bytes = piece != NULL ? (guint)g_ascii_strtoull(piece, NULL, 10) : 0;
}

gboolean smm_cli_input_finish(SmmCliInput *in, SmmFollowerImportOptions *o, GError **error)
{
    memset(o, 0, sizeof *o);
    if (in->header && in->no_header) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "--header and --no-header exclude each other");
        return FALSE;
    }
    if (in->threads < 0) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE, "--threads must be at least 1");
        return FALSE;
    }
    if (in->threads == 0)
        in->threads = (gint)smm_default_threads();
    char delimiter;
    if (!parse_delimiter(in->delimiter, &delimiter, error) ||
        !smm_cli_progress_start(in->progress, in->quiet, error))
        return FALSE;
    smm_cli_csv_options(in, smm_cli_header_mode(in), &o->csv);
    o->source_column = in->source;
    o->target_column = in->target;
    o->reverse = in->reverse;
    o->undirected = in->undirected;
    if (in->summary != NULL)
        smm_cli_summary_to(in->summary);
    return TRUE;
}

void smm_cli_input_clear(SmmCliInput *in)
{
    g_free(in->source);
    g_free(in->target);
    g_free(in->delimiter);
    g_free(in->encoding);
    g_free(in->summary);
    g_free(in->progress);
}

gboolean smm_cli_one_file(const char *command, int argc, char **argv, GError **error)
{
    if (argc == 2)
        return TRUE;
    if (argc < 2)
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "%s needs a follower file (see smmgraph %s --help)", command, command);
    else
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "%s takes one follower file; unexpected '%s'", command, argv[2]);
    return FALSE;
}

gboolean smm_cli_setting_error(GError **error)
{
    if (error != NULL && *error != NULL && g_error_matches(*error, SMM_ERROR, SMM_ERROR_INVALID))
        (*error)->code = SMM_ERROR_USAGE;
    return FALSE;
}

gboolean smm_cli_hint(GError **error, const char *hint)
{
    if (error != NULL && *error != NULL) {
        gchar *message = g_strdup_printf("%s; %s", (*error)->message, hint);
        g_free((*error)->message);
        (*error)->message = message;
    }
    return FALSE;
}

gboolean smm_cli_parse(GOptionContext *context, int *argc, char ***argv, GError **error)
{
    GError *local = NULL;
    if (g_option_context_parse(context, argc, argv, &local))
        return TRUE;
    g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE, "%s", local->message);
    g_error_free(local);
    return FALSE;
}

void smm_cli_timing(const SmmCliInput *in, const char *stage, double seconds)
{
    smm_cli_progress_end(); /* the stage is over: its progress line goes */
    double peak = (double)smm_peak_rss() / (1024.0 * 1024.0);
    g_autofree gchar *time_key = g_strdup_printf("%s_seconds", stage);
    g_autofree gchar *peak_key = g_strdup_printf("%s_peak_mib", stage);
    smm_result_note_real(smm_cli_notes(), time_key, round(seconds * 1e6) / 1e6);
    smm_result_note_real(smm_cli_notes(), peak_key, peak);
    if (in->timings)
        fprintf(stderr, SMM_NOTE_PREFIX "timing: %-12s %8.3f s, peak memory %.1f MiB\n", stage,
                seconds, peak);
}
