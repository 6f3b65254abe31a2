/* graph.c - edge list to CSR, duplicates dropped, and the igraph view.
 *
 * Two stable counting sorts (by followee, then by follower) order the edges
 * by (follower, followee) with file order kept among equal pairs, in O(n + m)
 * time and without comparisons: duplicates become neighbours, and the first
 * row of each run is the one kept. The follower pass also yields the CSR
 * offsets. The reverse CSR is one more counting pass.
 *
 * Undirected imports are canonicalised to (min, max) before sorting. The
 * symmetric adjacency of v is then {u < v} followed by {w > v}: the transpose
 * row and the canonical row, each already sorted, so concatenating them
 * gives a sorted row without another sort, and in_* shares out_*'s arrays.
 */
#include "smm/graph.h"

#include <string.h>

#include "smm/core.h"

/* Counts per key, turned into start offsets (n + 1 entries). */
static guint64 *offsets_of(const guint32 *key, guint64 m, guint32 n)
{
    guint64 *off = g_new0(guint64, (gsize)n + 1);
    for (guint64 e = 0; e < m; e++)
        off[key[e] + 1]++;
    for (guint32 v = 0; v < n; v++)
        off[v + 1] += off[v];
    return off;
}

/* The transpose of a CSR: row w lists the v with w in row v, ascending. */
static void transpose(guint32 n, const guint64 *off, const guint32 *adj, const double *p,
                      guint64 **t_off, guint32 **t_adj, double **t_p)
{
    guint64 m = off[n];
    guint64 *toff = offsets_of(adj, m, n);
    guint64 *next = g_memdup2(toff, sizeof(guint64) * n);
    guint32 *tadj = g_new(guint32, MAX(m, 1));
    double *tp = p != NULL ? g_new(double, MAX(m, 1)) : NULL;
    for (guint32 v = 0; v < n; v++)
        for (guint64 e = off[v]; e < off[v + 1]; e++) {
            guint64 at = next[adj[e]]++;
            tadj[at] = v;
            if (tp != NULL)
                tp[at] = p[e];
        }
    g_free(next);
    *t_off = toff;
    *t_adj = tadj;
    if (t_p != NULL)
        *t_p = tp;
}

/* Sorts (src, dst) rows into a CSR keyed by src, rows ascending by dst and
 * stable, then drops repeated (src, dst) pairs keeping the first. Frees src
 * and dst. Returns the deduplicated CSR. */
static void sort_and_dedup(guint32 n, guint64 m, guint32 *src, guint32 *dst, const double *p,
                           SmmGraphStats *stats, guint64 **out_off, guint32 **out_adj,
                           double **out_p)
{
    /* Pass 1: stable by dst. Keep src and the row number. */
    guint64 *by_dst = offsets_of(dst, m, n);
    guint32 *a_src = g_new(guint32, MAX(m, 1));
    guint32 *a_row = g_new(guint32, MAX(m, 1));
    {
        guint64 *next = g_memdup2(by_dst, sizeof(guint64) * n);
        for (guint64 e = 0; e < m; e++) {
            guint64 at = next[dst[e]]++;
            a_src[at] = src[e];
            a_row[at] = (guint32)e;
        }
        g_free(next);
    }
    g_free(dst);

    /* Pass 2: stable by src, visiting pass 1 in order, so each row comes out
     * sorted by dst with file order among equals. */
    guint64 *off = offsets_of(src, m, n);
    g_free(src);
    guint32 *adj = g_new(guint32, MAX(m, 1));
    guint32 *row = g_new(guint32, MAX(m, 1));
    {
        guint64 *next = g_memdup2(off, sizeof(guint64) * n);
        for (guint32 d = 0; d < n; d++)
            for (guint64 k = by_dst[d]; k < by_dst[d + 1]; k++) {
                guint64 at = next[a_src[k]]++;
                adj[at] = d;
                row[at] = a_row[k];
            }
        g_free(next);
    }
    g_free(by_dst);
    g_free(a_src);
    g_free(a_row);

    /* Drop repeats in place; the first of a run is the earliest row. */
    double *outp = p != NULL ? g_new(double, MAX(m, 1)) : NULL;
    guint64 w = 0;
    for (guint32 v = 0; v < n; v++) {
        guint64 begin = off[v], end = off[v + 1];
        off[v] = w;
        for (guint64 e = begin; e < end; e++) {
            if (e > begin && adj[e] == adj[e - 1]) {
                stats->duplicates++;
                if (p != NULL && p[row[e]] != outp[w - 1])
                    stats->duplicates_p_differ++;
                continue;
            }
            adj[w] = adj[e];
            if (outp != NULL)
                outp[w] = p[row[e]];
            w++;
        }
    }
    off[n] = w;
    g_free(row);
    *out_off = off;
    *out_adj = g_renew(guint32, adj, MAX(w, 1));
    *out_p = outp != NULL ? g_renew(double, outp, MAX(w, 1)) : NULL;
}

SmmGraph *smm_graph_build(SmmEdgeList *edges, SmmGraphStats *stats, GError **error)
{
    memset(stats, 0, sizeof *stats);
    guint32 n = smm_names_count(edges->names);
    guint64 m = edges->src->len;
    if (m > G_MAXUINT32) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_LIMIT,
                    "%" G_GUINT64_FORMAT " edges: more than smmgraph's limit of 4294967295", m);
        return NULL;
    }
    SmmGraph *g = g_new0(SmmGraph, 1);
    g->n = n;
    g->undirected = edges->undirected;
    g->names = g_steal_pointer(&edges->names);

    guint32 *src = (guint32 *)(void *)g_array_free(g_steal_pointer(&edges->src), FALSE);
    guint32 *dst = (guint32 *)(void *)g_array_free(g_steal_pointer(&edges->dst), FALSE);
    double *p =
        edges->p != NULL ? (double *)(void *)g_array_free(g_steal_pointer(&edges->p), FALSE) : NULL;
    if (g->undirected)
        for (guint64 e = 0; e < m; e++)
            if (src[e] > dst[e]) {
                guint32 t = src[e];
                src[e] = dst[e];
                dst[e] = t;
            }

    guint64 *c_off;
    guint32 *c_adj;
    double *c_p;
    sort_and_dedup(n, m, src, dst, p, stats, &c_off, &c_adj, &c_p);
    g_free(p);
    stats->edges = c_off[n];

    if (!g->undirected) {
        g->m = c_off[n];
        g->out_off = c_off;
        g->out_adj = c_adj;
        g->out_p = c_p;
        transpose(n, c_off, c_adj, c_p, &g->in_off, &g->in_adj, &g->in_p);
    } else {
        guint64 *t_off;
        guint32 *t_adj;
        double *t_p = NULL;
        transpose(n, c_off, c_adj, c_p, &t_off, &t_adj, &t_p);
        g->m = 2 * c_off[n];
        g->out_off = g_new(guint64, (gsize)n + 1);
        g->out_adj = g_new(guint32, MAX(g->m, 1));
        g->out_p = c_p != NULL ? g_new(double, MAX(g->m, 1)) : NULL;
        guint64 w = 0;
        for (guint32 v = 0; v < n; v++) {
            g->out_off[v] = w;
            for (guint64 e = t_off[v]; e < t_off[v + 1]; e++, w++) {
                g->out_adj[w] = t_adj[e];
                if (g->out_p)
                    g->out_p[w] = t_p[e];
            }
            for (guint64 e = c_off[v]; e < c_off[v + 1]; e++, w++) {
                g->out_adj[w] = c_adj[e];
                if (g->out_p)
                    g->out_p[w] = c_p[e];
            }
        }
        g->out_off[n] = w;
        g_free(t_off);
        g_free(t_adj);
        g_free(t_p);
        g_free(c_off);
        g_free(c_adj);
        g_free(c_p);
        /* A symmetric graph is its own transpose. */
        g->in_off = g->out_off;
        g->in_adj = g->out_adj;
        g->in_p = g->out_p;
    }
    return g;
}

SmmGraph *smm_graph_from_csr(guint32 n, guint64 *out_off, guint32 *out_adj)
{
    SmmGraph *g = g_new0(SmmGraph, 1);
    g->n = n;
    g->m = out_off[n];
    g->out_off = out_off;
    g->out_adj = out_adj;
    transpose(n, out_off, out_adj, NULL, &g->in_off, &g->in_adj, NULL);
    return g;
}

double *smm_graph_in_order(const SmmGraph *g, const double *out_values)
{
    /* Sources ascend, so each account's followers come out in in-list order.
     * A separate array even when undirected: p(u->w) and p(w->u) may differ. */
    double *in_values = g_new(double, MAX(g->m, 1));
    g_autofree guint64 *next = g_memdup2(g->in_off, sizeof(guint64) * ((gsize)g->n + 1));
    for (guint64 e = 0; e < g->m; e++)
        in_values[next[g->out_adj[e]]++] = out_values[e];
    return in_values;
}

void smm_graph_set_probabilities(SmmGraph *g, double *out_p)
{
    if (g->in_p != g->out_p)
        g_free(g->in_p);
    g_free(g->out_p);
    g->out_p = out_p;
    g->in_p = smm_graph_in_order(g, out_p);
}

void smm_graph_free(SmmGraph *g)
{
    if (g == NULL)
        return;
    if (g->in_off != g->out_off) {
        g_free(g->in_off);
        g_free(g->in_adj);
    }
    if (g->in_p != g->out_p)
        g_free(g->in_p);
    g_free(g->out_off);
    g_free(g->out_adj);
    g_free(g->out_p);
    smm_names_free(g->names);
    if (g->ig != NULL) {
        igraph_destroy(g->ig);
        g_free(g->ig);
    }
    g_free(g);
}

/* igraph 0.10 stores a graph as an indexed edge list (igraph_datatype.h):
 * from/to per edge id, oi = edge ids ordered by (from, to) with os[v] the
 * first of v's, ii = edge ids ordered by (to, from) with is[v] likewise.
 * igraph_create() derives oi and ii with linked-list bucket sorts that miss
 * the cache on every step (3-4 s for 10M edges). Numbering edges in our CSR
 * order makes oi the identity and os our out_off, and one counting pass
 * gives ii with is = in_off. tests/unit/test_graph.c checks the result
 * against igraph_create() field by field; configure pins igraph 0.10. */
static gboolean fill_igraph(const SmmGraph *g, igraph_t *ig, GError **error)
{
    igraph_integer_t m = (igraph_integer_t)g->m;
    if (!smm_igraph_check(igraph_empty(ig, (igraph_integer_t)g->n, IGRAPH_DIRECTED),
                          "creating the igraph graph", error))
        return FALSE;
    if (!smm_igraph_check(igraph_vector_int_resize(&ig->from, m), "building the igraph graph",
                          error) ||
        !smm_igraph_check(igraph_vector_int_resize(&ig->to, m), "building the igraph graph",
                          error) ||
        !smm_igraph_check(igraph_vector_int_resize(&ig->oi, m), "building the igraph graph",
                          error) ||
        !smm_igraph_check(igraph_vector_int_resize(&ig->ii, m), "building the igraph graph",
                          error)) {
        igraph_destroy(ig);
        return FALSE;
    }
    igraph_integer_t *from = VECTOR(ig->from), *to = VECTOR(ig->to);
    igraph_integer_t *oi = VECTOR(ig->oi), *ii = VECTOR(ig->ii);
    igraph_integer_t *os = VECTOR(ig->os), *is = VECTOR(ig->is);
    for (guint32 v = 0; v < g->n; v++)
        for (guint64 e = g->out_off[v]; e < g->out_off[v + 1]; e++) {
            from[e] = v;
            to[e] = g->out_adj[e];
            oi[e] = (igraph_integer_t)e;
        }
    for (guint32 v = 0; v <= g->n; v++) {
        os[v] = (igraph_integer_t)g->out_off[v];
        is[v] = (igraph_integer_t)g->in_off[v];
    }
    /* Sources ascend, so each target's run of ii comes out ordered by source. */
    g_autofree guint64 *next = g_memdup2(g->in_off, sizeof(guint64) * ((gsize)g->n + 1));
    for (guint64 e = 0; e < g->m; e++)
        ii[next[g->out_adj[e]]++] = (igraph_integer_t)e;
    igraph_i_property_cache_invalidate_all(ig);
    return TRUE;
}

const igraph_t *smm_graph_igraph(SmmGraph *g, GError **error)
{
    if (g->ig != NULL)
        return g->ig;
    igraph_t *ig = g_new0(igraph_t, 1);
    if (!fill_igraph(g, ig, error)) {
        g_free(ig);
        return NULL;
    }
    g->ig = ig;
    return ig;
}
