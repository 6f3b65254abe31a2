/* seen_set.c - open addressing with linear probing over 64-bit hashes,
 * kept at most half full. */
#include "seen_set.h"

#include "smm/core.h"

void smm_seen_set_init(SmmSeenSet *set)
{
    set->cap = 1024;
    set->slots = g_new0(guint64, set->cap);
    set->count = 0;
}

void smm_seen_set_clear(SmmSeenSet *set)
{
    g_free(set->slots);
    set->slots = NULL;
    set->cap = set->count = 0;
}

static gboolean insert(guint64 *slots, guint64 cap, guint64 key)
{
    /* Fibonacci hashing: the high bits of key * 2^64/phi, so that keys
     * whose low bits repeat still spread */
    guint bits = (guint)__builtin_ctzll(cap);
    for (guint64 i = (key * 0x9E3779B97F4A7C15ull) >> (64 - bits);; i = (i + 1) & (cap - 1)) {
        if (slots[i] == key)
            return FALSE;
        if (slots[i] == 0) {
            slots[i] = key;
            return TRUE;
        }
    }
}

int smm_seen_set_add(SmmSeenSet *set, guint64 key, GError **error)
{
    key = key == 0 ? 1 : key;
    if (2 * (set->count + 1) > set->cap) {
        guint64 cap = 2 * set->cap;
        if (!smm_memory_check("remembering the records read, to skip those met twice",
                              cap * sizeof(guint64), error))
            return -1;
        guint64 *slots = g_new0(guint64, cap);
        for (guint64 i = 0; i < set->cap; i++)
            if (set->slots[i] != 0)
                insert(slots, cap, set->slots[i]);
        g_free(set->slots);
        set->slots = slots;
        set->cap = cap;
    }
    if (!insert(set->slots, set->cap, key))
        return 0;
    set->count++;
    return 1;
}
