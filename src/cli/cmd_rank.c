/* cmd_rank.c - smmgraph rank, export and report: import -> graph ->
 * metrics and reach -> rank -> a report table (rank), the graph with its
 * metrics as GraphML or GEXF (export), or one HTML page (report,
 * report_page.c). Parses options and wires the stages. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "smm/core.h"
#include "smm/influence.h"
#include "smm/metrics.h"
#include "smm/order.h"
#include "smm/rank.h"
#include "smm/report.h"
#include "smm/seeds.h"

typedef enum { MODE_RANK, MODE_EXPORT, MODE_REPORT } Mode;

static const char *const mode_names[] = {"rank", "export", "report"};

typedef struct {
    SmmCliInput in;
    SmmCliReshare rs;
    SmmCliModel model;
    gchar *metrics;
    gdouble damping;
    gint64 max_iterations;
    gdouble tolerance;
    gint64 betweenness_samples;
    gdouble betweenness_time;
    gint64 samples;
    gdouble reach_time;
    gchar *by;
    gint64 k;
    SmmCliCommon common;
} RankOptions;

static gboolean check_options(RankOptions *o, const gboolean want[SMM_N_COLUMNS], SmmColumn *by,
                              GError **error)
{
#define USAGE(...) (g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE, __VA_ARGS__), FALSE)
    if (!(o->damping >= 0.0 && o->damping < 1.0))
        return USAGE("--damping must be at least 0 and below 1");
    if (o->betweenness_samples < 0 || o->betweenness_samples == 1)
        return USAGE("--betweenness-samples must be at least 2");
    if (!(o->betweenness_time > 0.0 && o->betweenness_time <= SMM_CLI_MAX_SECONDS))
        return USAGE("--betweenness-time must be positive and at most %.0f seconds (a week)",
                     SMM_CLI_MAX_SECONDS);
    if (o->max_iterations < 1 || o->max_iterations > G_MAXUINT)
        return USAGE("--max-iterations must be between 1 and %u", G_MAXUINT);
    if (!(o->tolerance >= 0.0 && o->tolerance < 1.0))
        return USAGE("--tolerance must be at least 0 and below 1");
    if (!smm_cli_model_check(&o->model, error))
        return FALSE;
    if (o->samples < 0 || (guint64)o->samples > G_MAXUINT32)
        return USAGE("--samples must be between 1 and %u (0: adaptive)", G_MAXUINT32);
    if (!(o->reach_time > 0.0 && o->reach_time <= SMM_CLI_MAX_SECONDS))
        return USAGE("--reach-time must be positive and at most %.0f seconds (a week)",
                     SMM_CLI_MAX_SECONDS);
    if (o->common.seed < 0)
        return USAGE("--seed must be between 0 and %" G_GINT64_FORMAT, G_MAXINT64);
    if (o->k < 1 || o->k > SMM_CLI_PAGE_MAX_TOP)
        return USAGE("-k must be between 1 and %u", SMM_CLI_PAGE_MAX_TOP);
    if (o->by != NULL) {
        g_autofree gchar *q = smm_quote_value(o->by, -1);
        if (!smm_column_from_name(o->by, by))
            return USAGE("unknown metric %s for --by", q);
        if (!want[*by])
            return USAGE("--by %s: that metric is not computed (see --metrics)", q);
    } else {
        *by = smm_rank_default_by(want);
    }
    return TRUE;
#undef USAGE
}

static GOptionContext *make_context(RankOptions *o, Mode mode)
{
    GOptionEntry entries[] = {
        {"metrics", 'm', 0, G_OPTION_ARG_STRING, &o->metrics,
         "Comma-separated metrics to compute (default: all): followers, following, pagerank, "
         "leaderrank, authority, hub, coreness, betweenness, reach; with --retweets also "
         "retweets, retweeters, retweet_pagerank",
         "LIST"},
        {"damping", 0, 0, G_OPTION_ARG_DOUBLE, &o->damping, "PageRank damping factor (0.85)", "D"},
        {"betweenness-time", 0, 0, G_OPTION_ARG_DOUBLE, &o->betweenness_time,
         "Betweenness: time budget in seconds (20): exact when every account fits as a source, "
         "else as many sampled sources as fit, fewer once the top 20 are within 2% at 95%",
         "S"},
        {"tolerance", 0, 0, G_OPTION_ARG_DOUBLE, &o->tolerance,
         "PageRank, LeaderRank, HITS: stop when an iteration changes the scores by less than T, "
         "relative, in L1 (1e-12; at least 1.1e-13, the rounding floor)",
         "T"},
        {"max-iterations", 0, 0, G_OPTION_ARG_INT64, &o->max_iterations,
         "PageRank, LeaderRank, HITS: stop after N iterations at most (1000; PageRank needs at "
         "most 180 at the defaults)",
         "N"},
        {"betweenness-samples", 0, 0, G_OPTION_ARG_INT64, &o->betweenness_samples,
         "Betweenness: use exactly K sampled sources, at least 2 (K >= accounts: exact); "
         "reproducible on any machine",
         "K"},
        {"samples", 0, 0, G_OPTION_ARG_INT64, &o->samples,
         "Reach: draw exactly N RR sets (default: adaptive, until the top 20 are within 2% at "
         "95%)",
         "N"},
        {"reach-time", 0, 0, G_OPTION_ARG_DOUBLE, &o->reach_time,
         "Reach: time limit for adaptive sampling in seconds (30)", "S"},
        {"by", 0, 0, G_OPTION_ARG_STRING, &o->by,
         "Sort by this metric, descending (default: reach)", "METRIC"},
        {NULL},
        {NULL}};
    if (mode == MODE_REPORT)
        entries[G_N_ELEMENTS(entries) - 2] = (GOptionEntry){
            "k",
            'k',
            0,
            G_OPTION_ARG_INT64,
            &o->k,
            "The campaign: how many seeds (as smmgraph seeds -k), against as many of the "
            "biggest accounts and of the top by PageRank (10)",
            "K"};
    GOptionContext *context;
    if (mode == MODE_REPORT) {
        context = g_option_context_new("FOLLOWERS.csv -o FILE.html - one page to read and print");
        g_option_context_set_summary(
            context,
            "Computes what rank computes (same options) and writes one self-contained HTML\n"
            "page: what was read and dropped, and the model; the shortlist of the top N\n"
            "accounts with every metric (sortable by clicking a header) and reach's 95%\n"
            "interval as a bar; reach against followers on log-log axes; the campaign: the\n"
            "best -k seeds (as smmgraph seeds) against the k biggest accounts and the top k\n"
            "by PageRank, each set's spread with its 95% interval and its audience; rank\n"
            "agreement; the follower-count distribution (CCDF). No network request, no\n"
            "script needed to read it, a print stylesheet for A4 and Letter; names are\n"
            "escaped and cut at 200 characters.");
        smm_cli_describe(context, "Examples:\n"
                                  "  smmgraph report graphs/higgs-followers.csv.gz -o higgs.html\n"
                                  "  smmgraph report followers.csv --top 50 --by pagerank -o "
                                  "report.html");
    } else if (mode == MODE_EXPORT) {
        context = g_option_context_new(
            "FOLLOWERS.csv -o FILE.graphml|FILE.gexf - the graph with every metric, for Gephi");
        g_option_context_set_summary(
            context,
            "Computes what rank computes (same options) and writes the follower graph as\n"
            "GraphML or GEXF 1.3 (by -o's extension): one node per account, labelled with\n"
            "its name, with rank and every computed metric as node attributes, and one edge\n"
            "per follow (A -> B: A follows B; influence flows B -> A) weighted by the\n"
            "model's probability that B's post reaches A (undirected imports: by --p or\n"
            "--p-column only, since a tie's two directions differ otherwise). --top N keeps\n"
            "the N best-ranked accounts and the follows among them: Gephi struggles past a\n"
            "few hundred thousand edges.");
        smm_cli_describe(context, "Examples:\n"
                                  "  smmgraph export graphs/higgs-followers.csv.gz --top 200 -o "
                                  "higgs-top200.gexf\n"
                                  "  smmgraph export followers.csv --metrics followers,pagerank "
                                  "-o graph.graphml");
    } else {
        context = g_option_context_new("FOLLOWERS.csv - rank accounts by reach and centrality");
        g_option_context_set_summary(
            context,
            "Reads a follower CSV (plain, .gz, or - for stdin) and writes one CSV row per\n"
            "account: rank,account,followers,following,pagerank,leaderrank,authority,hub,\n"
            "coreness,betweenness,reach,reach_ci95, best first.");
        smm_cli_describe(
            context,
            "reach is the expected number of accounts a post by the account reaches under\n"
            "the Independent Cascade model, itself included; reach_ci95 is the half-width\n"
            "of its 95% confidence interval. betweenness is exact when all accounts fit\n"
            "as sources within --betweenness-time, else estimated from sampled sources;\n"
            "the summary line says how many and how precise the top 20 are.\n\n"
            "Examples:\n"
            "  smmgraph rank graphs/higgs-followers.csv.gz --top 20\n"
            "  smmgraph rank followers.csv --metrics followers,pagerank,reach --format json\n"
            "  smmgraph rank followers.csv --retweets retweets.csv --model learned");
    }
    smm_cli_add_command_options(context, mode_names[mode], entries);
    smm_cli_add_input_options(context, &o->in);
    smm_cli_add_model_options(context, &o->model);
    smm_cli_add_reshare_options(context, &o->rs);
    SmmCliCommonFlags flags[] = {SMM_CLI_TOP | SMM_CLI_SEED | SMM_CLI_FORMAT,
                                 SMM_CLI_TOP | SMM_CLI_SEED, SMM_CLI_PAGE | SMM_CLI_SEED};
    smm_cli_add_common_options(context, &o->common, flags[mode]);
    return context;
}

static void print_reach_summary(const SmmReachResult *r, const SmmReachOptions *ro)
{
    smm_cli_progress_end();
    if (ro->samples > 0)
        fprintf(stderr,
                SMM_NOTE_PREFIX "reach: %" G_GUINT64_FORMAT " RR sets (--samples) in %.2f s; "
                                "top %u within %.1f%% (95%%)\n",
                r->samples, r->seconds, ro->top, 100.0 * r->worst_precision);
    else if (r->target_met)
        fprintf(stderr,
                SMM_NOTE_PREFIX "reach: %" G_GUINT64_FORMAT " RR sets in %.2f s; top %u within "
                                "%.1f%% (95%%), the target\n",
                r->samples, r->seconds, ro->top, 100.0 * r->worst_precision);
    else
        fprintf(stderr,
                SMM_NOTE_PREFIX "reach: stopped by the %s at %" G_GUINT64_FORMAT
                                " RR sets (%.2f s); top %u only within %.1f%% (95%%), not %.0f%%; "
                                "--samples %" G_GUINT64_FORMAT " reproduces this run\n",
                r->time_capped ? "time limit (--reach-time)" : "sample cap", r->samples, r->seconds,
                ro->top, 100.0 * r->worst_precision, 100.0 * ro->precision, r->samples);
}

static void print_betweenness_summary(const SmmBetweennessResult *r,
                                      const SmmBetweennessOptions *bo, guint32 n)
{
    smm_cli_progress_end();
    if (r->exact) {
        fprintf(stderr, SMM_NOTE_PREFIX "betweenness: exact, from all %u accounts, in %.2f s\n", n,
                r->seconds);
        return;
    }
    fprintf(stderr,
            SMM_NOTE_PREFIX "betweenness: %" G_GUINT64_FORMAT
                            " sampled sources of %u%s in %.2f s%s; "
                            "top %u within %.1f%% (95%%)%s",
            r->sources, n, bo->sources > 0 ? " (--betweenness-samples)" : "", r->seconds,
            r->time_capped ? " (--betweenness-time)" : "", bo->top, 100.0 * r->worst_precision,
            r->target_met ? ", the target" : "");
    if (r->sources < SMM_BETWEENNESS_FEW_SOURCES)
        fprintf(stderr, ", but with under %d sources such intervals cover less than 95%%",
                SMM_BETWEENNESS_FEW_SOURCES);
    if (bo->sources == 0)
        fprintf(stderr, "; --betweenness-samples %" G_GUINT64_FORMAT " reproduces this run",
                r->sources);
    fputc('\n', stderr);
}

/* One line for all iterative metrics; a warning for each one a cap stopped
 * (printed even with --quiet: its scores are not as exact as asked). */
static void print_iterations(const RankOptions *o, const SmmRankRun *run)
{
    smm_cli_progress_end();
    for (guint i = 0; i < run->n_iterations; i++) {
        const SmmRankIteration *r = &run->iteration[i];
        g_autofree gchar *it = g_strdup_printf("%s_iterations", r->name);
        g_autofree gchar *change = g_strdup_printf("%s_change", r->name);
        g_autofree gchar *converged = g_strdup_printf("%s_converged", r->name);
        g_autofree gchar *tolerance = g_strdup_printf("%s_tolerance", r->name);
        smm_result_note_count(smm_cli_notes(), it, r->result.iterations);
        smm_result_note_real(smm_cli_notes(), change, r->result.change);
        smm_result_note_bool(smm_cli_notes(), converged, r->result.converged);
        smm_result_note_real(smm_cli_notes(), tolerance, r->tolerance);
    }
    if (run->n_iterations == 0)
        return;
    if (!o->common.quiet) {
        GString *line = g_string_new(SMM_NOTE_PREFIX "iterations:");
        for (guint i = 0; i < run->n_iterations; i++)
            g_string_append_printf(line, "%s %s %u (change %.1e)", i > 0 ? "," : "",
                                   run->iteration[i].name, run->iteration[i].result.iterations,
                                   run->iteration[i].result.change);
        fprintf(stderr, "%s\n", line->str);
        g_string_free(line, TRUE);
    }
    for (guint i = 0; i < run->n_iterations; i++) {
        const SmmRankIteration *r = &run->iteration[i];
        if (r->result.converged)
            continue;
        fprintf(stderr,
                SMM_NOTE_PREFIX "warning: %s stopped by the cap after %u iterations with a change "
                                "of %.1e, above its tolerance %.1e: its scores are approximate; "
                                "raise --max-iterations N (or --tolerance T)\n",
                r->name, r->result.iterations, r->result.change, r->tolerance);
    }
}

/* The summary lines and notes of what the kernels did. */
static void report_run(const RankOptions *o, const SmmRankOptions *ro, const SmmRankRun *run,
                       guint32 n)
{
    SmmResult *notes = smm_cli_notes();
    if (run->betweenness_done) {
        const SmmBetweennessResult *b = &run->betweenness;
        smm_result_note_bool(notes, "betweenness_exact", b->exact);
        smm_result_note_count(notes, "betweenness_sources", b->exact ? n : b->sources);
        smm_result_note_real(notes, "betweenness_worst_precision", b->worst_precision);
        smm_result_note_bool(notes, "betweenness_time_capped", b->time_capped);
        smm_result_note_bool(notes, "betweenness_target_met", b->target_met);
        smm_result_note_count(notes, "betweenness_top", ro->betweenness.top);
        if (!o->common.quiet)
            print_betweenness_summary(b, &ro->betweenness, n);
    }
    if (run->reach_done) {
        const SmmReachResult *r = &run->reach;
        smm_result_note_count(notes, "reach_rr_sets", r->samples);
        smm_result_note_real(notes, "reach_worst_precision", r->worst_precision);
        smm_result_note_bool(notes, "reach_target_met", r->target_met);
        smm_result_note_bool(notes, "reach_time_capped", r->time_capped);
        smm_result_note_count(notes, "reach_top", ro->reach.top);
        if (!o->common.quiet)
            print_reach_summary(r, &ro->reach);
    }
    if (!o->common.quiet && run->retweet_self_rows > 0)
        fprintf(stderr,
                SMM_NOTE_PREFIX "retweets: %" G_GUINT64_FORMAT
                                " rows of accounts resharing themselves left out\n",
                run->retweet_self_rows);
    print_iterations(o, run);
}

static void stage_done(gpointer data, const char *stage, double seconds)
{
    smm_cli_timing(data, stage, seconds);
}

static void rank_options(RankOptions *o, SmmRankOptions *ro)
{
    smm_rank_options_init(ro);
    ro->damping = o->damping;
    ro->iter.max_iterations = (guint)o->max_iterations;
    ro->iter.tolerance = o->tolerance;
    ro->iter.progress = smm_cli_progress();
    ro->betweenness.sources = (guint64)o->betweenness_samples;
    ro->betweenness.time_limit = o->betweenness_time;
    ro->betweenness.seed = (guint64)o->common.seed;
    ro->betweenness.progress = smm_cli_progress();
    ro->reach.samples = (guint64)o->samples;
    ro->reach.time_limit = o->reach_time;
    ro->reach.seed = (guint64)o->common.seed;
    ro->reach.progress = smm_cli_progress();
    ro->n_threads = (guint)o->common.threads;
    ro->stage_done = stage_done;
    ro->stage_data = &o->common;
}

/* The ranked accounts as nodes and the follows among them as edges. */
static gboolean write_graph(const RankOptions *o, const SmmGraph *g, const SmmModel *model,
                            const SmmTable *table, SmmGraphFormat format, SmmOutput *out,
                            GError **error)
{
    SmmRankedGraph ranked;
    smm_ranked_graph(table, g, model, &ranked);
    SmmResult nodes;
    smm_table_result(table, &nodes);
    smm_result_add_labels(&nodes);
    guint64 removed = 0;
    gboolean ok = smm_report_graph(&nodes, &ranked.edges, format, &o->common.report,
                                   smm_output_file(out), &removed, error);
    if (ok && !o->common.quiet) {
        fprintf(stderr,
                SMM_NOTE_PREFIX "export: %u accounts and %" G_GUINT64_FORMAT " %s among them\n",
                table->n_rows, ranked.edges.n, g->undirected ? "ties" : "follows");
        if (removed > 0)
            fprintf(stderr,
                    SMM_NOTE_PREFIX "export: %" G_GUINT64_FORMAT
                                    " characters that XML 1.0 forbids (control characters, "
                                    "U+FFFE, U+FFFF) left out of account names\n",
                    removed);
    }
    smm_result_clear(&nodes);
    smm_ranked_graph_clear(&ranked);
    return ok;
}

/* The first k ids of every account in the one order by `keys` (then the
 * name); owned by the caller (g_free). */
static guint32 *top_by(const SmmGraph *g, const double *const *keys, guint n_keys, guint32 k,
                       guint n_threads)
{
    SmmOrder order = {.n_keys = n_keys, .name = smm_order_account_name, .name_data = g->names};
    for (guint i = 0; i < n_keys; i++)
        order.key[i] = keys[i];
    guint32 *ids = g_new(guint32, MAX(g->n, 1));
    for (guint32 v = 0; v < g->n; v++)
        ids[v] = v;
    smm_order_sort(&order, ids, g->n, n_threads);
    return g_realloc(ids, MAX(k, 1) * sizeof(guint32));
}

/* The campaign of the page: seeds chosen as smmgraph seeds chooses them
 * (IMM, epsilon 0.1, ell 1, the same --seed), then the k biggest accounts
 * and the top k by PageRank measured on the RR sets that measured the
 * seeds. */
static gboolean campaign(const RankOptions *o, const SmmGraph *g, const SmmModel *model,
                         const SmmTable *table, SmmCliCampaign *c, GError **error)
{
    SmmSeedOptions so = {.rules = {.k = MIN((guint32)o->k, g->n)},
                         .epsilon = 0.1,
                         .ell = 1,
                         .seed = (guint64)o->common.seed,
                         .n_threads = (guint)o->common.threads};
    if (!smm_seed_algorithm(NULL, FALSE, 0, &so.algorithm, error))
        return FALSE;
    SmmSeedResult r = {0};
    if (!smm_seeds_select(g, model, &so, &r, error)) {
        smm_seed_result_clear(&r);
        return FALSE;
    }
    guint32 k = so.rules.k;
    c->k = k;
    c->name[0] = "the chosen seeds";
    c->size[0] = r.seeds->len;
    c->members[0] = g_memdup2(r.seeds->data, MAX(r.seeds->len, 1) * sizeof(guint32));
    c->spread[0] = r.seeds->len > 0 ? r.spread[r.seeds->len - 1] : 0.0;
    c->ci95[0] = r.spread_ci95;
    c->rr_sets[0] = r.estimate_sets;
    c->n_sets = 1;
    g_autofree double *in_degree = g_new(double, MAX(g->n, 1));
    for (guint32 v = 0; v < g->n; v++)
        in_degree[v] = (double)smm_graph_in_degree(g, v);
    const double *by_followers[] = {in_degree};
    const double *by_pagerank[] = {table->col[SMM_COL_PAGERANK], in_degree};
    c->name[1] = "the biggest accounts";
    c->members[1] = top_by(g, by_followers, 1, k, so.n_threads);
    c->n_sets = 2;
    if (table->col[SMM_COL_PAGERANK] != NULL) {
        c->name[2] = "the top by PageRank";
        c->members[2] = top_by(g, by_pagerank, 2, k, so.n_threads);
        c->n_sets = 3;
    } else {
        c->missing = "The top by PageRank is left out: pagerank was not computed (--metrics).";
    }
    for (guint s = 1; s < c->n_sets; s++) {
        c->size[s] = k;
        smm_seed_set_spread(g, model, &so, &r, c->members[s], k, &c->spread[s], &c->ci95[s],
                            &c->rr_sets[s]);
    }
    smm_seed_result_clear(&r);
    return TRUE;
}

static gboolean run(int argc, char **argv, Mode mode, GError **error)
{
    RankOptions o = {.model = {.p = NAN},
                     .k = 10,
                     .damping = 0.85,
                     .reach_time = 30.0,
                     .betweenness_time = SMM_BETWEENNESS_TIME,
                     .max_iterations = SMM_ITER_MAX_ITERATIONS,
                     .tolerance = SMM_ITER_TOLERANCE};
    GOptionContext *context = make_context(&o, mode);
    gboolean ok = FALSE;
    SmmCliData data = {0};
    SmmTable table = {0};
    SmmOutput *out = NULL;
    gboolean want[SMM_N_COLUMNS];
    SmmColumn by = SMM_COL_REACH;
    SmmFollowerImportOptions import;
    SmmModel model;

    if (!smm_cli_parse(context, &argc, &argv, error))
        goto done;
    if (!smm_cli_one_file(mode_names[mode], argc, argv, error))
        goto done;
    SmmGraphFormat graph_format = SMM_GRAPH_GRAPHML;
    if (mode == MODE_EXPORT && !smm_graph_format_from_path(o.common.output, &graph_format)) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "export writes GraphML or GEXF: give -o FILE.graphml or -o FILE.gexf");
        goto done;
    }
    if (mode == MODE_REPORT && o.common.output == NULL) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "report writes an HTML page: give -o FILE.html (- for stdout)");
        goto done;
    }
    if (mode == MODE_REPORT && (o.common.top < 1 || o.common.top > SMM_CLI_PAGE_MAX_TOP)) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE, "--top must be between 1 and %u for a page",
                    SMM_CLI_PAGE_MAX_TOP);
        goto done;
    }
    /* names first; then, without a log, what needs one */
    if (!smm_rank_plan(o.metrics, TRUE, want, error) ||
        (o.model.log == NULL && !smm_rank_plan(o.metrics, FALSE, want, error) &&
         !smm_cli_hint(error, "give the log with --retweets FILE"))) {
        g_prefix_error(error, "--metrics: ");
        smm_cli_setting_error(error);
        goto done;
    }
    const SmmCliFile inputs[] = {
        {"the follower file", argv[1]}, {"--retweets", o.model.log}, {NULL}};
    if (!check_options(&o, want, &by, error) || !smm_cli_common_check(&o.common, error) ||
        !smm_cli_input_finish(&o.in, &o.common, &import, error) ||
        !smm_cli_open_outputs(&o.common, inputs, NULL, error))
        goto done;
    if (!smm_cli_load(argv[1], &import, &o.model, &o.rs, &o.in, &o.common, SMM_ROLE_USED, &data,
                      error))
        goto done;
    SmmGraph *graph = data.graph;
    if (!smm_cli_model_finish(&o.model, &data, &o.rs, &o.common, &model, error))
        goto done;
    SmmRankOptions ro;
    rank_options(&o, &ro);
    SmmRankRun run;
    smm_table_init(&table, graph->names, graph->n);
    if (!smm_rank_compute(graph, &model, data.have_log ? &data.log : NULL, want, &ro, &table, &run,
                          error))
        goto done;
    report_run(&o, &ro, &run, graph->n);
    double t = smm_now();
    /* the page ranks more rows than its tables show: its scatter's points */
    guint32 rows = mode == MODE_REPORT
                       ? MIN(graph->n, MAX((guint32)o.common.top, SMM_CLI_PAGE_POINTS))
                       : smm_cli_output_rows(&o.common, graph->n);
    smm_rank_accounts(&table, graph, by, rows, (guint)o.common.threads);
    out = smm_cli_output(o.common.output, error);
    if (out == NULL)
        goto done;
    gboolean written;
    if (mode == MODE_EXPORT) {
        written = write_graph(&o, graph, &model, &table, graph_format, out, error);
    } else if (mode == MODE_REPORT) {
        SmmCliCampaign camp = {0};
        if (!campaign(&o, graph, &model, &table, &camp, error))
            goto done;
        SmmCliPage page = {.campaign = &camp,
                           .input = argv[1],
                           .options = &o.model,
                           .model = &model,
                           .graph = graph,
                           .table = &table,
                           .by = by,
                           .top = MIN((guint32)o.common.top, graph->n)};
        written = smm_cli_report_page(&page, &o.common, smm_output_file(out), error);
        for (guint i = 0; i < camp.n_sets; i++)
            g_free(camp.members[i]);
    } else {
        SmmResult result;
        smm_table_result(&table, &result);
        smm_result_add_labels(&result);
        written = smm_report_write(&result, o.common.format,
                                   smm_cli_report_options(&o.common, graph->names),
                                   smm_output_file(out), (guint)o.common.threads, error);
        smm_result_clear(&result);
    }
    if (!written)
        goto done;
    ok = smm_output_commit(g_steal_pointer(&out), error);
    smm_cli_timing(&o.common, "report", smm_now() - t);

done:
    smm_output_abort(out);
    smm_table_clear(&table);
    smm_cli_data_clear(&data);
    smm_cli_input_clear(&o.in);
    smm_cli_reshare_clear(&o.rs);
    smm_cli_model_clear(&o.model);
    g_free(o.metrics);
    g_free(o.by);
    smm_cli_common_clear(&o.common);
    g_option_context_free(context);
    return ok;
}

gboolean smm_cmd_rank(int argc, char **argv, GError **error)
{
    return run(argc, argv, MODE_RANK, error);
}

gboolean smm_cmd_export(int argc, char **argv, GError **error)
{
    return run(argc, argv, MODE_EXPORT, error);
}

gboolean smm_cmd_report(int argc, char **argv, GError **error)
{
    return run(argc, argv, MODE_REPORT, error);
}
