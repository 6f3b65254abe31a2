/* cmd_cascades.c - smmgraph cascades: follower file + reshare log ->
 * cascades -> propagation trees and their shape -> CSV (and tree edges). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "smm/core.h"
#include "smm/report.h"

typedef struct {
    SmmCliInput in;
    SmmCliReshare rs;
    gchar *attribution;
    gchar *edges;
    gchar *sort;
    SmmCliCommon common;
} CascadesOptions;

/* The reconstructed parents against the log's via: noted for --summary, and
 * a line on stderr unless quiet. */
static void via_summary(const SmmViaCheck *v, SmmAttribution how, guint64 reshares, gboolean quiet)
{
    SmmResult *notes = smm_cli_notes();
    smm_result_note_count(notes, "via_reshares", v->with_via);
    smm_result_note_count(notes, "via_agree", v->agree);
    smm_result_note_count(notes, "via_not_before", v->not_before);
    smm_result_note_count(notes, "via_not_followed", v->not_followed);
    smm_result_note_count(notes, "via_passed_over", v->passed_over);
    if (quiet)
        return;
    if (v->with_via == 0) {
        fprintf(stderr,
                SMM_NOTE_PREFIX "via check: none of the %" G_GUINT64_FORMAT
                                " reshares names the account it came through (via)\n",
                reshares);
        return;
    }
    fprintf(stderr,
            SMM_NOTE_PREFIX "via check: %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT
                            " reshares with via have the reconstructed parent (--attribution %s) "
                            "that via names (%.0f%%); %" G_GUINT64_FORMAT
                            " name an account that had not adopted the post before them, "
                            "%" G_GUINT64_FORMAT " an earlier adopter they do not follow, "
                            "%" G_GUINT64_FORMAT " an earlier followee the rule passed over\n",
            v->agree, v->with_via, how == SMM_ATTRIBUTION_LAST ? "last" : "first",
            100.0 * (double)v->agree / (double)v->with_via, v->not_before, v->not_followed,
            v->passed_over);
}

static GOptionContext *make_context(CascadesOptions *o)
{
    GOptionEntry entries[] = {
        {"attribution", 0, 0, G_OPTION_ARG_STRING, &o->attribution,
         "Parent of a reshare among the followees who had the post: last (default, the most "
         "recent) or first",
         "last|first"},
        {"edges", 0, 0, G_OPTION_ARG_FILENAME, &o->edges,
         "Also write the trees' edges to FILE: tweet_id,parent,child,delay_s, and via when "
         "the log has it (format by FILE's extension, else --format's)",
         "FILE"},
        {"sort", 0, 0, G_OPTION_ARG_STRING, &o->sort,
         "Sort by this column (default size); numbers descending, names ascending", "COLUMN"},
        {NULL}};
    GOptionContext *context =
        g_option_context_new("FOLLOWERS.csv RETWEETS.csv - reconstruct how each post spread");
    g_option_context_set_summary(
        context,
        "Rebuilds each post's propagation tree from who follows whom and who reshared it when:\n"
        "the parent of a reshare is, among the accounts the resharer follows that had the post\n"
        "before, the most recent (--attribution last) or earliest (first); with none, the\n"
        "author. One CSV row per post:\n"
        "tweet_id,author,size,depth,max_breadth,structural_virality,duration_s,t50_s,t90_s,\n"
        "peak_rate_per_h,top_amplifier");
    smm_cli_describe(context,
                     "The reshare log has a row per reshare: retweeter, author, post id, time\n"
                     "(columns found by header name, or 1-4). A row where the author reshares\n"
                     "their own post gives the post's time. Times are Unix seconds or ISO 8601\n"
                     "(no zone: UTC). When the log says through whose reshare each resharer\n"
                     "saw the post (a via column, Jetstream's record.via), stderr says how\n"
                     "often the reconstructed parent is that account.\n\n"
                     "Examples:\n"
                     "  smmgraph cascades followers.csv retweets.csv --top 20\n"
                     "  smmgraph cascades followers.csv retweets.csv --sort structural_virality "
                     "--edges trees.jsonl");
    smm_cli_add_command_options(context, "cascades", entries);
    smm_cli_add_input_options(context, &o->in);
    smm_cli_add_reshare_options(context, &o->rs);
    smm_cli_add_common_options(context, &o->common, SMM_CLI_TOP | SMM_CLI_FORMAT);
    return context;
}

gboolean smm_cmd_cascades(int argc, char **argv, GError **error)
{
    CascadesOptions o = {0};
    GOptionContext *context = make_context(&o);
    gboolean ok = FALSE;
    SmmReshareLog log = {0};
    SmmGraph *graph = NULL;
    SmmCascades *cs = NULL;
    SmmCascadeTrees trees = {0};
    g_autofree guint32 *order = NULL;
    SmmFollowerImportOptions fo;
    SmmReshareImportOptions ro;
    SmmAttribution how = SMM_ATTRIBUTION_LAST;
    SmmCascadeSort key = SMM_CASCADE_SORT_SIZE;

    if (!smm_cli_parse(context, &argc, &argv, error))
        goto done;
    if (argc != 3) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "cascades takes a follower file and a reshare log (see smmgraph cascades "
                    "--help)");
        goto done;
    }
    if (o.attribution != NULL && strcmp(o.attribution, "last") != 0) {
        if (strcmp(o.attribution, "first") != 0) {
            g_autofree gchar *q = smm_quote_value(o.attribution, -1);
            g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                        "--attribution must be last or first (got %s)", q);
            goto done;
        }
        how = SMM_ATTRIBUTION_FIRST;
    }
    if (o.sort != NULL) {
        if (!smm_cascade_sort_from_name(o.sort, &key)) {
            g_autofree gchar *q = smm_quote_value(o.sort, -1);
            g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                        "--sort: unknown column %s; choose from tweet_id, author, size, depth, "
                        "max_breadth, structural_virality, duration_s, t50_s, t90_s, "
                        "peak_rate_per_h, top_amplifier",
                        q);
            goto done;
        }
    }
    const SmmCliFile inputs[] = {
        {"the follower file", argv[1]}, {"the reshare log", argv[2]}, {NULL}};
    const SmmCliFile outputs[] = {{"--edges", o.edges}, {NULL}};
    if (!smm_cli_common_check(&o.common, error) ||
        !smm_cli_input_finish(&o.in, &o.common, &fo, error) ||
        !smm_cli_reshare_finish(&o.rs, &o.in, &o.common, &ro, error) ||
        !smm_cli_open_outputs(&o.common, inputs, outputs, error))
        goto done;
    ro.author = ro.item = ro.time = SMM_ROLE_USED;
    ro.via = SMM_ROLE_NAMED;

    SmmImportSummary summary;
    graph = smm_cli_read_graph(argv[1], &fo, &o.common, &summary, error);
    if (graph == NULL)
        goto done;
    gboolean loaded = smm_cli_read_log(argv[2], &ro, &o.common, graph, &log, error) &&
                      smm_cascades_check_log(&log, smm_cli_cascade_by(&o.rs, &log), error);
    if (loaded) {
        smm_cli_reshare_summary(argv[2], &log, o.common.quiet);
        smm_cli_import_summary(argv[1], &summary, graph, TRUE, o.common.quiet);
    }
    smm_import_summary_clear(&summary);
    if (!loaded)
        goto done;

    double t = smm_now();
    cs = smm_cascades_build(&log, smm_cli_cascade_by(&o.rs, &log), error);
    if (cs == NULL)
        goto done;
    smm_cli_cascades_summary(cs, o.rs.by_auto, o.common.quiet);
    smm_cascade_trees(cs, graph, how, (guint)o.common.threads, &trees);
    const SmmCascadeShape *shapes = trees.shapes;
    if (cs->via != NULL) {
        SmmViaCheck via;
        smm_cascade_via_check(cs, graph, &trees, &via);
        guint64 reshares = 0;
        for (guint32 c = 0; c < cs->n; c++)
            reshares += smm_cascade_size(cs, c) - 1;
        via_summary(&via, how, reshares, o.common.quiet);
    }
    smm_cli_timing(&o.common, "trees", smm_now() - t);

    guint n_threads = (guint)MAX(o.common.threads, 1);
    order = smm_cascade_order(cs, shapes, graph->names, log.items, key, n_threads);
    guint32 count = smm_cli_output_rows(&o.common, cs->n);

    if (o.edges != NULL) {
        /* the --edges file's format: by its own name, else --format's */
        SmmFormat format;
        if (!smm_format_from_path(o.edges, &format))
            format = o.common.format;
        SmmResult edges;
        smm_cascade_edges_table(cs, trees.parent, trees.node_off, order, count, graph->names,
                                log.items, &edges);
        if (!smm_cli_write_table(o.edges, &edges, format,
                                 smm_cli_report_options(&o.common, graph->names), n_threads, error))
            goto done;
    }
    SmmResult table;
    smm_cascade_result_table(cs, graph->names, log.items, shapes, order, count, &table);
    ok = smm_cli_write_table(o.common.output, &table, o.common.format,
                             smm_cli_report_options(&o.common, graph->names), n_threads, error);

done:
    smm_cascade_trees_clear(&trees);
    smm_cascades_free(cs);
    smm_reshare_log_clear(&log);
    smm_graph_free(graph);
    smm_cli_input_clear(&o.in);
    smm_cli_reshare_clear(&o.rs);
    g_free(o.attribution);
    g_free(o.edges);
    g_free(o.sort);
    smm_cli_common_clear(&o.common);
    g_option_context_free(context);
    return ok;
}
