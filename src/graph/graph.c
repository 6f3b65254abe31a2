/* graph.c - edge list to CSR, duplicates dropped, and the igraph view.
 *
 * Without probabilities, follows become 64-bit keys (follower, followee)
 * sorted by radix (key_sort.c) while the pair arrays are freed: repeats
 * become neighbours and are dropped, the low halves become the followee
 * lists in the keys' own memory, and sorting (followee, follower) keys gives
 * the follower lists. Every pass streams or stays in cache; the peak is 12
 * bytes a follow. Undirected imports sort canonical (min, max) ties, drop
 * repeats, add each tie reversed and sort again: the symmetric rows, their
 * own transpose, so in_* shares out_*'s arrays.
 *
 * With probabilities the first row of a repeat must win, so the order of
 * the file matters: two stable counting sorts (by followee, then by
 * follower) carry each row's probability, at 20 bytes a follow; probability
 * columns come with graphs of modest size.
 */
#include "smm/graph.h"

#include <string.h>

#include "smm/core.h"
#include "smm/key_sort.h"

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
static void transpose(guint32 n, const guint64 *off, const guint32 *adj, const float *p,
                      guint64 **t_off, guint32 **t_adj, float **t_p)
{
    guint64 m = off[n];
    guint64 *toff = offsets_of(adj, m, n);
    guint64 *next = g_memdup2(toff, sizeof(guint64) * n);
    guint32 *tadj = g_new(guint32, MAX(m, 1));
    float *tp = p != NULL ? g_new(float, MAX(m, 1)) : NULL;
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

/* Sorts (src, dst) rows into a CSR keyed by src, each row ascending by dst
 * with file order among equal pairs, then drops repeated pairs keeping the
 * first (and its probability). Frees src, dst and p.
 *
 * Memory is what bounds the largest graph: pass 1 holds the pairs and the
 * followers grouped by followee (12 bytes a follow), pass 2 that grouping
 * and the CSR (8), so the peak is 12 bytes a follow, 20 with probabilities
 * (4 more for the pairs' and 4 for the grouping's). */
static void sort_and_dedup(guint32 n, guint64 m, guint32 *src, guint32 *dst, float *p,
                           SmmGraphStats *stats, guint64 **out_off, guint32 **out_adj,
                           float **out_p)
{
    guint64 *by_dst = offsets_of(dst, m, n);
    guint64 *off = offsets_of(src, m, n);

    /* Pass 1: stable by dst, keeping src (and p). */
    guint32 *a_src = g_new(guint32, MAX(m, 1));
    float *a_p = p != NULL ? g_new(float, MAX(m, 1)) : NULL;
    {
        guint64 *next = g_memdup2(by_dst, sizeof(guint64) * n);
        for (guint64 e = 0; e < m; e++) {
            guint64 at = next[dst[e]]++;
            a_src[at] = src[e];
            if (a_p != NULL)
                a_p[at] = p[e];
        }
        g_free(next);
    }
    g_free(dst);
    g_free(src);
    g_free(p);

    /* Pass 2: stable by src, visiting pass 1 in order, so each row comes out
     * sorted by dst with file order among equals. */
    guint32 *adj = g_new(guint32, MAX(m, 1));
    float *outp = a_p != NULL ? g_new(float, MAX(m, 1)) : NULL;
    {
        guint64 *next = g_memdup2(off, sizeof(guint64) * n);
        for (guint32 d = 0; d < n; d++)
            for (guint64 k = by_dst[d]; k < by_dst[d + 1]; k++) {
                guint64 at = next[a_src[k]]++;
                adj[at] = d;
                if (outp != NULL)
                    outp[at] = a_p[k];
            }
        g_free(next);
    }
    g_free(by_dst);
    g_free(a_src);
    g_free(a_p);

    /* Drop repeats in place; the first of a run is the earliest row. */
    guint64 w = 0;
    for (guint32 v = 0; v < n; v++) {
        guint64 begin = off[v], end = off[v + 1];
        off[v] = w;
        for (guint64 e = begin; e < end; e++) {
            if (e > begin && adj[e] == adj[e - 1]) {
                stats->duplicates++;
                if (outp != NULL && outp[e] != outp[w - 1])
                    stats->duplicates_p_differ++;
                continue;
            }
            adj[w] = adj[e];
            if (outp != NULL)
                outp[w] = outp[e];
            w++;
        }
    }
    off[n] = w;
    *out_off = off;
    *out_adj = g_renew(guint32, adj, MAX(w, 1));
    *out_p = outp != NULL ? g_renew(float, outp, MAX(w, 1)) : NULL;
}

/* ------------------------------------------- without probabilities: keys */

/* Bits that hold any account id. */
static guint id_bits(guint32 n)
{
    guint bits = 1;
    while (bits < 32 && ((guint64)1 << bits) < n)
        bits++;
    return bits;
}

/* The keys src << bits | dst, sorted. src and dst are read from the end
 * and shrunk as they are read, while the keys fill: 8 bytes a follow at any
 * time, plus the 4 of whichever array is not yet shrunk. Frees both. */
#define SHRINK_STEP ((guint64)1 << 22)

static guint64 *sorted_pair_keys(guint32 *src, guint32 *dst, guint64 m, guint bits, guint n_threads)
{
    SmmKeyBuckets *kb = smm_key_buckets_new(2 * bits);
    for (guint64 e = 0; e < m; e++)
        smm_key_buckets_count(kb, ((guint64)src[e] << bits) | dst[e]);
    smm_key_buckets_layout(kb);
    for (guint64 end = m; end > 0;) {
        guint64 begin = end > SHRINK_STEP ? end - SHRINK_STEP : 0;
        for (guint64 e = begin; e < end; e++)
            smm_key_buckets_put(kb, ((guint64)src[e] << bits) | dst[e]);
        end = begin;
        src = g_realloc(src, sizeof(guint32) * MAX(end, 1));
        dst = g_realloc(dst, sizeof(guint32) * MAX(end, 1));
    }
    g_free(src);
    g_free(dst);
    guint64 len;
    return smm_key_buckets_finish(kb, n_threads, &len);
}

/* Sorted keys to a CSR whose rows are the high parts: counts the repeats
 * dropped, writes the low parts over the keys' own memory (adj[w] lies at
 * or before key w), and gives that memory back. */
static guint32 *keys_to_csr(guint64 *keys, guint64 m, guint bits, guint32 n, guint64 **off_out,
                            guint64 *kept, guint64 *repeats)
{
    guint64 *off = g_new0(guint64, (gsize)n + 1);
    guint32 *adj = (guint32 *)(void *)keys;
    guint32 mask = (guint32)(((guint64)1 << bits) - 1);
    guint64 w = 0, previous = 0;
    for (guint64 i = 0; i < m; i++) {
        /* keys[i - 1] itself may already lie under adj[0]: compare a copy */
        guint64 k = keys[i];
        if (i > 0 && k == previous) {
            (*repeats)++;
            continue;
        }
        previous = k;
        off[(k >> bits) + 1]++;
        adj[w++] = (guint32)k & mask;
    }
    for (guint32 v = 0; v < n; v++)
        off[v + 1] += off[v];
    *off_out = off;
    *kept = w;
    return g_realloc(adj, sizeof(guint32) * MAX(w, 1));
}

/* The follower lists from the followee lists, by sorting (followee,
 * follower) keys: 8 bytes a follow beside the 4 of the followee lists. */
static void transpose_by_keys(guint32 n, const guint64 *off, const guint32 *adj, guint bits,
                              guint n_threads, guint64 **t_off, guint32 **t_adj)
{
    SmmKeyBuckets *kb = smm_key_buckets_new(2 * bits);
    for (guint32 v = 0; v < n; v++)
        for (guint64 e = off[v]; e < off[v + 1]; e++)
            smm_key_buckets_count(kb, ((guint64)adj[e] << bits) | v);
    smm_key_buckets_layout(kb);
    for (guint32 v = 0; v < n; v++)
        for (guint64 e = off[v]; e < off[v + 1]; e++)
            smm_key_buckets_put(kb, ((guint64)adj[e] << bits) | v);
    guint64 m, kept, repeats = 0;
    guint64 *keys = smm_key_buckets_finish(kb, n_threads, &m);
    *t_adj = keys_to_csr(keys, m, bits, n, t_off, &kept, &repeats);
}

#define BUILD_STEPS 3.0 /* sort, rows, transpose: about a third of the time each */

static void build_by_keys(SmmGraph *g, guint32 *src, guint32 *dst, guint64 m, guint n_threads,
                          const SmmProgress *progress, SmmGraphStats *stats)
{
    guint32 n = g->n;
    guint bits = id_bits(n);
    guint64 *keys = sorted_pair_keys(src, dst, m, bits, n_threads);
    smm_progress_report(progress, "graph", 1, BUILD_STEPS, "steps");
    if (!g->undirected) {
        g->out_adj = keys_to_csr(keys, m, bits, n, &g->out_off, &g->m, &stats->duplicates);
        stats->edges = g->m;
        smm_progress_report(progress, "graph", 2, BUILD_STEPS, "steps");
        transpose_by_keys(n, g->out_off, g->out_adj, bits, n_threads, &g->in_off, &g->in_adj);
        smm_progress_report(progress, "graph", 3, BUILD_STEPS, "steps");
        return;
    }
    /* Ties (min, max) without repeats, then each tie both ways, sorted: the
     * symmetric rows, which are their own transpose. */
    guint64 ties = 0;
    for (guint64 i = 0; i < m; i++) {
        if (i > 0 && keys[i] == keys[i - 1]) {
            stats->duplicates++;
            continue;
        }
        keys[ties++] = keys[i];
    }
    stats->edges = ties;
    guint64 mask = ((guint64)1 << bits) - 1;
    SmmKeyBuckets *kb = smm_key_buckets_new(2 * bits);
    for (guint64 i = 0; i < ties; i++) {
        smm_key_buckets_count(kb, keys[i]);
        smm_key_buckets_count(kb, ((keys[i] & mask) << bits) | (keys[i] >> bits));
    }
    smm_key_buckets_layout(kb);
    for (guint64 i = 0; i < ties; i++) {
        smm_key_buckets_put(kb, keys[i]);
        smm_key_buckets_put(kb, ((keys[i] & mask) << bits) | (keys[i] >> bits));
    }
    g_free(keys);
    smm_progress_report(progress, "graph", 2, BUILD_STEPS, "steps");
    guint64 both, none = 0;
    keys = smm_key_buckets_finish(kb, n_threads, &both);
    g->out_adj = keys_to_csr(keys, both, bits, n, &g->out_off, &g->m, &none);
    g->in_off = g->out_off;
    g->in_adj = g->out_adj;
    smm_progress_report(progress, "graph", 3, BUILD_STEPS, "steps");
}

/* The build's peak beyond the edge list: the sorted keys (8 B a row), a
 * transpose's keys and rows (12 B); probabilities twice more (4 B each). */
guint64 smm_graph_build_bytes_per_follow(gboolean has_p)
{
    return 20 + (has_p ? 8 : 0);
}

/* ... and two offset arrays. */
guint64 smm_graph_build_bytes(guint64 n_accounts, guint64 m_follows, gboolean has_p)
{
    return m_follows * smm_graph_build_bytes_per_follow(has_p) + 16 * (n_accounts + 1);
}

SmmGraph *smm_graph_build(SmmEdgeList *edges, guint n_threads, const SmmProgress *progress,
                          SmmGraphStats *stats, GError **error)
{
    memset(stats, 0, sizeof *stats);
    guint32 n = smm_names_count(edges->names);
    guint64 m = edges->src->len;
    if (m > G_MAXUINT32) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_LIMIT,
                    "%" G_GUINT64_FORMAT " edges: more than smmgraph's limit of 4294967295", m);
        return NULL;
    }
    guint64 need = smm_graph_build_bytes(n, m, edges->p != NULL);
    if (!smm_memory_check("building the graph", need, error))
        return NULL;
    SmmGraph *g = g_new0(SmmGraph, 1);
    g->n = n;
    g->undirected = edges->undirected;
    g->names = g_steal_pointer(&edges->names);

    guint32 *src = (guint32 *)(void *)g_array_free(g_steal_pointer(&edges->src), FALSE);
    guint32 *dst = (guint32 *)(void *)g_array_free(g_steal_pointer(&edges->dst), FALSE);
    float *p =
        edges->p != NULL ? (float *)(void *)g_array_free(g_steal_pointer(&edges->p), FALSE) : NULL;
    if (g->undirected)
        for (guint64 e = 0; e < m; e++)
            if (src[e] > dst[e]) {
                guint32 t = src[e];
                src[e] = dst[e];
                dst[e] = t;
            }
    if (p == NULL) {
        build_by_keys(g, src, dst, m, n_threads, progress, stats);
        return g;
    }

    guint64 *c_off;
    guint32 *c_adj;
    float *c_p;
    sort_and_dedup(n, m, src, dst, p, stats, &c_off, &c_adj, &c_p);
    stats->edges = c_off[n];
    smm_progress_report(progress, "graph", 2, BUILD_STEPS, "steps");

    if (!g->undirected) {
        g->m = c_off[n];
        g->out_off = c_off;
        g->out_adj = c_adj;
        g->out_p = c_p;
        transpose(n, c_off, c_adj, NULL, &g->in_off, &g->in_adj, NULL);
    } else {
        guint64 *t_off;
        guint32 *t_adj;
        float *t_p = NULL;
        transpose(n, c_off, c_adj, c_p, &t_off, &t_adj, &t_p);
        g->m = 2 * c_off[n];
        g->out_off = g_new(guint64, (gsize)n + 1);
        g->out_adj = g_new(guint32, MAX(g->m, 1));
        g->out_p = c_p != NULL ? g_new(float, MAX(g->m, 1)) : NULL;
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
    }
    smm_progress_report(progress, "graph", 3, BUILD_STEPS, "steps");
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

/* Per-edge values of `size` bytes from out-list order to in-list order.
 * Sources ascend, so each account's followers come out in in-list order.
 * The bound keeps a graph file whose two directions disagree (which its
 * checks do not rule out) from writing past a row. */
static void to_in_order(const SmmGraph *g, const void *out_values, void *in_values, gsize size)
{
    g_autofree guint64 *next = g_memdup2(g->in_off, sizeof(guint64) * ((gsize)g->n + 1));
    const char *from = out_values;
    char *to = in_values;
    for (guint32 v = 0; v < g->n; v++)
        for (guint64 e = g->out_off[v]; e < g->out_off[v + 1]; e++) {
            guint32 u = g->out_adj[e];
            if (next[u] < g->in_off[u + 1])
                memcpy(to + size * next[u]++, from + size * e, size);
        }
}

double *smm_graph_in_order(const SmmGraph *g, const double *out_values)
{
    double *in_values = g_new0(double, MAX(g->m, 1));
    to_in_order(g, out_values, in_values, sizeof(double));
    return in_values;
}

/* Arrays inside a mapped graph file belong to the mapping. */
static void release(const SmmGraph *g, void *p)
{
    if (g->mapping != NULL) {
        const char *base = g_mapped_file_get_contents(g->mapping);
        if ((const char *)p >= base &&
            (const char *)p < base + g_mapped_file_get_length(g->mapping))
            return;
    }
    g_free(p);
}

void smm_graph_set_probabilities(SmmGraph *g, float *out_p)
{
    release(g, g->out_p);
    g_free(g->in_p);
    g->out_p = out_p;
    g->in_p = NULL;
}

const float *smm_graph_in_probabilities(SmmGraph *g)
{
    if (g->in_p != NULL || g->out_p == NULL)
        return g->in_p;
    /* A separate array even when undirected: p(u->w) and p(w->u) may differ. */
    g->in_p = g_new0(float, MAX(g->m, 1));
    to_in_order(g, g->out_p, g->in_p, sizeof(float));
    return g->in_p;
}

static guint64 *extended(const guint64 *off, guint32 n, guint32 new_n)
{
    guint64 *out = g_new(guint64, (gsize)new_n + 1);
    memcpy(out, off, sizeof(guint64) * ((gsize)n + 1));
    for (guint32 v = n + 1; v <= new_n; v++)
        out[v] = off[n];
    return out;
}

void smm_graph_add_accounts(SmmGraph *g, guint32 n)
{
    if (n <= g->n)
        return;
    if (g->ig != NULL) { /* rebuilt on demand with the new accounts */
        igraph_destroy(g->ig);
        g_clear_pointer(&g->ig, g_free);
    }
    gboolean shared = g->in_off == g->out_off;
    guint64 *out_off = extended(g->out_off, g->n, n);
    guint64 *in_off = shared ? out_off : extended(g->in_off, g->n, n);
    if (!shared)
        release(g, g->in_off);
    release(g, g->out_off);
    g->out_off = out_off;
    g->in_off = in_off;
    g->n = n;
}

void smm_graph_free(SmmGraph *g)
{
    if (g == NULL)
        return;
    if (g->in_off != g->out_off) {
        release(g, g->in_off);
        release(g, g->in_adj);
    }
    g_free(g->in_p);
    release(g, g->out_off);
    release(g, g->out_adj);
    release(g, g->out_p);
    smm_names_free(g->names);
    if (g->ig != NULL) {
        igraph_destroy(g->ig);
        g_free(g->ig);
    }
    if (g->mapping != NULL)
        g_mapped_file_unref(g->mapping);
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
    /* four edge-id vectors (8 B an edge each), two offset vectors and a
     * cursor per account */
    guint64 need = 32 * g->m + 24 * ((guint64)g->n + 1);
    if (!smm_memory_check("copying the graph into igraph's form", need, error))
        return NULL;
    igraph_t *ig = g_new0(igraph_t, 1);
    if (!fill_igraph(g, ig, error)) {
        g_free(ig);
        return NULL;
    }
    g->ig = ig;
    return ig;
}
