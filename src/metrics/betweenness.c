/* betweenness.c - Brandes' betweenness on the compact arrays, exact or from
 * sampled sources.
 *
 * U. Brandes, "A faster algorithm for betweenness centrality", J. Math.
 * Sociol. 25 (2001): one BFS per source counts shortest paths (sigma), then
 * dependencies accumulate in reverse BFS order,
 *     delta(v) = sum over successors w of sigma(v) / sigma(w) * (1 + delta(w)).
 * Successors are found by scanning out-edges for dist(w) = dist(v) + 1, so no
 * predecessor lists are stored. Cost O(n + m) per source, O(n) memory per
 * thread. igraph 0.10 has no sampled variant; with k < n sources drawn
 * uniformly without replacement the sum scaled by n / k is unbiased (the
 * estimator of Brandes and Pich 2007, also in ALGORITHMS.md).
 *
 * Determinism: sources are cut into a fixed number of chunks, each summed in
 * source order into its own vector, and chunks are added in order at the
 * end. The thread count only decides who computes which chunk.
 */
#include <string.h>

#include "smm/metrics.h"
#include "smm/parallel.h"
#include "smm/rng.h"

#define MAX_CHUNKS 16
#define CHUNK_MEMORY (256u << 20) /* bytes of per-chunk sums */
#define SOURCE_STREAM 0xbe7ee22e55ULL

typedef struct {
    gint32 *dist;
    double *sigma;
    double *delta;
    guint32 *order;
} Workspace;

typedef struct {
    const SmmGraph *g;
    const guint32 *sources;
    guint64 n_sources;
    guint64 n_chunks;
    double **chunk_sum;
    Workspace *ws; /* per thread */
} Job;

static void from_source(const SmmGraph *g, guint32 s, Workspace *w, double *sum)
{
    const guint64 *off = g->out_off;
    const guint32 *adj = g->out_adj;
    guint32 head = 0, tail = 0;
    w->order[tail++] = s;
    w->dist[s] = 0;
    w->sigma[s] = 1.0;
    while (head < tail) {
        guint32 v = w->order[head++];
        gint32 dv = w->dist[v] + 1;
        double sv = w->sigma[v];
        for (guint64 e = off[v]; e < off[v + 1]; e++) {
            guint32 x = adj[e];
            if (w->dist[x] < 0) {
                w->dist[x] = dv;
                w->order[tail++] = x;
            }
            if (w->dist[x] == dv)
                w->sigma[x] += sv;
        }
    }
    for (guint32 i = tail; i-- > 0;) {
        guint32 v = w->order[i];
        gint32 dv = w->dist[v] + 1;
        double acc = 0.0;
        for (guint64 e = off[v]; e < off[v + 1]; e++) {
            guint32 x = adj[e];
            if (w->dist[x] == dv)
                acc += (1.0 + w->delta[x]) / w->sigma[x];
        }
        w->delta[v] = w->sigma[v] * acc;
        if (v != s)
            sum[v] += w->delta[v];
    }
    for (guint32 i = 0; i < tail; i++) {
        guint32 v = w->order[i];
        w->dist[v] = -1;
        w->sigma[v] = 0.0;
        w->delta[v] = 0.0;
    }
}

static void run_chunk(guint64 chunk, guint thread, gpointer ctx)
{
    Job *job = ctx;
    guint64 lo = chunk * job->n_sources / job->n_chunks;
    guint64 hi = (chunk + 1) * job->n_sources / job->n_chunks;
    for (guint64 k = lo; k < hi; k++)
        from_source(job->g, job->sources[k], &job->ws[thread], job->chunk_sum[chunk]);
}

guint64 smm_metrics_betweenness_default_sources(const SmmGraph *g)
{
    double work = (double)g->n + (double)g->m;
    if ((double)g->n * work <= SMM_BETWEENNESS_BUDGET)
        return g->n;
    guint64 k = (guint64)(SMM_BETWEENNESS_BUDGET / work);
    return MIN((guint64)g->n, MAX(k, 64));
}

void smm_metrics_betweenness(const SmmGraph *g, guint64 sources, guint64 seed, guint n_threads,
                             double *out)
{
    guint32 n = g->n;
    if (n == 0)
        return;
    gboolean exact = sources == 0 || sources >= n;
    guint64 k = exact ? n : sources;

    /* The first k entries of a seeded partial Fisher-Yates shuffle. */
    g_autofree guint32 *list = g_new(guint32, n);
    for (guint32 i = 0; i < n; i++)
        list[i] = i;
    if (!exact) {
        SmmRng rng;
        smm_rng_init(&rng, seed, SOURCE_STREAM);
        for (guint64 i = 0; i < k; i++) {
            guint64 j = i + smm_rng_below(&rng, n - i);
            guint32 t = list[i];
            list[i] = list[j];
            list[j] = t;
        }
    }

    guint64 n_chunks = MIN((guint64)MAX_CHUNKS, k);
    n_chunks = MAX(1, MIN(n_chunks, CHUNK_MEMORY / (sizeof(double) * (guint64)n)));
    guint threads = (guint)MIN((guint64)MAX(n_threads, 1), n_chunks);

    Job job = {.g = g, .sources = list, .n_sources = k, .n_chunks = n_chunks};
    job.chunk_sum = g_new(double *, n_chunks);
    for (guint64 c = 0; c < n_chunks; c++)
        job.chunk_sum[c] = g_new0(double, n);
    job.ws = g_new(Workspace, threads);
    for (guint t = 0; t < threads; t++) {
        job.ws[t].dist = g_new(gint32, n);
        memset(job.ws[t].dist, 0xff, sizeof(gint32) * n); /* -1: not reached */
        job.ws[t].sigma = g_new0(double, n);
        job.ws[t].delta = g_new0(double, n);
        job.ws[t].order = g_new(guint32, n);
    }

    smm_parallel_blocks(n_chunks, threads, run_chunk, &job);

    /* Directed paths counted once per ordered pair; an undirected import
     * stores each tie both ways, so each unordered pair was counted twice. */
    double scale = (exact ? 1.0 : (double)n / (double)k) * (g->undirected ? 0.5 : 1.0);
    for (guint32 v = 0; v < n; v++) {
        double total = 0.0;
        for (guint64 c = 0; c < n_chunks; c++)
            total += job.chunk_sum[c][v];
        out[v] = total * scale;
    }

    for (guint64 c = 0; c < n_chunks; c++)
        g_free(job.chunk_sum[c]);
    g_free(job.chunk_sum);
    for (guint t = 0; t < threads; t++) {
        g_free(job.ws[t].dist);
        g_free(job.ws[t].sigma);
        g_free(job.ws[t].delta);
        g_free(job.ws[t].order);
    }
    g_free(job.ws);
}
