/* test_memory_budget.c - --max-memory: sizes as users write them, the
 * check's arithmetic at its edges, and the graph build and an RR pool
 * refusing before they allocate. */
#include <string.h>

#include "smm/core.h"
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

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    smm_igraph_init();
    g_test_add_func("/memory-budget/parse", test_parse);
    g_test_add_func("/memory-budget/check", test_check);
    g_test_add_func("/memory-budget/stages-refuse", test_stages_refuse);
    return g_test_run();
}
