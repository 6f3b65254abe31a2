/* test_centrality.c - PageRank, HITS and coreness against igraph, the
 * oracle: igraph_pagerank (PRPACK), igraph_hub_and_authority_scores (ARPACK)
 * and igraph_coreness (IGRAPH_IN) on the igraph view of the same graph, for
 * Zachary's karate club (undirected), the Congress network (read with
 * --reverse), the Higgs sample, and a 1.2M-follow preferential-attachment
 * graph with returned follows made here from a fixed seed (cycles, hubs,
 * accounts following nobody). Weighted PageRank against igraph's on the
 * Congress weights. Then the stopping rule: a tolerance below the floor
 * still converges, a cap stops a slow kernel and says so, and on the star
 * that sends Debian's igraph 0.10.2 PRPACK into an endless loop our
 * PageRank finishes with the closed-form answer (igraph is never run on it
 * here). And every kernel gives the same bits on 1, 2 and 3 threads.
 *
 * Agreement: |ours - igraph| <= 1e-9 max(|igraph|, s) with s the vector's
 * scale (PageRank 1/n, the mean; HITS 1/n of the L1 norm), so scores well
 * above the mean agree to 1e-9 relative and the tiny ones to 1e-9 of the
 * mean; coreness exactly. Every igraph call here finishes on these graphs
 * (checked by hand: PRPACK takes under 2 s on the generated graph). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "smm/core.h"
#include "smm/metrics.h"
#include "smm/rng.h"
#include "testutil.h"

#define AGREE 1e-9

typedef struct {
    const char *name;
    const char *path; /* NULL: the generated graph */
    gboolean reverse, undirected;
} Case;

static const Case cases[] = {
    {"karate", "tests/data/karate.csv", FALSE, TRUE},
    {"congress", "graphs/congress-twitter.csv", TRUE, FALSE},
    {"higgs", "graphs/higgs-followers.csv.gz", FALSE, FALSE},
    {"generated", NULL, FALSE, FALSE},
};

static int compare_u64(const void *pa, const void *pb)
{
    guint64 a = *(const guint64 *)pa, b = *(const guint64 *)pb;
    return a < b ? -1 : a > b;
}

/* A CSR from (follower << 32 | followee) pairs: sorted, repeats dropped. */
static SmmGraph *graph_from_pairs(guint32 n, guint64 *pair, guint64 k)
{
    qsort(pair, k, sizeof(guint64), compare_u64);
    guint64 *off = g_new0(guint64, (gsize)n + 1);
    guint32 *adj = g_new(guint32, MAX(k, 1));
    guint64 m = 0;
    for (guint64 i = 0; i < k; i++) {
        if (i > 0 && pair[i] == pair[i - 1])
            continue;
        off[(pair[i] >> 32) + 1]++;
        adj[m++] = (guint32)pair[i];
    }
    for (guint32 v = 0; v < n; v++)
        off[v + 1] += off[v];
    return smm_graph_from_csr(n, off, adj);
}

/* Preferential attachment (Batagelj and Brandes 2005, as in
 * scripts/gen-follower-graph.c): account v follows `k` older accounts drawn
 * in proportion to their degree so far; each follow is returned with
 * probability 0.22 (Kwak et al. 2010). 100,000 accounts, 10 follows each:
 * about 1.22M follows. */
static SmmGraph *generated_graph(void)
{
    const guint32 n = 100000, k = 10;
    SmmRng rng;
    smm_rng_init(&rng, 20261122, 0);
    g_autofree guint32 *ends = g_new(guint32, 2 * (gsize)n * k);
    g_autofree guint64 *pair = g_new(guint64, 2 * (gsize)n * k);
    guint64 e = 0, p = 0;
    for (guint32 v = 1; v < n; v++) {
        for (guint32 i = 0; i < MIN(v, k); i++) {
            guint32 u = v <= k ? i : ends[smm_rng_below(&rng, 2 * e)];
            if (u == v)
                continue;
            ends[2 * e] = v;
            ends[2 * e + 1] = u;
            e++;
            pair[p++] = (guint64)v << 32 | u;
            if (smm_rng_uniform(&rng) < 0.22)
                pair[p++] = (guint64)u << 32 | v;
        }
    }
    return graph_from_pairs(n, pair, p);
}

static SmmGraph *load(const Case *c)
{
    return c->path != NULL ? test_load_graph(c->path, c->reverse, c->undirected, NULL)
                           : generated_graph();
}

static void assert_agree(const char *what, const SmmGraph *g, const double *ours,
                         const igraph_vector_t *theirs, double scale)
{
    g_assert_cmpint(igraph_vector_size(theirs), ==, g->n);
    double worst = 0.0;
    for (guint32 v = 0; v < g->n; v++) {
        double want = VECTOR(*theirs)[v];
        double err = fabs(ours[v] - want) / fmax(fabs(want), scale);
        worst = fmax(worst, err);
        if (err > AGREE)
            g_error("%s: account %u: ours %.17g, igraph %.17g (off by %.3g of max(|igraph|, %.3g))",
                    what, v, ours[v], want, err, scale);
    }
    g_test_message("%s: worst disagreement %.3g", what, worst);
}

static double l1_mean(const igraph_vector_t *v)
{
    double s = 0.0;
    for (igraph_integer_t i = 0; i < igraph_vector_size(v); i++)
        s += fabs(VECTOR(*v)[i]);
    return s / (double)igraph_vector_size(v);
}

static void test_against_igraph(gconstpointer data)
{
    const Case *c = data;
    g_autoptr(SmmGraph) g = load(c);
    guint32 n = g->n;
    const igraph_t *ig = smm_graph_igraph(g, NULL);
    g_assert_nonnull(ig);
    SmmIterOptions io;
    smm_iter_options_init(&io);
    SmmIterResult r;
    igraph_vector_t want, want2;
    igraph_vector_init(&want, 0);
    igraph_vector_init(&want2, 0);

    g_autofree double *pr = g_new(double, n);
    smm_metrics_pagerank(g, NULL, 0.85, &io, 2, pr, &r);
    g_assert_true(r.converged);
    g_assert_cmpint(igraph_pagerank(ig, IGRAPH_PAGERANK_ALGO_PRPACK, &want, NULL, igraph_vss_all(),
                                    IGRAPH_DIRECTED, 0.85, NULL, NULL),
                    ==, IGRAPH_SUCCESS);
    assert_agree("pagerank", g, pr, &want, 1.0 / n);

    g_autofree double *authority = g_new(double, n), *hub = g_new(double, n);
    smm_metrics_hits(g, &io, 2, authority, hub, &r);
    g_assert_true(r.converged);
    g_assert_cmpint(igraph_hub_and_authority_scores(ig, &want2, &want, NULL, 1, NULL, NULL), ==,
                    IGRAPH_SUCCESS);
    assert_agree("authority", g, authority, &want, l1_mean(&want));
    assert_agree("hub", g, hub, &want2, l1_mean(&want2));

    g_autofree double *core = g_new(double, n);
    smm_metrics_coreness(g, 2, core);
    igraph_vector_int_t cores;
    igraph_vector_int_init(&cores, 0);
    g_assert_cmpint(igraph_coreness(ig, &cores, IGRAPH_IN), ==, IGRAPH_SUCCESS);
    for (guint32 v = 0; v < n; v++)
        g_assert_cmpfloat(core[v], ==, (double)VECTOR(cores)[v]);
    igraph_vector_int_destroy(&cores);
    igraph_vector_destroy(&want);
    igraph_vector_destroy(&want2);
}

/* igraph's weighted convention: transition probabilities from out-weight
 * sums. The Congress graph's engagement probabilities serve as weights. */
static void test_weighted_pagerank(void)
{
    g_autoptr(SmmGraph) g = test_load_graph("graphs/congress-twitter.csv", TRUE, FALSE, "weight");
    const igraph_t *ig = smm_graph_igraph(g, NULL);
    SmmIterOptions io;
    smm_iter_options_init(&io);
    SmmIterResult r;
    g_autofree double *pr = g_new(double, g->n);
    g_autofree double *out_w = g_new(double, g->m);
    for (guint64 e = 0; e < g->m; e++)
        out_w[e] = g->out_p[e];
    g_autofree double *in_w = smm_graph_in_order(g, out_w);
    smm_metrics_pagerank(g, in_w, 0.85, &io, 2, pr, &r);
    g_assert_true(r.converged);
    igraph_vector_t w, want;
    igraph_vector_view(&w, out_w, (igraph_integer_t)g->m); /* igraph's edge ids are out order */
    igraph_vector_init(&want, 0);
    g_assert_cmpint(igraph_pagerank(ig, IGRAPH_PAGERANK_ALGO_PRPACK, &want, NULL, igraph_vss_all(),
                                    IGRAPH_DIRECTED, 0.85, &w, NULL),
                    ==, IGRAPH_SUCCESS);
    assert_agree("weighted pagerank", g, pr, &want, 1.0 / g->n);
    /* and the weights matter: unweighted is something else */
    g_autofree double *plain = g_new(double, g->n);
    smm_metrics_pagerank(g, NULL, 0.85, &io, 2, plain, &r);
    double diff = 0.0;
    for (guint32 v = 0; v < g->n; v++)
        diff += fabs(plain[v] - pr[v]);
    g_assert_cmpfloat(diff, >, 1e-3);
    igraph_vector_destroy(&want);
}

/* Followers 1..N of account 0, which follows K accounts who follow nobody.
 * Debian's igraph 0.10.2 PRPACK never returns on it with N = 200,000 and
 * K = 10: account 0 is its own strongly connected component, and its
 * Gauss-Seidel residual, |a - (a / 10) * 10| for a = 0.85 x_in + 1/n, is
 * one rounding unit of a (1.1e-16), which never falls below the bound
 * tol |C| / n (1 - d) = 7.5e-17 (scripts/prpack-hang.c shows it). */
static SmmGraph *star(guint32 followers, guint32 followees)
{
    guint32 n = followers + followees + 1;
    guint64 *off = g_new0(guint64, (gsize)n + 1);
    guint32 *adj = g_new(guint32, followers + followees);
    guint64 m = 0;
    for (guint32 s = 1; s <= followees; s++)
        adj[m++] = s;
    off[1] = m;
    for (guint32 v = 1; v < n; v++) {
        if (v > followees)
            adj[m++] = 0;
        off[v + 1] = m;
    }
    return smm_graph_from_csr(n, off, adj);
}

static void test_prpack_hang_star(void)
{
    const guint32 N = 200000, K = 10;
    g_autoptr(SmmGraph) g = star(N, K);
    guint32 n = g->n;
    SmmIterOptions io;
    smm_iter_options_init(&io);
    SmmIterResult r;
    g_autofree double *pr = g_new(double, n);
    smm_metrics_pagerank(g, NULL, 0.85, &io, 2, pr, &r);
    g_assert_true(r.converged);
    /* The mass goes around follower -> 0 -> followees -> everyone, so the
     * change shrinks by exactly d per step: the bound is nearly met. */
    g_assert_cmpuint(r.iterations, <=, smm_metrics_pagerank_cap(0.85, 1e-12));
    g_assert_cmpuint(r.iterations, >, 150);
    /* Closed form: c = x_follower = (1 - d)/n + d D/n, x_0 = c (1 + d N),
     * x_followee = c + d x_0 / K; the sum is 1. */
    double d = 0.85;
    double c = 1.0 / (N + K + 1 + d * N + d + d * d * N);
    double want[3] = {c * (1 + d * N), c + d * c * (1 + d * N) / K, c};
    guint32 at[3] = {0, 1, K + 1};
    for (int i = 0; i < 3; i++)
        test_assert_close("pagerank on the star", "", pr[at[i]], want[i], 0, 1e-10);
    for (guint32 v = K + 1; v < n; v++)
        g_assert_cmpfloat(pr[v], ==, pr[K + 1]);

    /* HITS: authority is account 0 alone (eigenvalue N against K), hub the
     * followers. */
    g_autofree double *a = g_new(double, n), *h = g_new(double, n);
    smm_metrics_hits(g, &io, 2, a, h, &r);
    g_assert_true(r.converged);
    g_assert_cmpfloat(fabs(a[0] - 1.0), <, 1e-15);
    g_assert_cmpfloat(fabs(a[1]), <, 1e-12);
    g_assert_cmpfloat(fabs(h[K + 1] - 1.0), <, 1e-15);
    g_assert_cmpfloat(fabs(h[0]), <, 1e-12);
}

/* With a tolerance of 0 the floor applies, and each kernel still stops by
 * convergence, well before its cap. */
static void test_tolerance_floor(void)
{
    g_autoptr(SmmGraph) g = test_load_graph("graphs/higgs-followers.csv.gz", FALSE, FALSE, NULL);
    SmmIterOptions io = {.max_iterations = 1000, .tolerance = 0.0};
    g_assert_cmpfloat(smm_iter_tolerance(&io), ==, SMM_ITER_FLOOR);
    SmmIterResult r;
    g_autofree double *x = g_new(double, g->n), *y = g_new(double, g->n);
    smm_metrics_pagerank(g, NULL, 0.85, &io, 2, x, &r);
    g_assert_true(r.converged);
    g_assert_cmpfloat(r.change, <, smm_metrics_pagerank_tolerance(0.85, &io));
    smm_metrics_hits(g, &io, 2, x, y, &r);
    g_assert_true(r.converged);
    g_assert_cmpfloat(r.change, <, SMM_ITER_FLOOR);
    smm_metrics_leaderrank(g, &io, 2, x, &r);
    g_assert_true(r.converged);
    g_assert_cmpfloat(r.change, <, SMM_ITER_FLOOR);
    g_assert_cmpuint(r.iterations, <, 100);
}

/* Two separate stars of 1000 and 1001 followers: A^T A has eigenvalues
 * 1001 and 1000, a ratio of 0.999 that power iteration needs about 28000
 * steps to resolve to 1e-12 (1000 with momentum did not). LOBPCG gets the
 * leading vector in a handful. A cap of 3 stops HITS and PageRank on the
 * Congress graph, and each says so. */
static void test_cap_stops(void)
{
    guint32 n = 1000 + 1001 + 2;
    guint64 pair[2001];
    for (guint32 v = 1; v <= 1000; v++)
        pair[v - 1] = (guint64)v << 32 | 0;
    for (guint32 v = 1002; v < n; v++)
        pair[v - 2] = (guint64)v << 32 | 1001;
    g_autoptr(SmmGraph) g = graph_from_pairs(n, pair, 2001);
    SmmIterOptions io;
    smm_iter_options_init(&io);
    SmmIterResult r;
    g_autofree double *a = g_new(double, n), *h = g_new(double, n);
    smm_metrics_hits(g, &io, 2, a, h, &r);
    g_assert_true(r.converged);
    g_assert_cmpuint(r.iterations, <, 20);
    g_assert_cmpfloat(fabs(a[1001] - 1.0), <, 1e-15);
    g_assert_cmpfloat(a[0], <, 1e-9);
    g_assert_cmpfloat(a[1], ==, 0.0); /* a follower: no followers of its own */

    g_autoptr(SmmGraph) c = test_load_graph("graphs/congress-twitter.csv", TRUE, FALSE, NULL);
    g_autofree double *x = g_new(double, c->n), *y = g_new(double, c->n);
    io.max_iterations = 3;
    smm_metrics_hits(c, &io, 2, x, y, &r);
    g_assert_false(r.converged);
    g_assert_cmpuint(r.iterations, ==, 3);
    g_assert_cmpfloat(r.change, >, 1e-6);
    smm_metrics_pagerank(c, NULL, 0.85, &io, 2, x, &r);
    g_assert_false(r.converged);
    g_assert_cmpuint(r.iterations, ==, 3);
    g_assert_cmpfloat(r.change, >, 1e-6);
}

/* The cap PageRank derives from d and the tolerance. */
static void test_pagerank_cap(void)
{
    g_assert_cmpuint(smm_metrics_pagerank_cap(0.85, 1e-12), ==, 180);
    g_assert_cmpuint(smm_metrics_pagerank_cap(0.0, 1e-12), ==, 1);
    g_assert_cmpuint(smm_metrics_pagerank_cap(0.5, 0.25), ==, 5);
    SmmIterOptions io = {.max_iterations = 10, .tolerance = 0.0};
    /* near d = 1 one step's rounding, amplified by 1 / (1 - d), is the floor */
    g_assert_cmpfloat(smm_metrics_pagerank_tolerance(0.999999, &io), >, 1e-8);
    g_assert_cmpfloat(smm_metrics_pagerank_tolerance(0.85, &io), <, 2.5e-13);
}

static void assert_same(const char *what, const double *a, const double *b, guint32 n)
{
    if (memcmp(a, b, sizeof(double) * n) != 0)
        g_error("%s differs between thread counts", what);
}

/* The same bits on 1, 2 and 3 threads. */
static void test_threads(gconstpointer data)
{
    const Case *c = data;
    g_autoptr(SmmGraph) g = load(c);
    guint32 n = g->n;
    SmmIterOptions io;
    smm_iter_options_init(&io);
    SmmIterResult r, r1;
    double *ref[5];
    for (int k = 0; k < 5; k++)
        ref[k] = g_new(double, n);
    g_autofree double *x = g_new(double, n), *y = g_new(double, n);
    for (guint threads = 1; threads <= 3; threads++) {
        double *out[5] = {x, x, x, y, x};
        if (threads == 1)
            for (int k = 0; k < 5; k++)
                out[k] = ref[k];
        smm_metrics_pagerank(g, NULL, 0.85, &io, threads, out[0], &r);
        if (threads == 1)
            r1 = r;
        g_assert_cmpuint(r.iterations, ==, r1.iterations);
        if (threads > 1)
            assert_same("pagerank", x, ref[0], n);
        smm_metrics_leaderrank(g, &io, threads, out[1], &r);
        if (threads > 1)
            assert_same("leaderrank", x, ref[1], n);
        smm_metrics_hits(g, &io, threads, out[2], out[3], &r);
        if (threads > 1) {
            assert_same("authority", x, ref[2], n);
            assert_same("hub", y, ref[3], n);
        }
        smm_metrics_coreness(g, threads, out[4]);
        if (threads > 1)
            assert_same("coreness", x, ref[4], n);
    }
    for (int k = 0; k < 5; k++)
        g_free(ref[k]);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    smm_igraph_init();
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *name = g_strdup_printf("/centrality/igraph/%s", cases[i].name);
        g_test_add_data_func(name, &cases[i], test_against_igraph);
    }
    g_test_add_func("/centrality/igraph/weighted-pagerank", test_weighted_pagerank);
    g_test_add_func("/centrality/prpack-hang-star", test_prpack_hang_star);
    g_test_add_func("/centrality/tolerance-floor", test_tolerance_floor);
    g_test_add_func("/centrality/cap-stops", test_cap_stops);
    g_test_add_func("/centrality/pagerank-cap", test_pagerank_cap);
    g_test_add_data_func("/centrality/threads/congress", &cases[1], test_threads);
    g_test_add_data_func("/centrality/threads/generated", &cases[3], test_threads);
    return g_test_run();
}
