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

/* Betweenness by Brandes' algorithm on unweighted shortest paths, exact or
 * estimated from sampled sources (see betweenness.c for the estimator and
 * its interval). For an undirected import the value counts unordered pairs,
 * as igraph and networkx do. Results are identical for any n_threads. */
typedef struct {
    guint64 sources;   /* 0: as many as the time budget allows (all when they
                          fit: exact); >= n: exact; else exactly this many (at
                          least 2), reproducible anywhere */
    double time_limit; /* seconds, when sources is 0 */
    guint64 seed;      /* the order in which sources are drawn */
    guint n_threads;
    guint top;        /* worst_precision looks at this many accounts (20;
                         at most 64), */
    double precision; /* and with sources 0, sampling stops once it is at
                         most this (0.02; 0: never) */
} SmmBetweennessOptions;

typedef struct {
    guint64 sources;        /* sources used; n when exact */
    gboolean exact;         /* every account was a source */
    gboolean time_capped;   /* the time budget stopped sampling */
    gboolean target_met;    /* the precision target stopped sampling */
    double worst_precision; /* largest ci95 / estimate among the top accounts
                               by estimate; 0 when exact */
    double seconds;
} SmmBetweennessResult;

/* The default time budget, in seconds. */
#define SMM_BETWEENNESS_TIME 20.0
/* With fewer sources the 95% intervals cover less than 95% (79-90% at 8-16
 * in the tests), and no precision target stops sampling. */
#define SMM_BETWEENNESS_FEW_SOURCES 64

void smm_betweenness_options_init(SmmBetweennessOptions *options);

/* Fills out[0..n-1] and, unless NULL, ci95[0..n-1] (the half-width of each
 * account's 95% interval; 0 when exact), and *result. The intervals hold
 * for the accounts of largest betweenness; for accounts that few sources
 * touch they are too short (test_betweenness.c measures both). */
void smm_metrics_betweenness(const SmmGraph *graph, const SmmBetweennessOptions *options,
                             double *out, double *ci95, SmmBetweennessResult *result);

/* The 0.975 quantile of Student's t with df degrees of freedom (infinite
 * for 0). */
double smm_student_t975(guint64 df);

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
