/* test_reach.c - the RR-set reach estimator against
 *  - the exact expected spread, by enumeration of all live-edge worlds on
 *    graphs of at most 20 edges (scripts/exact_reach.py),
 *  - forward Monte Carlo simulation of the cascade (written here, plainly,
 *    on the follower lists: the opposite direction to the RR sampler),
 * and checks that its 95% intervals cover about 95% of the time, and that
 * results depend on the seed only, never on the thread count. */
#include <math.h>
#include <string.h>

#include "smm/core.h"
#include "smm/influence.h"
#include "smm/rng.h"
#include "testutil.h"

typedef struct {
    const char *name;
    const char *graph;
    const char *expected;
    gboolean undirected;
    const char *p_column;
    SmmModel model;
} ExactCase;

static const ExactCase exact_cases[] = {
    {"tiny_wc",
     "tests/data/tiny_wc.csv",
     "tests/data/expected/tiny_wc_reach.csv",
     FALSE,
     NULL,
     {.kind = SMM_P_WEIGHTED_CASCADE}},
    {"tiny_p",
     "tests/data/tiny_p.csv",
     "tests/data/expected/tiny_p_reach.csv",
     FALSE,
     "p",
     {.kind = SMM_P_EDGE}},
    {"tiny_undirected",
     "tests/data/tiny_undirected.csv",
     "tests/data/expected/tiny_undirected_reach.csv",
     TRUE,
     NULL,
     {.kind = SMM_P_UNIFORM, .p = 0.4}},
};

static void estimate(const SmmGraph *g, const SmmModel *model, guint64 samples, guint64 seed,
                     guint threads, double *reach, double *ci)
{
    SmmReachOptions o;
    smm_reach_options_init(&o);
    o.samples = samples;
    o.seed = seed;
    o.n_threads = threads;
    SmmReachResult r;
    g_autoptr(GError) error = NULL;
    g_assert_true(smm_reach_estimate(g, model, &o, reach, ci, &r, &error));
    g_assert_no_error(error);
    g_assert_cmpuint(r.samples, ==, samples);
}

/* Within two half-widths (about 3.9 standard errors) of the exact value,
 * and the half-width itself small: the test has teeth. */
static void test_exact(gconstpointer data)
{
    const ExactCase *c = data;
    g_autoptr(SmmGraph) g = test_load_graph(c->graph, FALSE, c->undirected, c->p_column);
    g_assert_cmpuint(g->m, <=, 20);
    TestExpected e;
    test_expected_load(&e, c->expected);
    guint col = test_expected_column(&e, "reach");
    g_autofree double *reach = g_new(double, g->n), *ci = g_new(double, g->n);
    estimate(g, &c->model, 1 << 20, 5, 2, reach, ci);
    for (guint32 v = 0; v < g->n; v++) {
        const char *name = smm_names_get(g->names, v, NULL);
        double exact = test_expected_value(&e, name, col);
        g_assert_cmpfloat(ci[v], <, 0.01 * g->n);
        if (fabs(reach[v] - exact) > 2 * ci[v])
            g_error("reach of %s: %g +- %g, exact %.10g", name, reach[v], ci[v], exact);
    }
    test_expected_clear(&e);
}

/* Over 300 independent runs of 2000 sets each, the 95% intervals of the
 * accounts that can reach anyone cover the exact value 90-99% of the time. */
static void test_interval_coverage(void)
{
    g_autoptr(SmmGraph) g = test_load_graph("tests/data/tiny_wc.csv", FALSE, FALSE, NULL);
    TestExpected e;
    test_expected_load(&e, "tests/data/expected/tiny_wc_reach.csv");
    guint col = test_expected_column(&e, "reach");
    SmmModel wc = {.kind = SMM_P_WEIGHTED_CASCADE};
    g_autofree double *reach = g_new(double, g->n), *ci = g_new(double, g->n);
    guint covered = 0, total = 0;
    for (guint64 run = 0; run < 300; run++) {
        estimate(g, &wc, 2000, 100 + run, 1, reach, ci);
        for (guint32 v = 0; v < g->n; v++) {
            double exact = test_expected_value(&e, smm_names_get(g->names, v, NULL), col);
            if (exact <= 1.0)
                continue; /* reaches only itself: known exactly, nothing to cover */
            total++;
            covered += fabs(reach[v] - exact) <= ci[v];
        }
    }
    test_expected_clear(&e);
    g_assert_cmpuint(total, >, 600);
    double rate = (double)covered / total;
    g_test_message("coverage %.4f over %u intervals", rate, total);
    g_assert_cmpfloat(rate, >=, 0.90);
    g_assert_cmpfloat(rate, <=, 0.99);
}

/* Forward Monte Carlo: a post by `start` spreads to each follower of each
 * newly reached account once, with that edge's probability. */
static double simulate(SmmGraph *g, const SmmModel *model, guint32 start, guint runs, guint64 seed,
                       double *std_error)
{
    g_autofree guint32 *mark = g_new0(guint32, g->n);
    g_autofree guint32 *queue = g_new(guint32, g->n);
    double sum = 0, sum2 = 0;
    for (guint run = 1; run <= runs; run++) {
        SmmRng rng;
        smm_rng_init(&rng, seed, run);
        guint32 size = 0;
        queue[size++] = start;
        mark[start] = run;
        for (guint32 head = 0; head < size; head++) {
            guint32 u = queue[head];
            for (guint64 k = g->in_off[u]; k < g->in_off[u + 1]; k++) {
                guint32 v = g->in_adj[k];
                double p = model->kind == SMM_P_EDGE      ? smm_graph_in_probabilities(g)[k]
                           : model->kind == SMM_P_UNIFORM ? model->p
                                                          : 1.0 / smm_graph_out_degree(g, v);
                if (mark[v] != run && smm_rng_uniform(&rng) < p) {
                    mark[v] = run;
                    queue[size++] = v;
                }
            }
        }
        sum += size;
        sum2 += (double)size * size;
    }
    double mean = sum / runs;
    *std_error = sqrt((sum2 / runs - mean * mean) / (runs - 1));
    return mean;
}

static void check_against_simulation(const char *graph, gboolean reverse, gboolean undirected,
                                     const char *p_column, SmmModel model)
{
    g_autoptr(SmmGraph) g = test_load_graph(graph, reverse, undirected, p_column);
    g_autofree double *reach = g_new(double, g->n), *ci = g_new(double, g->n);
    estimate(g, &model, 1 << 21, 9, 2, reach, ci);
    /* the five accounts with the largest estimated reach, and five others */
    guint32 picks[10];
    for (int i = 0; i < 5; i++) {
        guint32 best = 0;
        for (guint32 v = 0; v < g->n; v++) {
            gboolean taken = FALSE;
            for (int j = 0; j < i; j++)
                taken |= picks[j] == v;
            if (!taken && reach[v] > reach[best])
                best = v;
        }
        picks[i] = best;
    }
    for (int i = 5; i < 10; i++)
        picks[i] = (guint32)((i - 5) * (g->n / 5));
    double max_spread = 0;
    for (int i = 0; i < 10; i++) {
        double se;
        double mc = simulate(g, &model, picks[i], 20000, 77, &se);
        double tolerance = 2.0 * sqrt(ci[picks[i]] * ci[picks[i]] + (1.96 * se) * (1.96 * se));
        max_spread = fmax(max_spread, mc);
        if (fabs(mc - reach[picks[i]]) > tolerance)
            g_error("%s: account %s: RR %g +- %g, simulation %g +- %g", graph,
                    smm_names_get(g->names, picks[i], NULL), reach[picks[i]], ci[picks[i]], mc,
                    1.96 * se);
    }
    g_assert_cmpfloat(max_spread, >, 1.5); /* cascades do happen */
}

static void test_simulation_congress(void)
{
    /* measured engagement probabilities; Fink et al.'s rows say who influences whom */
    check_against_simulation("graphs/congress-twitter.csv", TRUE, FALSE, "weight",
                             (SmmModel){.kind = SMM_P_EDGE});
    check_against_simulation("graphs/congress-twitter.csv", TRUE, FALSE, NULL,
                             (SmmModel){.kind = SMM_P_WEIGHTED_CASCADE});
}

static void test_simulation_karate(void)
{
    check_against_simulation("tests/data/karate.csv", FALSE, TRUE, NULL,
                             (SmmModel){.kind = SMM_P_UNIFORM, .p = 0.15});
}

static void test_thread_independence(void)
{
    g_autoptr(SmmGraph) g = test_load_graph("graphs/congress-twitter.csv", TRUE, FALSE, NULL);
    SmmModel wc = {.kind = SMM_P_WEIGHTED_CASCADE};
    guint32 n = g->n;
    g_autofree double *r1 = g_new(double, n), *c1 = g_new(double, n);
    estimate(g, &wc, 100000, 3, 1, r1, c1);
    for (guint threads = 2; threads <= 4; threads++) {
        g_autofree double *r = g_new(double, n), *c = g_new(double, n);
        estimate(g, &wc, 100000, 3, threads, r, c);
        g_assert_cmpmem(r, n * sizeof(double), r1, n * sizeof(double));
        g_assert_cmpmem(c, n * sizeof(double), c1, n * sizeof(double));
    }
    /* a different seed gives different (but close) numbers */
    g_autofree double *r2 = g_new(double, n), *c2 = g_new(double, n);
    estimate(g, &wc, 100000, 4, 2, r2, c2);
    g_assert_true(memcmp(r1, r2, n * sizeof(double)) != 0);
}

static gint by_reach_desc(gconstpointer a, gconstpointer b, gpointer data)
{
    const double *reach = data;
    guint32 u = *(const guint32 *)a, v = *(const guint32 *)b;
    if (reach[u] != reach[v])
        return reach[u] > reach[v] ? -1 : 1;
    return u < v ? -1 : u > v;
}

/* Adaptive sampling stops at the target, and --samples with the number it
 * drew reproduces its numbers exactly. */
static void test_adaptive(void)
{
    g_autoptr(SmmGraph) g = test_load_graph("graphs/congress-twitter.csv", TRUE, FALSE, NULL);
    SmmModel wc = {.kind = SMM_P_WEIGHTED_CASCADE};
    guint32 n = g->n;
    SmmReachOptions o;
    smm_reach_options_init(&o);
    o.n_threads = 2;
    o.seed = 8;
    SmmReachResult r;
    g_autofree double *reach = g_new(double, n), *ci = g_new(double, n);
    g_assert_true(smm_reach_estimate(g, &wc, &o, reach, ci, &r, NULL));
    g_assert_true(r.target_met);
    g_assert_false(r.time_capped);
    g_assert_cmpfloat(r.worst_precision, <=, 0.02);
    /* the 20 largest estimates really are within 2% (ties at the 20th
     * broken by id, as any account at that value would do) */
    g_autofree guint32 *by_reach = g_new(guint32, n);
    for (guint32 v = 0; v < n; v++)
        by_reach[v] = v;
    g_qsort_with_data(by_reach, (gint)n, sizeof(guint32), by_reach_desc, reach);
    g_assert_cmpuint(n, >=, o.top);
    g_assert_cmpuint(o.top, ==, 20);
    for (guint i = 0; i < o.top; i++) {
        guint32 v = by_reach[i];
        g_assert_cmpfloat(ci[v], <=, 0.02 * reach[v]);
        g_assert_cmpfloat(ci[v], <=, r.worst_precision * reach[v] * (1 + 1e-12));
    }
    g_autofree double *again = g_new(double, n), *ci2 = g_new(double, n);
    estimate(g, &wc, r.samples, 8, 1, again, ci2);
    g_assert_cmpmem(again, n * sizeof(double), reach, n * sizeof(double));

    /* a tiny time limit stops sampling and says so */
    o.time_limit = 1e-9;
    g_assert_true(smm_reach_estimate(g, &wc, &o, reach, ci, &r, NULL));
    g_assert_true(r.time_capped);
    g_assert_false(r.target_met);
}

static void test_wilson(void)
{
    /* Wilson (1927): 50 of 100 gives 0.4038-0.5962 at 95%; 0 of 100 gives
     * 0-0.0370 (z = 1.959964). */
    double centre, half;
    smm_wilson95(50, 100, &centre, &half);
    g_assert_cmpfloat_with_epsilon(centre, 0.5, 1e-12);
    g_assert_cmpfloat_with_epsilon(centre - half, 0.4038315, 1e-6);
    smm_wilson95(0, 100, &centre, &half);
    g_assert_cmpfloat_with_epsilon(centre - half, 0.0, 1e-12);
    g_assert_cmpfloat_with_epsilon(centre + half, 0.0369935, 1e-6);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    smm_igraph_init();
    for (guint i = 0; i < G_N_ELEMENTS(exact_cases); i++) {
        g_autofree char *name = g_strdup_printf("/reach/exact/%s", exact_cases[i].name);
        g_test_add_data_func(name, &exact_cases[i], test_exact);
    }
    g_test_add_func("/reach/interval-coverage", test_interval_coverage);
    g_test_add_func("/reach/simulation/congress", test_simulation_congress);
    g_test_add_func("/reach/simulation/karate", test_simulation_karate);
    g_test_add_func("/reach/thread-independence", test_thread_independence);
    g_test_add_func("/reach/adaptive", test_adaptive);
    g_test_add_func("/reach/wilson", test_wilson);
    return g_test_run();
}
