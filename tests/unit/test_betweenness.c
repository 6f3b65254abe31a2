/* test_betweenness.c - Brandes' betweenness, exact and sampled.
 *
 * Exact values against networkx and python3-igraph (scripts/reference_metrics.py)
 * on Zachary's karate club (undirected), the 117th US Congress network
 * (directed, --reverse) and a generated preferential-attachment follower
 * graph with 22% returned follows (scripts/gen-follower-graph.c, so BFS
 * trees overlap through cycles as in real follower graphs). Sampled values:
 * unbiased, and the stated 95% interval covers the exact value about 95% of
 * the time over many seeds. Also: byte-identical for any thread count, a
 * time-capped run reproduced by its source count, and Student's t against
 * mpmath (scripts/t_quantiles.py).
 */
#include <math.h>
#include <string.h>

#include "smm/core.h"
#include "smm/metrics.h"
#include "testutil.h"

static const TestGraphCase cases[] = {
    {"karate", "tests/data/karate.csv", "tests/data/expected/karate_metrics.csv", FALSE, TRUE},
    {"congress", "graphs/congress-twitter.csv", "tests/data/expected/congress_metrics.csv", TRUE,
     FALSE},
    {"ba_r_600", "tests/data/ba_r_600.csv", "tests/data/expected/ba_r_600_metrics.csv", FALSE,
     FALSE},
    {"deep_chain", "tests/data/deep_chain.csv", "tests/data/expected/deep_chain_metrics.csv", FALSE,
     FALSE},
    {"ba_r_5000", "tests/data/ba_r_5000.csv.gz", "tests/data/expected/ba_r_5000_metrics.csv.gz",
     FALSE, FALSE},
};

static void run(const SmmGraph *g, guint64 sources, guint64 seed, guint threads, double *out,
                double *ci, SmmBetweennessResult *r)
{
    SmmBetweennessOptions o;
    smm_betweenness_options_init(&o);
    o.sources = sources;
    o.seed = seed;
    o.n_threads = threads;
    g_assert_true(smm_metrics_betweenness(g, &o, out, ci, r, NULL));
}

/* The exact values from the reference file, in account id order. */
static double *expected_exact(const TestGraphCase *c, const SmmGraph *g)
{
    TestExpected e;
    test_expected_load(&e, c->expected);
    g_assert_cmpuint(g_hash_table_size(e.rows), ==, g->n);
    guint col = test_expected_column(&e, "betweenness");
    double *want = g_new(double, g->n);
    for (guint32 v = 0; v < g->n; v++)
        want[v] = test_expected_value(&e, smm_names_get(g->names, v, NULL), col);
    test_expected_clear(&e);
    return want;
}

/* Exact by the time rule (all sources fit the budget: an hour, so that a
 * slow sanitizer build on a busy machine still fits) and by a source count
 * of n; both match the references. */
static void test_exact(gconstpointer data)
{
    const TestGraphCase *c = data;
    g_autoptr(SmmGraph) g = test_load_case(c);
    guint32 n = g->n;
    g_autofree double *want = expected_exact(c, g);
    g_autofree double *got = g_new(double, n), *ci = g_new(double, n);
    g_autofree double *got_n = g_new(double, n), *ci_n = g_new(double, n);
    SmmBetweennessResult r, rn;
    SmmBetweennessOptions o;
    smm_betweenness_options_init(&o);
    o.time_limit = 3600.0;
    o.n_threads = 2;
    g_assert_true(smm_metrics_betweenness(g, &o, got, ci, &r, NULL));
    run(g, n, 1, 1, got_n, ci_n, &rn);
    g_assert_true(r.exact);
    g_assert_false(r.time_capped);
    g_assert_cmpuint(r.sources, ==, n);
    g_assert_true(rn.exact);
    g_assert_cmpmem(got, n * sizeof(double), got_n, n * sizeof(double));
    for (guint32 v = 0; v < n; v++) {
        const char *name = smm_names_get(g->names, v, NULL);
        test_assert_close("betweenness", name, got[v], want[v], 1e-9, 1e-10);
        g_assert_cmpfloat(ci[v], ==, 0.0);
    }
}

/* Same bytes for 1, 2 and 3 threads: exact, sampled with a count that is
 * not a whole number of blocks, and sampled with many blocks. */
static void test_thread_independence(void)
{
    g_autoptr(SmmGraph) g = test_load_case(&cases[2]);
    guint32 n = g->n;
    const guint64 ks[] = {n, 77, 301};
    for (guint i = 0; i < G_N_ELEMENTS(ks); i++) {
        g_autofree double *b1 = g_new(double, n), *c1 = g_new(double, n);
        SmmBetweennessResult r1;
        run(g, ks[i], 42, 1, b1, c1, &r1);
        for (guint threads = 2; threads <= 3; threads++) {
            g_autofree double *b = g_new(double, n), *c = g_new(double, n);
            SmmBetweennessResult r;
            run(g, ks[i], 42, threads, b, c, &r);
            g_assert_cmpuint(r.sources, ==, r1.sources);
            g_assert_cmpmem(b1, n * sizeof(double), b, n * sizeof(double));
            g_assert_cmpmem(c1, n * sizeof(double), c, n * sizeof(double));
        }
    }
}

/* A run stopped by the time budget is reproduced, byte for byte, by a fixed
 * source count equal to what it used, on another thread count. */
static void test_time_budget(void)
{
    g_autoptr(SmmGraph) g = test_load_case(&cases[2]);
    guint32 n = g->n;
    g_autofree double *b = g_new(double, n), *c = g_new(double, n);
    g_autofree double *b2 = g_new(double, n), *c2 = g_new(double, n);
    SmmBetweennessOptions o;
    smm_betweenness_options_init(&o);
    o.time_limit = 1e-9;
    o.n_threads = 2;
    o.seed = 5;
    SmmBetweennessResult r, r2;
    TestProgress watch; /* the total is not known: 0 */
    test_progress_init(&watch);
    o.progress = &watch.progress;
    g_assert_true(smm_metrics_betweenness(g, &o, b, c, &r, NULL));
    test_progress_check(&watch, (double)r.sources, 0);
    g_assert_true(r.time_capped);
    g_assert_false(r.exact);
    g_assert_cmpuint(r.sources, >=, 2);
    g_assert_cmpuint(r.sources, <, n);
    g_assert_cmpfloat(r.worst_precision, >, 0.0);
    run(g, r.sources, 5, 1, b2, c2, &r2);
    g_assert_false(r2.time_capped);
    g_assert_cmpuint(r2.sources, ==, r.sources);
    g_assert_cmpmem(b, n * sizeof(double), b2, n * sizeof(double));
    g_assert_cmpmem(c, n * sizeof(double), c2, n * sizeof(double));
    g_assert_cmpfloat(r2.worst_precision, ==, r.worst_precision);
}

/* Progress: sources done, reported on the calling thread as they finish
 * (karate's 34 are one block), of n (exact by a count of n, or by the time
 * rule once it commits after the first round) or of k; the same bytes with
 * and without a callback, on 1 and 2 threads. */
static void test_progress(void)
{
    static const struct {
        const TestGraphCase *c;
        guint64 sources; /* G_MAXUINT64: n */
    } runs[] = {
        {&cases[0], G_MAXUINT64}, {&cases[0], 20}, {&cases[2], G_MAXUINT64},
        {&cases[2], 301},         {&cases[2], 0},
    };
    for (guint i = 0; i < G_N_ELEMENTS(runs); i++) {
        g_autoptr(SmmGraph) g = test_load_case(runs[i].c);
        guint32 n = g->n;
        SmmBetweennessOptions o;
        smm_betweenness_options_init(&o);
        o.sources = runs[i].sources;
        o.time_limit = 3600.0;
        o.seed = 42;
        double total = runs[i].sources > 0 ? (double)MIN(runs[i].sources, n) : n;
        g_autofree double *b1 = g_new(double, n), *c1 = g_new(double, n);
        SmmBetweennessResult r1;
        g_assert_true(smm_metrics_betweenness(g, &o, b1, c1, &r1, NULL));
        for (guint threads = 1; threads <= 2; threads++) {
            g_autofree double *b = g_new(double, n), *c = g_new(double, n);
            SmmBetweennessResult r;
            TestProgress watch;
            test_progress_init(&watch);
            o.n_threads = threads;
            o.progress = &watch.progress;
            g_assert_true(smm_metrics_betweenness(g, &o, b, c, &r, NULL));
            g_assert_cmpfloat((double)r.sources, ==, total);
            test_progress_check(&watch, total, total);
            g_assert_cmpmem(b1, n * sizeof(double), b, n * sizeof(double));
            g_assert_cmpmem(c1, n * sizeof(double), c, n * sizeof(double));
        }
    }
}

/* A precision target met stops sampling at the first round that meets it
 * (of 64 sources or more), before the time budget is looked at; without a
 * target the budget stops it. */
static void test_precision_target(void)
{
    g_autoptr(SmmGraph) g = test_load_case(&cases[1]);
    guint32 n = g->n;
    g_autofree double *b = g_new(double, n);
    SmmBetweennessOptions o;
    smm_betweenness_options_init(&o);
    o.time_limit = 1e-9; /* no time for exact, nor for a second round */
    o.n_threads = 1;
    SmmBetweennessResult r;
    o.precision = 1e9;
    g_assert_true(smm_metrics_betweenness(g, &o, b, NULL, &r, NULL));
    g_assert_true(r.target_met);
    g_assert_false(r.time_capped);
    g_assert_cmpuint(r.sources, ==, 64); /* one round, one block */
    g_assert_cmpfloat(r.worst_precision, <=, o.precision);
    o.precision = 0.0;
    g_assert_true(smm_metrics_betweenness(g, &o, b, NULL, &r, NULL));
    g_assert_false(r.target_met);
    g_assert_true(r.time_capped);
    g_assert_cmpuint(r.sources, ==, 64);
}

/* The sampled estimator is unbiased: averaged over 40 seeds with a quarter
 * of the sources, the total betweenness (sum over accounts) is within 3
 * standard errors of the exact total, and so is the top account's. */
static void test_unbiased(void)
{
    g_autoptr(SmmGraph) g = test_load_case(&cases[1]);
    guint32 n = g->n;
    g_autofree double *exact = expected_exact(&cases[1], g);
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
        SmmBetweennessResult r;
        run(g, n / 4, 1000 + s, 2, est, NULL, &r);
        g_assert_cmpuint(r.sources, ==, n / 4);
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

typedef struct {
    const TestGraphCase *c;
    guint64 sources;
    guint top;     /* accounts by exact betweenness that are checked */
    double lo, hi; /* accepted coverage */
} Coverage;

/* Over many seeds, how often the interval of each of the top accounts by
 * exact betweenness holds the exact value (the references'). */
static void test_coverage(gconstpointer data)
{
    const Coverage *cv = data;
    g_autoptr(SmmGraph) g = test_load_case(cv->c);
    guint32 n = g->n;
    g_autofree double *exact = expected_exact(cv->c, g);
    g_autofree guint32 *rank = g_new(guint32, n);
    for (guint32 v = 0; v < n; v++)
        rank[v] = v;
    for (guint32 i = 0; i < cv->top; i++) /* selection of the top accounts */
        for (guint32 j = i + 1; j < n; j++)
            if (exact[rank[j]] > exact[rank[i]]) {
                guint32 t = rank[i];
                rank[i] = rank[j];
                rank[j] = t;
            }
    const int runs = 400;
    guint64 hits = 0, trials = 0;
    g_autofree double *b = g_new(double, n), *ci = g_new(double, n);
    for (int s = 0; s < runs; s++) {
        SmmBetweennessResult r;
        run(g, cv->sources, 7000 + s, 2, b, ci, &r);
        g_assert_false(r.exact);
        for (guint i = 0; i < cv->top; i++) {
            guint32 v = rank[i];
            hits += fabs(b[v] - exact[v]) <= ci[v];
            trials++;
        }
    }
    double coverage = (double)hits / (double)trials;
    g_test_message("%s, %" G_GUINT64_FORMAT " of %u sources, top %u: coverage %.4f", cv->c->name,
                   cv->sources, n, cv->top, coverage);
    g_assert_cmpfloat(coverage, >=, cv->lo);
    g_assert_cmpfloat(coverage, <=, cv->hi);
}

/* With 64 sources or more the top 20's intervals cover 93.5-97.5%
 * (measured once, 400 seeds, also 96.4% and 96.7% at 256 and 1000 sources
 * of ba_r_5000, too slow to repeat here). With fewer they cover less, as
 * the README says: the bounds below pin what was measured. Over all
 * accounts coverage is lower still (81% at 100 sources of ba_r_600, 70% at
 * 256 of ba_r_5000), which is why rank reports no per-account interval. */
static const Coverage coverages[] = {
    {&cases[0], 8, 10, 0.85, 0.95},    {&cases[0], 17, 10, 0.85, 0.95},
    {&cases[1], 16, 20, 0.86, 0.95},   {&cases[1], 64, 20, 0.93, 0.985},
    {&cases[2], 8, 20, 0.83, 0.95},    {&cases[2], 32, 20, 0.87, 0.95},
    {&cases[2], 100, 20, 0.93, 0.985}, {&cases[2], 300, 20, 0.93, 0.985},
    {&cases[2], 100, 600, 0.77, 0.86}, {&cases[4], 8, 20, 0.75, 0.85},
    {&cases[4], 16, 20, 0.85, 0.93},   {&cases[4], 64, 20, 0.92, 0.985},
};

/* Values from scripts/t_quantiles.py check (mpmath). */
static void test_student_t(void)
{
    static const struct {
        guint64 df;
        double t;
    } want[] = {
        {1, 12.706204736174705},   {2, 4.3026527297494639},    {3, 3.1824463052837096},
        {7, 2.3646242515927853},   {29, 2.0452296421327043},   {30, 2.0422724563012383},
        {31, 2.0395134463964085},  {40, 2.0210753903062734},   {63, 1.9983405425207416},
        {100, 1.9839715185235523}, {1000, 1.9623390808264085}, {100000, 1.9599877075346096},
    };
    for (guint i = 0; i < G_N_ELEMENTS(want); i++)
        g_assert_cmpfloat_with_epsilon(smm_student_t975(want[i].df), want[i].t, 5e-8);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    smm_igraph_init();
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *name = g_strdup_printf("/betweenness/exact/%s", cases[i].name);
        g_test_add_data_func(name, &cases[i], test_exact);
    }
    g_test_add_func("/betweenness/thread-independence", test_thread_independence);
    g_test_add_func("/betweenness/time-budget-reproduced", test_time_budget);
    g_test_add_func("/betweenness/progress", test_progress);
    g_test_add_func("/betweenness/precision-target", test_precision_target);
    g_test_add_func("/betweenness/unbiased", test_unbiased);
    for (guint i = 0; i < G_N_ELEMENTS(coverages); i++) {
        g_autofree char *name =
            g_strdup_printf("/betweenness/coverage/%s/%" G_GUINT64_FORMAT "/top%u",
                            coverages[i].c->name, coverages[i].sources, coverages[i].top);
        g_test_add_data_func(name, &coverages[i], test_coverage);
    }
    g_test_add_func("/betweenness/student-t", test_student_t);
    return g_test_run();
}
