/* metrics.h - per-account centralities of the follower graph.
 *
 * Every function fills out[0..n-1] (caller-allocated) and leaves it untouched
 * on failure. Edges run follower -> followee, so scores that flow along edges
 * (PageRank, LeaderRank, authority) gather on the accounts that are followed.
 */
#ifndef SMM_METRICS_H
#define SMM_METRICS_H

#include "smm/graph.h"
#include "smm/reshare.h"

/* PageRank by igraph's PRPACK, directed; scores sum to 1. */
gboolean smm_metrics_pagerank(SmmGraph *graph, double damping, double *out, GError **error);

/* HITS authority and hub scores by igraph (ARPACK), each scaled to max 1. */
gboolean smm_metrics_hits(SmmGraph *graph, double *authority, double *hub, GError **error);

/* k-core index counting followers (in-degree) inside the core, by igraph.
 * For an undirected import this is the usual coreness. */
gboolean smm_metrics_coreness(SmmGraph *graph, double *out, GError **error);

/* LeaderRank (Lu, Zhang, Yeung, Zhou, PLoS ONE 2011). Returns the number of
 * iterations used. */
guint smm_metrics_leaderrank(const SmmGraph *graph, guint n_threads, double *out);

/* Betweenness by Brandes' algorithm on unweighted shortest paths. With
 * sources >= n (or 0) it is exact; otherwise `sources` distinct sources are
 * drawn uniformly from `seed` and the sum is scaled by n / sources (unbiased).
 * For an undirected import the value counts unordered pairs, as igraph and
 * networkx do. The result is identical for any n_threads. */
void smm_metrics_betweenness(const SmmGraph *graph, guint64 sources, guint64 seed, guint n_threads,
                             double *out);

/* The default number of betweenness sources: all of them (exact) when
 * n * (n + m) <= SMM_BETWEENNESS_BUDGET, else BUDGET / (n + m), at least 64. */
#define SMM_BETWEENNESS_BUDGET 2000000000.0
guint64 smm_metrics_betweenness_default_sources(const SmmGraph *graph);

/* From a reshare log with authors, per account (n = all accounts):
 * retweets, the rows naming it as the author; retweeters, the distinct
 * accounts in those rows; and PageRank (igraph, PRPACK) on the retweet
 * graph resharer -> author weighted by row counts. Rows where an account
 * reshares itself are left out and counted in *self_reshares. Any output
 * may be NULL. */
gboolean smm_metrics_retweets(const SmmReshareLog *log, guint32 n, double damping, double *retweets,
                              double *retweeters, double *retweet_pagerank, guint64 *self_reshares,
                              GError **error);

#endif
