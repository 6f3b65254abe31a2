/* betweenness.c - Brandes' betweenness on the compact arrays, exact or from
 * sampled sources within a time budget, with 95% intervals.
 *
 * U. Brandes, "A faster algorithm for betweenness centrality", J. Math.
 * Sociol. 25 (2001): one BFS per source s counts shortest paths (sigma), then
 * dependencies accumulate in reverse BFS order,
 *     delta_s(v) = sum over successors w of sigma(v) / sigma(w) * (1 + delta_s(w)),
 * and betweenness(v) = sum over s != v of delta_s(v). Cost O(n + m) per
 * source. igraph 0.10 has no sampled variant.
 *
 * Sampling (Brandes and Pich 2007, ALGORITHMS.md). Sources come in the order
 * of a seeded Fisher-Yates shuffle of all accounts; the first k are a
 * uniform sample without replacement and B(v) = (n / k) sum_s delta_s(v) is
 * unbiased. The interval treats the k values delta_s(v) as what they are, a
 * simple random sample of the n per-source dependencies of v, with the
 * finite population correction Var B(v) = n^2 (1 - k / n) S^2 / k, and
 * Hall's skew-corrected t (half_width() below); it is 0 when k = n. The
 * Riondato-Kornaropoulos bound was not used: it is for sampling shortest
 * paths, not sources, and a worst-case bound is far wider than the spread.
 * The time budget adds rounds of sources until the next round would pass
 * it or the top accounts' intervals are narrow enough, or commits to all n
 * (exact) when the first round's cost says they fit.
 *
 * The kernel. On a graph larger than the cache the cost is random memory
 * access, so per edge the loops read one byte, the account's BFS level
 * modulo 255 (10 MB for 10M accounts: it stays in the cache), and touch the
 * 8-byte s[] only for edges into the next level. s[] carries the rest:
 * forward, s < 0 is the path count being summed for the next level and
 * s > 0 a final one; backward, the next level holds -(1 + delta) / sigma.
 * An edge v -> x never skips a level (dist(x) <= dist(v) + 1), so a level
 * code seen again 255 levels up belongs to an account with s > 0, which
 * the sign tells apart. Large levels are put in id order (sort_level()), so
 * that offsets, lists and per-account entries are read in address order.
 * The arithmetic is Brandes' own, term for term. On 10M accounts and 122M
 * follows this costs 3.7 s of CPU per source against 9.7-12.7 s for the
 * three arrays of dist, sigma and delta visited in BFS order.
 *
 * Determinism: sources are cut into blocks of a size fixed by the graph
 * alone; each block sums its sources in order into its own slot, and blocks
 * are added in block order. The thread count only decides who computes
 * which block; the time budget only decides how many blocks, and the caller
 * reports k so that a fixed k reproduces the run.
 *
 * Memory, per account: per thread s[], the BFS order and the level byte
 * (13 B) and one block's sums, squares and cubes (20 B); in all, the
 * sources' order (4 B), the totals of squares and cubes (16 B; the squares
 * in ci95 when the caller asks for intervals).
 */
#include <math.h>
#include <stdatomic.h>
#include <string.h>

#include "smm/core.h"
#include "smm/metrics.h"
#include "smm/parallel.h"
#include "smm/rng.h"

#define SOURCE_STREAM 0xbe7ee22e55ULL
#define BLOCK_WORK (1u << 26) /* edge visits per block, about 0.1-0.5 s */
#define MAX_BLOCK 64          /* sources per block */
#define MIN_SOURCES 2         /* a variance needs two */
#define COMBINE_BLOCK 65536   /* accounts per parallel piece of the combine */

typedef struct {
    double sum, sq; /* of delta_s(v) and delta_s(v)^2 over a block's sources */
} Acc;

/* One block's sums: cubes are only needed for the skewness, to a few
 * digits, so they are floats (4 B per account instead of 8). */
typedef struct {
    Acc *acc;
    float *cube;
} Slot;

typedef struct {
    double *s;
    guint8 *lev;
    guint32 *order;  /* the BFS order */
    guint32 *levels; /* start of each BFS level in order[], and the end */
    guint32 n_levels_alloc;
} Workspace;

typedef struct {
    const SmmGraph *g;
    const guint32 *sources;
    guint64 block_size;
    guint64 first_block;     /* of the round */
    guint64 end;             /* one past the round's last source */
    Slot *slot;              /* one per block of a round */
    Workspace *ws;           /* one per thread */
    double *sum, *sq, *cube; /* totals */
    guint slots_used;
    const SmmProgress *progress;
    double progress_total;        /* 0: not known */
    atomic_uint_fast64_t counted; /* sources done on all threads, with progress */
} Job;

static void push_level(Workspace *w, guint32 at, guint32 *n_levels)
{
    if (*n_levels == w->n_levels_alloc) {
        w->n_levels_alloc *= 2;
        w->levels = g_renew(guint32, w->levels, w->n_levels_alloc);
    }
    w->levels[(*n_levels)++] = at;
}

#define PF_OFF 16 /* nodes ahead whose offsets are fetched */
#define PF_ADJ 8  /* ... whose lists are fetched */
#define PF_LEV 4  /* ... whose neighbours' levels are fetched */
#define PF_EDGES 32

/* The loops below wait on memory at random places: a node's offsets, its
 * list, its neighbours' levels. The BFS order says which nodes come next,
 * so these are fetched a few nodes ahead, each stage once the one before
 * it has had time to arrive. */
static inline void prefetch_ahead(const guint64 *off, const guint32 *adj, const guint8 *lev,
                                  const guint32 *order, guint32 i, guint32 limit)
{
    if (i + PF_OFF < limit)
        __builtin_prefetch(&off[order[i + PF_OFF]]);
    if (i + PF_ADJ < limit)
        __builtin_prefetch(&adj[off[order[i + PF_ADJ]]]);
    if (i + PF_LEV < limit) {
        guint32 u = order[i + PF_LEV];
        guint64 e = off[u], end = MIN(off[u + 1], e + PF_EDGES);
        for (; e < end; e++)
            __builtin_prefetch(&lev[adj[e]]);
    }
}

/* 0: not reached; else 1 + the BFS level modulo 255. */
static inline guint8 level_code(guint32 d)
{
    return (guint8)(1 + d % 255);
}

/* A large level is put in id order, so that expanding it (here and in the
 * backward pass) reads offsets, lists and per-account entries in address
 * order, where memory streams, instead of at random. Its members are found
 * by one pass over lev[] (1 B per account), which costs less than one
 * random access per member once a level holds 1/SORT_FRACTION of the
 * accounts. Accounts whose code aliases the level's are earlier levels,
 * with s > 0; the level being built has s < 0. */
#define SORT_FRACTION 256
static void sort_level(const guint8 *lev, const double *s, guint32 n, guint8 code, guint32 *out,
                       guint32 size)
{
    guint32 k = 0;
    for (guint32 x = 0; x < n; x++)
        if (lev[x] == code && s[x] < 0.0)
            out[k++] = x;
    g_assert(k == size);
}

static void from_source(const SmmGraph *g, guint32 src, Workspace *w, Slot *slot)
{
    const guint64 *off = g->out_off;
    const guint32 *adj = g->out_adj;
    double *s = w->s;
    guint8 *lev = w->lev;
    guint32 *order = w->order;
    Acc *acc = slot->acc;
    float *cube = slot->cube;
    guint32 head = 0, tail = 0, n_levels = 0;
    order[tail++] = src;
    s[src] = 1.0;
    lev[src] = level_code(0);
    for (guint32 d = 0; head < tail; d++) {
        guint32 end = tail;
        guint8 next = level_code(d + 1);
        push_level(w, head, &n_levels);
        for (; head < end; head++) {
            prefetch_ahead(off, adj, lev, order, head, tail);
            guint32 v = order[head];
            double sv = s[v];
            for (guint64 e = off[v]; e < off[v + 1]; e++) {
                guint32 x = adj[e];
                guint8 lx = lev[x];
                if (lx == 0) {
                    lev[x] = next;
                    order[tail++] = x;
                    s[x] = -sv;
                } else if (lx == next) {
                    double sx = s[x];
                    if (sx < 0.0) /* else a level 255 k earlier */
                        s[x] = sx - sv;
                }
            }
        }
        if ((guint64)(tail - end) * SORT_FRACTION >= g->n)
            sort_level(lev, s, g->n, next, order + end, tail - end);
        for (guint32 i = end; i < tail; i++)
            s[order[i]] = -s[order[i]];
    }
    push_level(w, tail, &n_levels);

    /* levels[l] .. levels[l + 1] is level l; n_levels - 1 levels. Level l + 1
     * holds -(1 + delta) / sigma while level l is summed; levels above l + 1
     * are never neighbours, and those whose code aliases it are positive. */
    for (guint32 l = n_levels - 1; l-- > 0;) {
        guint32 lo = w->levels[l], hi = w->levels[l + 1];
        guint8 next = level_code(l + 1);
        for (guint32 i = lo; i < hi; i++) {
            prefetch_ahead(off, adj, lev, order, i, hi);
            guint32 v = order[i];
            double a = 0.0;
            for (guint64 e = off[v]; e < off[v + 1]; e++) {
                guint32 x = adj[e];
                if (lev[x] == next) {
                    double c = -s[x];
                    a += c > 0.0 ? c : 0.0;
                }
            }
            double sigma = s[v];
            double delta = sigma * a;
            if (v != src) {
                acc[v].sum += delta;
                acc[v].sq += delta * delta;
                cube[v] += (float)(delta * delta * delta);
            }
            s[v] = -(1.0 + delta) / sigma;
        }
        if (l + 2 < n_levels)
            for (guint32 i = hi; i < w->levels[l + 2]; i++) {
                s[order[i]] = 0.0;
                lev[order[i]] = 0;
            }
    }
    s[src] = 0.0;
    lev[src] = 0;
}

static void run_block(guint64 block, guint thread, gpointer ctx)
{
    Job *job = ctx;
    guint64 lo = (job->first_block + block) * job->block_size;
    guint64 hi = MIN(job->end, lo + job->block_size);
    Slot *slot = &job->slot[block];
    memset(slot->acc, 0, sizeof(Acc) * job->g->n);
    memset(slot->cube, 0, sizeof(float) * job->g->n);
    for (guint64 k = lo; k < hi; k++) {
        from_source(job->g, job->sources[k], &job->ws[thread], slot);
        if (job->progress == NULL)
            continue;
        /* Only thread 0, the caller's, may call the callback; it tells of
         * the sources the others finished too. */
        guint64 done = atomic_fetch_add_explicit(&job->counted, 1, memory_order_relaxed) + 1;
        if (thread == 0)
            smm_progress_report(job->progress, "betweenness", (double)done, job->progress_total,
                                "sources");
    }
}

static void combine_piece(guint64 piece, guint thread, gpointer ctx)
{
    (void)thread;
    Job *job = ctx;
    guint64 lo = piece * COMBINE_BLOCK;
    guint64 hi = MIN((guint64)job->g->n, lo + COMBINE_BLOCK);
    for (guint b = 0; b < job->slots_used; b++) {
        const Acc *acc = job->slot[b].acc;
        const float *cube = job->slot[b].cube;
        for (guint64 v = lo; v < hi; v++) {
            job->sum[v] += acc[v].sum;
            job->sq[v] += acc[v].sq;
            job->cube[v] += cube[v];
        }
    }
}

/* Sources [first, end) of the order, first a multiple of the block size:
 * blocks computed on all threads, then added to the totals in block order. */
static void run_round(Job *job, guint64 first, guint64 end, guint n_threads)
{
    job->first_block = first / job->block_size;
    job->end = end;
    job->slots_used = (guint)((end - first + job->block_size - 1) / job->block_size);
    smm_parallel_blocks(job->slots_used, n_threads, run_block, job);
    guint64 pieces = ((guint64)job->g->n + COMBINE_BLOCK - 1) / COMBINE_BLOCK;
    smm_parallel_blocks(pieces, n_threads, combine_piece, job);
}

/* Sources per block: about BLOCK_WORK edge visits, from the graph alone so
 * that a fixed k gives the same blocks on any machine. */
static guint64 block_size(const SmmGraph *g)
{
    double per_source = 2.0 * ((double)g->n + (double)g->m);
    double b = floor((double)BLOCK_WORK / per_source);
    return (guint64)MAX(1.0, MIN((double)MAX_BLOCK, b));
}

/* Table: scripts/t_quantiles.py table (mpmath). Above 30 degrees of freedom,
 * the Cornish-Fisher expansion of t in the normal quantile (Abramowitz and
 * Stegun 26.7.5, four terms), within 5e-8 there. */
double smm_student_t975(guint64 df)
{
    static const double table[30] = {
        12.706204736174705, 4.3026527297494639, 3.1824463052837096, 2.7764451051977944,
        2.5705818356363155, 2.44691185114497,   2.3646242515927853, 2.3060041352041667,
        2.2621571627982055, 2.2281388519862747, 2.2009851600916399, 2.1788128296672289,
        2.1603686564627925, 2.1447866879178038, 2.1314495455597757, 2.1199052992212547,
        2.1098155778333171, 2.1009220402410385, 2.0930240544083098, 2.0859634472658648,
        2.0796138447276804, 2.0738730679040262, 2.0686576104190487, 2.0638985616280258,
        2.0595385527532977, 2.0555294386428732, 2.0518305164802856, 2.0484071417952452,
        2.0452296421327043, 2.0422724563012383,
    };
    if (df == 0)
        return INFINITY;
    if (df <= 30)
        return table[df - 1];
    const double z = 1.959963984540054, v = (double)df;
    double z2 = z * z, z3 = z2 * z, z5 = z3 * z2, z7 = z5 * z2, z9 = z7 * z2;
    double g1 = (z3 + z) / 4.0;
    double g2 = (5 * z5 + 16 * z3 + 3 * z) / 96.0;
    double g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384.0;
    double g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160.0;
    return z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v);
}

/* Hall's interval for a mean from the sums of y, y^2 and y^3 of k sampled
 * values (P. Hall, "On the removal of skewness by transformation", JRSS B
 * 54, 1992): the studentised mean W = (mean - mu) / s is transformed by
 *     g(W) = W + gamma W^2 / 3 + gamma^2 W^3 / 27 + gamma / (6 k),
 * gamma the sample skewness, which is nearly t-distributed even for skewed
 * values; inverting g at +-t gives an interval that reaches further above
 * the mean than below. Per-source dependencies are heavily right-skewed
 * (skewness about 3 for the top accounts of the test graphs) and the plain
 * t interval misses mostly from below the truth: at 8 sources it covered
 * 74% in the tests, this one 86%. The half-width returned is the larger
 * side, so mean +- it holds Hall's interval. s carries the finite
 * population correction. */
static double half_width(double mean, double sq, double cube, double k, double fpc, double tq)
{
    double m2 = fmax(0.0, sq / k - mean * mean);
    if (m2 <= 0.0)
        return 0.0;
    double m3 = cube / k - 3.0 * mean * (sq / k) + 2.0 * mean * mean * mean;
    double gamma = m3 / (m2 * sqrt(m2));
    double s = sqrt(m2 * k / (k - 1.0) * fpc);
    double x = tq / sqrt(k);
    if (fabs(gamma) < 1e-9)
        return s * x;
    double shift = gamma / (6.0 * k);
    double lower = 3.0 / gamma * (cbrt(1.0 + gamma * (x - shift)) - 1.0);
    double upper = -3.0 / gamma * (cbrt(1.0 + gamma * (-x - shift)) - 1.0);
    return s * fmax(lower, upper);
}

void smm_betweenness_options_init(SmmBetweennessOptions *o)
{
    memset(o, 0, sizeof *o);
    o->time_limit = SMM_BETWEENNESS_TIME;
    o->seed = 1;
    o->n_threads = 1;
    o->top = 20;
    o->precision = 0.02;
}

/* Half-width of account v's interval for its mean dependency, from the
 * totals over k sources. */
static double account_half(const Job *job, guint32 v, double k, double fpc, double tq)
{
    if (fpc <= 0.0)
        return 0.0;
    return half_width(job->sum[v] / k, job->sq[v], job->cube[v], k, fpc, tq);
}

/* The `top` accounts of largest b, into best[] (descending); returns how
 * many (fewer when n is smaller). */
static guint top_accounts(const double *b, guint32 n, guint top, guint32 *best)
{
    top = MIN(top, n);
    guint filled = 0;
    for (guint32 u = 0; u < n; u++) {
        if (filled == top && b[u] <= b[best[top - 1]])
            continue;
        guint i = filled < top ? filled++ : top - 1;
        while (i > 0 && b[best[i - 1]] < b[u]) {
            best[i] = best[i - 1];
            i--;
        }
        best[i] = u;
    }
    return filled;
}

/* The largest half-width / estimate among the `top` accounts of largest
 * estimate after k of n sources (accounts estimated at 0 count 0). */
static double worst_precision(const Job *job, guint32 n, guint64 done, guint top)
{
    double k = (double)done;
    double fpc = 1.0 - k / (double)n;
    if (fpc <= 0.0 || done < 2)
        return fpc <= 0.0 ? 0.0 : INFINITY;
    double tq = smm_student_t975(done - 1);
    guint32 best[64];
    guint filled = top_accounts(job->sum, n, MIN(top, G_N_ELEMENTS(best)), best);
    double worst = 0.0;
    for (guint i = 0; i < filled; i++) {
        guint32 v = best[i];
        if (job->sum[v] > 0.0)
            worst = fmax(worst, account_half(job, v, k, fpc, tq) / (job->sum[v] / k));
    }
    return worst;
}

gboolean smm_metrics_betweenness(const SmmGraph *g, const SmmBetweennessOptions *options,
                                 double *out, double *ci95, SmmBetweennessResult *result,
                                 GError **error)
{
    memset(result, 0, sizeof *result);
    guint32 n = g->n;
    if (n == 0) {
        result->exact = TRUE;
        return TRUE;
    }
    guint threads = MAX(options->n_threads, 1);
    /* per account: the source order and two sums (and the squares when the
     * caller wants no intervals); per thread a block's sums and a BFS's
     * workspace */
    guint64 shared = sizeof(guint32) + sizeof(double) * (ci95 == NULL ? 2 : 1);
    guint64 per_thread = sizeof(Acc) + sizeof(float) + sizeof(double) + 1 + sizeof(guint32);
    if (!smm_memory_check("computing betweenness", (shared + threads * per_thread) * (guint64)n,
                          error))
        return FALSE;
    double t0 = smm_now();
    /* The graph's lists are read at random too: onto 2 MiB pages now (0.4 s
     * for the 0.5 GiB of a 122M-follow graph; each source 28% cheaper). */
    smm_collapse_huge(g->out_off, sizeof(guint64) * ((gsize)n + 1));
    smm_collapse_huge(g->out_adj, sizeof(guint32) * g->m);
    gboolean fixed = options->sources > 0;
    guint64 want = fixed ? MIN(MAX(options->sources, (guint64)MIN_SOURCES), (guint64)n) : n;

    /* The seeded order, shuffled only as far as sources are drawn. */
    g_autofree guint32 *sources = smm_big_new(sizeof(guint32) * n);
    for (guint32 i = 0; i < n; i++)
        sources[i] = i;
    SmmRng rng;
    smm_rng_init(&rng, options->seed, SOURCE_STREAM);
    guint64 shuffled = 0;

    g_autofree double *own_sq = ci95 == NULL ? smm_big_new(sizeof(double) * n) : NULL;
    g_autofree double *cube = smm_big_new(sizeof(double) * n);
    Job job = {.g = g, .sources = sources, .block_size = block_size(g)};
    job.progress = options->progress;
    job.progress_total = fixed ? (double)want : 0.0;
    atomic_init(&job.counted, 0);
    job.sum = out;
    job.sq = ci95 != NULL ? ci95 : own_sq;
    job.cube = cube;
    memset(job.sum, 0, sizeof(double) * n);
    memset(job.sq, 0, sizeof(double) * n);
    memset(job.cube, 0, sizeof(double) * n);
    job.slot = g_new(Slot, threads);
    job.ws = g_new(Workspace, threads);
    for (guint t = 0; t < threads; t++) {
        job.slot[t].acc = smm_big_new(sizeof(Acc) * n);
        job.slot[t].cube = smm_big_new(sizeof(float) * n);
        job.ws[t].s = smm_big_new(sizeof(double) * n);
        memset(job.ws[t].s, 0, sizeof(double) * n);
        job.ws[t].lev = smm_big_new(n);
        memset(job.ws[t].lev, 0, n);
        job.ws[t].order = smm_big_new(sizeof(guint32) * ((gsize)n + 1));
        job.ws[t].n_levels_alloc = 64;
        job.ws[t].levels = g_new(guint32, job.ws[t].n_levels_alloc);
    }

    guint64 round = job.block_size * threads;
    guint64 done = 0;
    gboolean commit = fixed;
    while (done < want) {
        guint64 end = MIN(want, done + round);
        for (; shuffled < end && shuffled + 1 < n; shuffled++) {
            guint64 j = shuffled + smm_rng_below(&rng, n - shuffled);
            guint32 t = sources[shuffled];
            sources[shuffled] = sources[j];
            sources[j] = t;
        }
        run_round(&job, done, end, threads);
        gboolean first = done == 0;
        done = end;
        smm_progress_report(job.progress, "betweenness", (double)done, job.progress_total,
                            "sources");
        if (commit || done == n)
            continue;
        double elapsed = smm_now() - t0;
        double per_source = elapsed / (double)done;
        if (first && elapsed + per_source * (double)(n - done) <= options->time_limit) {
            commit = TRUE; /* all of them fit: exact */
            job.progress_total = (double)n;
            continue;
        }
        if (done >= SMM_BETWEENNESS_FEW_SOURCES && options->precision > 0.0 &&
            worst_precision(&job, n, done, options->top) <= options->precision) {
            result->target_met = TRUE;
            break;
        }
        double next = (double)(MIN((guint64)n, done + round) - done);
        if (done >= MIN_SOURCES && elapsed + per_source * next > options->time_limit) {
            result->time_capped = TRUE;
            break;
        }
    }

    /* Directed paths counted once per ordered pair; an undirected import
     * stores each tie both ways, so each unordered pair was counted twice. */
    double k = (double)done;
    double half = g->undirected ? 0.5 : 1.0;
    double scale = (double)n / k * half;
    double fpc = 1.0 - k / (double)n;
    double tq = smm_student_t975(done - 1);
    result->sources = done;
    result->exact = done == n;
    result->worst_precision = worst_precision(&job, n, done, options->top);
    /* The squares become the half-widths in place. */
    for (guint32 v = 0; v < n; v++) {
        if (ci95 != NULL)
            ci95[v] = account_half(&job, v, k, fpc, tq) * n * half;
        out[v] = job.sum[v] * scale;
    }
    result->seconds = smm_now() - t0;

    for (guint t = 0; t < threads; t++) {
        g_free(job.slot[t].acc);
        g_free(job.slot[t].cube);
        g_free(job.ws[t].s);
        g_free(job.ws[t].order);
        g_free(job.ws[t].lev);
        g_free(job.ws[t].levels);
    }
    g_free(job.slot);
    g_free(job.ws);
    return TRUE;
}
