/* pull.h - one step of a power iteration on the CSR, shared by PageRank,
 * HITS and LeaderRank (private to src/metrics/).
 *
 * A step is two passes over fixed blocks of SMM_PULL_BLOCK accounts:
 *   gather: y_i = sum over the row of i of w_e x_{adj_e}   (w_e = 1 without w)
 *   finish: y_i <- (y_i + add) * scale, the new iterate, compared with the
 *           old one; share_i = y_i * inv_i, what i passes on in the next step.
 * Every reduction is taken per block and the blocks are combined in block
 * order, so a step gives the same bits for any thread count.
 *
 * Rounding, in units u = 2^-53. Every term is >= 0 (HITS' momentum
 * subtracts after the sum). A row of k terms is
 * summed left to right when k <= SMM_PULL_LEAF and pairwise above, so the
 * computed y_i is within (min(k, 32) - 1 + ceil(log2(k / 32))) u <= 58 u of
 * the exact sum of its terms, relative, for any k < 2^32 (a left-to-right sum
 * of a hub's million followers could be off by 10^6 u); the share (x_j times a rounded
 * d / W_j) and the finish (add, then scale) 2 each, the scale 3 more. The sums that every account
 * receives a part of (the total, PageRank's dangling mass, LeaderRank's ground share) are
 * compensated (Kahan), so their error is about 2 u, not n u: an error there
 * shifts all n accounts at once and would dominate the L1 change. Hence one
 * computed step is within SMM_PULL_ROUNDING u of the exact step applied to
 * the same input, in L1 relative to the norm; iterate.c turns that into the
 * stopping rule's floor.
 */
#ifndef SMM_METRICS_PULL_H
#define SMM_METRICS_PULL_H

#include "smm/graph.h"
#include "smm/metrics.h"

#define SMM_PULL_BLOCK 4096
#define SMM_PULL_LEAF 32
#define SMM_PULL_ROUNDING 72.0 /* 58 + 2 + 2 + 3 = 65, rounded up */

/* Block b's accounts: [smm_pull_block_start(b), smm_pull_block_end(n, b)). */
static inline guint32 smm_pull_block_start(guint64 block)
{
    return (guint32)(block * SMM_PULL_BLOCK);
}

static inline guint32 smm_pull_block_end(guint32 n, guint64 block)
{
    return (guint32)MIN((guint64)n, (block + 1) * SMM_PULL_BLOCK);
}

/* A compensated (Kahan) sum: rounds about once per term added, not once
 * per partial sum. */
typedef struct {
    double sum, c;
} SmmSum;

static inline void smm_sum_add(SmmSum *s, double x)
{
    double y = x - s->c;
    double t = s->sum + y;
    s->c = (t - s->sum) - y;
    s->sum = t;
}

static inline double smm_sum_value(const SmmSum *s)
{
    return s->sum - s->c;
}

/* Per-block results of a step; combined in block order. */
typedef struct {
    SmmSum sum;          /* gather: sum of y */
    double max;          /* gather: max of y */
    double change, norm; /* finish: sums of |new - old| and of |new| */
    SmmSum share;        /* finish: sum of share */
    SmmSum dangling;     /* finish: sum of new where inv = 0 */
} SmmPullBlock;

typedef struct {
    guint32 n;
    guint n_threads;
    guint64 n_blocks;
    SmmPullBlock *blocks; /* n_blocks, owned */
} SmmPull;

/* A vector of n doubles that pulls will read at random: 2 MiB-aligned and
 * advised for huge pages when large (smm_advise_huge). Free with
 * g_free(). Uninitialised. */
double *smm_pull_vector(guint32 n);

/* Sets up p for n accounts; free with smm_pull_clear(). */
void smm_pull_init(SmmPull *p, guint32 n, guint n_threads);
void smm_pull_clear(SmmPull *p);

/* y_i = sum of w[e] * x[adj[e]] over e in [off[i], off[i+1]), minus
 * beta * minus_i when minus is given (HITS' momentum); w may be NULL. Sets
 * *sum (compensated) and *max of y. */
void smm_pull_gather(const SmmPull *p, const guint64 *off, const guint32 *adj, const double *w,
                     const double *x, const double *minus, double beta, double *y, double *sum,
                     double *max);

typedef struct {
    double change;   /* sum |new - old| */
    double norm;     /* sum |new| */
    double share;    /* sum of share (compensated) */
    double dangling; /* sum of new where inv = 0 (compensated) */
} SmmPullTotals;

/* What an account passes on in the next step: share_i = y_i * inv_i, or
 * y_i / (deg_i + 1) with deg_i = off[i+1] - off[i] (LeaderRank's ground
 * link), or nothing. */
typedef struct {
    const double *inv;
    const guint64 *off;
} SmmPullShare;

/* y_i <- (y_i + add) * scale and the totals above (old may be NULL: no
 * change); share (may be NULL) as `rule` says. */
void smm_pull_finish(const SmmPull *p, double *y, double add, double scale, const double *old,
                     SmmPullShare rule, double *share, SmmPullTotals *totals);

#endif
