/* lobpcg.c - the leading eigenvector of M = A^T A by preconditioned LOBPCG
 * with block size 1 (A. Knyazev, SIAM J. Sci. Comput. 23(2), 2001); see
 * lobpcg.h for the contract.
 *
 * Why. Power iteration shrinks the error by lambda2 / lambda1 per product;
 * on the preconditioned-attachment follower graphs that ratio creeps towards
 * 1 as they grow (0.855 at 12M follows), and HITS took 159 plain steps or
 * 58 with heavy-ball momentum there, 119 with momentum at 122M follows.
 * LOBPCG takes, at every step, the best vector (largest Rayleigh quotient)
 * in span{x, r, p}: it contains what a momentum step x' = M x - beta x_prev
 * can reach, for the best beta, so it converges at least as fast, like the
 * square root of the gap rather than the gap.
 *
 * The preconditioner. T = diag(1 / (sigma - d_i)), with d_i = M_ii (the
 * follower count) and sigma = 1.05 max(theta, max d_i), is Davidson's
 * diagonal approximation of (sigma - M)^-1. It is symmetric positive
 * definite (sigma > max d_i), which is all LOBPCG's convergence theory asks
 * (each step still maximises the Rayleigh quotient over a space holding x,
 * so theta never falls). On these graphs M's leading eigenvalues belong to
 * the most-followed accounts, whose d_i nearly set them: the preconditioned
 * residual separates them, and the steps at 12M follows fall from 35
 * (unpreconditioned) to 14, at 122M from 119 (momentum) to 20. Where the
 * follower counts tell little (karate, Congress, Facebook) it changes
 * little; a margin of 0.05 was best or within a step of the best of 0.01,
 * 0.02, 0.05, 0.1, 0.3 and 1.0 on all of those graphs.
 *
 * A step. r = T (M x - theta x); M r by two pulls; the Gram matrices of
 * [x, r, p] with and without M (12 dot products in one pass); the largest
 * Ritz pair (ritz.c) gives x' = c0 x + c1 r + c2 p and p' = c1 r + c2 p, and
 * the stored products follow linearly (M x' = c0 M x + c1 M r + c2 M p), so
 * one product a step suffices. x' has unit length; r and p shrink as the
 * iteration converges, which the Gram matrices absorb (ritz.c scales them).
 *
 * Rounding. Every dot product is summed in groups of 64 left to right,
 * groups in order within a fixed block of SMM_PULL_BLOCK accounts, and the
 * blocks combined in block order with compensation: the same bits for any
 * thread count, and relative errors near 100 units. The pulls of the signed
 * r are bounded as pull.h says, relative to the sums of absolute terms. The
 * iterate is a combination chosen by Rayleigh-Ritz, so errors in the Gram
 * matrices or in the stored M x only make a step less than optimal: an
 * exact eigenvector is a fixed point whatever the small matrices hold (its
 * residual is 0 and so are its couplings), and the next step's residual,
 * computed afresh, sees what the last one left. The change a step makes
 * once converged is a few units of rounding of the combination plus the
 * residual's noise amplified by at most lambda1 over the gap; measured, the
 * last changes stay far below the floor (iterate.c) on every graph here.
 *
 * Cost per step: two pulls (2 m gathers) and three streaming passes over
 * n-vectors (about 140 bytes per account read or written). Working memory:
 * five vectors of n doubles (M x, r, M r, p, M p), 40 bytes per account,
 * beyond the caller's x and scratch.
 */
#include "lobpcg.h"

#include <math.h>
#include <string.h>

#include "pull.h"
#include "ritz.h"
#include "smm/parallel.h"

#define MARGIN 0.05 /* sigma = (1 + MARGIN) max(theta, max d_i) */
#define GROUP 64    /* terms summed left to right before joining the block's sum */

/* The Gram entries: b = S^T S and a = S^T M S for S = [x, r, p], upper
 * triangles. */
enum { B_XX, B_XR, B_XP, B_RR, B_RP, B_PP, A_XX, A_XR, A_XP, A_RR, A_RP, A_PP, N_GRAM };

typedef struct {
    double gram[N_GRAM];
    double max;          /* of the (new) iterate */
    double change, norm; /* sums of |x'/max' - x/max| and |x'/max'| */
    double dmax;         /* largest d_i */
} Block;

typedef struct {
    const SmmGraph *g;
    guint32 n;
    guint64 n_blocks;
    Block *blocks;
    double *x, *mx, *r, *mr, *p, *mp;
    double c[3];  /* x' = c0 x + c1 r + c2 p */
    double theta; /* the residual's shift */
    double sigma; /* the preconditioner's */
    double inv_old_max, inv_new_max;
} Lobpcg;

static inline double degree(const Lobpcg *s, guint32 i)
{
    return (double)smm_graph_in_degree(s->g, i); /* M_ii */
}

/* One expression for x', so that the max pass and the update agree. */
static inline double combined(const double *c, double x, double r, double p)
{
    return c[0] * x + (c[1] * r + c[2] * p);
}

static void start_block(guint64 block, guint thread, gpointer data)
{
    (void)thread;
    const Lobpcg *s = data;
    Block *b = &s->blocks[block];
    double xx = 0.0, xmx = 0.0, max = -G_MAXDOUBLE, dmax = 0.0;
    for (guint32 i = smm_pull_block_start(block), end = smm_pull_block_end(s->n, block); i < end;) {
        double gxx = 0.0, gxmx = 0.0;
        for (guint32 stop = MIN(end, i + GROUP); i < stop; i++) {
            double x = s->x[i];
            gxx += x * x;
            gxmx += x * s->mx[i];
            max = MAX(max, x);
            dmax = MAX(dmax, degree(s, i));
        }
        xx += gxx;
        xmx += gxmx;
    }
    b->gram[B_XX] = xx;
    b->gram[A_XX] = xmx;
    b->max = max;
    b->dmax = dmax;
}

static void residual_block(guint64 block, guint thread, gpointer data)
{
    (void)thread;
    const Lobpcg *s = data;
    for (guint32 i = smm_pull_block_start(block), end = smm_pull_block_end(s->n, block); i < end;
         i++)
        s->r[i] = (s->mx[i] - s->theta * s->x[i]) / (s->sigma - degree(s, i));
}

static void gram_block(guint64 block, guint thread, gpointer data)
{
    (void)thread;
    const Lobpcg *s = data;
    double sum[N_GRAM] = {0};
    for (guint32 i = smm_pull_block_start(block), end = smm_pull_block_end(s->n, block); i < end;) {
        double g[N_GRAM] = {0};
        for (guint32 stop = MIN(end, i + GROUP); i < stop; i++) {
            double x = s->x[i], r = s->r[i], p = s->p[i];
            double mx = s->mx[i], mr = s->mr[i], mp = s->mp[i];
            g[B_XX] += x * x;
            g[B_XR] += x * r;
            g[B_XP] += x * p;
            g[B_RR] += r * r;
            g[B_RP] += r * p;
            g[B_PP] += p * p;
            g[A_XX] += x * mx;
            g[A_XR] += x * mr;
            g[A_XP] += x * mp;
            g[A_RR] += r * mr;
            g[A_RP] += r * mp;
            g[A_PP] += p * mp;
        }
        for (int k = 0; k < N_GRAM; k++)
            sum[k] += g[k];
    }
    memcpy(s->blocks[block].gram, sum, sizeof sum);
}

static void max_block(guint64 block, guint thread, gpointer data)
{
    (void)thread;
    const Lobpcg *s = data;
    double max = -G_MAXDOUBLE;
    for (guint32 i = smm_pull_block_start(block), end = smm_pull_block_end(s->n, block); i < end;
         i++)
        max = MAX(max, combined(s->c, s->x[i], s->r[i], s->p[i]));
    s->blocks[block].max = max;
}

/* x, p and their products move to the Ritz vector; r becomes the new
 * residual; the change is measured on the way. */
static void update_block(guint64 block, guint thread, gpointer data)
{
    (void)thread;
    const Lobpcg *s = data;
    const double *c = s->c;
    double change = 0.0, norm = 0.0;
    for (guint32 i = smm_pull_block_start(block), end = smm_pull_block_end(s->n, block); i < end;
         i++) {
        double x = s->x[i];
        double xn = combined(c, x, s->r[i], s->p[i]);
        double pn = c[1] * s->r[i] + c[2] * s->p[i];
        double mpn = c[1] * s->mr[i] + c[2] * s->mp[i];
        double mxn = c[0] * s->mx[i] + mpn;
        change += fabs(xn * s->inv_new_max - x * s->inv_old_max);
        norm += fabs(xn * s->inv_new_max);
        s->x[i] = xn;
        s->p[i] = pn;
        s->mx[i] = mxn;
        s->mp[i] = mpn;
        s->r[i] = (mxn - s->theta * xn) / (s->sigma - degree(s, i));
    }
    s->blocks[block].change = change;
    s->blocks[block].norm = norm;
}

static void scale_block(guint64 block, guint thread, gpointer data)
{
    (void)thread;
    const Lobpcg *s = data;
    for (guint32 i = smm_pull_block_start(block), end = smm_pull_block_end(s->n, block); i < end;
         i++)
        s->x[i] *= s->inv_new_max;
}

/* The blocks' Gram entries, each summed in block order with compensation. */
static void sum_gram(const Lobpcg *s, int first, int last, double *out)
{
    for (int k = first; k <= last; k++) {
        SmmSum t = {0};
        for (guint64 b = 0; b < s->n_blocks; b++)
            smm_sum_add(&t, s->blocks[b].gram[k]);
        out[k] = smm_sum_value(&t);
    }
}

static double max_of_blocks(const Lobpcg *s)
{
    double max = -G_MAXDOUBLE;
    for (guint64 b = 0; b < s->n_blocks; b++)
        max = MAX(max, s->blocks[b].max);
    return max;
}

/* M v = A^T (A v): over each account's followees, then its followers. */
static void product(const SmmGraph *g, const SmmPull *pull, const double *v, double *scratch,
                    double *mv)
{
    double sum, max;
    smm_pull_gather(pull, g->out_off, g->out_adj, NULL, v, NULL, 0.0, scratch, &sum, &max);
    smm_pull_gather(pull, g->in_off, g->in_adj, NULL, scratch, NULL, 0.0, mv, &sum, &max);
}

void smm_lobpcg_authority(const SmmGraph *g, const SmmIterOptions *options, guint n_threads,
                          double *x, double *scratch, SmmIterResult *result)
{
    guint32 n = g->n;
    double tol = smm_iter_tolerance(options);
    SmmPull pull;
    smm_pull_init(&pull, n, n_threads);
    g_autofree Block *blocks = g_new0(Block, MAX(pull.n_blocks, 1));
    g_autofree double *mx = g_new(double, n), *mr = g_new(double, n);
    g_autofree double *r = smm_pull_vector(n); /* the pulls read it at random */
    /* p = 0 before the first step: ritz.c drops it, as it has no length. */
    g_autofree double *p = g_new0(double, n), *mp = g_new0(double, n);
    Lobpcg s = {.g = g,
                .n = n,
                .n_blocks = pull.n_blocks,
                .blocks = blocks,
                .x = x,
                .mx = mx,
                .r = r,
                .mr = mr,
                .p = p,
                .mp = mp};

    product(g, &pull, x, scratch, mx);
    smm_parallel_blocks(s.n_blocks, n_threads, start_block, &s);
    double gram[N_GRAM];
    sum_gram(&s, B_XX, B_XX, gram);
    sum_gram(&s, A_XX, A_XX, gram);
    double dmax = 0.0;
    for (guint64 b = 0; b < s.n_blocks; b++)
        dmax = MAX(dmax, blocks[b].dmax);
    double max = max_of_blocks(&s);
    s.theta = gram[A_XX] / gram[B_XX];
    s.sigma = (1.0 + MARGIN) * MAX(s.theta, dmax);
    s.inv_new_max = 1.0 / max;
    smm_parallel_blocks(s.n_blocks, n_threads, residual_block, &s);

    *result = (SmmIterResult){.iterations = 0, .change = 0.0, .converged = FALSE};
    while (result->iterations < options->max_iterations) {
        product(g, &pull, r, scratch, mr);
        smm_parallel_blocks(s.n_blocks, n_threads, gram_block, &s);
        sum_gram(&s, 0, N_GRAM - 1, gram);
        const double a[9] = {gram[A_XX], gram[A_XR], gram[A_XP], 0,         gram[A_RR],
                             gram[A_RP], 0,          0,          gram[A_PP]};
        const double b[9] = {gram[B_XX], gram[B_XR], gram[B_XP], 0,         gram[B_RR],
                             gram[B_RP], 0,          0,          gram[B_PP]};
        SmmRitz ritz;
        smm_ritz_largest(a, b, 3, &ritz);
        memcpy(s.c, ritz.c, sizeof s.c);
        smm_parallel_blocks(s.n_blocks, n_threads, max_block, &s);
        max = max_of_blocks(&s);
        /* max > 0: c0 >= 0 keeps x' on the side of the nonnegative start,
         * where M's leading eigenvector lies (Perron-Frobenius). */
        s.inv_old_max = s.inv_new_max;
        s.inv_new_max = 1.0 / max;
        s.theta = ritz.theta;
        s.sigma = (1.0 + MARGIN) * MAX(s.theta, dmax);
        smm_parallel_blocks(s.n_blocks, n_threads, update_block, &s);
        double change = 0.0, norm = 0.0;
        for (guint64 bl = 0; bl < s.n_blocks; bl++) {
            change += blocks[bl].change;
            norm += blocks[bl].norm;
        }
        result->iterations++;
        result->change = norm > 0.0 ? change / norm : 1.0;
        smm_progress_report(options->progress, "hits", result->iterations, 0, "iterations");
        if (result->change < tol) {
            result->converged = TRUE;
            break;
        }
    }
    smm_parallel_blocks(s.n_blocks, n_threads, scale_block, &s);
    smm_pull_clear(&pull);
}
