/* leaderrank.c - LeaderRank (Lu, Zhang, Yeung, Zhou, "Leaders in social
 * networks, the Delicious case", PLoS ONE 6(6): e21202, 2011).
 *
 * A ground node g is linked both ways to every account; score flows along
 * the follow edges (follower -> followee) and through g:
 *     s_i(t+1) = sum over j -> i of s_j(t) / (out(j) + 1)  +  s_g(t) / n
 *     s_g(t+1) = sum over j of s_j(t) / (out(j) + 1)
 * from s_i(0) = 1, s_g(0) = 0, and LR_i = s_i + s_g / n at convergence. The
 * ground makes the walk irreducible, and aperiodic as soon as one edge
 * exists (cycles of length 2 and 3 through g), so the iteration converges to
 * the stationary distribution scaled to total n: no parameter to tune.
 *
 * Iterated as written, the walk bounces between g and accounts that follow
 * nobody, which converges slowly where most accounts follow nobody (468
 * iterations on the Higgs sample). We substitute s_g into the first line,
 *     x_i <- sum over j -> i of x_j / (out(j) + 1)  +  (1/n) sum_j x_j / (out(j) + 1),
 * a column-stochastic matrix with every entry positive, hence primitive with
 * the same fixed point restricted to the accounts; at convergence
 * s_g = sum_j x_j / (out(j) + 1) and both are rescaled so that
 * sum_i s_i + s_g = n, as in the original.
 *
 * Cost: O(n + m) per iteration, pulled over the follower lists in blocks of
 * accounts on all threads. Every sum is taken in a fixed order (per block,
 * then blocks in order), so the result does not depend on the thread count.
 */
#include <math.h>

#include "smm/metrics.h"
#include "smm/parallel.h"

#define BLOCK 4096
/* Relative change (absolute below 1): a hub's score of thousands cannot
 * move by less than its rounding error. */
#define TOLERANCE 1e-12
#define MAX_ITERATIONS 100000

typedef struct {
    const SmmGraph *g;
    const double *share; /* s_j / (out(j) + 1) */
    const double *s;
    double *next;
    double ground_share; /* (1/n) sum_j share_j */
    double *block_change;
} Step;

static void step_block(guint64 block, guint thread, gpointer ctx)
{
    Step *st = ctx;
    const SmmGraph *g = st->g;
    guint32 lo = (guint32)(block * BLOCK);
    guint32 hi = (guint32)MIN((guint64)g->n, (block + 1) * BLOCK);
    double change = 0.0;
    for (guint32 i = lo; i < hi; i++) {
        double sum = st->ground_share;
        for (guint64 e = g->in_off[i]; e < g->in_off[i + 1]; e++)
            sum += st->share[g->in_adj[e]];
        st->next[i] = sum;
        change = fmax(change, fabs(sum - st->s[i]) / fmax(1.0, sum));
    }
    st->block_change[block] = change;
}

guint smm_metrics_leaderrank(const SmmGraph *g, guint n_threads, double *out)
{
    guint32 n = g->n;
    if (n == 0)
        return 0;
    if (g->m == 0) {
        /* Only ground links: a period-2 walk whose average gives 1 to all. */
        for (guint32 i = 0; i < n; i++)
            out[i] = 1.0;
        return 0;
    }
    guint64 n_blocks = ((guint64)n + BLOCK - 1) / BLOCK;
    g_autofree double *s = g_new(double, n);
    g_autofree double *next = g_new(double, n);
    g_autofree double *share = g_new(double, n);
    g_autofree double *inv = g_new(double, n);
    g_autofree double *block_change = g_new(double, n_blocks);
    for (guint32 i = 0; i < n; i++) {
        s[i] = 1.0;
        inv[i] = 1.0 / (double)(smm_graph_out_degree(g, i) + 1);
    }
    guint it;
    for (it = 1; it <= MAX_ITERATIONS; it++) {
        double ground_in = 0.0;
        for (guint32 j = 0; j < n; j++) {
            share[j] = s[j] * inv[j];
            ground_in += share[j];
        }
        Step st = {.g = g,
                   .share = share,
                   .s = s,
                   .next = next,
                   .ground_share = ground_in / n,
                   .block_change = block_change};
        smm_parallel_blocks(n_blocks, n_threads, step_block, &st);
        double change = 0.0;
        for (guint64 b = 0; b < n_blocks; b++)
            change = fmax(change, block_change[b]);
        double *t = s;
        s = next;
        next = t;
        if (change < TOLERANCE)
            break;
    }
    double mass = 0.0, s_g = 0.0;
    for (guint32 j = 0; j < n; j++) {
        mass += s[j];
        s_g += s[j] * inv[j];
    }
    double scale = (double)n / (mass + s_g);
    for (guint32 i = 0; i < n; i++)
        out[i] = scale * (s[i] + s_g / n);
    return MIN(it, MAX_ITERATIONS);
}
