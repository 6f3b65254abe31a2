/* cmd_simulate.c - smmgraph simulate: follower file -> model -> forward
 * Monte Carlo from given accounts -> how many are reached. An independent
 * check of `seeds` and `rank`, which estimate the same from RR sets. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "smm/core.h"
#include "smm/report.h"
#include "smm/seeds.h"

/* 400 MB of runs' results; the mean's interval is then 1/10000 of the
 * standard deviation. */
#define MAX_RUNS 100000000u

typedef struct {
    SmmCliInput in;
    SmmCliReshare rs;
    SmmCliModel model;
    SmmCliCommon common;
    gchar *from;
    gchar *steps;
    gint64 runs;
} SimulateOptions;

static GOptionContext *make_context(SimulateOptions *o)
{
    GOptionEntry entries[] = {
        {"from", 0, 0, G_OPTION_ARG_FILENAME, &o->from,
         "Start from the accounts in FILE (a list, or a CSV like seeds' output: the account "
         "column is found by name)",
         "FILE"},
        {"runs", 0, 0, G_OPTION_ARG_INT64, &o->runs, "Simulated cascades (10000)", "N"},
        {"steps", 0, 0, G_OPTION_ARG_FILENAME, &o->steps,
         "Also write the mean accounts newly reached at each step to FILE "
         "(step,mean_new,mean_reached; format by FILE's extension, else --format's)",
         "FILE"},
        {NULL}};
    GOptionContext *context = g_option_context_new(
        "FOLLOWERS.csv ACCOUNT... - simulate cascades from the given accounts");
    g_option_context_set_summary(
        context,
        "Forward Monte Carlo of the model from the given accounts (or --from FILE): posts\n"
        "spread from followee to follower. Writes seeds,runs,mean,std,mean_ci95,p5,p50,p95\n"
        "of the number of accounts reached, the starting accounts included.");
    smm_cli_describe(context,
                     "Percentiles are nearest-rank; mean_ci95 is the half-width of the 95%\n"
                     "interval of the mean. Run r draws from the stream (--seed, r), so the\n"
                     "numbers do not depend on --threads.\n\n"
                     "Examples:\n"
                     "  smmgraph simulate followers.csv alice bob --runs 100000\n"
                     "  smmgraph simulate followers.csv --from seeds.csv --steps steps.csv");
    smm_cli_add_command_options(context, "simulate", entries);
    smm_cli_add_input_options(context, &o->in);
    smm_cli_add_model_options(context, &o->model);
    smm_cli_add_reshare_options(context, &o->rs);
    smm_cli_add_common_options(context, &o->common, SMM_CLI_FORMAT | SMM_CLI_SEED);
    return context;
}

/* The starting accounts, from the command line or --from; each must be an
 * account of the graph. */
static gboolean starting_accounts(SimulateOptions *o, int argc, char **argv, const SmmGraph *g,
                                  GArray *seeds, GError **error)
{
    for (int i = 2; i < argc; i++) {
        guint32 id;
        if (!smm_names_lookup(g->names, argv[i], (guint32)strlen(argv[i]), &id)) {
            g_autofree gchar *q = smm_cli_quote_account(&o->common, argv[i]);
            g_set_error(error, SMM_ERROR, SMM_ERROR_DATA, "account %s is not in the follower graph",
                        q);
            return FALSE;
        }
        g_array_append_val(seeds, id);
    }
    if (o->from != NULL) {
        SmmCsvOptions csv;
        smm_cli_csv_options(&o->in, &o->common, SMM_HEADER_AUTO, &csv);
        /* seeds' own report (rank,account,...) names its column "account" */
        SmmAccountList list;
        if (!smm_import_account_list(o->from, &csv, g->names, NULL, &list, error))
            return smm_cli_setting_error(error);
        if (list.unknown > 0) {
            g_autofree gchar *q = smm_cli_quote_account(&o->common, list.first_unknown);
            g_set_error(error, SMM_ERROR, SMM_ERROR_DATA,
                        "%s: %" G_GUINT64_FORMAT " accounts are not in the follower graph "
                        "(the first: %s)",
                        smm_display_name(o->from), list.unknown, q);
            smm_account_list_clear(&list);
            return FALSE;
        }
        g_array_append_vals(seeds, list.ids->data, list.ids->len);
        smm_account_list_clear(&list);
    }
    if (seeds->len == 0) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "simulate needs at least one account to start from (or --from FILE)");
        return FALSE;
    }
    return TRUE;
}

gboolean smm_cmd_simulate(int argc, char **argv, GError **error)
{
    SimulateOptions o = {.model = {.p = NAN}, .runs = 10000};
    GOptionContext *context = make_context(&o);
    gboolean ok = FALSE;
    SmmCliData data = {0};
    SmmSimulateResult result = {0};
    g_autoptr(GArray) seeds = g_array_new(FALSE, FALSE, sizeof(guint32));
    SmmFollowerImportOptions import;
    SmmModel model;

    if (!smm_cli_parse(context, &argc, &argv, error))
        goto done;
    if (argc < 2) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "simulate takes a follower file and accounts to start from (see smmgraph "
                    "simulate --help)");
        goto done;
    }
    if (argc < 3 && o.from == NULL) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "simulate needs at least one account to start from (or --from FILE)");
        goto done;
    }
    if (!smm_cli_common_check(&o.common, error))
        goto done;
    /* Every run's reach is kept for the percentiles: 4 bytes a run. */
    if (o.runs < 1 || o.runs > MAX_RUNS) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE, "--runs must be between 1 and %u", MAX_RUNS);
        goto done;
    }
    if (o.common.seed < 0) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "--seed must be between 0 and %" G_GINT64_FORMAT, G_MAXINT64);
        goto done;
    }
    const SmmCliFile inputs[] = {
        {"the follower file", argv[1]}, {"--retweets", o.model.log}, {"--from", o.from}, {NULL}};
    const SmmCliFile outputs[] = {{"--steps", o.steps}, {NULL}};
    if (!smm_cli_input_finish(&o.in, &o.common, &import, error) ||
        !smm_cli_model_check(&o.model, error) ||
        !smm_cli_open_outputs(&o.common, inputs, outputs, error) ||
        !smm_cli_load(argv[1], &import, &o.model, &o.rs, &o.in, &o.common, SMM_ROLE_USED, &data,
                      error) ||
        !smm_cli_model_finish(&o.model, &data, &o.rs, &o.common, &model, error) ||
        !starting_accounts(&o, argc, argv, data.graph, seeds, error))
        goto done;
    double t = smm_now();
    SmmSimulateOptions so = {.runs = (guint64)o.runs,
                             .seed = (guint64)o.common.seed,
                             .n_threads = (guint)o.common.threads,
                             .progress = smm_cli_progress()};
    if (!smm_simulate(data.graph, &model, (const guint32 *)(void *)seeds->data, seeds->len, &so,
                      &result, error))
        goto done;
    smm_cli_timing(&o.common, "simulate", smm_now() - t);
    if (o.steps != NULL) {
        /* the --steps file's format: by its own name, else --format's */
        SmmFormat format;
        if (!smm_format_from_path(o.steps, &format))
            format = o.common.format;
        SmmResult steps;
        smm_simulate_steps_table(&result, &steps);
        if (!smm_cli_write_table(o.steps, &steps, format,
                                 smm_cli_report_options(&o.common, data.graph->names), 1, error))
            goto done;
    }
    SmmResult summary;
    smm_simulate_result_table(&result, seeds->len, (guint64)o.runs, &summary);
    ok = smm_cli_write_table(o.common.output, &summary, o.common.format,
                             smm_cli_report_options(&o.common, data.graph->names), 1, error);

done:
    smm_simulate_result_clear(&result);
    smm_cli_data_clear(&data);
    smm_cli_input_clear(&o.in);
    smm_cli_reshare_clear(&o.rs);
    smm_cli_model_clear(&o.model);
    smm_cli_common_clear(&o.common);
    g_free(o.from);
    g_free(o.steps);
    g_option_context_free(context);
    return ok;
}
