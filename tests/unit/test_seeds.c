/* test_seeds.c - influence maximization against exact answers.
 *
 * On tests/data/tiny_wc.csv (8 accounts, 16 follows) the expected spread of
 * every seed set of up to 3 accounts is known exactly for IC (weighted
 * cascade) and LT, by enumerating live-edge worlds
 * (scripts/exact_spread.py). RR estimates and forward simulation must agree
 * with it within their intervals; OPIM-C and IMM must reach (1 - 1/e - eps)
 * of the best set found by trying all of them, and in fact 0.95 of it,
 * which most sets miss. Also: greedy coverage on a
 * hand-made pool, determinism across threads, and the seed rules. */
#include <math.h>
#include <string.h>

#include "smm/core.h"
#include "smm/seeds.h"
#include "testutil.h"

static const SmmModel ic = {.kind = SMM_P_WEIGHTED_CASCADE};
static const SmmModel lt = {.kind = SMM_P_WEIGHTED_CASCADE, .linear_threshold = TRUE};

static gint compare_names(gconstpointer a, gconstpointer b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A set's key in the exact table: names sorted, joined by '+'. */
static gchar *set_key(const SmmGraph *g, const guint32 *seeds, guint32 k)
{
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    for (guint32 i = 0; i < k; i++)
        g_ptr_array_add(names, (gpointer)smm_names_get(g->names, seeds[i], NULL));
    g_ptr_array_sort(names, compare_names);
    g_ptr_array_add(names, NULL);
    return g_strjoinv("+", (gchar **)names->pdata);
}

static double exact(const TestExpected *e, const char *key)
{
    return test_expected_value(e, key, test_expected_column(e, "spread"));
}

/* The best exact spread over all sets of k accounts. */
static double best_exact(const TestExpected *e, guint k)
{
    guint size_col = test_expected_column(e, "size");
    GHashTableIter it;
    gpointer key, row;
    double best = 0;
    g_hash_table_iter_init(&it, e->rows);
    while (g_hash_table_iter_next(&it, &key, &row))
        if (g_ascii_strtod(((GStrv)row)[size_col], NULL) == k)
            best = fmax(best, exact(e, key));
    return best;
}

static guint32 id_of(const SmmGraph *g, const char *name)
{
    guint32 id;
    g_assert_true(smm_names_lookup(g->names, name, (guint32)strlen(name), &id));
    return id;
}

/* Greedy on a pool small enough to work by hand. Sets: {0,1} {1,2} {2}
 * {3} {3,4}. Coverage 0:1 1:2 2:2 3:2 4:1; the tie goes to 1 (sets 0, 1),
 * then 3 (sets 3, 4): 4 sets, and the bound from step 0 (2 + 2) is tight. */
static void test_greedy_by_hand(void)
{
    SmmRrPool pool;
    smm_rr_pool_init(&pool, 0);
    static const guint32 members[] = {0, 1, 1, 2, 2, 3, 3, 4};
    static const guint64 offset[] = {0, 2, 4, 5, 6, 8};
    memcpy(pool.members, members, sizeof members);
    memcpy(pool.offset, offset, sizeof offset);
    pool.count = 5;
    SmmSeedRules rules = {.k = 2};
    SmmCoverage c;
    smm_max_coverage(&pool, 5, &rules, &c);
    g_assert_cmpuint(c.seeds->len, ==, 2);
    g_assert_cmpuint(g_array_index(c.seeds, guint32, 0), ==, 1);
    g_assert_cmpuint(g_array_index(c.seeds, guint32, 1), ==, 3);
    g_assert_cmpuint(c.covered, ==, 4);
    g_assert_cmpfloat(c.upper, ==, 4.0);
    smm_coverage_clear(&c);

    /* 3 may not be chosen: 1 then 2 or 4 (one new set each; the tie to 2) */
    guint8 allowed[5] = {1, 1, 1, 0, 1};
    rules.allowed = allowed;
    smm_max_coverage(&pool, 5, &rules, &c);
    g_assert_cmpuint(g_array_index(c.seeds, guint32, 1), ==, 2);
    g_assert_cmpuint(c.covered, ==, 3);
    smm_coverage_clear(&c);

    /* Costs: 1 costs 3 (more than the budget of 2), the others 1. Sets per
     * unit cost: 0:1 2:2 3:2 4:1 -> 2 (the tie with 3 goes to the smaller
     * id), then 3: 4 sets for 2; the best single covers only 2. */
    double cost[5] = {1, 3, 1, 1, 1};
    SmmSeedRules budget = {.cost = cost, .budget = 2};
    smm_max_coverage(&pool, 5, &budget, &c);
    g_assert_cmpuint(c.seeds->len, ==, 2);
    g_assert_cmpuint(g_array_index(c.seeds, guint32, 0), ==, 2);
    g_assert_cmpuint(g_array_index(c.seeds, guint32, 1), ==, 3);
    g_assert_cmpuint(c.covered, ==, 4);
    g_assert_cmpfloat(c.upper, >=, 4.0);
    smm_coverage_clear(&c);
    smm_rr_pool_clear(&pool);
}

/* A pool is the same bytes for any threads and however it grew. */
static void test_pool_determinism(void)
{
    g_autoptr(SmmGraph) g = test_load_graph("graphs/congress-twitter.csv", TRUE, FALSE, NULL);
    SmmRrPool a, b;
    smm_rr_pool_init(&a, 7);
    smm_rr_pool_init(&b, 7);
    g_assert_true(smm_rr_pool_grow(&a, g, &ic, 30000, 1, NULL));
    g_assert_true(smm_rr_pool_grow(&b, g, &ic, 1000, 2, NULL));
    g_assert_true(smm_rr_pool_grow(&b, g, &ic, 12345, 3, NULL));
    g_assert_true(smm_rr_pool_grow(&b, g, &ic, 30000, 2, NULL));
    g_assert_cmpuint(a.count, ==, b.count);
    g_assert_cmpmem(a.offset, sizeof(guint64) * (a.count + 1), b.offset,
                    sizeof(guint64) * (b.count + 1));
    g_assert_cmpmem(a.members, sizeof(guint32) * a.offset[a.count], b.members,
                    sizeof(guint32) * b.offset[b.count]);
    smm_rr_pool_clear(&a);
    smm_rr_pool_clear(&b);
}

/* RR estimates of the spread of sets, IC and LT, against exact values:
 * within two Wilson half-widths (about 3.9 standard errors). */
static void check_rr_estimates(const SmmModel *model, const char *expected)
{
    g_autoptr(SmmGraph) g = test_load_graph("tests/data/tiny_wc.csv", FALSE, FALSE, NULL);
    TestExpected e;
    test_expected_load(&e, expected);
    SmmRrPool pool;
    smm_rr_pool_init(&pool, 11);
    g_assert_true(smm_rr_pool_grow(&pool, g, model, 400000, 2, NULL));
    GHashTableIter it;
    gpointer key, row;
    g_hash_table_iter_init(&it, e.rows);
    while (g_hash_table_iter_next(&it, &key, &row)) {
        g_auto(GStrv) names = g_strsplit(key, "+", -1);
        guint32 seeds[3], k = 0;
        for (char **nm = names; *nm != NULL; nm++)
            seeds[k++] = id_of(g, *nm);
        guint64 c = smm_rr_pool_coverage(&pool, g->n, seeds, k, NULL);
        double centre, half;
        smm_wilson95(c, pool.count, &centre, &half);
        double est = g->n * (double)c / (double)pool.count;
        if (fabs(est - exact(&e, key)) > 2 * g->n * half)
            g_error("%s: RR estimate %g +- %g, exact %g", (char *)key, est, g->n * half,
                    exact(&e, key));
    }
    smm_rr_pool_clear(&pool);
    test_expected_clear(&e);
}

static void test_rr_estimates_ic(void)
{
    check_rr_estimates(&ic, "tests/data/expected/tiny_wc_spread_ic.csv");
}

static void test_rr_estimates_lt(void)
{
    check_rr_estimates(&lt, "tests/data/expected/tiny_wc_spread_lt.csv");
}

/* Forward simulation against the same exact values; steps add up. */
static void check_simulation(const SmmModel *model, const char *expected)
{
    g_autoptr(SmmGraph) g = test_load_graph("tests/data/tiny_wc.csv", FALSE, FALSE, NULL);
    TestExpected e;
    test_expected_load(&e, expected);
    static const char *const sets[][3] = {{"a", NULL}, {"d", "f", NULL}, {"b", "e", "g"}};
    for (guint i = 0; i < G_N_ELEMENTS(sets); i++) {
        guint32 seeds[3], k = 0;
        for (guint j = 0; j < 3 && sets[i][j] != NULL; j++)
            seeds[k++] = id_of(g, sets[i][j]);
        g_autofree gchar *key = set_key(g, seeds, k);
        SmmSimulateOptions so = {.runs = 200000, .seed = 5, .n_threads = 2};
        SmmSimulateResult r;
        g_assert_true(smm_simulate(g, model, seeds, k, &so, &r, NULL));
        double want = exact(&e, key);
        if (fabs(r.mean - want) > 2 * r.mean_ci95)
            g_error("%s: simulated %g +- %g, exact %g", key, r.mean, r.mean_ci95, want);
        g_assert_cmpuint(r.p5, <=, r.p50);
        g_assert_cmpuint(r.p50, <=, r.p95);
        g_assert_cmpuint(r.p5, >=, k);
        double steps = 0;
        for (guint s = 0; s < r.new_per_step->len; s++)
            steps += g_array_index(r.new_per_step, double, s);
        g_assert_cmpfloat(fabs(steps - r.mean), <, 1e-9);
        g_assert_cmpfloat(g_array_index(r.new_per_step, double, 0), ==, k);
        /* the same numbers on one thread */
        SmmSimulateOptions one = so;
        one.n_threads = 1;
        SmmSimulateResult r1;
        g_assert_true(smm_simulate(g, model, seeds, k, &one, &r1, NULL));
        g_assert_cmpfloat(r1.mean, ==, r.mean);
        g_assert_cmpfloat(r1.std, ==, r.std);
        smm_simulate_result_clear(&r);
        smm_simulate_result_clear(&r1);
    }
    test_expected_clear(&e);
}

static void test_simulation_ic(void)
{
    check_simulation(&ic, "tests/data/expected/tiny_wc_spread_ic.csv");
}

static void test_simulation_lt(void)
{
    check_simulation(&lt, "tests/data/expected/tiny_wc_spread_lt.csv");
}

static void assert_same_simulation(const SmmSimulateResult *a, const SmmSimulateResult *b)
{
    g_assert_cmpmem(&a->mean, 3 * sizeof(double), &b->mean, 3 * sizeof(double));
    g_assert_cmpuint(a->p5, ==, b->p5);
    g_assert_cmpuint(a->p50, ==, b->p50);
    g_assert_cmpuint(a->p95, ==, b->p95);
    g_assert_cmpmem(a->new_per_step->data, a->new_per_step->len * sizeof(double),
                    b->new_per_step->data, b->new_per_step->len * sizeof(double));
}

/* Progress: runs done, reported on the calling thread as they finish, of
 * the runs asked for; the same numbers with and without a callback, on 1
 * and 2 threads. The runs are not a whole number of blocks. */
static void test_simulation_progress(void)
{
    g_autoptr(SmmGraph) g = test_load_graph("tests/data/ba_r_600.csv", FALSE, FALSE, NULL);
    guint32 seeds[] = {0, 1, 2};
    SmmSimulateOptions so = {.runs = 20000 + 13, .seed = 3, .n_threads = 1};
    SmmSimulateResult plain;
    g_assert_true(smm_simulate(g, &ic, seeds, G_N_ELEMENTS(seeds), &so, &plain, NULL));
    for (guint threads = 1; threads <= 2; threads++) {
        TestProgress watch;
        test_progress_init(&watch);
        so.n_threads = threads;
        so.progress = &watch.progress;
        SmmSimulateResult r;
        g_assert_true(smm_simulate(g, &ic, seeds, G_N_ELEMENTS(seeds), &so, &r, NULL));
        test_progress_check(&watch, (double)so.runs, (double)so.runs);
        assert_same_simulation(&plain, &r);
        smm_simulate_result_clear(&r);
    }
    smm_simulate_result_clear(&plain);
}

/* Seeds reach (1 - 1/e - eps) of the best set of their size, by exact
 * spread; OPIM-C certifies its ratio; results do not depend on threads. */
static void check_seeds(const SmmModel *model, const char *expected, SmmAlgorithm algorithm)
{
    g_autoptr(SmmGraph) g = test_load_graph("tests/data/tiny_wc.csv", FALSE, FALSE, NULL);
    TestExpected e;
    test_expected_load(&e, expected);
    for (guint32 k = 1; k <= 3; k++) {
        SmmSeedOptions o = {.rules = {.k = k},
                            .algorithm = algorithm,
                            .epsilon = 0.1,
                            .ell = 1,
                            .seed = 3,
                            .n_threads = 2};
        SmmSeedResult r;
        g_autoptr(GError) error = NULL;
        g_assert_true(smm_seeds_select(g, model, &o, &r, &error));
        g_assert_no_error(error);
        g_assert_cmpuint(r.seeds->len, ==, k);
        g_autofree gchar *key = set_key(g, (const guint32 *)(void *)r.seeds->data, k);
        double got = exact(&e, key), best = best_exact(&e, k);
        g_assert_cmpfloat(got, >=, (1 - 1 / M_E - 0.1) * best);
        /* On 8 accounts the guarantee is loose (every 3-set meets it), but
         * greedy on good estimates finds a near-best set: only 1 of the 8
         * singles, 2-4 of the 28 pairs and 8-12 of the 56 triples are
         * within 5% of the best. */
        g_assert_cmpfloat(got, >=, 0.95 * best);
        if (algorithm == SMM_ALGORITHM_OPIM_C)
            g_assert_cmpfloat(r.certified, >=, r.target);
        /* the reported spread is an estimate of the exact one */
        g_assert_cmpfloat(fabs(r.spread[k - 1] - got), <=, 2 * r.spread_ci95);
        for (guint32 i = 1; i < k; i++)
            g_assert_cmpfloat(r.spread[i], >=, r.spread[i - 1]);

        o.n_threads = 1;
        SmmSeedResult r1;
        g_assert_true(smm_seeds_select(g, model, &o, &r1, NULL));
        g_assert_cmpmem(r1.seeds->data, k * sizeof(guint32), r.seeds->data, k * sizeof(guint32));
        g_assert_cmpmem(r1.spread, k * sizeof(double), r.spread, k * sizeof(double));
        g_assert_cmpuint(r1.total_sets, ==, r.total_sets);
        smm_seed_result_clear(&r);
        smm_seed_result_clear(&r1);
    }
    test_expected_clear(&e);
}

static void test_opim_c_ic(void)
{
    check_seeds(&ic, "tests/data/expected/tiny_wc_spread_ic.csv", SMM_ALGORITHM_OPIM_C);
}

static void test_opim_c_lt(void)
{
    check_seeds(&lt, "tests/data/expected/tiny_wc_spread_lt.csv", SMM_ALGORITHM_OPIM_C);
}

static void test_imm_ic(void)
{
    check_seeds(&ic, "tests/data/expected/tiny_wc_spread_ic.csv", SMM_ALGORITHM_IMM);
}

static void test_imm_lt(void)
{
    check_seeds(&lt, "tests/data/expected/tiny_wc_spread_lt.csv", SMM_ALGORITHM_IMM);
}

/* smm_seed_set_spread: IMM's own seeds give its spread and interval again,
 * bit for bit; another set (a, b, e: the three biggest) is estimated within
 * its interval of the exact spread, the same on 1 and 3 threads; OPIM-C,
 * whose estimate uses another family, is refused. */
static void test_set_spread(void)
{
    g_autoptr(SmmGraph) g = test_load_graph("tests/data/tiny_wc.csv", FALSE, FALSE, NULL);
    TestExpected e;
    test_expected_load(&e, "tests/data/expected/tiny_wc_spread_ic.csv");
    SmmSeedOptions o = {.rules = {.k = 3},
                        .algorithm = SMM_ALGORITHM_IMM,
                        .epsilon = 0.1,
                        .ell = 1,
                        .seed = 7,
                        .n_threads = 2};
    SmmSeedResult r;
    g_assert_true(smm_seeds_select(g, &ic, &o, &r, NULL));
    double spread, ci95;
    guint64 sets;
    g_assert_true(smm_seed_set_spread(g, &ic, &o, &r, (const guint32 *)(void *)r.seeds->data, 3,
                                      &spread, &ci95, &sets));
    g_assert_cmpfloat(spread, ==, r.spread[2]);
    g_assert_cmpfloat(ci95, ==, r.spread_ci95);
    g_assert_cmpuint(sets, ==, r.estimate_sets);
    guint32 big[] = {id_of(g, "a"), id_of(g, "b"), id_of(g, "e")};
    g_assert_true(smm_seed_set_spread(g, &ic, &o, &r, big, 3, &spread, &ci95, &sets));
    g_assert_cmpfloat(fabs(spread - exact(&e, "a+b+e")), <=, ci95);
    double spread3, ci3;
    o.n_threads = 3;
    g_assert_true(smm_seed_set_spread(g, &ic, &o, &r, big, 3, &spread3, &ci3, &sets));
    g_assert_cmpfloat(spread3, ==, spread);
    g_assert_cmpfloat(ci3, ==, ci95);
    o.algorithm = SMM_ALGORITHM_OPIM_C;
    g_assert_false(smm_seed_set_spread(g, &ic, &o, &r, big, 3, &spread, &ci95, &sets));
    smm_seed_result_clear(&r);
    test_expected_clear(&e);
}

/* Rules: excluded accounts are never chosen; with costs the set fits the
 * budget and reaches (1 - 1/e)/2 - eps of the best affordable set. */
static void test_rules(void)
{
    g_autoptr(SmmGraph) g = test_load_graph("tests/data/tiny_wc.csv", FALSE, FALSE, NULL);
    TestExpected e;
    test_expected_load(&e, "tests/data/expected/tiny_wc_spread_ic.csv");
    g_autofree guint8 *allowed = g_new(guint8, g->n);
    memset(allowed, 1, g->n);
    allowed[id_of(g, "a")] = allowed[id_of(g, "e")] = 0; /* the two best singles */
    SmmSeedOptions o = {
        .rules = {.k = 2, .allowed = allowed}, .epsilon = 0.1, .ell = 1, .seed = 4, .n_threads = 2};
    SmmSeedResult r;
    g_assert_true(smm_seeds_select(g, &ic, &o, &r, NULL));
    for (guint i = 0; i < r.seeds->len; i++)
        g_assert_true(allowed[g_array_index(r.seeds, guint32, i)]);
    smm_seed_result_clear(&r);

    /* a costs 3, e costs 2, everyone else 1; budget 3 */
    g_autofree double *cost = g_new(double, g->n);
    for (guint32 v = 0; v < g->n; v++)
        cost[v] = 1;
    cost[id_of(g, "a")] = 3;
    cost[id_of(g, "e")] = 2;
    SmmSeedOptions b = {
        .rules = {.cost = cost, .budget = 3}, .epsilon = 0.1, .ell = 1, .seed = 4, .n_threads = 2};
    g_assert_true(smm_seeds_select(g, &ic, &b, &r, NULL));
    double spent = 0;
    for (guint i = 0; i < r.seeds->len; i++)
        spent += cost[g_array_index(r.seeds, guint32, i)];
    g_assert_cmpfloat(spent, <=, 3);
    g_autofree gchar *key = set_key(g, (const guint32 *)(void *)r.seeds->data, r.seeds->len);
    /* the best affordable: any set of at most 3 accounts costing <= 3 */
    double best = 0;
    GHashTableIter it;
    gpointer k, row;
    g_hash_table_iter_init(&it, e.rows);
    while (g_hash_table_iter_next(&it, &k, &row)) {
        g_auto(GStrv) names = g_strsplit(k, "+", -1);
        double c = 0;
        for (char **nm = names; *nm != NULL; nm++)
            c += cost[id_of(g, *nm)];
        if (c <= 3)
            best = fmax(best, exact(&e, k));
    }
    g_assert_cmpfloat(exact(&e, key), >=, ((1 - 1 / M_E) / 2 - 0.1) * best);
    g_assert_cmpfloat(r.certified, >=, r.target);
    smm_seed_result_clear(&r);

    /* nothing affordable */
    SmmSeedOptions none = b;
    none.rules.budget = 0.5;
    g_autoptr(GError) error = NULL;
    g_assert_false(smm_seeds_select(g, &ic, &none, &r, &error));
    g_assert_error(error, SMM_ERROR, SMM_ERROR_DATA);
    test_expected_clear(&e);
}

/* An account list of ids (and prices when `values` is given). */
static SmmAccountList make_list(const guint32 *ids, guint n, const double *values)
{
    SmmAccountList l = {.ids = g_array_new(FALSE, FALSE, sizeof(guint32))};
    g_array_append_vals(l.ids, ids, n);
    if (values != NULL) {
        l.values = g_array_new(FALSE, FALSE, sizeof(double));
        g_array_append_vals(l.values, values, n);
    }
    return l;
}

static void assert_allowed(const guint8 *allowed, const char *want)
{
    for (guint v = 0; want[v] != 0; v++)
        g_assert_cmpint(allowed[v] != 0, ==, want[v] == '1');
}

/* Who may be chosen: candidates only they, prices only the priced (at the
 * last price given), excluded never, in any combination. */
static void test_seed_rules_build(void)
{
    const guint32 cand_ids[] = {1, 2, 3, 2};
    const guint32 price_ids[] = {2, 3, 4, 3};
    const double prices[] = {5, 7, 9, 8};
    const guint32 excl_ids[] = {3, 0};
    SmmAccountList cand = make_list(cand_ids, 4, NULL);
    SmmAccountList price = make_list(price_ids, 4, prices);
    SmmAccountList excl = make_list(excl_ids, 2, NULL);
    guint8 *allowed;
    double *cost;

    smm_seed_rules_build(6, NULL, NULL, NULL, &allowed, &cost);
    g_assert_null(allowed);
    g_assert_null(cost);

    smm_seed_rules_build(6, NULL, NULL, &excl, &allowed, &cost);
    assert_allowed(allowed, "011011");
    g_assert_null(cost);
    g_free(allowed);

    smm_seed_rules_build(6, &cand, NULL, &excl, &allowed, &cost);
    assert_allowed(allowed, "011000");
    g_free(allowed);

    smm_seed_rules_build(6, NULL, &price, NULL, &allowed, &cost);
    assert_allowed(allowed, "001110");
    g_assert_cmpfloat(cost[2], ==, 5);
    g_assert_cmpfloat(cost[3], ==, 8); /* the last price */
    g_assert_cmpfloat(cost[4], ==, 9);
    g_free(allowed);
    g_free(cost);

    smm_seed_rules_build(6, &cand, &price, &excl, &allowed, &cost);
    assert_allowed(allowed, "001000"); /* candidates and priced, 3 excluded */
    g_assert_nonnull(cost);
    g_free(allowed);
    g_free(cost);
    smm_account_list_clear(&cand);
    smm_account_list_clear(&price);
    smm_account_list_clear(&excl);
}

/* A time limit stops OPIM-C early and reports the ratio it can prove. */
static void test_time_limit(void)
{
    g_autoptr(SmmGraph) g = test_load_graph("graphs/congress-twitter.csv", TRUE, FALSE, NULL);
    SmmSeedOptions o = {.rules = {.k = 10},
                        .epsilon = 0.01,
                        .ell = 1,
                        .seed = 1,
                        .n_threads = 2,
                        .time_limit = 1e-6};
    SmmSeedResult r;
    g_assert_true(smm_seeds_select(g, &ic, &o, &r, NULL));
    g_assert_true(r.time_capped);
    g_assert_cmpuint(r.seeds->len, ==, 10);
    g_assert_cmpfloat(r.certified, <, r.target);
    g_assert_cmpfloat(r.certified, >, 0.0);
    smm_seed_result_clear(&r);
}

/* IMM unless a budget or a time limit needs OPIM-C; what was asked for
 * wins when it can run; IMM is refused with either. */
static void test_algorithm_choice(void)
{
    static const struct {
        const char *name;
        gboolean by_budget;
        double time_limit;
        gboolean ok;
        SmmAlgorithm algorithm;
    } cases[] = {
        {NULL, FALSE, 0, TRUE, SMM_ALGORITHM_IMM},
        {NULL, TRUE, 0, TRUE, SMM_ALGORITHM_OPIM_C},
        {NULL, FALSE, 5, TRUE, SMM_ALGORITHM_OPIM_C},
        {"imm", FALSE, 0, TRUE, SMM_ALGORITHM_IMM},
        {"opim-c", FALSE, 0, TRUE, SMM_ALGORITHM_OPIM_C},
        {"opim-c", TRUE, 5, TRUE, SMM_ALGORITHM_OPIM_C},
        {"imm", TRUE, 0, FALSE, 0},
        {"imm", FALSE, 5, FALSE, 0},
        {"greedy", FALSE, 0, FALSE, 0},
        {"IMM", FALSE, 0, FALSE, 0},
    };
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        SmmAlgorithm a = (SmmAlgorithm)-1;
        g_autoptr(GError) error = NULL;
        gboolean ok =
            smm_seed_algorithm(cases[i].name, cases[i].by_budget, cases[i].time_limit, &a, &error);
        g_assert_cmpint(ok, ==, cases[i].ok);
        if (ok)
            g_assert_cmpint(a, ==, cases[i].algorithm);
        else
            g_assert_error(error, SMM_ERROR, SMM_ERROR_INVALID);
    }
    g_assert_cmpstr(smm_seed_algorithm_name(SMM_ALGORITHM_IMM), ==, "IMM");
    g_assert_cmpstr(smm_seed_algorithm_name(SMM_ALGORITHM_OPIM_C), ==, "OPIM-C");
}

/* Past 2^32 members a block's buffer keeps growing (a GArray aborted),
 * and heap children past 2^31 slots do not wrap. */
static void test_boundaries(void)
{
    g_assert_cmpuint(smm_rr_block_capacity(0, 10), ==, 8192);
    g_assert_cmpuint(smm_rr_block_capacity(8192, 8192), ==, 8192);
    guint64 big = smm_rr_block_capacity(G_MAXUINT32, (guint64)G_MAXUINT32 + 5);
    g_assert_cmpuint(big, >=, (guint64)G_MAXUINT32 + 5);
    g_assert_cmpuint(big, ==, 2 * (guint64)G_MAXUINT32);
    guint64 top = (G_MAXUINT64 / 2) + 2;
    g_assert_cmpuint(smm_rr_block_capacity(top - 1, top), >=, top);
    g_assert_cmpuint(smm_heap_left_child(0), ==, 1);
    g_assert_cmpuint(smm_heap_left_child(1u << 31), ==, (1ull << 32) + 1);
    g_assert_cmpuint(smm_heap_left_child(G_MAXUINT32), ==, 2 * (guint64)G_MAXUINT32 + 1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/seeds/greedy-by-hand", test_greedy_by_hand);
    g_test_add_func("/seeds/pool-determinism", test_pool_determinism);
    g_test_add_func("/seeds/rr-estimates-ic", test_rr_estimates_ic);
    g_test_add_func("/seeds/rr-estimates-lt", test_rr_estimates_lt);
    g_test_add_func("/seeds/simulation-ic", test_simulation_ic);
    g_test_add_func("/seeds/simulation-lt", test_simulation_lt);
    g_test_add_func("/seeds/simulation-progress", test_simulation_progress);
    g_test_add_func("/seeds/opim-c-ic", test_opim_c_ic);
    g_test_add_func("/seeds/opim-c-lt", test_opim_c_lt);
    g_test_add_func("/seeds/imm-ic", test_imm_ic);
    g_test_add_func("/seeds/imm-lt", test_imm_lt);
    g_test_add_func("/seeds/set-spread", test_set_spread);
    g_test_add_func("/seeds/rules", test_rules);
    g_test_add_func("/seeds/rules-build", test_seed_rules_build);
    g_test_add_func("/seeds/time-limit", test_time_limit);
    g_test_add_func("/seeds/algorithm-choice", test_algorithm_choice);
    g_test_add_func("/seeds/boundaries", test_boundaries);
    return g_test_run();
}
