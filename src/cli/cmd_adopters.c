/* cmd_adopters.c - smmgraph adopters: reshare (or adoption) log -> cascades
 * -> each account's position in them, Rogers' category, and (with the
 * follower graph) how many of its followers came after it -> CSV. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "smm/core.h"
#include "smm/report.h"

typedef struct {
    SmmCliInput in;
    SmmCliReshare rs;
    gchar *followers;
    gint64 min_cascades;
    SmmCliCommon common;
} AdoptersOptions;

static GOptionContext *make_context(AdoptersOptions *o)
{
    GOptionEntry entries[] = {
        {"followers", 'f', 0, G_OPTION_ARG_FILENAME, &o->followers,
         "Follower file: adds `led`, how many of the account's followers adopted after it", "FILE"},
        {"min-cascades", 0, 0, G_OPTION_ARG_INT64, &o->min_cascades,
         "Leave out accounts with fewer adoptions (default 3)", "N"},
        {NULL}};
    GOptionContext *context =
        g_option_context_new("RETWEETS.csv - who adopts early, and who follows them");
    g_option_context_set_summary(
        context,
        "For each account, over the posts (or URLs, hashtags) it adopted: how many, its\n"
        "median position in their adoption order (the k-th of N adopters is at 100 k/N\n"
        "percent), its category after Rogers (innovator <= 2.5%, early_adopter <= 16%,\n"
        "early_majority <= 50%, late_majority <= 84%, laggard), the share of its adoptions\n"
        "in the first 16%, and with --followers how many of its followers adopted the\n"
        "same post after it. Columns:\n"
        "rank,account,cascades,median_percentile,category,early_score[,led]");
    smm_cli_describe(
        context, "The log needs an account, a post id (or --cascade-by author|topic) and a time\n"
                 "per row; an adoption log of account,item,time is enough. Rows are ranked by\n"
                 "early_score, then led, then cascades.\n\n"
                 "Examples:\n"
                 "  smmgraph adopters retweets.csv --min-cascades 3 --top 50\n"
                 "  smmgraph adopters retweets.csv --followers followers.csv --format json");
    smm_cli_add_command_options(context, "adopters", entries);
    smm_cli_add_input_options(context, &o->in);
    smm_cli_add_reshare_options(context, &o->rs);
    smm_cli_add_common_options(context, &o->common, SMM_CLI_TOP | SMM_CLI_FORMAT);
    return context;
}

gboolean smm_cmd_adopters(int argc, char **argv, GError **error)
{
    AdoptersOptions o = {.min_cascades = 3};
    GOptionContext *context = make_context(&o);
    gboolean ok = FALSE;
    g_autoptr(SmmNames) own_names = NULL;
    SmmReshareLog log = {0};
    SmmGraph *graph = NULL;
    SmmCascades *cs = NULL;
    SmmAdopters *ad = NULL;
    g_autofree guint32 *order = NULL;
    SmmFollowerImportOptions fo;
    SmmReshareImportOptions ro;

    if (!smm_cli_parse(context, &argc, &argv, error))
        goto done;
    if (argc != 2) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "adopters takes one reshare log (see smmgraph adopters --help)");
        goto done;
    }
    if (o.min_cascades < 1 || o.min_cascades > G_MAXUINT32) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE, "--min-cascades must be between 1 and %u",
                    G_MAXUINT32);
        goto done;
    }
    const SmmCliFile inputs[] = {
        {"the reshare log", argv[1]}, {"--followers", o.followers}, {NULL}};
    if (!smm_cli_common_check(&o.common, error) ||
        !smm_cli_input_finish(&o.in, &o.common, &fo, error) ||
        !smm_cli_reshare_finish(&o.rs, &o.in, &o.common, &ro, error) ||
        !smm_cli_open_outputs(&o.common, inputs, NULL, error))
        goto done;
    /* An adoption log is account,item,time: an author column only by name
     * (then an author's own row is the post, not an adoption). */
    ro.item = ro.time = SMM_ROLE_USED;
    ro.author = SMM_ROLE_NAMED;

    const SmmNames *names;
    gboolean loaded;
    double t;
    if (o.followers != NULL) {
        SmmImportSummary summary;
        graph = smm_cli_read_graph(o.followers, &fo, &o.common, &summary, error);
        if (graph == NULL)
            goto done;
        loaded = smm_cli_read_log(argv[1], &ro, &o.common, graph, &log, error) &&
                 smm_cascades_check_log(&log, smm_cli_cascade_by(&o.rs, &log), error);
        if (loaded) {
            smm_cli_reshare_summary(argv[1], &log, o.common.quiet);
            smm_cli_import_summary(o.followers, &summary, graph, TRUE, o.common.quiet);
        }
        smm_import_summary_clear(&summary);
        names = graph->names;
    } else {
        own_names = smm_names_new();
        t = smm_now();
        loaded = (smm_import_reshares(argv[1], &ro, own_names, &log, error) ||
                  smm_cli_setting_error(error)) &&
                 smm_cascades_check_log(&log, smm_cli_cascade_by(&o.rs, &log), error);
        smm_cli_timing(&o.common, "log import", smm_now() - t);
        if (loaded)
            smm_cli_reshare_summary(argv[1], &log, o.common.quiet);
        names = own_names;
    }
    if (!loaded)
        goto done;

    t = smm_now();
    cs = smm_cascades_build(&log, smm_cli_cascade_by(&o.rs, &log), error);
    if (cs == NULL)
        goto done;
    smm_cli_cascades_summary(cs, o.rs.by_auto, o.common.quiet);
    ad = smm_adopters_compute(cs, graph, smm_names_count(names));
    guint32 count;
    order = smm_adopters_order(ad, names, (guint64)o.min_cascades, (guint)MAX(o.common.threads, 1),
                               &count);
    if (!o.common.quiet)
        fprintf(stderr,
                SMM_NOTE_PREFIX "adopters: %u accounts adopted at least %" G_GINT64_FORMAT
                                " times (--min-cascades)\n",
                count, o.min_cascades);
    count = smm_cli_output_rows(&o.common, count);
    smm_cli_timing(&o.common, "adopters", smm_now() - t);

    SmmResult table;
    smm_adopters_result_table(ad, ad->n, names, order, count, &table);
    ok = smm_cli_write_table(o.common.output, &table, o.common.format,
                             smm_cli_report_options(&o.common, names), (guint)o.common.threads,
                             error);

done:
    smm_adopters_free(ad);
    smm_cascades_free(cs);
    smm_reshare_log_clear(&log);
    smm_graph_free(graph);
    smm_cli_input_clear(&o.in);
    smm_cli_reshare_clear(&o.rs);
    g_free(o.followers);
    smm_cli_common_clear(&o.common);
    g_option_context_free(context);
    return ok;
}
