/* pull.c - one power-iteration step on the CSR in fixed blocks; see pull.h
 * for what a step computes and why its rounding is bounded.
 *
 * Cost per step: m gathers x[adj[e]] (the only random reads) and a few
 * streams of n doubles. The gathers dominate: about 2 ns per follow while
 * x fits in the last-level cache, several times that beyond.
 */
#include "pull.h"

#include <math.h>
#include <stdlib.h>

#include "smm/core.h"
#include "smm/parallel.h"

/* Left to right up to SMM_PULL_LEAF terms. */
static inline double leaf_sum(const double *x, const guint32 *adj, const double *w, guint64 k)
{
    double s = 0.0;
    if (w == NULL)
        for (guint64 e = 0; e < k; e++)
            s += x[adj[e]];
    else
        for (guint64 e = 0; e < k; e++)
            s += w[e] * x[adj[e]];
    return s;
}

/* Pairwise above SMM_PULL_LEAF terms: the error grows with the depth of the
 * halving, log2(k), instead of with k. */
static double long_sum(const double *x, const guint32 *adj, const double *w, guint64 k)
{
    if (k <= SMM_PULL_LEAF)
        return leaf_sum(x, adj, w, k);
    guint64 half = k / 2;
    return long_sum(x, adj, w, half) +
           long_sum(x, adj + half, w != NULL ? w + half : NULL, k - half);
}

/* Reductions over a block run in four interleaved chains (account i feeds
 * chain i % 4 while a block has four left): a compensated sum is a chain of
 * four dependent additions, and a single chain would cost more than the
 * memory traffic of a finish pass. The chains are combined in order. */
static SmmSum combine4(SmmSum a, SmmSum b, SmmSum c, SmmSum d)
{
    SmmSum s = {0};
    smm_sum_add(&s, smm_sum_value(&a));
    smm_sum_add(&s, smm_sum_value(&b));
    smm_sum_add(&s, smm_sum_value(&c));
    smm_sum_add(&s, smm_sum_value(&d));
    return s;
}

double *smm_pull_vector(guint32 n)
{
    gsize bytes = sizeof(double) * MAX(n, 1);
    void *v = NULL;
    if (bytes >= (4u << 20) && posix_memalign(&v, 2u << 20, bytes) == 0) {
        smm_advise_huge(v, bytes);
        return v;
    }
    return g_new(double, MAX(n, 1));
}

void smm_pull_init(SmmPull *p, guint32 n, guint n_threads)
{
    p->n = n;
    p->n_threads = MAX(n_threads, 1);
    p->n_blocks = ((guint64)n + SMM_PULL_BLOCK - 1) / SMM_PULL_BLOCK;
    p->blocks = g_new0(SmmPullBlock, MAX(p->n_blocks, 1));
}

void smm_pull_clear(SmmPull *p)
{
    g_clear_pointer(&p->blocks, g_free);
}

typedef struct {
    const SmmPull *p;
    const guint64 *off;
    const guint32 *adj;
    const double *w;
    const double *x;
    const double *minus;
    double beta;
    double *y;
} Gather;

static inline double gather_one(const Gather *g, guint32 i)
{
    guint64 e = g->off[i], k = g->off[i + 1] - e;
    const double *w = g->w != NULL ? g->w + e : NULL;
    double v =
        k <= SMM_PULL_LEAF ? leaf_sum(g->x, g->adj + e, w, k) : long_sum(g->x, g->adj + e, w, k);
    if (g->minus != NULL)
        v -= g->beta * g->minus[i];
    g->y[i] = v;
    return v;
}

static void gather_block(guint64 block, guint thread, gpointer data)
{
    (void)thread;
    const Gather *g = data;
    SmmSum s0 = {0}, s1 = {0}, s2 = {0}, s3 = {0};
    double max = 0.0;
    guint32 i = smm_pull_block_start(block), end = smm_pull_block_end(g->p->n, block);
    for (; i + 3 < end; i += 4) {
        double v0 = gather_one(g, i), v1 = gather_one(g, i + 1);
        double v2 = gather_one(g, i + 2), v3 = gather_one(g, i + 3);
        smm_sum_add(&s0, v0);
        smm_sum_add(&s1, v1);
        smm_sum_add(&s2, v2);
        smm_sum_add(&s3, v3);
        max = MAX(max, MAX(MAX(v0, v1), MAX(v2, v3)));
    }
    for (; i < end; i++) {
        double v = gather_one(g, i);
        smm_sum_add(&s0, v);
        max = MAX(max, v);
    }
    g->p->blocks[block].sum = combine4(s0, s1, s2, s3);
    g->p->blocks[block].max = max;
}

void smm_pull_gather(const SmmPull *p, const guint64 *off, const guint32 *adj, const double *w,
                     const double *x, const double *minus, double beta, double *y, double *sum,
                     double *max)
{
    Gather g = {
        .p = p, .off = off, .adj = adj, .w = w, .x = x, .minus = minus, .beta = beta, .y = y};
    smm_parallel_blocks(p->n_blocks, p->n_threads, gather_block, &g);
    SmmSum s = {0};
    double m = 0.0;
    for (guint64 b = 0; b < p->n_blocks; b++) {
        smm_sum_add(&s, smm_sum_value(&p->blocks[b].sum));
        m = MAX(m, p->blocks[b].max);
    }
    *sum = smm_sum_value(&s);
    *max = m;
}

typedef struct {
    const SmmPull *p;
    double *y;
    double add, scale;
    const double *old;
    SmmPullShare rule;
    double *share;
} Finish;

/* What one chain of a finish pass accumulates. */
typedef struct {
    double change, norm;
    SmmSum share;
} Chain;

static inline void finish_one(const Finish *f, guint32 i, Chain *c, SmmSum *dangling)
{
    double v = (f->y[i] + f->add) * f->scale;
    f->y[i] = v;
    if (f->old != NULL)
        c->change += fabs(v - f->old[i]);
    c->norm += fabs(v);
    double s;
    if (f->rule.inv != NULL) {
        s = v * f->rule.inv[i];
        if (f->rule.inv[i] == 0.0)
            smm_sum_add(dangling, v);
    } else if (f->rule.off != NULL) {
        s = v / (double)(f->rule.off[i + 1] - f->rule.off[i] + 1);
    } else {
        return;
    }
    f->share[i] = s;
    smm_sum_add(&c->share, s);
}

static void finish_block(guint64 block, guint thread, gpointer data)
{
    (void)thread;
    const Finish *f = data;
    Chain c0 = {0}, c1 = {0}, c2 = {0}, c3 = {0};
    SmmSum dangling = {0};
    guint32 i = smm_pull_block_start(block), end = smm_pull_block_end(f->p->n, block);
    for (; i + 3 < end; i += 4) {
        finish_one(f, i, &c0, &dangling);
        finish_one(f, i + 1, &c1, &dangling);
        finish_one(f, i + 2, &c2, &dangling);
        finish_one(f, i + 3, &c3, &dangling);
    }
    for (; i < end; i++)
        finish_one(f, i, &c0, &dangling);
    SmmPullBlock *b = &f->p->blocks[block];
    b->change = (c0.change + c1.change) + (c2.change + c3.change);
    b->norm = (c0.norm + c1.norm) + (c2.norm + c3.norm);
    b->share = combine4(c0.share, c1.share, c2.share, c3.share);
    b->dangling = dangling;
}

void smm_pull_finish(const SmmPull *p, double *y, double add, double scale, const double *old,
                     SmmPullShare rule, double *share, SmmPullTotals *totals)
{
    Finish f = {
        .p = p, .y = y, .add = add, .scale = scale, .old = old, .rule = rule, .share = share};
    smm_parallel_blocks(p->n_blocks, p->n_threads, finish_block, &f);
    SmmSum s = {0}, d = {0};
    double change = 0.0, norm = 0.0;
    for (guint64 b = 0; b < p->n_blocks; b++) {
        change += p->blocks[b].change;
        norm += p->blocks[b].norm;
        smm_sum_add(&s, smm_sum_value(&p->blocks[b].share));
        smm_sum_add(&d, smm_sum_value(&p->blocks[b].dangling));
    }
    totals->change = change;
    totals->norm = norm;
    totals->share = smm_sum_value(&s);
    totals->dangling = smm_sum_value(&d);
}
