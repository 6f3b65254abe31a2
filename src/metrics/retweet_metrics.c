/* retweet_metrics.c - how much an account's posts are reshared, and by
 * whom: counts and PageRank on the weighted retweet graph.
 *
 * The (resharer, author) pairs of the log are sorted once (O(rows log
 * rows)); runs of equal pairs give the edge weights, so the retweet graph
 * is a CSR with one weighted edge per pair. PageRank is our weighted kernel
 * on it (pagerank.c: igraph's convention, transition probabilities from
 * out-weight sums), so it has the same stopping rule and cap.
 */
#include <stdlib.h>
#include <string.h>

#include "smm/core.h"
#include "smm/metrics.h"

static int compare_u64(const void *pa, const void *pb)
{
    guint64 a = *(const guint64 *)pa, b = *(const guint64 *)pb;
    return a < b ? -1 : a > b;
}

gboolean smm_metrics_retweets(const SmmReshareLog *log, guint32 n, double damping,
                              const SmmIterOptions *options, guint n_threads, double *retweets,
                              double *retweeters, double *retweet_pagerank,
                              SmmIterResult *pagerank_result, guint64 *self_reshares,
                              GError **error)
{
    if (log->author == NULL) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_DATA,
                    "the reshare log has no author column; retweet counts need one (see --author)");
        return FALSE;
    }
    guint64 rows = smm_reshare_log_size(log);
    const guint32 *from = (const guint32 *)(void *)log->account->data;
    const guint32 *to = (const guint32 *)(void *)log->author->data;
    g_autofree guint64 *pair = g_new(guint64, MAX(rows, 1));
    guint64 k = 0, self = 0;
    for (guint64 i = 0; i < rows; i++) {
        if (from[i] == to[i])
            self++;
        else
            pair[k++] = (guint64)from[i] << 32 | to[i];
    }
    qsort(pair, k, sizeof(guint64), compare_u64);

    guint64 *off = g_new0(guint64, (gsize)n + 1);
    guint32 *adj = g_new(guint32, MAX(k, 1));
    g_autofree double *weight = g_new(double, MAX(k, 1));
    if (retweets != NULL)
        memset(retweets, 0, sizeof(double) * n);
    if (retweeters != NULL)
        memset(retweeters, 0, sizeof(double) * n);
    guint64 m = 0;
    for (guint64 i = 0; i < k;) {
        guint64 j = i;
        while (j < k && pair[j] == pair[i])
            j++;
        guint32 a = (guint32)(pair[i] >> 32), b = (guint32)pair[i];
        off[a + 1]++;
        adj[m] = b;
        weight[m++] = (double)(j - i);
        if (retweets != NULL)
            retweets[b] += (double)(j - i);
        if (retweeters != NULL)
            retweeters[b] += 1.0;
        i = j;
    }
    for (guint32 v = 0; v < n; v++)
        off[v + 1] += off[v];
    if (self_reshares != NULL)
        *self_reshares = self;
    if (retweet_pagerank == NULL) {
        g_free(off);
        g_free(adj);
        return TRUE;
    }

    g_autoptr(SmmGraph) g = smm_graph_from_csr(n, off, adj);
    g_autofree double *in_weight = smm_graph_in_order(g, weight);
    SmmIterResult result;
    smm_metrics_pagerank(g, in_weight, damping, options, n_threads, retweet_pagerank, &result);
    if (pagerank_result != NULL)
        *pagerank_result = result;
    return TRUE;
}
