/* cmd_rank.c - smmgraph rank and export: import -> graph -> metrics and
 * reach -> rank -> a report table (rank) or the graph with its metrics as
 * GraphML or GEXF (export). Parses options and wires the stages. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "smm/core.h"
#include "smm/influence.h"
#include "smm/metrics.h"
#include "smm/rank.h"
#include "smm/report.h"

/* What one iterative metric did, for the summary line. */
typedef struct {
    const char *name;
    SmmIterResult result;
    double tolerance;
} IterReport;

typedef struct {
    IterReport at[4];
    guint n;
} IterReports;

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
    SmmCliCommon common;
} RankOptions;

/* Metrics a user can ask for; reach brings reach_ci95 with it. The last
 * three need a reshare log (--retweets). */
static const SmmColumn metric_columns[] = {
    SMM_COL_FOLLOWERS, SMM_COL_FOLLOWING, SMM_COL_PAGERANK,   SMM_COL_LEADERRANK,
    SMM_COL_AUTHORITY, SMM_COL_HUB,       SMM_COL_CORENESS,   SMM_COL_BETWEENNESS,
    SMM_COL_REACH,     SMM_COL_RETWEETS,  SMM_COL_RETWEETERS, SMM_COL_RETWEET_PAGERANK,
};

static gboolean needs_log(SmmColumn c)
{
    return c == SMM_COL_RETWEETS || c == SMM_COL_RETWEETERS || c == SMM_COL_RETWEET_PAGERANK;
}

/* --by's default when reach is not computed: the first computed of these. */
static const SmmColumn default_sort[] = {
    SMM_COL_REACH,       SMM_COL_LEADERRANK, SMM_COL_PAGERANK,         SMM_COL_AUTHORITY,
    SMM_COL_BETWEENNESS, SMM_COL_CORENESS,   SMM_COL_RETWEET_PAGERANK, SMM_COL_FOLLOWERS,
    SMM_COL_RETWEETS,    SMM_COL_HUB,        SMM_COL_FOLLOWING,        SMM_COL_RETWEETERS,
};

static gboolean parse_metrics(const char *list, gboolean have_log, gboolean want[SMM_N_COLUMNS],
                              GError **error)
{
    memset(want, 0, sizeof(gboolean) * SMM_N_COLUMNS);
    if (list == NULL || g_ascii_strcasecmp(list, "all") == 0) {
        for (guint i = 0; i < G_N_ELEMENTS(metric_columns); i++)
            want[metric_columns[i]] = have_log || !needs_log(metric_columns[i]);
    } else {
        g_auto(GStrv) names = g_strsplit(list, ",", -1);
        for (char **name = names; *name != NULL; name++) {
            g_strstrip(*name);
            SmmColumn c;
            if (!smm_column_from_name(*name, &c) || c == SMM_COL_REACH_CI95) {
                g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                            "unknown metric '%s' in --metrics; choose from followers, following, "
                            "pagerank, leaderrank, authority, hub, coreness, betweenness, reach, "
                            "retweets, retweeters, retweet_pagerank",
                            *name);
                return FALSE;
            }
            if (needs_log(c) && !have_log) {
                g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                            "--metrics %s needs a reshare log (--retweets FILE)", *name);
                return FALSE;
            }
            want[c] = TRUE;
        }
    }
    want[SMM_COL_REACH_CI95] = want[SMM_COL_REACH];
    return TRUE;
}

static gboolean check_options(RankOptions *o, const gboolean want[SMM_N_COLUMNS], SmmColumn *by,
                              GError **error)
{
#define USAGE(...) (g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE, __VA_ARGS__), FALSE)
    if (!(o->damping >= 0.0 && o->damping < 1.0))
        return USAGE("--damping must be at least 0 and below 1");
    if (o->betweenness_samples < 0 || o->betweenness_samples == 1)
        return USAGE("--betweenness-samples must be at least 2");
    if (!(o->betweenness_time > 0.0))
        return USAGE("--betweenness-time must be positive");
    if (o->max_iterations < 1 || o->max_iterations > G_MAXUINT)
        return USAGE("--max-iterations must be between 1 and %u", G_MAXUINT);
    if (!(o->tolerance >= 0.0 && o->tolerance < 1.0))
        return USAGE("--tolerance must be at least 0 and below 1");
    if (!smm_cli_model_check(&o->model, error))
        return FALSE;
    if (o->samples < 0 || (guint64)o->samples > G_MAXUINT32)
        return USAGE("--samples must be between 1 and %u", G_MAXUINT32);
    if (!(o->reach_time > 0.0))
        return USAGE("--reach-time must be positive");
    if (o->common.seed < 0)
        return USAGE("--seed must not be negative");
    if (o->by != NULL) {
        if (!smm_column_from_name(o->by, by))
            return USAGE("unknown metric '%s' for --by", o->by);
        if (!want[*by])
            return USAGE("--by %s: that metric is not computed (see --metrics)", o->by);
    } else {
        for (guint i = 0; i < G_N_ELEMENTS(default_sort); i++)
            if (want[default_sort[i]]) {
                *by = default_sort[i];
                break;
            }
    }
    return TRUE;
#undef USAGE
}

static GOptionContext *make_context(RankOptions *o, gboolean export)
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
        {NULL}};
    GOptionContext *context;
    if (export) {
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
    smm_cli_add_command_options(context, export ? "export" : "rank", entries);
    smm_cli_add_input_options(context, &o->in);
    smm_cli_add_model_options(context, &o->model);
    smm_cli_add_reshare_options(context, &o->rs);
    smm_cli_add_common_options(context, &o->common,
                               SMM_CLI_TOP | SMM_CLI_SEED | (export ? 0 : SMM_CLI_FORMAT));
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

static void iter_options(const RankOptions *o, SmmIterOptions *io)
{
    io->max_iterations = (guint)o->max_iterations;
    io->tolerance = o->tolerance;
    io->progress = smm_cli_progress();
}

static void add_report(IterReports *reports, const char *name, const SmmIterResult *result,
                       double tolerance)
{
    g_assert(reports->n < G_N_ELEMENTS(reports->at));
    reports->at[reports->n++] = (IterReport){name, *result, tolerance};
}

/* One line for all iterative metrics; a warning for each one a cap stopped
 * (printed even with --quiet: its scores are not as exact as asked). */
static void print_iterations(const RankOptions *o, const IterReports *reports)
{
    smm_cli_progress_end();
    for (guint i = 0; i < reports->n; i++) {
        const IterReport *r = &reports->at[i];
        g_autofree gchar *it = g_strdup_printf("%s_iterations", r->name);
        g_autofree gchar *change = g_strdup_printf("%s_change", r->name);
        g_autofree gchar *converged = g_strdup_printf("%s_converged", r->name);
        g_autofree gchar *tolerance = g_strdup_printf("%s_tolerance", r->name);
        smm_result_note_count(smm_cli_notes(), it, r->result.iterations);
        smm_result_note_real(smm_cli_notes(), change, r->result.change);
        smm_result_note_bool(smm_cli_notes(), converged, r->result.converged);
        smm_result_note_real(smm_cli_notes(), tolerance, r->tolerance);
    }
    if (reports->n == 0)
        return;
    if (!o->common.quiet) {
        GString *line = g_string_new(SMM_NOTE_PREFIX "iterations:");
        for (guint i = 0; i < reports->n; i++)
            g_string_append_printf(line, "%s %s %u (change %.1e)", i > 0 ? "," : "",
                                   reports->at[i].name, reports->at[i].result.iterations,
                                   reports->at[i].result.change);
        fprintf(stderr, "%s\n", line->str);
        g_string_free(line, TRUE);
    }
    for (guint i = 0; i < reports->n; i++) {
        const IterReport *r = &reports->at[i];
        if (r->result.converged)
            continue;
        fprintf(stderr,
                SMM_NOTE_PREFIX "warning: %s stopped by the cap after %u iterations with a change "
                                "of %.1e, above its tolerance %.1e: its scores are approximate; "
                                "raise --max-iterations N (or --tolerance T)\n",
                r->name, r->result.iterations, r->result.change, r->tolerance);
    }
}

static gboolean add_retweet_metrics(RankOptions *o, SmmGraph *g, const SmmReshareLog *log,
                                    const gboolean want[SMM_N_COLUMNS], SmmTable *table,
                                    IterReports *reports, GError **error)
{
    double t = smm_now();
    guint64 self = 0;
    double *retweets = want[SMM_COL_RETWEETS] ? smm_table_column(table, SMM_COL_RETWEETS) : NULL;
    double *retweeters =
        want[SMM_COL_RETWEETERS] ? smm_table_column(table, SMM_COL_RETWEETERS) : NULL;
    double *pagerank =
        want[SMM_COL_RETWEET_PAGERANK] ? smm_table_column(table, SMM_COL_RETWEET_PAGERANK) : NULL;
    SmmIterOptions io;
    iter_options(o, &io);
    SmmIterResult pr;
    if (!smm_metrics_retweets(log, g->n, o->damping, &io, (guint)o->common.threads, retweets,
                              retweeters, pagerank, &pr, &self, error))
        return FALSE;
    if (pagerank != NULL)
        add_report(reports, "retweet_pagerank", &pr,
                   smm_metrics_pagerank_tolerance(o->damping, &io));
    if (!o->common.quiet && self > 0)
        fprintf(stderr,
                SMM_NOTE_PREFIX "retweets: %" G_GUINT64_FORMAT
                                " rows of accounts resharing themselves left out\n",
                self);
    smm_cli_timing(&o->common, "retweets", smm_now() - t);
    return TRUE;
}

static gboolean compute(RankOptions *o, SmmGraph *g, const SmmModel *model,
                        const gboolean want[SMM_N_COLUMNS], const double *followers,
                        SmmTable *table, IterReports *reports, GError **error)
{
    guint threads = (guint)o->common.threads;
    SmmIterOptions io;
    iter_options(o, &io);
    SmmIterResult r;
    double t;
    if (want[SMM_COL_FOLLOWERS])
        memcpy(smm_table_column(table, SMM_COL_FOLLOWERS), followers, sizeof(double) * g->n);
    if (want[SMM_COL_FOLLOWING]) {
        double *following = smm_table_column(table, SMM_COL_FOLLOWING);
        for (guint32 v = 0; v < g->n; v++)
            following[v] = (double)smm_graph_out_degree(g, v);
    }
    if (want[SMM_COL_PAGERANK]) {
        t = smm_now();
        smm_metrics_pagerank(g, NULL, o->damping, &io, threads,
                             smm_table_column(table, SMM_COL_PAGERANK), &r);
        add_report(reports, "pagerank", &r, smm_metrics_pagerank_tolerance(o->damping, &io));
        smm_cli_timing(&o->common, "pagerank", smm_now() - t);
    }
    if (want[SMM_COL_LEADERRANK]) {
        t = smm_now();
        smm_metrics_leaderrank(g, &io, threads, smm_table_column(table, SMM_COL_LEADERRANK), &r);
        add_report(reports, "leaderrank", &r, smm_iter_tolerance(&io));
        smm_cli_timing(&o->common, "leaderrank", smm_now() - t);
    }
    if (want[SMM_COL_AUTHORITY] || want[SMM_COL_HUB]) {
        t = smm_now();
        /* The table's columns when asked for, else scratch. */
        g_autofree double *scratch_a = NULL, *scratch_h = NULL;
        double *authority = want[SMM_COL_AUTHORITY] ? smm_table_column(table, SMM_COL_AUTHORITY)
                                                    : (scratch_a = g_new(double, MAX(g->n, 1)));
        double *hub = want[SMM_COL_HUB] ? smm_table_column(table, SMM_COL_HUB)
                                        : (scratch_h = g_new(double, MAX(g->n, 1)));
        smm_metrics_hits(g, &io, threads, authority, hub, &r);
        add_report(reports, "hits", &r, smm_iter_tolerance(&io));
        smm_cli_timing(&o->common, "hits", smm_now() - t);
    }
    if (want[SMM_COL_CORENESS]) {
        t = smm_now();
        smm_metrics_coreness(g, threads, smm_table_column(table, SMM_COL_CORENESS));
        smm_cli_timing(&o->common, "coreness", smm_now() - t);
    }
    if (want[SMM_COL_BETWEENNESS]) {
        SmmBetweennessOptions bo;
        smm_betweenness_options_init(&bo);
        bo.sources = (guint64)o->betweenness_samples;
        bo.time_limit = o->betweenness_time;
        bo.seed = (guint64)o->common.seed;
        bo.n_threads = threads;
        SmmBetweennessResult result;
        smm_metrics_betweenness(g, &bo, smm_table_column(table, SMM_COL_BETWEENNESS), NULL,
                                &result);
        SmmResult *notes = smm_cli_notes();
        smm_result_note_bool(notes, "betweenness_exact", result.exact);
        smm_result_note_count(notes, "betweenness_sources", result.exact ? g->n : result.sources);
        smm_result_note_real(notes, "betweenness_worst_precision", result.worst_precision);
        smm_result_note_bool(notes, "betweenness_time_capped", result.time_capped);
        if (!o->common.quiet)
            print_betweenness_summary(&result, &bo, g->n);
        smm_cli_timing(&o->common, "betweenness", result.seconds);
    }
    if (want[SMM_COL_REACH]) {
        SmmReachOptions ro;
        smm_reach_options_init(&ro);
        ro.samples = (guint64)o->samples;
        ro.time_limit = o->reach_time;
        ro.seed = (guint64)o->common.seed;
        ro.n_threads = threads;
        ro.progress = smm_cli_progress();
        SmmReachResult result;
        if (!smm_reach_estimate(g, model, &ro, smm_table_column(table, SMM_COL_REACH),
                                smm_table_column(table, SMM_COL_REACH_CI95), &result, error))
            return FALSE;
        SmmResult *notes = smm_cli_notes();
        smm_result_note_count(notes, "reach_rr_sets", result.samples);
        smm_result_note_real(notes, "reach_worst_precision", result.worst_precision);
        smm_result_note_bool(notes, "reach_target_met", result.target_met);
        smm_result_note_bool(notes, "reach_time_capped", result.time_capped);
        if (!o->common.quiet)
            print_reach_summary(&result, &ro);
        smm_cli_timing(&o->common, "reach", result.seconds);
    }
    return TRUE;
}

/* The model's probability that v's post reaches u along the follow u -> v
 * (edge e of u's followees). */
static double follow_weight(const SmmGraph *g, const SmmModel *model, guint32 u, guint64 e)
{
    if (model->linear_threshold || model->kind == SMM_P_WEIGHTED_CASCADE)
        return 1.0 / (double)smm_graph_out_degree(g, u);
    if (model->kind == SMM_P_UNIFORM)
        return model->p;
    return g->out_p[e];
}

/* The ranked accounts as nodes and the follows among them as edges. */
static gboolean write_graph(const RankOptions *o, const SmmGraph *g, const SmmModel *model,
                            const SmmTable *table, SmmGraphFormat format, SmmOutput *out,
                            GError **error)
{
    g_autofree guint32 *row_of = g_new(guint32, MAX(g->n, 1));
    for (guint32 v = 0; v < g->n; v++)
        row_of[v] = G_MAXUINT32;
    for (guint32 r = 0; r < table->n_rows; r++)
        row_of[table->order[r]] = r;
    g_autoptr(GArray) source = g_array_new(FALSE, FALSE, sizeof(guint32));
    g_autoptr(GArray) target = g_array_new(FALSE, FALSE, sizeof(guint32));
    g_autoptr(GArray) weight = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint32 r = 0; r < table->n_rows; r++) {
        guint32 u = table->order[r];
        for (guint64 e = g->out_off[u]; e < g->out_off[u + 1]; e++) {
            guint32 v = g->out_adj[e];
            /* an undirected import stores each tie both ways: write it once */
            if (row_of[v] == G_MAXUINT32 || (g->undirected && v < u))
                continue;
            double w = follow_weight(g, model, u, e);
            g_array_append_val(source, r);
            g_array_append_val(target, row_of[v]);
            g_array_append_val(weight, w);
        }
    }
    /* A tie's two directions have different weighted-cascade (and LT)
     * weights, so an undirected graph carries none of those. */
    gboolean weighted =
        !g->undirected || (!model->linear_threshold && model->kind != SMM_P_WEIGHTED_CASCADE);
    SmmEdgeTable edges = {.n = source->len,
                          .source = (const guint32 *)(void *)source->data,
                          .target = (const guint32 *)(void *)target->data,
                          .weight = weighted ? (const double *)(void *)weight->data : NULL,
                          .directed = !g->undirected};
    SmmResult nodes;
    smm_table_result(table, &nodes);
    guint64 removed = 0;
    gboolean ok = smm_report_graph(&nodes, &edges, format, smm_output_file(out), &removed, error);
    smm_result_clear(&nodes);
    if (ok && !o->common.quiet) {
        fprintf(stderr,
                SMM_NOTE_PREFIX "export: %u accounts and %" G_GUINT64_FORMAT " %s among them\n",
                table->n_rows, edges.n, g->undirected ? "ties" : "follows");
        if (removed > 0)
            fprintf(stderr,
                    SMM_NOTE_PREFIX "export: %" G_GUINT64_FORMAT
                                    " characters that XML 1.0 forbids (control characters, "
                                    "U+FFFE, U+FFFF) left out of account names\n",
                    removed);
    }
    return ok;
}

static gboolean run(int argc, char **argv, gboolean export, GError **error)
{
    RankOptions o = {.model = {.p = NAN},
                     .damping = 0.85,
                     .reach_time = 30.0,
                     .betweenness_time = SMM_BETWEENNESS_TIME,
                     .max_iterations = SMM_ITER_MAX_ITERATIONS,
                     .tolerance = SMM_ITER_TOLERANCE};
    IterReports reports = {0};
    GOptionContext *context = make_context(&o, export);
    gboolean ok = FALSE;
    SmmCliData data = {0};
    SmmTable table = {0};
    SmmOutput *out = NULL;
    g_autofree double *followers = NULL;
    gboolean want[SMM_N_COLUMNS];
    SmmColumn by = SMM_COL_REACH;
    SmmFollowerImportOptions import;
    SmmModel model;

    if (!smm_cli_parse(context, &argc, &argv, error))
        goto done;
    const char *command = export ? "export" : "rank";
    if (!smm_cli_one_file(command, argc, argv, error))
        goto done;
    SmmGraphFormat graph_format = SMM_GRAPH_GRAPHML;
    if (export && !smm_graph_format_from_path(o.common.output, &graph_format)) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_USAGE,
                    "export writes GraphML or GEXF: give -o FILE.graphml or -o FILE.gexf");
        goto done;
    }
    if (!parse_metrics(o.metrics, o.model.log != NULL, want, error) ||
        !check_options(&o, want, &by, error) || !smm_cli_common_check(&o.common, error) ||
        !smm_cli_input_finish(&o.in, &o.common, &import, error))
        goto done;
    if (!smm_cli_load(argv[1], &import, &o.model, &o.rs, &o.in, &o.common, SMM_ROLE_USED, &data,
                      error))
        goto done;
    SmmGraph *graph = data.graph;
    smm_table_init(&table, graph->names, graph->n);
    if (data.have_log && !add_retweet_metrics(&o, graph, &data.log, want, &table, &reports, error))
        goto done;
    if (!smm_cli_model_finish(&o.model, &data, &o.rs, &o.common, &model, error))
        goto done;

    /* followers break ties whether or not they are reported */
    followers = g_new(double, MAX(graph->n, 1));
    for (guint32 v = 0; v < graph->n; v++)
        followers[v] = (double)smm_graph_in_degree(graph, v);
    if (!compute(&o, graph, &model, want, followers, &table, &reports, error))
        goto done;
    print_iterations(&o, &reports);
    double t = smm_now();
    smm_rank_order(&table, by, followers, smm_cli_output_rows(&o.common, graph->n),
                   (guint)o.common.threads);
    out = smm_output_open(o.common.output, error);
    if (out == NULL)
        goto done;
    gboolean written;
    if (export) {
        written = write_graph(&o, graph, &model, &table, graph_format, out, error);
    } else {
        SmmResult result;
        smm_table_result(&table, &result);
        written = smm_report_write(&result, o.common.format, smm_output_file(out),
                                   (guint)o.common.threads, error);
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
    return run(argc, argv, FALSE, error);
}

gboolean smm_cmd_export(int argc, char **argv, GError **error)
{
    return run(argc, argv, TRUE, error);
}
