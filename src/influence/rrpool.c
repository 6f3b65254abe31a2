/* rrpool.c - pools of RR sets in one flat array, sampled in parallel by
 * ranges of set index.
 *
 * Threads sample fixed blocks of consecutive indices into their own
 * buffers; the blocks are then appended in index order. Set i draws from
 * the stream (seed, i), so the pool's bytes depend only on the seed and the
 * number of sets. Memory: 4 bytes per member plus 8 per set, and while a
 * round is sampled, the round's blocks once more.
 */
#include <string.h>

#include "smm/core.h"
#include "smm/parallel.h"
#include "smm/seeds.h"

#define BLOCK 2048

/* A block's sets: 64-bit lengths, since BLOCK sets of a few million
 * members each pass 2^32 members (a GArray's limit) on big graphs. */
typedef struct {
    guint32 *members;
    guint64 n_members, cap;
    guint32 *sizes; /* one per set of the block */
    guint n_sets;
} Block;

/* The capacity to hold `need` members: doubled until it does. */
guint64 smm_rr_block_capacity(guint64 cap, guint64 need)
{
    if (cap == 0)
        cap = 4 * BLOCK;
    while (cap < need)
        cap = cap > G_MAXUINT64 / 2 ? need : 2 * cap;
    return cap;
}

static void block_append(Block *b, const guint32 *members, guint32 size)
{
    if (b->n_members + size > b->cap) {
        b->cap = smm_rr_block_capacity(b->cap, b->n_members + size);
        b->members = g_renew(guint32, b->members, b->cap);
    }
    memcpy(b->members + b->n_members, members, sizeof(guint32) * size);
    b->n_members += size;
    b->sizes[b->n_sets++] = size;
}

typedef struct {
    const SmmGraph *g;
    const SmmModel *model;
    guint64 seed;
    guint64 first, last;
    Block *blocks;
    SmmRrWorkspace **ws;
} Job;

static void sample_block(guint64 b, guint thread, gpointer ctx)
{
    Job *job = ctx;
    guint64 lo = job->first + b * BLOCK, hi = MIN(job->last, lo + BLOCK);
    Block *out = &job->blocks[b];
    out->sizes = g_new(guint32, hi - lo);
    for (guint64 i = lo; i < hi; i++) {
        const guint32 *members;
        guint32 size = smm_rr_sample(job->g, job->model, job->seed, i, job->ws[thread], &members);
        block_append(out, members, size);
    }
}

void smm_rr_pool_init(SmmRrPool *pool, guint64 seed)
{
    memset(pool, 0, sizeof *pool);
    pool->seed = seed;
    pool->offset_cap = 1024;
    pool->offset = g_new(guint64, pool->offset_cap);
    pool->offset[0] = 0;
    pool->member_cap = 4096;
    pool->members = g_new(guint32, pool->member_cap);
}

void smm_rr_pool_clear(SmmRrPool *pool)
{
    g_free(pool->offset);
    g_free(pool->members);
    memset(pool, 0, sizeof *pool);
}

/* Bytes a pool takes to grow by `sets` sets of `members` members in all:
 * each member in the pool, in its block while sampled and in the coverage
 * index built on it; each set's offset, size and index entry. */
static guint64 growth_bytes(guint64 sets, double members)
{
    return (guint64)(12.0 * members) + 20 * sets;
}

gboolean smm_rr_pool_grow(SmmRrPool *pool, const SmmGraph *g, const SmmModel *model, guint64 target,
                          guint n_threads, GError **error)
{
    if (target <= pool->count)
        return TRUE;
    if (pool->count == 0 && target > BLOCK &&
        !smm_rr_pool_grow(pool, g, model, BLOCK, n_threads, error))
        return FALSE;
    double per_set = (double)pool->offset[pool->count] / (double)MAX(pool->count, 1);
    guint64 sets = target - pool->count;
    if (pool->count > 0 &&
        !smm_memory_check("sampling RR sets", growth_bytes(sets, per_set * (double)sets), error))
        return FALSE;
    guint threads = MAX(n_threads, 1);
    guint64 n_blocks = (target - pool->count + BLOCK - 1) / BLOCK;
    Job job = {.g = g,
               .model = model,
               .seed = pool->seed,
               .first = pool->count,
               .last = target,
               .blocks = g_new0(Block, n_blocks),
               .ws = g_new(SmmRrWorkspace *, threads)};
    for (guint t = 0; t < threads; t++)
        job.ws[t] = smm_rr_workspace_new(g->n);
    smm_parallel_blocks(n_blocks, threads, sample_block, &job);
    for (guint t = 0; t < threads; t++)
        smm_rr_workspace_free(job.ws[t]);
    g_free(job.ws);

    if (target + 1 > pool->offset_cap) {
        while (target + 1 > pool->offset_cap)
            pool->offset_cap *= 2;
        pool->offset = g_renew(guint64, pool->offset, pool->offset_cap);
    }
    for (guint64 b = 0; b < n_blocks; b++) {
        Block *blk = &job.blocks[b];
        guint64 used = pool->offset[pool->count];
        if (used + blk->n_members > pool->member_cap) {
            pool->member_cap = smm_rr_block_capacity(pool->member_cap, used + blk->n_members);
            pool->members = g_renew(guint32, pool->members, pool->member_cap);
        }
        if (blk->n_members > 0)
            memcpy(pool->members + used, blk->members, sizeof(guint32) * blk->n_members);
        for (guint i = 0; i < blk->n_sets; i++) {
            pool->offset[pool->count + 1] = pool->offset[pool->count] + blk->sizes[i];
            pool->count++;
        }
        g_free(blk->members);
        g_free(blk->sizes);
    }
    g_free(job.blocks);
    return TRUE;
}

typedef struct {
    const SmmGraph *g;
    const SmmModel *model;
    guint64 seed, first, last;
    const guint32 *rank; /* per account: its seed position, k if none */
    guint32 k;
    guint64 **met; /* per thread, k + 1 counters */
    SmmRrWorkspace **ws;
} CountJob;

static void count_block(guint64 b, guint thread, gpointer ctx)
{
    CountJob *job = ctx;
    guint64 lo = job->first + b * BLOCK, hi = MIN(job->last, lo + BLOCK);
    for (guint64 i = lo; i < hi; i++) {
        const guint32 *members;
        guint32 size = smm_rr_sample(job->g, job->model, job->seed, i, job->ws[thread], &members);
        guint32 best = job->k;
        for (guint32 m = 0; m < size; m++)
            best = MIN(best, job->rank[members[m]]);
        job->met[thread][best]++;
    }
}

void smm_rr_count_met(const SmmGraph *g, const SmmModel *model, guint64 seed, guint64 first,
                      guint64 last, const guint32 *seeds, guint32 k, guint n_threads, guint64 *met)
{
    if (last <= first)
        return;
    guint threads = MAX(n_threads, 1);
    g_autofree guint32 *rank = g_new(guint32, MAX(g->n, 1));
    for (guint32 v = 0; v < g->n; v++)
        rank[v] = k;
    for (guint32 i = 0; i < k; i++)
        rank[seeds[i]] = MIN(rank[seeds[i]], i);
    CountJob job = {.g = g,
                    .model = model,
                    .seed = seed,
                    .first = first,
                    .last = last,
                    .rank = rank,
                    .k = k,
                    .met = g_new(guint64 *, threads),
                    .ws = g_new(SmmRrWorkspace *, threads)};
    for (guint t = 0; t < threads; t++) {
        job.met[t] = g_new0(guint64, (gsize)k + 1);
        job.ws[t] = smm_rr_workspace_new(g->n);
    }
    smm_parallel_blocks((last - first + BLOCK - 1) / BLOCK, threads, count_block, &job);
    for (guint t = 0; t < threads; t++) {
        for (guint32 i = 0; i <= k; i++)
            met[i] += job.met[t][i]; /* integer sums: the same for any threads */
        g_free(job.met[t]);
        smm_rr_workspace_free(job.ws[t]);
    }
    g_free(job.met);
    g_free(job.ws);
}

guint64 smm_rr_pool_coverage(const SmmRrPool *pool, guint32 n, const guint32 *seeds, guint32 k,
                             guint64 *prefix)
{
    /* rank[v]: position of v among the seeds, k when it is none */
    g_autofree guint32 *rank = g_new(guint32, MAX(n, 1));
    for (guint32 v = 0; v < n; v++)
        rank[v] = k;
    for (guint32 i = 0; i < k; i++)
        rank[seeds[i]] = MIN(rank[seeds[i]], i);
    g_autofree guint64 *first_met = g_new0(guint64, (gsize)k + 1);
    for (guint64 s = 0; s < pool->count; s++) {
        guint32 best = k;
        for (guint64 e = pool->offset[s]; e < pool->offset[s + 1]; e++)
            best = MIN(best, rank[pool->members[e]]);
        first_met[best]++;
    }
    guint64 total = 0;
    for (guint32 i = 0; i < k; i++) {
        total += first_met[i];
        if (prefix != NULL)
            prefix[i] = total;
    }
    return total;
}
