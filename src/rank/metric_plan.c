/* metric_plan.c - what rank computes: one entry per kernel, with the
 * columns it fills and what it needs, run in report order. The score
 * table's columns are rank.c's; the kernels are metrics/ and influence/. */
#include <string.h>

#include "smm/core.h"
#include "smm/rank.h"

typedef enum { NEEDS_GRAPH, NEEDS_LOG } Needs;

typedef struct {
    const SmmGraph *g;
    const SmmModel *model;
    const SmmReshareLog *log;
    const gboolean *want;
    const SmmRankOptions *o;
    SmmTable *table;
    SmmRankRun *run;
} Job;

typedef gboolean (*Kernel)(Job *job, GError **error);

/* The column's storage if the user asked for it, else NULL. */
static double *wanted(Job *job, SmmColumn c)
{
    return job->want[c] ? smm_table_column(job->table, c) : NULL;
}

static void add_iteration(SmmRankRun *run, const char *name, const SmmIterResult *r,
                          double tolerance)
{
    g_assert(run->n_iterations < G_N_ELEMENTS(run->iteration));
    run->iteration[run->n_iterations++] = (SmmRankIteration){name, *r, tolerance};
}

static gboolean retweets(Job *job, GError **error)
{
    SmmIterResult r;
    double *pagerank = wanted(job, SMM_COL_RETWEET_PAGERANK);
    if (!smm_metrics_retweets(job->log, job->g->n, job->o->damping, &job->o->iter,
                              job->o->n_threads, wanted(job, SMM_COL_RETWEETS),
                              wanted(job, SMM_COL_RETWEETERS), pagerank, &r,
                              &job->run->retweet_self_rows, error))
        return FALSE;
    if (pagerank != NULL)
        add_iteration(job->run, "retweet_pagerank", &r,
                      smm_metrics_pagerank_tolerance(job->o->damping, &job->o->iter));
    return TRUE;
}

static gboolean followers(Job *job, GError **error)
{
    double *out = smm_table_column(job->table, SMM_COL_FOLLOWERS);
    for (guint32 v = 0; v < job->g->n; v++)
        out[v] = (double)smm_graph_in_degree(job->g, v);
    return TRUE;
}

static gboolean following(Job *job, GError **error)
{
    double *out = smm_table_column(job->table, SMM_COL_FOLLOWING);
    for (guint32 v = 0; v < job->g->n; v++)
        out[v] = (double)smm_graph_out_degree(job->g, v);
    return TRUE;
}

static gboolean pagerank(Job *job, GError **error)
{
    SmmIterResult r;
    smm_metrics_pagerank(job->g, NULL, job->o->damping, &job->o->iter, job->o->n_threads,
                         smm_table_column(job->table, SMM_COL_PAGERANK), &r);
    add_iteration(job->run, "pagerank", &r,
                  smm_metrics_pagerank_tolerance(job->o->damping, &job->o->iter));
    return TRUE;
}

static gboolean leaderrank(Job *job, GError **error)
{
    SmmIterResult r;
    smm_metrics_leaderrank(job->g, &job->o->iter, job->o->n_threads,
                           smm_table_column(job->table, SMM_COL_LEADERRANK), &r);
    add_iteration(job->run, "leaderrank", &r, smm_iter_tolerance(&job->o->iter));
    return TRUE;
}

static gboolean hits(Job *job, GError **error)
{
    SmmIterResult r;
    guint32 n = MAX(job->g->n, 1);
    /* HITS computes both; the one not asked for goes to scratch */
    double *authority = wanted(job, SMM_COL_AUTHORITY), *hub = wanted(job, SMM_COL_HUB);
    g_autofree double *scratch = authority == NULL || hub == NULL ? g_new(double, n) : NULL;
    smm_metrics_hits(job->g, &job->o->iter, job->o->n_threads,
                     authority != NULL ? authority : scratch, hub != NULL ? hub : scratch, &r);
    add_iteration(job->run, "hits", &r, smm_iter_tolerance(&job->o->iter));
    return TRUE;
}

static gboolean coreness(Job *job, GError **error)
{
    smm_metrics_coreness(job->g, job->o->n_threads, smm_table_column(job->table, SMM_COL_CORENESS));
    return TRUE;
}

static gboolean betweenness(Job *job, GError **error)
{
    SmmBetweennessOptions bo = job->o->betweenness;
    bo.n_threads = job->o->n_threads;
    if (!smm_metrics_betweenness(job->g, &bo, smm_table_column(job->table, SMM_COL_BETWEENNESS),
                                 NULL, &job->run->betweenness, error))
        return FALSE;
    job->run->betweenness_done = TRUE;
    return TRUE;
}

static gboolean reach(Job *job, GError **error)
{
    SmmReachOptions ro = job->o->reach;
    ro.n_threads = job->o->n_threads;
    if (!smm_reach_estimate(job->g, job->model, &ro, smm_table_column(job->table, SMM_COL_REACH),
                            smm_table_column(job->table, SMM_COL_REACH_CI95), &job->run->reach,
                            error))
        return FALSE;
    job->run->reach_done = TRUE;
    return TRUE;
}

/* In the order they run; `stage` names the kernel in timings. */
static const struct {
    SmmColumn columns[3];
    guint n_columns;
    Needs needs;
    const char *stage;
    Kernel kernel;
} plan[] = {
    {{SMM_COL_RETWEETS, SMM_COL_RETWEETERS, SMM_COL_RETWEET_PAGERANK},
     3,
     NEEDS_LOG,
     "retweets",
     retweets},
    {{SMM_COL_FOLLOWERS}, 1, NEEDS_GRAPH, NULL, followers},
    {{SMM_COL_FOLLOWING}, 1, NEEDS_GRAPH, NULL, following},
    {{SMM_COL_PAGERANK}, 1, NEEDS_GRAPH, "pagerank", pagerank},
    {{SMM_COL_LEADERRANK}, 1, NEEDS_GRAPH, "leaderrank", leaderrank},
    {{SMM_COL_AUTHORITY, SMM_COL_HUB}, 2, NEEDS_GRAPH, "hits", hits},
    {{SMM_COL_CORENESS}, 1, NEEDS_GRAPH, "coreness", coreness},
    {{SMM_COL_BETWEENNESS}, 1, NEEDS_GRAPH, "betweenness", betweenness},
    {{SMM_COL_REACH, SMM_COL_REACH_CI95}, 2, NEEDS_GRAPH, "reach", reach},
};

/* --by's default: the first computed of these. */
static const SmmColumn default_by[] = {
    SMM_COL_REACH,       SMM_COL_LEADERRANK, SMM_COL_PAGERANK,         SMM_COL_AUTHORITY,
    SMM_COL_BETWEENNESS, SMM_COL_CORENESS,   SMM_COL_RETWEET_PAGERANK, SMM_COL_FOLLOWERS,
    SMM_COL_RETWEETS,    SMM_COL_HUB,        SMM_COL_FOLLOWING,        SMM_COL_RETWEETERS,
};

void smm_rank_options_init(SmmRankOptions *o)
{
    memset(o, 0, sizeof *o);
    o->damping = 0.85;
    o->iter.max_iterations = SMM_ITER_MAX_ITERATIONS;
    o->iter.tolerance = SMM_ITER_TOLERANCE;
    smm_betweenness_options_init(&o->betweenness);
    smm_reach_options_init(&o->reach);
    o->n_threads = 1;
}

static gboolean needs_log(SmmColumn c)
{
    for (guint i = 0; i < G_N_ELEMENTS(plan); i++)
        for (guint j = 0; j < plan[i].n_columns; j++)
            if (plan[i].columns[j] == c)
                return plan[i].needs == NEEDS_LOG;
    g_assert_not_reached();
}

/* A column the user names: every column but reach_ci95, which comes with
 * reach. */
static gboolean is_metric(SmmColumn c)
{
    return c != SMM_COL_REACH_CI95;
}

gboolean smm_rank_plan(const char *list, gboolean have_log, gboolean want[SMM_N_COLUMNS],
                       GError **error)
{
    memset(want, 0, sizeof(gboolean) * SMM_N_COLUMNS);
    if (list == NULL || g_ascii_strcasecmp(list, "all") == 0) {
        for (int c = 0; c < SMM_N_COLUMNS; c++)
            want[c] = is_metric((SmmColumn)c) && (have_log || !needs_log((SmmColumn)c));
    } else {
        g_auto(GStrv) names = g_strsplit(list, ",", -1);
        for (char **name = names; *name != NULL; name++) {
            g_strstrip(*name);
            SmmColumn c;
            if (!smm_column_from_name(*name, &c) || !is_metric(c)) {
                g_autofree gchar *q = smm_quote_value(*name, -1);
                g_set_error(error, SMM_ERROR, SMM_ERROR_INVALID,
                            "unknown metric %s; choose from followers, following, pagerank, "
                            "leaderrank, authority, hub, coreness, betweenness, reach, retweets, "
                            "retweeters, retweet_pagerank",
                            q);
                return FALSE;
            }
            if (needs_log(c) && !have_log) {
                g_set_error(error, SMM_ERROR, SMM_ERROR_INVALID, "%s needs a reshare log", *name);
                return FALSE;
            }
            want[c] = TRUE;
        }
    }
    want[SMM_COL_REACH_CI95] = want[SMM_COL_REACH];
    return TRUE;
}

SmmColumn smm_rank_default_by(const gboolean want[SMM_N_COLUMNS])
{
    for (guint i = 0; i < G_N_ELEMENTS(default_by); i++)
        if (want[default_by[i]])
            return default_by[i];
    return SMM_COL_FOLLOWERS;
}

gboolean smm_rank_compute(const SmmGraph *g, const SmmModel *model, const SmmReshareLog *log,
                          const gboolean want[SMM_N_COLUMNS], const SmmRankOptions *o,
                          SmmTable *table, SmmRankRun *run, GError **error)
{
    memset(run, 0, sizeof *run);
    Job job = {g, model, log, want, o, table, run};
    for (guint i = 0; i < G_N_ELEMENTS(plan); i++) {
        gboolean asked = FALSE;
        for (guint j = 0; j < plan[i].n_columns; j++)
            asked |= want[plan[i].columns[j]];
        if (!asked)
            continue;
        if (plan[i].needs == NEEDS_LOG && log == NULL) {
            g_set_error(error, SMM_ERROR, SMM_ERROR_INVALID, "%s needs a reshare log",
                        smm_column_name(plan[i].columns[0]));
            return FALSE;
        }
        double t = smm_now();
        if (!plan[i].kernel(&job, error))
            return FALSE;
        if (plan[i].stage != NULL && o->stage_done != NULL)
            o->stage_done(o->stage_data, plan[i].stage, smm_now() - t);
    }
    return TRUE;
}

void smm_rank_accounts(SmmTable *table, const SmmGraph *g, SmmColumn by, guint32 top,
                       guint n_threads)
{
    g_autofree double *counted = NULL;
    const double *followers = table->col[SMM_COL_FOLLOWERS];
    if (followers == NULL) {
        counted = g_new(double, MAX(g->n, 1));
        for (guint32 v = 0; v < g->n; v++)
            counted[v] = (double)smm_graph_in_degree(g, v);
        followers = counted;
    }
    smm_rank_order(table, by, followers, top, n_threads);
}
