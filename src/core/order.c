/* order.c - the total order of order.h, by radix sort.
 *
 * Each row becomes three 64-bit words whose unsigned order is the order up
 * to what follows them: the keys mapped so that unsigned order is
 * descending numeric order (0 and -0 one word, NaN after every number),
 * then the name's first 8 bytes big-endian (zero-padded: a shorter name
 * first, as in byte order); with more than two keys the words hold the
 * first three keys and the rest are compared afterwards. Rows are sorted
 * most significant byte first (MSD radix sort, McIlroy, Bostic, McIlroy,
 * "Engineering radix sort", Computing Systems 6(1), 1993), 256 buckets a
 * pass, skipping any byte all rows of a bucket share; buckets of at most
 * SMALL rows are finished by insertion sort, and rows equal in all 24
 * bytes by comparing what the words left out (later keys, whole names).
 *
 * Cost: per byte that tells rows apart, one counting pass and one scatter
 * into a second array of rows (32 B a row, both arrays held at once), until
 * buckets fit in cache: three or four passes over 10M rows where qsort made
 * 230M comparisons through a function pointer (see README for the time).
 */
#include <stdlib.h>
#include <string.h>

#include "smm/core.h"
#include "smm/parallel.h"
#include "smm/names.h"
#include "smm/order.h"

#define SMALL 48
#define KEY_BYTES 24
#define PARALLEL_ROWS 65536 /* fewer rows: one chunk, no merging */
#define CHUNKS 4            /* an even power of two (see smm_order_sort) */
#define PIECES 8            /* per merge of two runs */

typedef struct {
    guint64 key[3];
    guint32 id;
} Row;

/* Unsigned order of the result is descending order of v; NaN last. */
static guint64 descending_key(double v)
{
    if (v != v)
        return G_MAXUINT64;
    if (v == 0)
        v = 0; /* -0 ties with 0 */
    guint64 bits;
    memcpy(&bits, &v, sizeof bits);
    return bits >> 63 ? bits : ~bits & ~(1ull << 63);
}

static guint64 name_prefix(const char *name, guint32 len)
{
    guint64 p = 0;
    for (guint32 i = 0; i < 8; i++)
        p = (p << 8) | (i < len ? (guchar)name[i] : 0);
    return p;
}

/* Word w of row id's key words: the keys, then the name's prefix. */
static guint64 key_word(const SmmOrder *o, guint32 id, guint w)
{
    if (w < o->n_keys)
        return descending_key(o->key[w][id]);
    if (w > o->n_keys)
        return 0;
    guint32 len;
    const char *name = o->name(o->name_data, id, &len);
    return name_prefix(name, len);
}

static int compare_rows(const Row *a, const Row *b, const SmmOrder *o)
{
    for (int w = 0; w < 3; w++)
        if (a->key[w] != b->key[w])
            return a->key[w] < b->key[w] ? -1 : 1;
    for (guint w = 3; w < o->n_keys; w++) {
        guint64 x = key_word(o, a->id, w), y = key_word(o, b->id, w);
        if (x != y)
            return x < y ? -1 : 1;
    }
    guint32 la, lb;
    const char *na = o->name(o->name_data, a->id, &la);
    const char *nb = o->name(o->name_data, b->id, &lb);
    return smm_names_order(na, la, nb, lb);
}

static int qsort_compare(const void *a, const void *b, void *o)
{
    return compare_rows(a, b, o);
}

static void insertion_sort(Row *a, gsize n, const SmmOrder *o)
{
    for (gsize i = 1; i < n; i++) {
        Row v = a[i];
        gsize j = i;
        for (; j > 0 && compare_rows(&a[j - 1], &v, o) > 0; j--)
            a[j] = a[j - 1];
        a[j] = v;
    }
}

static inline guint byte_of(const Row *r, int d)
{
    return (guint)(r->key[d / 8] >> (56 - 8 * (d % 8))) & 0xff;
}

static void finish(Row *a, gsize n, const SmmOrder *o)
{
    if (n <= SMALL)
        insertion_sort(a, n, o);
    else /* more than SMALL rows equal in all 24 bytes */
        qsort_r(a, n, sizeof *a, qsort_compare, (void *)o);
}

/* The first key byte from d on where rows differ (KEY_BYTES if none), and
 * how many rows have each value there. Whole words all rows share cost one
 * read, not eight counting passes. */
static int split_byte(const Row *a, gsize n, int d, gsize count[256])
{
    for (; d < KEY_BYTES; d = (d / 8 + 1) * 8) {
        int w = d / 8;
        guint64 first = a[0].key[w], diff = 0;
        for (gsize i = 1; i < n; i++)
            diff |= a[i].key[w] ^ first;
        diff &= G_MAXUINT64 >> (8 * (d % 8));
        if (diff != 0) {
            d = 8 * w + __builtin_clzll(diff) / 8;
            break;
        }
    }
    if (d < KEY_BYTES) {
        memset(count, 0, 256 * sizeof *count);
        for (gsize i = 0; i < n; i++)
            count[byte_of(&a[i], d)]++;
    }
    return d;
}

static void scatter(const Row *src, Row *dst, gsize n, int d, const gsize count[256],
                    gsize start[257])
{
    gsize head[256];
    start[0] = 0;
    for (guint b = 0; b < 256; b++) {
        head[b] = start[b];
        start[b + 1] = start[b] + count[b];
    }
    for (gsize i = 0; i < n; i++)
        dst[head[byte_of(&src[i], d)]++] = src[i];
}

/* Sorts rows a[0..n), which agree on their first d key bytes, into a
 * (into_b FALSE) or into b (TRUE), the other array being scratch of n rows.
 * Each pass scatters from a into b and sorts each bucket from b back
 * towards the array the result belongs in, so nothing is copied back but
 * buckets of one row. */
static void sort_rows(Row *a, Row *b, gsize n, int d, gboolean into_b, const SmmOrder *o)
{
    gsize count[256], start[257];
    if (n > SMALL)
        d = split_byte(a, n, d, count);
    if (n <= SMALL || d == KEY_BYTES) {
        finish(a, n, o);
        if (into_b)
            memcpy(b, a, n * sizeof *a);
        return;
    }
    scatter(a, b, n, d, count, start);
    for (guint k = 0; k < 256; k++)
        if (count[k] > 1)
            sort_rows(b + start[k], a + start[k], count[k], d + 1, !into_b, o);
        else if (count[k] == 1 && !into_b)
            a[start[k]] = b[start[k]];
}

/* --- in parallel: fixed chunks sorted, then merged ---------------------- */

typedef struct {
    const SmmOrder *order;
    guint32 *ids;
    Row *rows, *tmp;
    gsize n, chunk; /* rows per chunk (the last may be shorter) */
    gsize run;      /* rows per sorted run while merging */
    const Row *from;
    Row *to;
} Sort;

static void sort_chunk(guint64 c, guint thread, gpointer ctx)
{
    Sort *s = ctx;
    gsize lo = c * s->chunk, hi = MIN(s->n, lo + s->chunk);
    for (gsize i = lo; i < hi; i++) {
        guint32 id = s->ids[i];
        s->rows[i] = (Row){.key = {key_word(s->order, id, 0), key_word(s->order, id, 1),
                                   key_word(s->order, id, 2)},
                           .id = id};
    }
    sort_rows(s->rows + lo, s->tmp + lo, hi - lo, 0, FALSE, s->order);
}

/* How many of the first k rows of the merge of a[0..la) and b[0..lb) come
 * from a (rows are all distinct). */
static gsize co_rank(const Row *a, gsize la, const Row *b, gsize lb, gsize k, const SmmOrder *o)
{
    gsize lo = k > lb ? k - lb : 0, hi = MIN(k, la);
    while (lo < hi) {
        gsize i = lo + (hi - lo) / 2;
        if (compare_rows(&a[i], &b[k - i - 1], o) < 0)
            lo = i + 1;
        else
            hi = i;
    }
    return lo;
}

/* Piece p of PIECES of the merge of one pair of runs. */
static void merge_piece(guint64 block, guint thread, gpointer ctx)
{
    Sort *s = ctx;
    const SmmOrder *o = s->order;
    gsize pair = block / PIECES, p = block % PIECES;
    gsize lo = pair * 2 * s->run, mid = MIN(s->n, lo + s->run), hi = MIN(s->n, mid + s->run);
    const Row *a = s->from + lo, *b = s->from + mid;
    gsize la = mid - lo, lb = hi - mid, total = la + lb;
    gsize k0 = total * p / PIECES, k1 = total * (p + 1) / PIECES;
    gsize i = co_rank(a, la, b, lb, k0, o), i_end = co_rank(a, la, b, lb, k1, o);
    gsize j = k0 - i, j_end = k1 - i_end;
    Row *out = s->to + lo + k0;
    while (i < i_end && j < j_end)
        *out++ = compare_rows(&a[i], &b[j], o) < 0 ? a[i++] : b[j++];
    memcpy(out, a + i, (i_end - i) * sizeof *a);
    out += i_end - i;
    memcpy(out, b + j, (j_end - j) * sizeof *b);
}

static void take_ids(guint64 c, guint thread, gpointer ctx)
{
    Sort *s = ctx;
    gsize lo = c * s->chunk, hi = MIN(s->n, lo + s->chunk);
    for (gsize i = lo; i < hi; i++)
        s->ids[i] = s->rows[i].id;
}

void smm_order_sort(const SmmOrder *order, guint32 *ids, gsize n, guint n_threads)
{
    g_return_if_fail(order->n_keys <= SMM_ORDER_MAX_KEYS && order->name != NULL);
    if (n < 2)
        return;
    Sort s = {.order = order, .ids = ids, .rows = g_new(Row, n), .tmp = g_new(Row, n), .n = n};
    guint64 chunks = n >= PARALLEL_ROWS ? CHUNKS : 1;
    s.chunk = (n + chunks - 1) / chunks;
    smm_parallel_blocks(chunks, n_threads, sort_chunk, &s);
    /* Merge rounds alternate between the arrays: CHUNKS is an even power
     * of two, so the last round writes into rows. */
    s.from = s.rows;
    s.to = s.tmp;
    for (s.run = s.chunk; s.run < n; s.run *= 2) {
        guint64 pairs = (n + 2 * s.run - 1) / (2 * s.run);
        smm_parallel_blocks(pairs * PIECES, n_threads, merge_piece, &s);
        const Row *done = s.to;
        s.to = (Row *)s.from;
        s.from = done;
    }
    g_assert(s.from == s.rows);
    smm_parallel_blocks(chunks, n_threads, take_ids, &s);
    g_free(s.rows);
    g_free(s.tmp);
}

const char *smm_order_account_name(gconstpointer names, guint32 id, guint32 *len)
{
    return smm_names_get(names, id, len);
}

void smm_order_name_ranks(SmmOrderNameFunc name, gconstpointer name_data, const guint32 *ids,
                          gsize n, guint32 *rank, guint n_threads)
{
    g_autofree guint32 *sorted = g_memdup2(ids, MAX(n, 1) * sizeof *ids);
    SmmOrder by_name = {.name = name, .name_data = name_data};
    smm_order_sort(&by_name, sorted, n, n_threads);
    for (gsize i = 0; i < n; i++)
        rank[sorted[i]] = (guint32)i;
}
