/* key_sort.h - sorting 64-bit keys for the graph build: counted, put into
 * buckets by their top digit as the input is read, then sorted per bucket.
 *
 *     SmmKeyBuckets *kb = smm_key_buckets_new(key_bits);
 *     for each key: smm_key_buckets_count(kb, key);
 *     smm_key_buckets_layout(kb);
 *     for each key again (any order): smm_key_buckets_put(kb, key);
 *     keys = smm_key_buckets_finish(kb, n_threads, &len);   sorted, ascending
 *
 * Every key must be below 2^key_bits and put exactly as often as counted.
 * The keys array (the caller's, g_free) is touched only as it fills, so the
 * caller may free its input while putting.
 */
#ifndef SMM_KEY_SORT_H
#define SMM_KEY_SORT_H

#include <glib.h>

#define SMM_KEY_DIGIT_BITS 11
#define SMM_KEY_BUCKETS (1u << SMM_KEY_DIGIT_BITS)
#define SMM_KEY_LINE 8 /* keys buffered per bucket: one cache line */

typedef struct {
    int shift;
    guint64 *keys;
    guint64 len;
    guint64 count[SMM_KEY_BUCKETS];
    guint64 start[SMM_KEY_BUCKETS + 1];
    guint64 head[SMM_KEY_BUCKETS];
    guint8 fill[SMM_KEY_BUCKETS];
    guint64 buf[SMM_KEY_BUCKETS][SMM_KEY_LINE];
} SmmKeyBuckets;

SmmKeyBuckets *smm_key_buckets_new(guint key_bits);
void smm_key_buckets_layout(SmmKeyBuckets *kb);
void smm_key_buckets_flush(SmmKeyBuckets *kb, guint bucket);
/* Frees kb; returns the sorted keys and their number. */
guint64 *smm_key_buckets_finish(SmmKeyBuckets *kb, guint n_threads, guint64 *len);

static inline void smm_key_buckets_count(SmmKeyBuckets *kb, guint64 key)
{
    kb->count[(key >> kb->shift) & (SMM_KEY_BUCKETS - 1)]++;
}

static inline void smm_key_buckets_put(SmmKeyBuckets *kb, guint64 key)
{
    guint b = (guint)(key >> kb->shift) & (SMM_KEY_BUCKETS - 1);
    kb->buf[b][kb->fill[b]++] = key;
    if (kb->fill[b] == SMM_KEY_LINE)
        smm_key_buckets_flush(kb, b);
}

#endif
