/* input_options.c - the options every follower-reading command shares: the
 * follower file's columns, the CSV every input file is written in, what a
 * row means. */
#include <string.h>

#include "cli.h"
#include "smm/core.h"

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
        {"input-format", 0, 0, G_OPTION_ARG_STRING, &in->input_format,
         "Format of the follower file and the reshare log: auto (default: from the first "
         "line), csv, twarc (twarc2 pages, flattened tweets, followers pages), tweets-v1, "
         "jetstream (Bluesky), twarc-csv (twarc2 csv's tweets, a reshare log), nodexl (NodeXL's "
         "edge sheet as CSV) or gephi (Gephi's edge table, a follower file)",
         "F"},
        {NULL}};
    GOptionGroup *group =
        g_option_group_new("input", "Input options:", "Show the input options", NULL, NULL);
    g_option_group_add_entries(group, entries);
    g_option_context_add_group(context, group);
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
        g_autofree gchar *q = smm_quote_value(s, -1);
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "--delimiter must be one of , ; tab space (got %s)", q);
        return FALSE;
    }
    return TRUE;
}

void smm_cli_csv_options(const SmmCliInput *in, const SmmCliCommon *common, SmmHeaderMode header,
                         SmmCsvOptions *csv)
{
    memset(csv, 0, sizeof *csv);
    csv->header = header;
    csv->delimiter = in->delimiter_char;
    csv->encoding = in->encoding;
    csv->n_threads = (guint)MAX(common->threads, 1);
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

gboolean smm_cli_input_finish(SmmCliInput *in, const SmmCliCommon *common,
                              SmmFollowerImportOptions *o, GError **error)
{
    memset(o, 0, sizeof *o);
    if (in->header && in->no_header) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "--header and --no-header exclude each other");
        return FALSE;
    }
    if (!parse_delimiter(in->delimiter, &in->delimiter_char, error) ||
        !smm_cli_input_format(in, &o->format, error))
        return FALSE;
    smm_cli_csv_options(in, common, smm_cli_header_mode(in), &o->csv);
    o->source_column = in->source;
    o->target_column = in->target;
    o->reverse = in->reverse;
    o->undirected = in->undirected;
    return TRUE;
}

gboolean smm_cli_input_format(const SmmCliInput *in, SmmInputFormat *format, GError **error)
{
    *format = SMM_INPUT_AUTO;
    if (in->input_format == NULL || smm_input_format_parse(in->input_format, format))
        return TRUE;
    g_autofree gchar *q = smm_quote_value(in->input_format, -1);
    g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                "--input-format must be " SMM_INPUT_FORMAT_NAMES ", not %s", q);
    return FALSE;
}

void smm_cli_input_clear(SmmCliInput *in)
{
    g_free(in->input_format);
    g_free(in->source);
    g_free(in->target);
    g_free(in->delimiter);
    g_free(in->encoding);
}

gboolean smm_cli_one_file(const char *command, int argc, char **argv, GError **error)
{
    if (argc == 2)
        return TRUE;
    if (argc < 2)
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "%s needs a follower file (see smmgraph %s --help)", command, command);
    else {
        g_autofree gchar *q = smm_quote_value(argv[2], -1);
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE, "%s takes one follower file; unexpected %s",
                    command, q);
    }
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
