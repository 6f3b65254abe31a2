/* test_rank_plan.c - rank's metric plan: which columns a --metrics list
 * asks for, and each column filled by its own kernel, checked on the
 * directed Congress graph against the independent references of
 * scripts/reference_metrics.py (so a swapped authority and hub, or
 * pagerank written into leaderrank, fails), plus reach against its kernel
 * and the stages reported in order. */
#include <string.h>

#include "smm/core.h"
#include "smm/rank.h"
#include "testutil.h"

static void test_plan_lists(void)
{
    gboolean want[SMM_N_COLUMNS];
    g_autoptr(GError) error = NULL;
    g_assert_true(smm_rank_plan(NULL, FALSE, want, &error));
    for (int c = 0; c < SMM_N_COLUMNS; c++) {
        gboolean log_metric =
            c == SMM_COL_RETWEETS || c == SMM_COL_RETWEETERS || c == SMM_COL_RETWEET_PAGERANK;
        g_assert_cmpint(want[c], ==, !log_metric);
    }
    g_assert_true(smm_rank_plan("all", TRUE, want, &error));
    for (int c = 0; c < SMM_N_COLUMNS; c++)
        g_assert_true(want[c]);
    g_assert_true(smm_rank_plan(" hub , Reach", FALSE, want, &error));
    for (int c = 0; c < SMM_N_COLUMNS; c++)
        g_assert_cmpint(want[c], ==,
                        c == SMM_COL_HUB || c == SMM_COL_REACH || c == SMM_COL_REACH_CI95);
    g_assert_cmpint(smm_rank_default_by(want), ==, SMM_COL_REACH);
    g_assert_true(smm_rank_plan("hub,following", FALSE, want, &error));
    g_assert_cmpint(smm_rank_default_by(want), ==, SMM_COL_HUB);

    const char *refused[] = {"fame", "reach_ci95", "pagerank,", "retweets"};
    for (guint i = 0; i < G_N_ELEMENTS(refused); i++) {
        g_clear_error(&error);
        g_assert_false(smm_rank_plan(refused[i], FALSE, want, &error));
        g_assert_error(error, SMM_ERROR, SMM_ERROR_INVALID);
    }
    g_clear_error(&error);
    g_assert_true(smm_rank_plan("retweets", TRUE, want, &error));
}

typedef struct {
    GPtrArray *stages;
} Stages;

static void record_stage(gpointer data, const char *stage, double seconds)
{
    g_assert_cmpfloat(seconds, >=, 0.0);
    g_ptr_array_add(((Stages *)data)->stages, g_strdup(stage));
}

static void test_columns_by_their_kernels(void)
{
    g_autoptr(SmmGraph) g = test_load_graph("graphs/congress-twitter.csv", TRUE, FALSE, NULL);
    TestExpected e;
    test_expected_load(&e, "tests/data/expected/congress_metrics.csv");
    gboolean want[SMM_N_COLUMNS];
    g_assert_true(smm_rank_plan("followers,following,pagerank,leaderrank,authority,hub,coreness,"
                                "betweenness,reach",
                                FALSE, want, NULL));
    SmmRankOptions o;
    smm_rank_options_init(&o);
    o.n_threads = 2;
    o.betweenness.sources = g->n; /* exact */
    o.reach.samples = 20000;
    o.reach.seed = 5;
    Stages stages = {g_ptr_array_new_with_free_func(g_free)};
    o.stage_done = record_stage;
    o.stage_data = &stages;
    SmmModel model = {.kind = SMM_P_WEIGHTED_CASCADE};
    SmmTable table;
    smm_table_init(&table, g->names, g->n);
    SmmRankRun run;
    g_autoptr(GError) error = NULL;
    g_assert_true(smm_rank_compute(g, &model, NULL, want, &o, &table, &run, &error));
    g_assert_no_error(error);

    static const struct {
        SmmColumn column;
        double abs_tol, rel_tol;
    } checks[] = {
        {SMM_COL_FOLLOWERS, 0, 0},        {SMM_COL_FOLLOWING, 0, 0},
        {SMM_COL_PAGERANK, 1e-13, 1e-9},  {SMM_COL_LEADERRANK, 1e-10, 1e-10},
        {SMM_COL_AUTHORITY, 1e-10, 1e-8}, {SMM_COL_HUB, 1e-10, 1e-8},
        {SMM_COL_CORENESS, 0, 0},         {SMM_COL_BETWEENNESS, 1e-9, 1e-9},
    };
    for (guint i = 0; i < G_N_ELEMENTS(checks); i++) {
        const char *name = smm_column_name(checks[i].column);
        guint col = test_expected_column(&e, name);
        g_assert_nonnull(table.col[checks[i].column]);
        for (guint32 v = 0; v < g->n; v++) {
            const char *account = smm_names_get(g->names, v, NULL);
            test_assert_close(name, account, table.col[checks[i].column][v],
                              test_expected_value(&e, account, col), checks[i].abs_tol,
                              checks[i].rel_tol);
        }
    }
    /* reach is the kernel's, from the same RR sets */
    SmmReachOptions ro = o.reach;
    ro.n_threads = 1;
    g_autofree double *reach = g_new(double, g->n), *ci = g_new(double, g->n);
    SmmReachResult rr;
    g_assert_true(smm_reach_estimate(g, &model, &ro, reach, ci, &rr, NULL));
    g_assert_cmpmem(reach, sizeof(double) * g->n, table.col[SMM_COL_REACH], sizeof(double) * g->n);
    g_assert_cmpmem(ci, sizeof(double) * g->n, table.col[SMM_COL_REACH_CI95],
                    sizeof(double) * g->n);
    g_assert_true(run.reach_done && run.betweenness_done);
    g_assert_true(run.betweenness.exact);
    g_assert_cmpuint(run.reach.samples, ==, 20000);

    const char *expect_stages[] = {"pagerank", "leaderrank",  "hits",
                                   "coreness", "betweenness", "reach"};
    g_assert_cmpuint(stages.stages->len, ==, G_N_ELEMENTS(expect_stages));
    for (guint i = 0; i < G_N_ELEMENTS(expect_stages); i++)
        g_assert_cmpstr(g_ptr_array_index(stages.stages, i), ==, expect_stages[i]);
    g_assert_cmpuint(run.n_iterations, ==, 3);
    g_assert_cmpstr(run.iteration[0].name, ==, "pagerank");
    g_assert_cmpstr(run.iteration[2].name, ==, "hits");
    for (guint i = 0; i < run.n_iterations; i++)
        g_assert_true(run.iteration[i].result.converged);

    g_ptr_array_free(stages.stages, TRUE);
    smm_table_clear(&table);
    test_expected_clear(&e);
}

/* Only what was asked for becomes a column: hub alone leaves authority out. */
static void test_only_wanted_columns(void)
{
    g_autoptr(SmmGraph) g = test_load_graph("graphs/congress-twitter.csv", TRUE, FALSE, NULL);
    gboolean want[SMM_N_COLUMNS];
    g_assert_true(smm_rank_plan("hub", FALSE, want, NULL));
    SmmRankOptions o;
    smm_rank_options_init(&o);
    SmmModel model = {.kind = SMM_P_WEIGHTED_CASCADE};
    SmmTable table;
    smm_table_init(&table, g->names, g->n);
    SmmRankRun run;
    g_assert_true(smm_rank_compute(g, &model, NULL, want, &o, &table, &run, NULL));
    for (int c = 0; c < SMM_N_COLUMNS; c++)
        g_assert_cmpint(table.col[c] != NULL, ==, c == SMM_COL_HUB);
    g_assert_false(run.reach_done || run.betweenness_done);
    /* ties go to followers, computed for the order though not a column */
    smm_rank_accounts(&table, g, SMM_COL_HUB, 0, 2);
    for (guint32 r = 1; r < table.n_rows; r++) {
        guint32 a = table.order[r - 1], b = table.order[r];
        double ha = table.col[SMM_COL_HUB][a], hb = table.col[SMM_COL_HUB][b];
        g_assert_cmpfloat(ha, >=, hb);
        if (ha == hb)
            g_assert_cmpuint(smm_graph_in_degree(g, a), >=, smm_graph_in_degree(g, b));
    }
    smm_table_clear(&table);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    smm_igraph_init();
    g_test_add_func("/rank-plan/lists", test_plan_lists);
    g_test_add_func("/rank-plan/columns-by-their-kernels", test_columns_by_their_kernels);
    g_test_add_func("/rank-plan/only-wanted-columns", test_only_wanted_columns);
    return g_test_run();
}
