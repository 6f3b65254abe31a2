/* cmd_import.c - smmgraph import: follower CSV -> graph -> binary graph file.
 * Parses its options and wires the stages; the format is graph_file.c's. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "smm/core.h"
#include "smm/graph_file.h"
#include "smm/report.h"

typedef struct {
    SmmCliInput in;
    SmmCliCommon common;
    gchar *p_column;
} ImportOptions;

static GOptionContext *make_context(ImportOptions *o)
{
    GOptionEntry entries[] = {
        {"p-column", 0, 0, G_OPTION_ARG_STRING, &o->p_column,
         "Keep per-edge probabilities from this column (number or name), for --p-column later",
         "COL"},
        {NULL}};
    GOptionContext *context =
        g_option_context_new("FOLLOWERS.csv -o GRAPH.smmg - import a follower file once");
    g_option_context_set_summary(
        context,
        "Reads a follower CSV (plain, .gz, or - for stdin) with the options rank takes and\n"
        "writes it as a binary graph file: both directions of the follower graph, the\n"
        "account names and the import summary, checksummed. Every command takes the graph\n"
        "file where it takes a follower CSV, and maps it instead of parsing.");
    smm_cli_describe(context,
                     "The graph file is little-endian, versioned and checked when opened; a\n"
                     "damaged file is an error. Options that shape the graph (--reverse,\n"
                     "--undirected, --source, --target, --p-column) are given here, once.\n\n"
                     "Examples:\n"
                     "  smmgraph import twitter.csv.gz -o twitter.smmg\n"
                     "  smmgraph rank twitter.smmg --metrics followers,pagerank --top 100");
    smm_cli_add_command_options(context, "import", entries);
    smm_cli_add_input_options(context, &o->in);
    smm_cli_add_common_options(context, &o->common, SMM_CLI_GRAPH_FILE);
    return context;
}

gboolean smm_cmd_import(int argc, char **argv, GError **error)
{
    ImportOptions o = {0};
    GOptionContext *context = make_context(&o);
    gboolean ok = FALSE;
    SmmGraph *graph = NULL;
    SmmOutput *out = NULL;
    SmmImportSummary summary = {0};
    SmmFollowerImportOptions fo;

    if (!smm_cli_parse(context, &argc, &argv, error))
        goto done;
    if (!smm_cli_one_file("import", argc, argv, error))
        goto done;
    if (o.common.output == NULL || strcmp(o.common.output, "-") == 0) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "import writes a graph file: give its name with -o FILE (it is mapped "
                    "when read, so it cannot be a pipe)");
        goto done;
    }
    const SmmCliFile inputs[] = {{"the follower file", argv[1]}, {NULL}};
    if (!smm_cli_common_check(&o.common, error) ||
        !smm_cli_input_finish(&o.in, &o.common, &fo, error) ||
        !smm_cli_open_outputs(&o.common, inputs, NULL, error))
        goto done;
    if (smm_graph_file_sniff(argv[1])) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "%s is a graph file already; import reads a follower CSV",
                    smm_display_name(argv[1]));
        goto done;
    }
    fo.p_column = o.p_column;
    graph = smm_cli_read_graph(argv[1], &fo, &o.common, &summary, error);
    if (graph == NULL)
        goto done;
    smm_cli_import_summary(argv[1], &summary, graph, FALSE, o.common.quiet);

    double t = smm_now();
    out = smm_cli_output(o.common.output, error);
    if (out == NULL ||
        !smm_graph_file_write(graph, &summary, smm_output_file(out),
                              smm_display_name(o.common.output), (guint)o.common.threads, error))
        goto done;
    ok = smm_output_commit(g_steal_pointer(&out), error);
    smm_cli_timing(&o.common, "write", smm_now() - t);
    if (ok && !o.common.quiet)
        fprintf(stderr,
                SMM_NOTE_PREFIX "%s: graph file written: %u accounts, %" G_GUINT64_FORMAT " %s%s\n",
                smm_display_name(o.common.output), graph->n,
                graph->undirected ? graph->m / 2 : graph->m, graph->undirected ? "ties" : "follows",
                graph->out_p != NULL ? ", with their probabilities" : "");

done:
    smm_output_abort(out);
    smm_import_summary_clear(&summary);
    smm_graph_free(graph);
    smm_cli_input_clear(&o.in);
    smm_cli_common_clear(&o.common);
    g_free(o.p_column);
    g_option_context_free(context);
    return ok;
}
