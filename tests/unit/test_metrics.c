/* test_metrics.c - every centrality against values from independent tools
 * (networkx and python3-igraph, via scripts/reference_metrics.py) on real
 * graphs: Zachary's karate club (undirected), the 117th US Congress Twitter
 * network (directed, read with --reverse) and the Higgs partial follower
 * graph (77k accounts, most following nobody; no betweenness reference
 * there). Also: thread-count independence, and the sampled betweenness
 * estimator's unbiasedness. */
#include <math.h>
#include <string.h>

#include "smm/core.h"
#include "smm/metrics.h"
#include "testutil.h"

typedef struct {
    const char *name;
    const char *graph;
    const char *expected;
    gboolean reverse, undirected, betweenness;
} Case;

static const Case cases[] = {
    {"karate", "tests/data/karate.csv", "tests/data/expected/karate_metrics.csv", FALSE, TRUE,
     TRUE},
    {"congress", "graphs/congress-twitter.csv", "tests/data/expected/congress_metrics.csv", TRUE,
     FALSE, TRUE},
    {"higgs", "graphs/higgs-followers.csv.gz", "tests/data/expected/higgs_metrics.csv.gz", FALSE,
     FALSE, FALSE},
};

typedef enum {
    M_FOLLOWERS,
    M_FOLLOWING,
    M_PAGERANK,
    M_LEADERRANK,
    M_AUTHORITY,
    M_HUB,
    M_CORENESS,
    M_BETWEENNESS,
    N_M
} Metric;
static const char *metric_names[N_M] = {"followers", "following", "pagerank", "leaderrank",
                                        "authority", "hub",       "coreness", "betweenness"};
/* Tolerances: exact integers; iterative scores to their solvers' precision. */
static const double abs_tol[N_M] = {0, 0, 1e-13, 1e-10, 1e-10, 1e-10, 0, 1e-9};
static const double rel_tol[N_M] = {0, 0, 1e-9, 1e-10, 1e-8, 1e-8, 0, 1e-10};

static double *compute(SmmGraph *g, Metric m)
{
    double *out = g_new(double, g->n);
    g_autofree double *other = g_new(double, g->n);
    SmmIterOptions io;
    smm_iter_options_init(&io);
    SmmIterResult r = {.converged = TRUE};
    switch (m) {
    case M_FOLLOWERS:
        for (guint32 v = 0; v < g->n; v++)
            out[v] = (double)smm_graph_in_degree(g, v);
        break;
    case M_FOLLOWING:
        for (guint32 v = 0; v < g->n; v++)
            out[v] = (double)smm_graph_out_degree(g, v);
        break;
    case M_PAGERANK: smm_metrics_pagerank(g, NULL, 0.85, &io, 2, out, &r); break;
    case M_LEADERRANK: smm_metrics_leaderrank(g, &io, 2, out, &r); break;
    case M_AUTHORITY: smm_metrics_hits(g, &io, 2, out, other, &r); break;
    case M_HUB: smm_metrics_hits(g, &io, 2, other, out, &r); break;
    case M_CORENESS: smm_metrics_coreness(g, 2, out); break;
    case M_BETWEENNESS: smm_metrics_betweenness(g, 0, 1, 2, out); break;
    default: g_assert_not_reached();
    }
    g_assert_true(r.converged);
    return out;
}

static void test_against_reference(gconstpointer data)
{
    const Case *c = data;
    g_autoptr(SmmGraph) g = test_load_graph(c->graph, c->reverse, c->undirected, NULL);
    TestExpected e;
    test_expected_load(&e, c->expected);
    g_assert_cmpuint(g_hash_table_size(e.rows), ==, g->n);
    for (Metric m = 0; m < N_M; m++) {
        if (m == M_BETWEENNESS && !c->betweenness)
            continue;
        g_autofree double *got = compute(g, m);
        guint col = test_expected_column(&e, metric_names[m]);
        for (guint32 v = 0; v < g->n; v++) {
            const char *name = smm_names_get(g->names, v, NULL);
            test_assert_close(metric_names[m], name, got[v], test_expected_value(&e, name, col),
                              abs_tol[m], rel_tol[m]);
        }
    }
    test_expected_clear(&e);
}

/* PageRank sums to 1; LeaderRank sums to n (the ground's share is spread). */
static void test_invariants(void)
{
    g_autoptr(SmmGraph) g = test_load_graph("graphs/congress-twitter.csv", TRUE, FALSE, NULL);
    g_autofree double *pr = compute(g, M_PAGERANK);
    g_autofree double *lr = compute(g, M_LEADERRANK);
    double spr = 0, slr = 0;
    for (guint32 v = 0; v < g->n; v++) {
        spr += pr[v];
        slr += lr[v];
    }
    g_assert_cmpfloat_with_epsilon(spr, 1.0, 1e-9);
    g_assert_cmpfloat_with_epsilon(slr, (double)g->n, 1e-6);
}

static void test_thread_independence(void)
{
    g_autoptr(SmmGraph) g = test_load_graph("graphs/congress-twitter.csv", TRUE, FALSE, NULL);
    guint32 n = g->n;
    g_autofree double *lr1 = g_new(double, n), *lr3 = g_new(double, n);
    SmmIterOptions io;
    smm_iter_options_init(&io);
    SmmIterResult r1, r3;
    smm_metrics_leaderrank(g, &io, 1, lr1, &r1);
    smm_metrics_leaderrank(g, &io, 3, lr3, &r3);
    g_assert_cmpmem(lr1, n * sizeof(double), lr3, n * sizeof(double));
    for (guint64 k = 0; k <= n; k += n / 2) { /* exact (0), sampled, exact (n) */
        g_autofree double *b1 = g_new(double, n), *b2 = g_new(double, n);
        smm_metrics_betweenness(g, k, 42, 1, b1);
        smm_metrics_betweenness(g, k, 42, 2, b2);
        g_assert_cmpmem(b1, n * sizeof(double), b2, n * sizeof(double));
    }
}

/* The sampled estimator is unbiased: averaged over 40 seeds with a quarter
 * of the sources, the total betweenness (sum over accounts) is within 3
 * standard errors of the exact total, and so is the top account's. */
static void test_sampled_betweenness(void)
{
    g_autoptr(SmmGraph) g = test_load_graph("graphs/congress-twitter.csv", TRUE, FALSE, NULL);
    guint32 n = g->n;
    g_autofree double *exact = g_new(double, n);
    smm_metrics_betweenness(g, 0, 1, 2, exact);
    guint32 top = 0;
    double exact_total = 0;
    for (guint32 v = 0; v < n; v++) {
        exact_total += exact[v];
        if (exact[v] > exact[top])
            top = v;
    }
    const int runs = 40;
    double sum_t = 0, sum_t2 = 0, sum_v = 0, sum_v2 = 0;
    g_autofree double *est = g_new(double, n);
    for (int s = 0; s < runs; s++) {
        smm_metrics_betweenness(g, n / 4, 1000 + s, 2, est);
        double total = 0;
        for (guint32 v = 0; v < n; v++)
            total += est[v];
        sum_t += total;
        sum_t2 += total * total;
        sum_v += est[top];
        sum_v2 += est[top] * est[top];
    }
    double mean_t = sum_t / runs, se_t = sqrt((sum_t2 / runs - mean_t * mean_t) / (runs - 1));
    double mean_v = sum_v / runs, se_v = sqrt((sum_v2 / runs - mean_v * mean_v) / (runs - 1));
    g_assert_cmpfloat(fabs(mean_t - exact_total), <=, 3 * se_t);
    g_assert_cmpfloat(fabs(mean_v - exact[top]), <=, 3 * se_v);
    /* and it is a real estimate, not the exact answer in disguise */
    g_assert_cmpfloat(se_v, >, 0.0);
}

/* The default source count: exact on small graphs, a budget on large ones. */
static void test_default_sources(void)
{
    g_autoptr(SmmGraph) g = test_load_graph("tests/data/karate.csv", FALSE, TRUE, NULL);
    g_assert_cmpuint(smm_metrics_betweenness_default_sources(g), ==, g->n);
    SmmGraph big = {.n = 1000000, .m = 10000000};
    guint64 k = smm_metrics_betweenness_default_sources(&big);
    g_assert_cmpuint(k, ==, (guint64)(SMM_BETWEENNESS_BUDGET / 11000000.0));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    smm_igraph_init();
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *name = g_strdup_printf("/metrics/reference/%s", cases[i].name);
        g_test_add_data_func(name, &cases[i], test_against_reference);
    }
    g_test_add_func("/metrics/invariants", test_invariants);
    g_test_add_func("/metrics/thread-independence", test_thread_independence);
    g_test_add_func("/metrics/sampled-betweenness-unbiased", test_sampled_betweenness);
    g_test_add_func("/metrics/default-sources", test_default_sources);
    return g_test_run();
}
