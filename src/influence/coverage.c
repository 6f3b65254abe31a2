/* coverage.c - greedy maximum coverage of a pool of RR sets, and an upper
 * bound on the best possible coverage.
 *
 * Greedy picks the account meeting most not-yet-covered sets; its coverage
 * is within 1 - 1/e of the best k (Nemhauser, Wolsey, Fisher 1978). Marginal
 * coverage only falls as sets get covered, so a max-heap of possibly stale
 * counts suffices (lazy evaluation): the top entry is taken when it is
 * current, else refreshed and pushed back. Picking v marks its sets covered
 * and takes one from the count of every other member (an inverted index
 * account -> sets makes that O(its sets)).
 *
 * Upper bound (Tang, Tang, Xiao, Yuan, SIGMOD 2018): by submodularity, for
 * any greedy prefix S_j the best set covers at most cov(S_j) plus the k
 * largest marginal coverages (with costs: the best fractional knapsack of
 * marginal coverages within the budget); the smallest such value over the
 * steps bounds the optimum, which lets OPIM-C certify a ratio online.
 *
 * Ties go to the smaller account id, so the choice is deterministic.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "smm/seeds.h"

/* ----------------------------------------------------------- the index */

typedef struct {
    guint64 *off;  /* n + 1 */
    guint32 *sets; /* the sets containing v: sets[off[v] .. off[v+1]) */
} Index;

static void index_build(Index *ix, const SmmRrPool *pool, guint32 n)
{
    guint64 total = pool->offset[pool->count];
    ix->off = g_new0(guint64, (gsize)n + 1);
    for (guint64 e = 0; e < total; e++)
        ix->off[pool->members[e] + 1]++;
    for (guint32 v = 0; v < n; v++)
        ix->off[v + 1] += ix->off[v];
    ix->sets = g_new(guint32, MAX(total, 1));
    g_autofree guint64 *next = g_memdup2(ix->off, sizeof(guint64) * MAX(n, 1));
    for (guint64 s = 0; s < pool->count; s++)
        for (guint64 e = pool->offset[s]; e < pool->offset[s + 1]; e++)
            ix->sets[next[pool->members[e]]++] = (guint32)s;
}

static void index_clear(Index *ix)
{
    g_free(ix->off);
    g_free(ix->sets);
}

/* --------------------------------------------- a max-heap of (key, id) */

typedef struct {
    double key;
    guint32 v;
} Entry;

typedef struct {
    Entry *e;
    guint32 len;
} Heap;

static inline gboolean above(Entry a, Entry b)
{
    return a.key > b.key || (a.key == b.key && a.v < b.v);
}

static void sift_down(Heap *h, guint32 i)
{
    for (;;) {
        /* in 64 bits: 2i + 1 passes 2^32 once the heap holds 2^31 accounts */
        guint64 l = smm_heap_left_child(i), r = l + 1;
        guint32 m = i;
        if (l < h->len && above(h->e[l], h->e[m]))
            m = (guint32)l;
        if (r < h->len && above(h->e[r], h->e[m]))
            m = (guint32)r;
        if (m == i)
            return;
        Entry t = h->e[i];
        h->e[i] = h->e[m];
        h->e[m] = t;
        i = m;
    }
}

static void heap_push(Heap *h, Entry x)
{
    guint32 i = h->len++;
    h->e[i] = x;
    while (i > 0 && above(h->e[i], h->e[(i - 1) / 2])) {
        Entry t = h->e[i];
        h->e[i] = h->e[(i - 1) / 2];
        h->e[(i - 1) / 2] = t;
        i = (i - 1) / 2;
    }
}

static Entry heap_pop(Heap *h)
{
    Entry top = h->e[0];
    h->e[0] = h->e[--h->len];
    sift_down(h, 0);
    return top;
}

/* ------------------------------------------------------ greedy state */

typedef struct {
    const SmmRrPool *pool;
    const SmmSeedRules *rules;
    Index ix;
    guint32 n;
    guint32 *cov;    /* current marginal coverage */
    guint8 *covered; /* per set */
    guint8 *taken;   /* per account: chosen, or no longer eligible */
    Heap heap;
    guint64 total; /* sets covered so far */
} Greedy;

static double key_of(const Greedy *gr, guint32 v)
{
    return gr->rules->cost != NULL ? gr->cov[v] / gr->rules->cost[v] : gr->cov[v];
}

static gboolean eligible(const SmmSeedRules *rules, guint32 v)
{
    return rules->allowed == NULL || rules->allowed[v];
}

static void greedy_init(Greedy *gr, const SmmRrPool *pool, guint32 n, const SmmSeedRules *rules)
{
    memset(gr, 0, sizeof *gr);
    gr->pool = pool;
    gr->rules = rules;
    gr->n = n;
    index_build(&gr->ix, pool, n);
    gr->cov = g_new(guint32, MAX(n, 1));
    gr->covered = g_new0(guint8, MAX(pool->count, 1));
    gr->taken = g_new0(guint8, MAX(n, 1));
    gr->heap.e = g_new(Entry, MAX(n, 1));
    for (guint32 v = 0; v < n; v++) {
        gr->cov[v] = (guint32)(gr->ix.off[v + 1] - gr->ix.off[v]);
        gboolean affordable = rules->cost == NULL || rules->cost[v] <= rules->budget;
        if (!eligible(rules, v) || !affordable)
            gr->taken[v] = 1;
        else if (gr->cov[v] > 0)
            gr->heap.e[gr->heap.len++] = (Entry){key_of(gr, v), v};
    }
    for (guint32 i = gr->heap.len / 2 + 1; i-- > 0;)
        sift_down(&gr->heap, i);
}

static void greedy_clear(Greedy *gr)
{
    index_clear(&gr->ix);
    g_free(gr->cov);
    g_free(gr->covered);
    g_free(gr->taken);
    g_free(gr->heap.e);
}

/* The best current entry that passes `fits` (stale entries refreshed,
 * unfit ones dropped); FALSE when none is left. */
static gboolean greedy_best(Greedy *gr, double remaining, Entry *best)
{
    while (gr->heap.len > 0) {
        Entry top = heap_pop(&gr->heap);
        guint32 v = top.v;
        if (gr->taken[v] || gr->cov[v] == 0)
            continue;
        if (gr->rules->cost != NULL && gr->rules->cost[v] > remaining) {
            gr->taken[v] = 1; /* the budget only shrinks: never affordable again */
            continue;
        }
        double now = key_of(gr, v);
        if (now < top.key) {
            heap_push(&gr->heap, (Entry){now, v});
            continue;
        }
        *best = top;
        return TRUE;
    }
    return FALSE;
}

static void greedy_take(Greedy *gr, guint32 v)
{
    gr->taken[v] = 1;
    for (guint64 i = gr->ix.off[v]; i < gr->ix.off[v + 1]; i++) {
        guint32 s = gr->ix.sets[i];
        if (gr->covered[s])
            continue;
        gr->covered[s] = 1;
        gr->total++;
        for (guint64 e = gr->pool->offset[s]; e < gr->pool->offset[s + 1]; e++)
            gr->cov[gr->pool->members[e]]--;
    }
}

/* Sum of the k largest current marginal coverages among eligible accounts:
 * pops current entries and puts them back. */
static double top_k_marginals(Greedy *gr, guint32 k)
{
    g_autofree Entry *held = g_new(Entry, MAX(k, 1));
    guint32 got = 0;
    double sum = 0;
    Entry e;
    while (got < k && greedy_best(gr, INFINITY, &e)) {
        held[got++] = e;
        sum += gr->cov[e.v];
    }
    for (guint32 i = 0; i < got; i++)
        heap_push(&gr->heap, held[i]);
    return sum;
}

static int by_ratio_desc(const void *pa, const void *pb, void *ctx)
{
    const Greedy *gr = ctx;
    guint32 a = *(const guint32 *)pa, b = *(const guint32 *)pb;
    double x = key_of(gr, a), y = key_of(gr, b);
    if (x != y)
        return x > y ? -1 : 1;
    return a < b ? -1 : a > b;
}

/* The best fractional knapsack of current marginal coverages within the
 * budget: an upper bound on what any affordable set can still add. */
static double knapsack_marginals(Greedy *gr)
{
    g_autoptr(GArray) items = g_array_new(FALSE, FALSE, sizeof(guint32));
    for (guint32 v = 0; v < gr->n; v++)
        if (eligible(gr->rules, v) && gr->cov[v] > 0 && gr->rules->cost[v] <= gr->rules->budget)
            g_array_append_val(items, v);
    g_array_sort_with_data(items, by_ratio_desc, gr);
    double room = gr->rules->budget, sum = 0;
    for (guint i = 0; i < items->len && room > 0; i++) {
        guint32 v = g_array_index(items, guint32, i);
        double c = gr->rules->cost[v];
        double part = c <= room ? 1.0 : room / c;
        sum += part * gr->cov[v];
        room -= part * c;
    }
    return sum;
}

void smm_coverage_clear(SmmCoverage *r)
{
    if (r->seeds != NULL)
        g_array_unref(r->seeds);
    memset(r, 0, sizeof *r);
}

static void cardinality(Greedy *gr, SmmCoverage *r)
{
    guint32 k = gr->rules->k;
    r->upper = INFINITY;
    for (guint32 j = 0; j <= k; j++) {
        r->upper = fmin(r->upper, (double)gr->total + top_k_marginals(gr, k));
        Entry best;
        if (j == k || !greedy_best(gr, INFINITY, &best))
            break;
        g_array_append_val(r->seeds, best.v);
        greedy_take(gr, best.v);
    }
    r->covered = gr->total;
}

/* Cost-effective greedy, then the best single affordable account if it
 * covers more (Khuller, Moss, Naor 1999). */
static void budgeted(Greedy *gr, SmmCoverage *r)
{
    const SmmSeedRules *rules = gr->rules;
    guint32 single = G_MAXUINT32;
    for (guint32 v = 0; v < gr->n; v++)
        if (!gr->taken[v] && gr->cov[v] > 0 &&
            (single == G_MAXUINT32 || gr->cov[v] > gr->cov[single]))
            single = v;
    guint64 single_cover = single == G_MAXUINT32 ? 0 : gr->cov[single];

    r->upper = knapsack_marginals(gr);
    double remaining = rules->budget;
    Entry best;
    for (guint32 picks = 1; greedy_best(gr, remaining, &best); picks++) {
        g_array_append_val(r->seeds, best.v);
        remaining -= rules->cost[best.v];
        greedy_take(gr, best.v);
        if (picks % 8 == 0)
            r->upper = fmin(r->upper, (double)gr->total + knapsack_marginals(gr));
    }
    r->upper = fmin(r->upper, (double)gr->total + knapsack_marginals(gr));
    r->covered = gr->total;
    if (single_cover > r->covered) {
        g_array_set_size(r->seeds, 0);
        g_array_append_val(r->seeds, single);
        r->covered = single_cover;
    }
}

void smm_max_coverage(const SmmRrPool *pool, guint32 n, const SmmSeedRules *rules,
                      SmmCoverage *result)
{
    memset(result, 0, sizeof *result);
    result->seeds = g_array_new(FALSE, FALSE, sizeof(guint32));
    Greedy gr;
    greedy_init(&gr, pool, n, rules);
    if (rules->cost == NULL)
        cardinality(&gr, result);
    else
        budgeted(&gr, result);
    greedy_clear(&gr);
}
