/* test_graph.c - the CSR built by counting sorts against a naive build,
 * duplicates keeping the first row, undirected ties, and the igraph view. */
#include <string.h>

#include "smm/core.h"
#include "smm/graph.h"
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
    g_autoptr(SmmGraph) g = smm_graph_build(&e, &stats, NULL);
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
    g_autoptr(SmmGraph) g = smm_graph_build(&e, &stats, NULL);
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
    g_autoptr(SmmGraph) g = smm_graph_build(&e, &stats, NULL);
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

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    smm_igraph_init();
    g_test_add_func("/graph/duplicates-keep-first", test_duplicates_keep_first);
    g_test_add_func("/graph/undirected", test_undirected);
    g_test_add_func("/graph/against-naive", test_against_naive);
    return g_test_run();
}
