/* test_metrics.c - every centrality but betweenness (test_betweenness.c)
 * against values from independent tools (networkx and python3-igraph, via
 * scripts/reference_metrics.py) on real graphs: Zachary's karate club
 * (undirected), the 117th US Congress Twitter network (directed, read with
 * --reverse) and the Higgs partial follower graph (77k accounts, most
 * following nobody). Also: thread-count independence. */
#include <math.h>
#include <string.h>

#include "smm/core.h"
#include "smm/metrics.h"
#include "testutil.h"

static const TestGraphCase cases[] = {
    {"karate", "tests/data/karate.csv", "tests/data/expected/karate_metrics.csv", FALSE, TRUE},
    {"congress", "graphs/congress-twitter.csv", "tests/data/expected/congress_metrics.csv", TRUE,
     FALSE},
    {"higgs", "graphs/higgs-followers.csv.gz", "tests/data/expected/higgs_metrics.csv.gz", FALSE,
     FALSE},
};

typedef enum {
    M_FOLLOWERS,
    M_FOLLOWING,
    M_PAGERANK,
    M_LEADERRANK,
    M_AUTHORITY,
    M_HUB,
    M_CORENESS,
    N_M
} Metric;
static const char *metric_names[N_M] = {"followers", "following", "pagerank", "leaderrank",
                                        "authority", "hub",       "coreness"};
/* Tolerances: exact integers; iterative scores to their solvers' precision. */
static const double abs_tol[N_M] = {0, 0, 1e-13, 1e-10, 1e-10, 1e-10, 0};
static const double rel_tol[N_M] = {0, 0, 1e-9, 1e-10, 1e-8, 1e-8, 0};

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
    default: g_assert_not_reached();
    }
    g_assert_true(r.converged);
    return out;
}

static void test_against_reference(gconstpointer data)
{
    const TestGraphCase *c = data;
    g_autoptr(SmmGraph) g = test_load_case(c);
    TestExpected e;
    test_expected_load(&e, c->expected);
    g_assert_cmpuint(g_hash_table_size(e.rows), ==, g->n);
    for (Metric m = 0; m < N_M; m++) {
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
    return g_test_run();
}
