/* test_names.c - interning: ids in order of first appearance, exact bytes
 * kept, and the prefetching batch path equal to one-at-a-time interning. */
#include <string.h>

#include "smm/core.h"
#include "smm/names.h"
#include "smm/rng.h"

static void test_order_and_bytes(void)
{
    g_autoptr(SmmNames) names = smm_names_new();
    const char *input[] = {"alice", "bob", "alice", "", "Bob", "caf\xc3\xa9", "a,b\"c", "bob"};
    guint32 expect[] = {0, 1, 0, 2, 3, 4, 5, 1};
    for (guint i = 0; i < G_N_ELEMENTS(input); i++) {
        guint32 id;
        g_assert_true(smm_names_intern(names, input[i], (guint32)strlen(input[i]), &id, NULL));
        g_assert_cmpuint(id, ==, expect[i]);
    }
    g_assert_cmpuint(smm_names_count(names), ==, 6);
    guint32 len;
    g_assert_cmpstr(smm_names_get(names, 4, &len), ==, "caf\xc3\xa9");
    g_assert_cmpuint(len, ==, 5);
    g_assert_cmpstr(smm_names_get(names, 2, &len), ==, "");
    g_assert_cmpuint(len, ==, 0);
    guint32 id;
    g_assert_true(smm_names_lookup(names, "Bob", 3, &id));
    g_assert_cmpuint(id, ==, 3);
    g_assert_false(smm_names_lookup(names, "carol", 5, &id));
    /* A prefix is a different name. */
    g_assert_false(smm_names_lookup(names, "ali", 3, &id));
}

/* Names with embedded NUL bytes are compared by length, not by C string. */
static void test_binary_names(void)
{
    g_autoptr(SmmNames) names = smm_names_new();
    guint32 a, b;
    g_assert_true(smm_names_intern(names, "x\0y", 3, &a, NULL));
    g_assert_true(smm_names_intern(names, "x\0z", 3, &b, NULL));
    g_assert_cmpuint(a, !=, b);
}

/* 300k names drawn with repeats (Zipf-like skew) across many table
 * growths: the batch path gives exactly the ids of sequential interning,
 * with and without precomputed hashes. */
static void test_batch_equals_sequential(void)
{
    const guint k = 300000;
    g_autoptr(GPtrArray) strs = g_ptr_array_new_with_free_func(g_free);
    g_autofree guint32 *lens = g_new(guint32, k);
    g_autofree guint64 *hashes = g_new(guint64, k);
    SmmRng rng;
    smm_rng_init(&rng, 7, 0);
    for (guint i = 0; i < k; i++) {
        guint64 r = smm_rng_below(&rng, 100000);
        r = r * r / 100000; /* skewed towards small ids: many repeats */
        char *s = smm_rng_below(&rng, 4) == 0 ? g_strdup_printf("%" G_GUINT64_FORMAT, r)
                                              : g_strdup_printf("user_%" G_GUINT64_FORMAT "_x", r);
        lens[i] = (guint32)strlen(s);
        hashes[i] = smm_names_hash(s, lens[i]);
        g_ptr_array_add(strs, s);
    }
    g_autoptr(SmmNames) seq = smm_names_new();
    g_autofree guint32 *seq_ids = g_new(guint32, k);
    for (guint i = 0; i < k; i++)
        g_assert_true(smm_names_intern(seq, strs->pdata[i], lens[i], &seq_ids[i], NULL));

    for (int with_hash = 0; with_hash < 2; with_hash++) {
        g_autoptr(SmmNames) bat = smm_names_new();
        g_autofree guint32 *ids = g_new(guint32, k);
        /* uneven batch sizes, including ones shorter than the pipeline */
        guint done = 0, step = 1;
        while (done < k) {
            guint n = MIN(step, k - done);
            g_assert_true(smm_names_intern_batch(bat, n, (const char *const *)strs->pdata + done,
                                                 lens + done, with_hash ? hashes + done : NULL,
                                                 ids + done, NULL));
            done += n;
            step = step * 3 + 1;
        }
        g_assert_cmpmem(ids, sizeof(guint32) * k, seq_ids, sizeof(guint32) * k);
        g_assert_cmpuint(smm_names_count(bat), ==, smm_names_count(seq));
        for (guint32 id = 0; id < smm_names_count(seq); id++)
            g_assert_cmpstr(smm_names_get(bat, id, NULL), ==, smm_names_get(seq, id, NULL));
    }
    /* The same names as a table of fields: three columns, two interned. */
    GString *bytes = g_string_new(NULL);
    g_autofree guint32 *start = g_new(guint32, 3 * (k / 2)), *flen = g_new(guint32, 3 * (k / 2));
    g_autofree guint64 *fhash = g_new(guint64, 3 * (k / 2));
    for (guint r = 0; r < k / 2; r++)
        for (guint c = 0; c < 3; c++) {
            const char *s = c < 2 ? strs->pdata[2 * r + c] : "0.5";
            start[3 * r + c] = (guint32)bytes->len;
            flen[3 * r + c] = (guint32)strlen(s);
            fhash[3 * r + c] = smm_names_hash(s, flen[3 * r + c]);
            g_string_append_len(bytes, s, (gssize)strlen(s) + 1);
        }
    for (guint stride = 2; stride <= 3; stride++) {
        g_autoptr(SmmNames) tab = smm_names_new();
        g_autofree guint32 *ids = g_new(guint32, k);
        const guint32 *st = start, *ln = flen;
        const guint64 *hs = fhash;
        g_autofree guint32 *st2 = NULL, *ln2 = NULL;
        g_autofree guint64 *hs2 = NULL;
        if (stride == 2) { /* drop the third column */
            st2 = g_new(guint32, k), ln2 = g_new(guint32, k), hs2 = g_new(guint64, k);
            for (guint i = 0; i < k; i++) {
                guint f = 3 * (i / 2) + i % 2;
                st2[i] = start[f], ln2[i] = flen[f], hs2[i] = fhash[f];
            }
            st = st2, ln = ln2, hs = hs2;
        }
        /* in uneven pieces of rows, as batches come */
        guint done = 0, step = 1;
        while (done < k / 2) {
            guint n = MIN(step, k / 2 - done);
            g_assert_true(smm_names_intern_fields(tab, n, 2, stride, bytes->str, st + done * stride,
                                                  ln + done * stride, hs + done * stride,
                                                  ids + 2 * done, NULL));
            done += n;
            step = step * 2 + 1;
        }
        g_assert_cmpmem(ids, sizeof(guint32) * k, seq_ids, sizeof(guint32) * k);
        g_assert_cmpuint(smm_names_count(tab), ==, smm_names_count(seq));
    }
    g_string_free(bytes, TRUE);

    /* Ids are dense and in order of first appearance. */
    guint32 next = 0;
    for (guint i = 0; i < k; i++) {
        g_assert_cmpuint(seq_ids[i], <=, next);
        if (seq_ids[i] == next)
            next++;
    }
    g_assert_cmpuint(next, ==, smm_names_count(seq));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/names/order-and-bytes", test_order_and_bytes);
    g_test_add_func("/names/binary", test_binary_names);
    g_test_add_func("/names/batch-equals-sequential", test_batch_equals_sequential);
    return g_test_run();
}
