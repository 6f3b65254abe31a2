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

/* How an iterative kernel (PageRank, HITS, LeaderRank) stops: when the L1
 * change between two successive iterates, each normalised, relative to the
 * iterate's L1 norm, falls below the tolerance; or after max_iterations
 * steps, whichever comes first. A tolerance below SMM_ITER_FLOOR (2^-43,
 * about 1.1e-13, a thousand units of rounding) is raised to it: closer to
 * machine precision, rounding noise could keep the change from falling. */
typedef struct {
    guint max_iterations; /* >= 1 */
    double tolerance;     /* >= 0 */
} SmmIterOptions;

typedef struct {
    guint iterations;   /* steps taken */
    double change;      /* the last step's relative L1 change */
    gboolean converged; /* FALSE: stopped by the cap with change >= tolerance */
} SmmIterResult;

#define SMM_ITER_TOLERANCE 1e-12
#define SMM_ITER_MAX_ITERATIONS 1000
#define SMM_ITER_FLOOR 0x1p-43

/* The defaults above. */
void smm_iter_options_init(SmmIterOptions *options);

/* The tolerance a kernel applies: max(options->tolerance, SMM_ITER_FLOOR). */
double smm_iter_tolerance(const SmmIterOptions *options);

/* PageRank, pulled over the followers (in_*): with damping d, an account
 * that follows nobody spreads its score uniformly over all (as igraph does),
 *     x_i = (1 - d)/n + d (sum over j -> i of x_j w_ji / W_j + D/n),
 * W_j = j's out-weight (out-degree without weights), D = the dangling mass;
 * scores sum to 1. in_weight (> 0, in in_adj order) or NULL for unweighted.
 * Contraction by d bounds the steps: see smm_metrics_pagerank_cap(). Fills
 * out[0..n-1] and *result. Identical for any n_threads. */
void smm_metrics_pagerank(const SmmGraph *graph, const double *in_weight, double damping,
                          const SmmIterOptions *options, guint n_threads, double *out,
                          SmmIterResult *result);

/* The step count within which PageRank with damping d meets `tolerance`
 * (already at least its floor) even in floating point: 1 + ceil(log(tol/4)
 * / log(d)); 180 for d = 0.85 and tol = 1e-12. */
guint smm_metrics_pagerank_cap(double damping, double tolerance);

/* The tolerance PageRank applies: smm_iter_tolerance(), or 4 x (one step's
 * rounding bound) / (1 - d) when that is larger (2.1e-13 at d = 0.85). */
double smm_metrics_pagerank_tolerance(double damping, const SmmIterOptions *options);

/* HITS (Kleinberg 1999) by power iteration from hub = 1: authority <- A^T hub,
 * hub <- A authority (A: follower -> followee), each scaled to a maximum of 1
 * as igraph does. When the leading eigenvalue of A^T A is not simple the
 * answer depends on the start (for any method); from all ones it is the
 * projection of the start on the leading eigenspace. No edges: zeros. */
void smm_metrics_hits(const SmmGraph *graph, const SmmIterOptions *options, guint n_threads,
                      double *authority, double *hub, SmmIterResult *result);

/* k-core index counting followers (in-degree) inside the core: peeling an
 * account lowers the follower count of the accounts it follows
 * (Batagelj-Zaversnik, O(n + m)). For an undirected import this is the usual
 * coreness. */
void smm_metrics_coreness(const SmmGraph *graph, guint n_threads, double *out);

/* LeaderRank (Lu, Zhang, Yeung, Zhou, PLoS ONE 2011); averages 1. */
void smm_metrics_leaderrank(const SmmGraph *graph, const SmmIterOptions *options, guint n_threads,
                            double *out, SmmIterResult *result);

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
 * accounts in those rows; and weighted PageRank (smm_metrics_pagerank) on
 * the retweet graph resharer -> author weighted by row counts, with
 * *pagerank_result. Rows where an account reshares itself are left out and
 * counted in *self_reshares. Any output may be NULL. */
gboolean smm_metrics_retweets(const SmmReshareLog *log, guint32 n, double damping,
                              const SmmIterOptions *options, guint n_threads, double *retweets,
                              double *retweeters, double *retweet_pagerank,
                              SmmIterResult *pagerank_result, guint64 *self_reshares,
                              GError **error);

#endif
