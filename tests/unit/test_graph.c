/* test_graph.c - the CSR built by counting sorts against a naive build,
 * duplicates keeping the first row, undirected ties, and the igraph view. */
#include <string.h>

#include "smm/core.h"
#include "smm/graph.h"
#include "smm/key_sort.h"
#include "smm/rng.h"

/* An edge list made by hand (names "0", "1", ...), as the importer would. */
static void make_edges(SmmEdgeList *e, guint n, const guint32 *src, const guint32 *dst,
                       const double *p, guint m, gboolean undirected)
{
    memset(e, 0, sizeof *e);
    e->names = smm_names_new();
    for (guint i = 0; i < n; i++) {
        g_autofree char *name = g_strdup_printf("%u", i);
        guint32 id;
        g_assert_true(smm_names_intern(e->names, name, (guint32)strlen(name), &id, NULL));
    }
    e->src = g_array_new(FALSE, FALSE, sizeof(guint32));
    e->dst = g_array_new(FALSE, FALSE, sizeof(guint32));
    g_array_append_vals(e->src, src, m);
    g_array_append_vals(e->dst, dst, m);
    if (p != NULL) {
        e->p = g_array_new(FALSE, FALSE, sizeof(float));
        for (guint i = 0; i < m; i++) {
            float f = (float)p[i];
            g_array_append_val(e->p, f);
        }
    }
    e->undirected = undirected;
}

static void assert_sorted_rows(guint32 n, const guint64 *off, const guint32 *adj)
{
    for (guint32 v = 0; v < n; v++)
        for (guint64 e = off[v] + 1; e < off[v + 1]; e++)
            g_assert_cmpuint(adj[e - 1], <, adj[e]);
}

static void test_duplicates_keep_first(void)
{
    /* 0->1 (0.5), 1->2, 0->1 again twice (0.7 then 0.5), 2->0 */
    guint32 src[] = {0, 1, 0, 0, 2};
    guint32 dst[] = {1, 2, 1, 1, 0};
    double p[] = {0.5, 0.2, 0.7, 0.5, 1.0};
    SmmEdgeList e;
    make_edges(&e, 3, src, dst, p, 5, FALSE);
    SmmGraphStats stats;
    g_autoptr(SmmGraph) g = smm_graph_build(&e, 2, NULL, &stats, NULL);
    g_assert_nonnull(g);
    g_assert_cmpuint(g->m, ==, 3);
    g_assert_cmpuint(stats.duplicates, ==, 2);
    g_assert_cmpuint(stats.duplicates_p_differ, ==, 1);
    g_assert_cmpuint(smm_graph_out_degree(g, 0), ==, 1);
    g_assert_cmpuint(g->out_adj[g->out_off[0]], ==, 1);
    g_assert_cmpfloat(g->out_p[g->out_off[0]], ==, 0.5);
    g_assert_cmpuint(smm_graph_in_degree(g, 1), ==, 1);
    g_assert_null(g->in_p); /* derived only when asked for */
    const float *in_p = smm_graph_in_probabilities(g);
    g_assert_cmpfloat(in_p[g->in_off[1]], ==, 0.5);
    g_assert_cmpfloat(in_p[g->in_off[0]], ==, 1.0);
    smm_edge_list_clear(&e);
}

static void test_undirected(void)
{
    /* ties 0-1 (twice, once each way), 1-2, 3-1 */
    guint32 src[] = {0, 1, 1, 3};
    guint32 dst[] = {1, 0, 2, 1};
    SmmEdgeList e;
    make_edges(&e, 4, src, dst, NULL, 4, TRUE);
    SmmGraphStats stats;
    g_autoptr(SmmGraph) g = smm_graph_build(&e, 2, NULL, &stats, NULL);
    g_assert_cmpuint(stats.edges, ==, 3);
    g_assert_cmpuint(stats.duplicates, ==, 1);
    g_assert_cmpuint(g->m, ==, 6);
    g_assert_true(g->undirected);
    guint32 expect1[] = {0, 2, 3};
    g_assert_cmpmem(g->out_adj + g->out_off[1], 3 * sizeof(guint32), expect1, sizeof expect1);
    for (guint32 v = 0; v < g->n; v++)
        g_assert_cmpuint(smm_graph_in_degree(g, v), ==, smm_graph_out_degree(g, v));
    assert_sorted_rows(g->n, g->out_off, g->out_adj);
    smm_edge_list_clear(&e);
}

/* Random multigraph with self-loop-free rows: compare with a hash set. */
static void test_against_naive(void)
{
    const guint n = 300, m = 6000;
    g_autofree guint32 *src = g_new(guint32, m);
    g_autofree guint32 *dst = g_new(guint32, m);
    SmmRng rng;
    smm_rng_init(&rng, 11, 0);
    g_autoptr(GHashTable) set = g_hash_table_new(g_int64_hash, g_int64_equal);
    g_autofree gint64 *keys = g_new(gint64, m);
    guint distinct = 0;
    for (guint i = 0; i < m; i++) {
        src[i] = (guint32)smm_rng_below(&rng, n);
        do
            dst[i] = (guint32)smm_rng_below(&rng, n / 3); /* skew: many repeats */
        while (dst[i] == src[i]);
        keys[i] = ((gint64)src[i] << 32) | dst[i];
        if (g_hash_table_add(set, &keys[i]))
            distinct++;
    }
    SmmEdgeList e;
    make_edges(&e, n, src, dst, NULL, m, FALSE);
    SmmGraphStats stats;
    g_autoptr(SmmGraph) g = smm_graph_build(&e, 2, NULL, &stats, NULL);
    g_assert_cmpuint(g->m, ==, distinct);
    g_assert_cmpuint(stats.duplicates, ==, m - distinct);
    assert_sorted_rows(g->n, g->out_off, g->out_adj);
    assert_sorted_rows(g->n, g->in_off, g->in_adj);
    for (guint32 v = 0; v < n; v++)
        for (guint64 k = g->out_off[v]; k < g->out_off[v + 1]; k++) {
            gint64 key = ((gint64)v << 32) | g->out_adj[k];
            g_assert_true(g_hash_table_contains(set, &key));
        }
    /* in lists are the transpose of out lists */
    guint64 seen = 0;
    for (guint32 u = 0; u < n; u++)
        for (guint64 k = g->in_off[u]; k < g->in_off[u + 1]; k++, seen++) {
            gint64 key = ((gint64)g->in_adj[k] << 32) | u;
            g_assert_true(g_hash_table_contains(set, &key));
        }
    g_assert_cmpuint(seen, ==, distinct);

    /* The igraph view has the same edges, in the same order, and degrees. */
    const igraph_t *ig = smm_graph_igraph(g, NULL);
    g_assert_nonnull(ig);
    g_assert_cmpint(igraph_vcount(ig), ==, n);
    g_assert_cmpint(igraph_ecount(ig), ==, (igraph_integer_t)g->m);
    igraph_vector_int_t el, deg;
    igraph_vector_int_init(&el, 0);
    igraph_get_edgelist(ig, &el, 0);
    igraph_integer_t i = 0;
    for (guint32 v = 0; v < n; v++)
        for (guint64 k = g->out_off[v]; k < g->out_off[v + 1]; k++, i += 2) {
            g_assert_cmpint(VECTOR(el)[i], ==, v);
            g_assert_cmpint(VECTOR(el)[i + 1], ==, g->out_adj[k]);
        }
    igraph_vector_int_init(&deg, 0);
    igraph_degree(ig, &deg, igraph_vss_all(), IGRAPH_IN, IGRAPH_LOOPS);
    for (guint32 v = 0; v < n; v++)
        g_assert_cmpint(VECTOR(deg)[v], ==, (igraph_integer_t)smm_graph_in_degree(g, v));
    /* neighbour queries go through igraph's own indices */
    igraph_vector_int_t nb;
    igraph_vector_int_init(&nb, 0);
    for (guint32 v = 0; v < n; v += 7) {
        igraph_neighbors(ig, &nb, v, IGRAPH_IN);
        g_assert_cmpint(igraph_vector_int_size(&nb), ==,
                        (igraph_integer_t)smm_graph_in_degree(g, v));
        for (igraph_integer_t j = 0; j < igraph_vector_int_size(&nb); j++)
            g_assert_cmpint(VECTOR(nb)[j], ==, g->in_adj[g->in_off[v] + j]);
    }
    igraph_vector_int_destroy(&nb);
    igraph_vector_int_destroy(&deg);

    /* smm_graph_igraph() fills igraph's indexed edge list itself; it must be
     * exactly what igraph_create() makes of the same edge list. */
    igraph_t ref;
    g_assert_cmpint(igraph_create(&ref, &el, n, IGRAPH_DIRECTED), ==, IGRAPH_SUCCESS);
    const igraph_vector_int_t *ours[] = {&ig->from, &ig->to, &ig->oi, &ig->ii, &ig->os, &ig->is};
    const igraph_vector_int_t *theirs[] = {&ref.from, &ref.to, &ref.oi, &ref.ii, &ref.os, &ref.is};
    for (guint k = 0; k < G_N_ELEMENTS(ours); k++) {
        g_assert_cmpint(igraph_vector_int_size(ours[k]), ==, igraph_vector_int_size(theirs[k]));
        g_assert_true(igraph_vector_int_all_e(ours[k], theirs[k]));
    }
    igraph_destroy(&ref);
    igraph_vector_int_destroy(&el);
    smm_edge_list_clear(&e);
}

/* The radix path (no probabilities) against the stable counting-sort path
 * (the same edges, each with probability 0.5): the same CSR and counts. */
static void build_both_ways(gboolean undirected)
{
    const guint n = 70000, m = 600000;
    g_autofree guint32 *src = g_new(guint32, m);
    g_autofree guint32 *dst = g_new(guint32, m);
    g_autofree double *p = g_new(double, m);
    SmmRng rng;
    smm_rng_init(&rng, 5, undirected);
    for (guint i = 0; i < m; i++) {
        src[i] = (guint32)smm_rng_below(&rng, n);
        do /* skewed followees (hubs, long rows), a quarter from 50: repeats */
            dst[i] = (guint32)(i % 4 == 0 ? smm_rng_below(&rng, 50)
                                          : smm_rng_below(&rng, 1 + smm_rng_below(&rng, n)));
        while (dst[i] == src[i]);
        p[i] = 0.5;
    }
    SmmEdgeList a, b;
    make_edges(&a, n, src, dst, NULL, m, undirected);
    make_edges(&b, n, src, dst, p, m, undirected);
    SmmGraphStats sa, sb;
    g_autoptr(SmmGraph) ga = smm_graph_build(&a, 3, NULL, &sa, NULL);
    g_autoptr(SmmGraph) gb = smm_graph_build(&b, 1, NULL, &sb, NULL);
    g_assert_cmpuint(sa.duplicates, >, 1000);
    g_assert_cmpuint(sa.duplicates, ==, sb.duplicates);
    g_assert_cmpuint(sa.edges, ==, sb.edges);
    g_assert_cmpuint(ga->m, ==, gb->m);
    gsize off = sizeof(guint64) * (n + 1);
    g_assert_cmpmem(ga->out_off, off, gb->out_off, off);
    g_assert_cmpmem(ga->in_off, off, gb->in_off, off);
    g_assert_cmpmem(ga->out_adj, 4 * ga->m, gb->out_adj, 4 * gb->m);
    g_assert_cmpmem(ga->in_adj, 4 * ga->m, gb->in_adj, 4 * gb->m);
    assert_sorted_rows(n, ga->out_off, ga->out_adj);
    assert_sorted_rows(n, ga->in_off, ga->in_adj);
    smm_edge_list_clear(&a);
    smm_edge_list_clear(&b);
}

static void test_radix_directed(void)
{
    build_both_ways(FALSE);
}

static void test_radix_undirected(void)
{
    build_both_ways(TRUE);
}

/* Radix sort of keys against qsort, on 1 and 3 threads, with key widths
 * that end on and off a digit boundary, put in another order than counted. */
static int compare_u64(const void *a, const void *b)
{
    guint64 x = *(const guint64 *)a, y = *(const guint64 *)b;
    return x < y ? -1 : x > y;
}

static guint64 *bucket_sort(const guint64 *a, guint64 len, guint bits, guint threads)
{
    SmmKeyBuckets *kb = smm_key_buckets_new(bits);
    for (guint64 k = 0; k < len; k++)
        smm_key_buckets_count(kb, a[k]);
    smm_key_buckets_layout(kb);
    for (guint64 k = len; k-- > 0;)
        smm_key_buckets_put(kb, a[k]);
    guint64 out_len;
    guint64 *out = smm_key_buckets_finish(kb, threads, &out_len);
    g_assert_cmpuint(out_len, ==, len);
    return out;
}

static void test_key_sort(void)
{
    const guint bits[] = {5, 11, 22, 37, 48, 64};
    const guint64 lens[] = {0, 1, 47, 48, 49, 5000, 300000};
    SmmRng rng;
    smm_rng_init(&rng, 9, 0);
    for (guint i = 0; i < G_N_ELEMENTS(bits); i++)
        for (guint j = 0; j < G_N_ELEMENTS(lens); j++) {
            guint64 len = lens[j];
            g_autofree guint64 *a = g_new(guint64, MAX(len, 1));
            for (guint64 k = 0; k < len; k++) {
                guint64 v = smm_rng_next(&rng);
                if (bits[i] < 64)
                    v &= ((guint64)1 << bits[i]) - 1;
                if (k % 7 == 3 && (k & 8)) /* repeats */
                    v = a[k - 1];
                a[k] = v;
            }
            g_autofree guint64 *b = bucket_sort(a, len, bits[i], 1);
            g_autofree guint64 *c = bucket_sort(a, len, bits[i], 3);
            qsort(a, len, sizeof(guint64), compare_u64);
            g_assert_cmpmem(a, len * 8, b, len * 8);
            g_assert_cmpmem(a, len * 8, c, len * 8);
        }
}

/* The first follow repeated, its follower not account 0 (what --reverse
 * gives for "a,b" twice): the CSR is written over the sorted keys, and the
 * repeat check once compared against a key already overwritten. */
static void test_first_follow_repeated(void)
{
    guint32 src[] = {1, 1, 2}, dst[] = {0, 0, 0};
    SmmEdgeList e;
    make_edges(&e, 3, src, dst, NULL, 3, FALSE);
    SmmGraphStats stats;
    g_autoptr(SmmGraph) g = smm_graph_build(&e, 1, NULL, &stats, NULL);
    g_assert_cmpuint(stats.duplicates, ==, 1);
    g_assert_cmpuint(g->m, ==, 2);
    g_assert_cmpuint(smm_graph_out_degree(g, 1), ==, 1);
    g_assert_cmpuint(smm_graph_in_degree(g, 0), ==, 2);
    smm_edge_list_clear(&e);
}

typedef struct {
    GThread *caller;
    GArray *done; /* double */
} Watch;

static void watch(gpointer data, const char *what, double done, double total, const char *unit)
{
    Watch *w = data;
    g_assert_true(g_thread_self() == w->caller);
    g_assert_cmpstr(what, ==, "graph");
    g_assert_cmpstr(unit, ==, "steps");
    g_assert_cmpfloat(total, ==, 3);
    g_array_append_val(w->done, done);
}

/* The build reports its steps, in order, on the calling thread, to the end;
 * watching changes nothing. Directed, undirected and with probabilities. */
static void test_progress(void)
{
    guint32 src[] = {0, 1, 0, 2, 3, 1}, dst[] = {1, 2, 2, 0, 1, 3};
    double p[] = {0.5, 0.2, 0.7, 0.5, 1.0, 0.1};
    for (int shape = 0; shape < 3; shape++) {
        SmmEdgeList a, b;
        make_edges(&a, 4, src, dst, shape == 2 ? p : NULL, 6, shape == 1);
        make_edges(&b, 4, src, dst, shape == 2 ? p : NULL, 6, shape == 1);
        Watch w = {g_thread_self(), g_array_new(FALSE, FALSE, sizeof(double))};
        SmmProgress progress = {watch, &w};
        SmmGraphStats sa, sb;
        g_autoptr(SmmGraph) ga = smm_graph_build(&a, 2, &progress, &sa, NULL);
        g_autoptr(SmmGraph) gb = smm_graph_build(&b, 2, NULL, &sb, NULL);
        g_assert_cmpuint(w.done->len, >=, 2);
        for (guint i = 1; i < w.done->len; i++)
            g_assert_cmpfloat(g_array_index(w.done, double, i - 1), <,
                              g_array_index(w.done, double, i));
        g_assert_cmpfloat(g_array_index(w.done, double, w.done->len - 1), ==, 3);
        g_assert_cmpuint(ga->m, ==, gb->m);
        g_assert_cmpmem(ga->out_adj, ga->m * sizeof(guint32), gb->out_adj, gb->m * sizeof(guint32));
        g_assert_cmpmem(ga->in_adj, ga->m * sizeof(guint32), gb->in_adj, gb->m * sizeof(guint32));
        g_array_free(w.done, TRUE);
        smm_edge_list_clear(&a);
        smm_edge_list_clear(&b);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    smm_igraph_init();
    g_test_add_func("/graph/duplicates-keep-first", test_duplicates_keep_first);
    g_test_add_func("/graph/undirected", test_undirected);
    g_test_add_func("/graph/against-naive", test_against_naive);
    g_test_add_func("/graph/radix-directed", test_radix_directed);
    g_test_add_func("/graph/radix-undirected", test_radix_undirected);
    g_test_add_func("/graph/key-sort", test_key_sort);
    g_test_add_func("/graph/progress", test_progress);
    g_test_add_func("/graph/first-follow-repeated", test_first_follow_repeated);
    return g_test_run();
}
