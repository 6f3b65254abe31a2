/* metrics.h - per-account centralities of the follower graph.
 *
 * Every function fills out[0..n-1] (caller-allocated) and leaves it untouched
 * on failure. Edges run follower -> followee, so scores that flow along edges
 * (PageRank, LeaderRank, authority) gather on the accounts that are followed.
 */
#ifndef SMM_METRICS_H
#define SMM_METRICS_H

#include "smm/graph.h"
#include "smm/progress.h"
#include "smm/reshare.h"

/* How an iterative kernel (PageRank, HITS, LeaderRank) stops: when the L1
 * change between two successive iterates, each normalised, relative to the
 * iterate's L1 norm, falls below the tolerance; or after max_iterations
 * steps, whichever comes first. A tolerance below SMM_ITER_FLOOR (2^-43,
 * about 1.1e-13, a thousand units of rounding) is raised to it: closer to
 * machine precision, rounding noise could keep the change from falling. */
typedef struct {
    guint max_iterations;        /* >= 1 */
    double tolerance;            /* >= 0 */
    const SmmProgress *progress; /* each iteration; NULL: none */
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
    /* Sources done, as they finish, of all sources when that is known (a
     * count, or exact), else of 0; NULL: none. */
    const SmmProgress *progress;
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
 * touch they are too short (test_betweenness.c measures both). FALSE
 * (SMM_ERROR_MEMORY) when its buffers would pass --max-memory. */
gboolean smm_metrics_betweenness(const SmmGraph *graph, const SmmBetweennessOptions *options,
                                 double *out, double *ci95, SmmBetweennessResult *result,
                                 GError **error);

/* The 0.975 quantile of Student's t with df degrees of freedom (infinite
 * for 0). */
double smm_student_t975(guint64 df);

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
