/* key_sort.c - sorting 64-bit keys: a streaming partition into 2^11
 * buckets by the top digit, then each bucket sorted in place, most
 * significant digit first (American flag sort: McIlroy, Bostic, McIlroy,
 * "Engineering radix sort", Computing Systems 6(1), 1993).
 *
 * Why: the graph build sorts (follower, followee) pairs. A counting sort
 * straight into n rows scatters every pair to a random place among tens of
 * millions: a cache and TLB miss each, 150-300 ns a follow at 100M follows.
 * The partition writes each key to one of 2^11 streams through a cache line
 * of buffer per stream, so its writes are whole lines and its reads
 * sequential; a bucket is then small enough to be sorted in cache. The
 * caller feeds keys as it reads its input, and can free the input as it
 * goes, so the keys and the input together never exceed the larger of the
 * two by much.
 *
 * Buckets are sorted on all threads; equal keys are indistinguishable, so
 * the result is the same for any number of threads.
 */
#include "smm/key_sort.h"

#include <string.h>

#include "smm/core.h"
#include "smm/parallel.h"

#define SMALL 48

static void insertion_sort(guint64 *a, guint64 len)
{
    for (guint64 i = 1; i < len; i++) {
        guint64 v = a[i];
        guint64 j = i;
        for (; j > 0 && a[j - 1] > v; j--)
            a[j] = a[j - 1];
        a[j] = v;
    }
}

/* In place: every key to the bucket of its digit (the bits from `low` up
 * to `top`) by cycle leader, then each bucket by the digits below. Digits
 * are narrower for short runs, so that a run of a few hundred keys is not
 * spread over thousands of empty buckets. Within one partition bucket all
 * of this stays in cache. */
static void sort_digits(guint64 *a, guint64 len, int top)
{
    if (len <= SMALL || top <= 0) {
        insertion_sort(a, len);
        return;
    }
    int width = 4;
    while (width < SMM_KEY_DIGIT_BITS && ((guint64)4 << width) < len)
        width++;
    int shift = MAX(top - width, 0);
    guint buckets = 1u << (top - shift);
    guint64 mask = buckets - 1;
    guint64 count[SMM_KEY_BUCKETS] = {0};
    for (guint64 i = 0; i < len; i++)
        count[(a[i] >> shift) & mask]++;
    guint64 start[SMM_KEY_BUCKETS + 1], head[SMM_KEY_BUCKETS];
    start[0] = 0;
    for (guint b = 0; b < buckets; b++) {
        head[b] = start[b];
        start[b + 1] = start[b] + count[b];
    }
    for (guint b = 0; b < buckets; b++)
        while (head[b] < start[b + 1]) {
            guint64 v = a[head[b]];
            guint d = (guint)((v >> shift) & mask);
            while (d != b) {
                guint64 t = a[head[d]];
                a[head[d]++] = v;
                v = t;
                d = (guint)((v >> shift) & mask);
            }
            a[head[b]++] = v;
        }
    if (shift == 0)
        return;
    for (guint b = 0; b < buckets; b++)
        if (start[b + 1] - start[b] > 1)
            sort_digits(a + start[b], start[b + 1] - start[b], shift);
}

SmmKeyBuckets *smm_key_buckets_new(guint key_bits)
{
    SmmKeyBuckets *kb = g_new0(SmmKeyBuckets, 1);
    kb->shift = MAX((int)key_bits - SMM_KEY_DIGIT_BITS, 0);
    return kb;
}

void smm_key_buckets_layout(SmmKeyBuckets *kb)
{
    kb->start[0] = 0;
    for (guint b = 0; b < SMM_KEY_BUCKETS; b++) {
        kb->head[b] = kb->start[b];
        kb->start[b + 1] = kb->start[b] + kb->count[b];
    }
    kb->len = kb->start[SMM_KEY_BUCKETS];
    /* 4 KiB pages on purpose: the buckets fill 2^11 places at once, and a
     * huge page each would hold up to 4 GiB that is not yet written. */
    kb->keys = g_new(guint64, MAX(kb->len, 1));
}

void smm_key_buckets_flush(SmmKeyBuckets *kb, guint b)
{
    memcpy(kb->keys + kb->head[b], kb->buf[b], sizeof(guint64) * kb->fill[b]);
    kb->head[b] += kb->fill[b];
    kb->fill[b] = 0;
}

static void sort_bucket(guint64 b, guint thread, gpointer ctx)
{
    SmmKeyBuckets *kb = ctx;
    guint64 len = kb->start[b + 1] - kb->start[b];
    if (len > 1)
        sort_digits(kb->keys + kb->start[b], len, kb->shift);
}

guint64 *smm_key_buckets_finish(SmmKeyBuckets *kb, guint n_threads, guint64 *len)
{
    for (guint b = 0; b < SMM_KEY_BUCKETS; b++)
        smm_key_buckets_flush(kb, b);
    for (guint b = 0; b < SMM_KEY_BUCKETS; b++)
        g_assert(kb->head[b] == kb->start[b + 1]); /* every counted key was put */
    smm_parallel_blocks(SMM_KEY_BUCKETS, n_threads, sort_bucket, kb);
    guint64 *keys = kb->keys;
    *len = kb->len;
    g_free(kb);
    return keys;
}
