/* test_memory_budget.c - --max-memory: sizes as users write them, the
 * check's arithmetic at its edges, and the graph build and an RR pool
 * refusing before they allocate. */
#include <string.h>

#include "smm/core.h"
#include "smm/influence.h"
#include "smm/metrics.h"
#include "smm/network_stats.h"
#include "smm/seeds.h"
#include "testutil.h"

static void test_parse(void)
{
    static const struct {
        const char *text;
        guint64 bytes; /* 0: refused */
    } cases[] = {
        {"8G", 8ull << 30},
        {"8g", 8ull << 30},
        {"512M", 512ull << 20},
        {"1.5GiB", 3ull << 29},
        {"2048MB", 2ull << 30},
        {"1T", 1ull << 40},
        {"1048576", 1 << 20},
        {"100", 0},
        {"0.5K", 0},
        {"abc", 0},
        {"-1G", 0},
        {"1X", 0},
        {"1GX", 0},
        {"", 0},
        {"1e30", 0},
    };
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        guint64 got = 0;
        gboolean ok = smm_memory_parse(cases[i].text, &got);
        g_assert_cmpint(ok, ==, cases[i].bytes != 0);
        if (ok)
            g_assert_cmpuint(got, ==, cases[i].bytes);
    }
}

static void test_check(void)
{
    g_autoptr(GError) error = NULL;
    g_assert_true(smm_memory_check_against("x", 10, 90, 100, NULL));
    g_assert_false(smm_memory_check_against("x", 11, 90, 100, NULL));
    /* need + held would wrap in 64 bits */
    g_assert_false(smm_memory_check_against("x", G_MAXUINT64, 2, 100, NULL));
    g_assert_false(smm_memory_check_against("x", 1, 200, 100, NULL));
    g_assert_true(smm_memory_check_against("x", G_MAXUINT64, G_MAXUINT64, 0, NULL)); /* no limit */
    g_assert_false(
        smm_memory_check_against("building the graph", 3ull << 30, 1ull << 29, 2ull << 30, &error));
    g_assert_error(error, SMM_ERROR, SMM_ERROR_MEMORY);
    g_assert_nonnull(strstr(error->message, "building the graph needs about 3.0 GiB"));
    g_assert_nonnull(strstr(error->message, "512 MiB in use"));
    g_assert_nonnull(strstr(error->message, "limit is 2.0 GiB"));
    g_assert_cmpuint(smm_memory_default_limit(), >, 1u << 20);
}

/* With a limit below what they need, the build and a pool stop with
 * SMM_ERROR_MEMORY; with none they run. */
static void test_stages_refuse(void)
{
    g_autoptr(SmmGraph) g = test_load_graph("graphs/congress-twitter.csv", TRUE, FALSE, NULL);
    SmmModel ic = {.kind = SMM_P_WEIGHTED_CASCADE};
    SmmRrPool pool;
    smm_rr_pool_init(&pool, 1);
    g_autoptr(GError) error = NULL;
    smm_memory_set_limit(1u << 20); /* less than the process holds already */
    g_assert_false(smm_rr_pool_grow(&pool, g, &ic, 100000, 2, &error));
    g_assert_error(error, SMM_ERROR, SMM_ERROR_MEMORY);
    g_assert_nonnull(strstr(error->message, "sampling RR sets"));
    g_assert_cmpuint(pool.count, <=, 2048); /* the first block, to estimate from */
    g_clear_error(&error);

    SmmEdgeList edges = {0};
    edges.names = smm_names_new();
    edges.src = g_array_new(FALSE, FALSE, sizeof(guint32));
    edges.dst = g_array_new(FALSE, FALSE, sizeof(guint32));
    SmmGraphStats stats;
    g_assert_null(smm_graph_build(&edges, 1, NULL, &stats, &error));
    g_assert_error(error, SMM_ERROR, SMM_ERROR_MEMORY);
    g_clear_error(&error);

    smm_memory_set_limit(0);
    g_assert_true(smm_rr_pool_grow(&pool, g, &ic, 100000, 2, &error));
    g_assert_cmpuint(pool.count, ==, 100000);
    smm_rr_pool_clear(&pool);
    g_autoptr(SmmGraph) built = smm_graph_build(&edges, 1, NULL, &stats, &error);
    g_assert_nonnull(built);
    smm_edge_list_clear(&edges);
}

/* A chain of n accounts: 0 <- 1 <- ... (each follows the one before). */
static SmmGraph *chain(guint32 n)
{
    SmmEdgeList edges = {0};
    edges.names = smm_names_new();
    edges.src = g_array_sized_new(FALSE, FALSE, sizeof(guint32), n - 1);
    edges.dst = g_array_sized_new(FALSE, FALSE, sizeof(guint32), n - 1);
    for (guint32 v = 0; v < n; v++) {
        char name[16];
        int len = g_snprintf(name, sizeof name, "a%u", v);
        guint32 id;
        g_assert_true(smm_names_intern(edges.names, name, (guint32)len, &id, NULL));
        if (v > 0) {
            guint32 from = v, to = v - 1;
            g_array_append_val(edges.src, from);
            g_array_append_val(edges.dst, to);
        }
    }
    SmmGraphStats stats;
    SmmGraph *g = smm_graph_build(&edges, 1, NULL, &stats, NULL);
    smm_edge_list_clear(&edges);
    g_assert_nonnull(g);
    return g;
}

/* A limit of what the process holds plus half of what a stage is known to
 * allocate (from its data structures, not from its estimate) must stop it
 * before it allocates. */
static void limit_below(guint64 allocates)
{
    smm_memory_set_limit(smm_memory_resident() + allocates / 2);
}

static void expect_refused(GError **error, const char *what)
{
    g_assert_error(*error, SMM_ERROR, SMM_ERROR_MEMORY);
    g_assert_nonnull(strstr((*error)->message, what));
    g_clear_error(error);
    smm_memory_set_limit(0);
}

/* Each stage that allocates per account or per run checks first: those
 * figures are many MiB here, far above the noise of the resident size. */
static void test_stage_estimates(void)
{
    const guint32 n = 1u << 20;
    g_autoptr(SmmGraph) g = chain(n);
    g_autoptr(GError) error = NULL;

    /* betweenness: per thread at least two doubles (a block's sums) per account */
    SmmBetweennessOptions bo;
    smm_betweenness_options_init(&bo);
    bo.sources = 4;
    bo.n_threads = 1;
    g_autofree double *out = g_new(double, n);
    SmmBetweennessResult br;
    limit_below(16ull * n);
    g_assert_false(smm_metrics_betweenness(g, &bo, out, NULL, &br, &error));
    expect_refused(&error, "computing betweenness");

    /* reach: per thread a count and a set of 32-bit ids per account */
    SmmModel ic = {.kind = SMM_P_UNIFORM, .p = 0.1};
    SmmReachOptions ro;
    smm_reach_options_init(&ro);
    ro.samples = 1000;
    ro.n_threads = 1;
    g_autofree double *reach = g_new(double, n), *ci = g_new(double, n);
    SmmReachResult rr;
    limit_below(8ull * n);
    g_assert_false(smm_reach_estimate(g, &ic, &ro, reach, ci, &rr, &error));
    expect_refused(&error, "estimating reach");

    /* simulate: a 32-bit count per run */
    guint32 seed = 0;
    SmmSimulateOptions so = {.runs = 8u << 20, .seed = 1, .n_threads = 1};
    SmmSimulateResult sr;
    limit_below(4ull * so.runs);
    g_assert_false(smm_simulate(g, &ic, &seed, 1, &so, &sr, &error));
    smm_simulate_result_clear(&sr);
    expect_refused(&error, "simulating 8388608 runs");

    /* igraph's form: from, to and two edge orders, 8 B each per follow */
    limit_below(32ull * g->m);
    g_assert_null(smm_graph_igraph(g, &error));
    expect_refused(&error, "copying the graph into igraph's form");

    /* stats: with the igraph form made, transitivity's adjacency list holds
     * each follow twice (8 B each) */
    g_assert_nonnull(smm_graph_igraph(g, NULL));
    SmmNetworkStats ns;
    SmmNetworkStatsOptions no = {0};
    limit_below(16ull * g->m);
    g_assert_false(smm_network_stats(g, &no, &ns, &error));
    expect_refused(&error, "computing transitivity");

    /* and each runs once the limit allows twice what they allocate */
    smm_memory_set_limit(smm_memory_resident() + (64ull << 20) + 64ull * n);
    g_assert_true(smm_metrics_betweenness(g, &bo, out, NULL, &br, NULL));
    g_assert_true(smm_reach_estimate(g, &ic, &ro, reach, ci, &rr, NULL));
    so.runs = 1000;
    g_assert_true(smm_simulate(g, &ic, &seed, 1, &so, &sr, NULL));
    smm_simulate_result_clear(&sr);
    g_assert_true(smm_network_stats(g, &no, &ns, NULL));
    smm_memory_set_limit(0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    smm_igraph_init();
    g_test_add_func("/memory-budget/parse", test_parse);
    g_test_add_func("/memory-budget/check", test_check);
    g_test_add_func("/memory-budget/stages-refuse", test_stages_refuse);
    g_test_add_func("/memory-budget/stage-estimates", test_stage_estimates);
    return g_test_run();
}
