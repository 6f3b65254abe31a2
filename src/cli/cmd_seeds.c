/* cmd_seeds.c - smmgraph seeds: follower file (and reshare log) -> model ->
 * OPIM-C or IMM on RR sets -> the seed set, its spread, its guarantee. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "smm/core.h"
#include "smm/report.h"
#include "smm/seeds.h"

/* The pools' RR sets grow as 1/epsilon^2 and about linearly in ell: at
 * epsilon 0.01 IMM needs 100 times the sets of the default 0.1, and on a
 * million accounts that is near the 2^32 a pool holds; at ell 10 (failure
 * probability 1/n^10) up to 10 times the default's. */
#define MIN_EPSILON 0.01
#define MAX_ELL 10.0
/* Prices add up in doubles, exact in whole units far beyond this. */
#define MAX_BUDGET 1e15

typedef struct {
    SmmCliInput in;
    SmmCliReshare rs;
    SmmCliModel model;
    SmmCliCommon common;
    gint64 k;
    gdouble epsilon, ell, time_limit, budget;
    gchar *algorithm;
    gchar *exclude, *candidates, *cost;
} SeedsOptions;

static GOptionContext *make_context(SeedsOptions *o)
{
    GOptionEntry entries[] = {
        {"k", 'k', 0, G_OPTION_ARG_INT64, &o->k, "How many seed accounts to choose", "K"},
        {"epsilon", 0, 0, G_OPTION_ARG_DOUBLE, &o->epsilon,
         "Approximation slack: the seeds reach at least 1 - 1/e - epsilon of the best (0.1)", "E"},
        {"ell", 0, 0, G_OPTION_ARG_DOUBLE, &o->ell,
         "The guarantee holds with probability at least 1 - 1/n^ell (1)", "L"},
        {"time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &o->time_limit,
         "Stop sampling after about this many seconds and report the ratio proven so far",
         "SECONDS"},
        {"algorithm", 0, 0, G_OPTION_ARG_STRING, &o->algorithm,
         "imm (default: Tang et al. 2015 with Chen's 2018 correction) or opim-c (the same "
         "guarantee certified online from far fewer RR sets, usually with a somewhat lower "
         "spread; used for --time-limit and --budget)",
         "NAME"},
        {"exclude", 0, 0, G_OPTION_ARG_FILENAME, &o->exclude,
         "Accounts that may not be chosen (a CSV or a list, one per line)", "FILE"},
        {"candidates", 0, 0, G_OPTION_ARG_FILENAME, &o->candidates,
         "Choose only among these accounts", "FILE"},
        {"cost", 0, 0, G_OPTION_ARG_FILENAME, &o->cost,
         "Account prices: account,cost rows; with --budget instead of -k", "FILE"},
        {"budget", 0, 0, G_OPTION_ARG_DOUBLE, &o->budget,
         "Spend at most this on seeds (accounts without a price are not chosen)", "B"},
        {NULL}};
    GOptionContext *context = g_option_context_new(
        "FOLLOWERS.csv -k K - choose the K accounts that together reach the most");
    g_option_context_set_summary(
        context,
        "Influence maximization (Kempe, Kleinberg, Tardos 2003) on reverse-reachable sets:\n"
        "the K seeds whose posts together reach the most accounts in expectation, with a\n"
        "guarantee of 1 - 1/e - epsilon of the best possible with probability 1 - 1/n^ell.\n"
        "Writes rank,account,followers,marginal_gain,spread (spread: the expected reach of\n"
        "the first `rank` seeds) and the final spread with its 95% interval on stderr.");
    smm_cli_describe(
        context, "--cost FILE --budget B maximises reach within a budget instead: the better\n"
                 "of cost-effective greedy and the best single affordable account, at least\n"
                 "(1 - 1/e)/2 - epsilon of the best affordable set; stderr gives the ratio\n"
                 "certified for the result.\n\n"
                 "Examples:\n"
                 "  smmgraph seeds graphs/higgs-followers.csv.gz -k 10\n"
                 "  smmgraph seeds followers.csv -k 20 --exclude competitors.csv -o seeds.csv\n"
                 "  smmgraph seeds followers.csv --cost prices.csv --budget 5000 --format json");
    smm_cli_add_command_options(context, "seeds", entries);
    smm_cli_add_input_options(context, &o->in);
    smm_cli_add_model_options(context, &o->model);
    smm_cli_add_reshare_options(context, &o->rs);
    smm_cli_add_common_options(context, &o->common, SMM_CLI_FORMAT | SMM_CLI_SEED);
    return context;
}

static gboolean check_options(SeedsOptions *o, SmmSeedOptions *so, GError **error)
{
#define USAGE(...) (g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE, __VA_ARGS__), FALSE)
    gboolean by_budget = o->cost != NULL || !isnan(o->budget);
    if (by_budget && (o->cost == NULL || isnan(o->budget)))
        return USAGE("--cost and --budget go together");
    if (by_budget && o->k != 0)
        return USAGE("give -k, or --cost with --budget, not both");
    if (!by_budget && (o->k < 1 || o->k > G_MAXUINT32))
        return USAGE("seeds needs -k K, between 1 and %u, or --cost FILE with --budget B",
                     G_MAXUINT32);
    if (by_budget && !(o->budget > 0 && o->budget <= MAX_BUDGET))
        return USAGE("--budget must be positive and at most %g", MAX_BUDGET);
    if (!(o->epsilon >= MIN_EPSILON && o->epsilon < 1))
        return USAGE("--epsilon must be at least %g and below 1 (the RR sets needed grow as "
                     "1/epsilon^2)",
                     MIN_EPSILON);
    if (!(o->ell > 0 && o->ell <= MAX_ELL))
        return USAGE("--ell must be above 0 and at most %g (the RR sets needed grow with it)",
                     MAX_ELL);
    if (!(o->time_limit >= 0 && o->time_limit <= SMM_CLI_MAX_SECONDS))
        return USAGE("--time-limit must be between 0 (none) and %.0f seconds (a week)",
                     SMM_CLI_MAX_SECONDS);
    if (o->common.seed < 0)
        return USAGE("--seed must be between 0 and %" G_GINT64_FORMAT, G_MAXINT64);
    memset(so, 0, sizeof *so);
    if (!smm_seed_algorithm(o->algorithm, by_budget, o->time_limit, &so->algorithm, error)) {
        g_prefix_error(error, "--algorithm: ");
        if (by_budget || o->time_limit > 0)
            smm_cli_hint(error, "give --algorithm opim-c, or drop --budget and --time-limit");
        return smm_cli_setting_error(error);
    }
    so->rules.k = (guint32)o->k;
    so->rules.budget = o->budget;
    so->epsilon = o->epsilon;
    so->ell = o->ell;
    so->time_limit = o->time_limit;
    so->seed = (guint64)o->common.seed;
    so->n_threads = (guint)o->common.threads;
    so->progress = smm_cli_progress();
    return smm_cli_model_check(&o->model, error);
#undef USAGE
}

/* Reads an account list; reports accounts it names that the graph lacks. */
static gboolean read_list(const char *option, const char *path, const SmmCliInput *in,
                          const SmmCliCommon *common, const SmmGraph *g, const char *value_what,
                          SmmAccountList *list, GError **error)
{
    SmmCsvOptions csv;
    /* the follower file's header choice is not this file's */
    smm_cli_csv_options(in, common, SMM_HEADER_AUTO, &csv);
    if (!smm_import_account_list(path, &csv, g->names, value_what, list, error))
        return smm_cli_setting_error(error);
    if (!common->quiet && list->unknown > 0) {
        g_autofree gchar *q = smm_cli_quote_account(common, list->first_unknown);
        fprintf(stderr,
                SMM_NOTE_PREFIX "%s %s: %" G_GUINT64_FORMAT " accounts are not in the follower "
                                "graph and were ignored (the first: %s)\n",
                option, smm_display_name(path), list->unknown, q);
    }
    return TRUE;
}

/* Reads the campaign's lists; the rules are the seeds stage's. */
static gboolean build_rules(SeedsOptions *o, const SmmGraph *g, SmmSeedOptions *so,
                            guint8 **allowed, double **cost, GError **error)
{
    SmmAccountList lists[3] = {{0}};
    const char *options[3] = {"--candidates", "--cost", "--exclude"};
    const char *paths[3] = {o->candidates, o->cost, o->exclude};
    gboolean ok = TRUE;
    for (guint i = 0; i < 3 && ok; i++)
        if (paths[i] != NULL)
            ok = read_list(options[i], paths[i], &o->in, &o->common, g,
                           i == 1 ? "cost column" : NULL, &lists[i], error);
    if (ok) {
        smm_seed_rules_build(g->n, paths[0] != NULL ? &lists[0] : NULL,
                             paths[1] != NULL ? &lists[1] : NULL,
                             paths[2] != NULL ? &lists[2] : NULL, allowed, cost);
        so->rules.allowed = *allowed;
        so->rules.cost = *cost;
    }
    for (guint i = 0; i < 3; i++)
        smm_account_list_clear(&lists[i]);
    return ok;
}

static void print_summary(const SmmSeedResult *r, const SmmSeedOptions *so, double seconds)
{
    smm_cli_progress_end();
    guint32 k = r->seeds->len;
    const char *name = smm_seed_algorithm_name(so->algorithm);
    fprintf(stderr,
            SMM_NOTE_PREFIX "seeds: %u chosen by %s on %" G_GUINT64_FORMAT
                            " RR sets (%" G_GUINT64_FORMAT " drawn in all) in %.2f s\n",
            k, name, r->selection_sets, r->total_sets, seconds);
    if (so->algorithm == SMM_ALGORITHM_IMM)
        fprintf(stderr,
                SMM_NOTE_PREFIX "guarantee: at least %.3f of the best possible spread (1 - 1/e - "
                                "%g) with probability 1 - 1/n^%g\n",
                r->target, so->epsilon, so->ell);
    else if (r->sample_bound)
        fprintf(stderr,
                SMM_NOTE_PREFIX "guarantee: at least %.3f of the best possible spread with "
                                "probability 1 - 1/n^%g, by the number of RR sets (certified "
                                "online: %.3f)\n",
                r->target, so->ell, r->certified);
    else
        fprintf(stderr,
                SMM_NOTE_PREFIX "guarantee: at least %.3f of the best possible spread, certified "
                                "for these seeds with probability 1 - 1/n^%g (target %.3f%s)\n",
                r->certified, so->ell, r->target,
                r->time_capped  ? "; stopped by --time-limit before reaching it"
                : r->set_capped ? "; stopped at 2^32 RR sets before reaching it"
                                : "");
    fprintf(stderr,
            SMM_NOTE_PREFIX "spread of all %u seeds: %.3f +- %.3f (95%%, on %" G_GUINT64_FORMAT
                            " RR sets independent of the choice)\n",
            k, k > 0 ? r->spread[k - 1] : 0.0, r->spread_ci95, r->estimate_sets);
}

gboolean smm_cmd_seeds(int argc, char **argv, GError **error)
{
    SeedsOptions o = {.model = {.p = NAN}, .epsilon = 0.1, .ell = 1, .budget = NAN};
    GOptionContext *context = make_context(&o);
    gboolean ok = FALSE;
    SmmCliData data = {0};
    SmmSeedResult result = {0};
    g_autofree guint8 *allowed = NULL;
    g_autofree double *cost = NULL;
    SmmFollowerImportOptions import;
    SmmSeedOptions so;
    SmmModel model;

    if (!smm_cli_parse(context, &argc, &argv, error))
        goto done;
    if (argc != 2) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "seeds takes one follower file (see smmgraph seeds --help)");
        goto done;
    }
    const SmmCliFile inputs[] = {
        {"the follower file", argv[1]}, {"--retweets", o.model.log}, {"--exclude", o.exclude},
        {"--candidates", o.candidates}, {"--cost", o.cost},          {NULL}};
    /* check_options reads the thread count the common check settles */
    if (!smm_cli_common_check(&o.common, error) ||
        !smm_cli_input_finish(&o.in, &o.common, &import, error) || !check_options(&o, &so, error) ||
        !smm_cli_open_outputs(&o.common, inputs, NULL, error))
        goto done;
    if (!smm_cli_load(argv[1], &import, &o.model, &o.rs, &o.in, &o.common, SMM_ROLE_USED, &data,
                      error) ||
        !smm_cli_model_finish(&o.model, &data, &o.rs, &o.common, &model, error) ||
        !build_rules(&o, data.graph, &so, &allowed, &cost, error))
        goto done;
    /* -k past the accounts means every account; the choice keeps k-sized
     * buffers */
    so.rules.k = MIN(so.rules.k, data.graph->n);
    double t = smm_now();
    if (!smm_seeds_select(data.graph, &model, &so, &result, error))
        goto done;
    smm_cli_timing(&o.common, "seeds", smm_now() - t);
    SmmResult *notes = smm_cli_notes();
    guint32 k = result.seeds->len;
    smm_result_note_text(notes, "algorithm", smm_seed_algorithm_name(so.algorithm));
    smm_result_note_count(notes, "seeds", k);
    smm_result_note_count(notes, "selection_rr_sets", result.selection_sets);
    smm_result_note_count(notes, "rr_sets_drawn", result.total_sets);
    smm_result_note_real(notes, "guarantee_target", result.target);
    smm_result_note_real(notes, "guarantee_certified", result.certified);
    smm_result_note_bool(notes, "time_capped", result.time_capped);
    smm_result_note_bool(notes, "set_capped", result.set_capped);
    smm_result_note_bool(notes, "guarantee_by_sample_size", result.sample_bound);
    smm_result_note_real(notes, "spread", k > 0 ? result.spread[k - 1] : 0.0);
    smm_result_note_real(notes, "spread_ci95", result.spread_ci95);
    smm_result_note_count(notes, "estimate_rr_sets", result.estimate_sets);
    if (!o.common.quiet)
        print_summary(&result, &so, smm_now() - t);
    SmmResult table;
    smm_seed_result_table(data.graph, &result, so.rules.cost, &table);
    ok = smm_cli_write_table(o.common.output, &table, o.common.format,
                             smm_cli_report_options(&o.common, data.graph->names),
                             (guint)o.common.threads, error);

done:
    smm_seed_result_clear(&result);
    smm_cli_data_clear(&data);
    smm_cli_input_clear(&o.in);
    smm_cli_reshare_clear(&o.rs);
    smm_cli_model_clear(&o.model);
    smm_cli_common_clear(&o.common);
    g_free(o.algorithm);
    g_free(o.exclude);
    g_free(o.candidates);
    g_free(o.cost);
    g_option_context_free(context);
    return ok;
}
