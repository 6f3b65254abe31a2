/* seen_set.c - open addressing with linear probing over 64-bit hashes.
 * Slots are found by Fibonacci hashing (the high bits of key * 2^64/phi),
 * so that keys whose low bits repeat still spread. */
#include "seen_set.h"

#include "smm/core.h"

static inline guint64 home(guint64 key, guint64 cap)
{
    return (key * 0x9E3779B97F4A7C15ull) >> (64 - (guint)__builtin_ctzll(cap));
}

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
    for (guint64 i = home(key, cap);; i = (i + 1) & (cap - 1)) {
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

gboolean smm_seen_set_has(const SmmSeenSet *set, guint64 key)
{
    key = key == 0 ? 1 : key;
    for (guint64 i = home(key, set->cap);; i = (i + 1) & (set->cap - 1)) {
        if (set->slots[i] == key)
            return TRUE;
        if (set->slots[i] == 0)
            return FALSE;
    }
}

void smm_key_map_clear(SmmKeyMap *map)
{
    g_free(map->slots);
    map->slots = NULL;
    map->mask = map->count = 0;
}

static SmmKeySlot *slot_of(const SmmKeyMap *m, guint64 key)
{
    for (guint64 i = home(key, m->mask + 1);; i = (i + 1) & m->mask)
        if (m->slots[i].key == key || m->slots[i].key == 0)
            return &m->slots[i];
}

SmmKeySlot *smm_key_map_put(SmmKeyMap *m, guint64 key, gboolean *added, GError **error)
{
    key = key != 0 ? key : 1;
    if (m->slots == NULL || 4 * (m->count + 1) > 3 * (m->mask + 1)) {
        SmmKeyMap old = *m;
        guint64 cap = old.slots != NULL ? 2 * (old.mask + 1) : 1024;
        if (!smm_memory_check("remembering the records read, for the deletes to come",
                              cap * sizeof(SmmKeySlot), error))
            return NULL;
        m->mask = cap - 1;
        m->slots = g_new0(SmmKeySlot, cap);
        for (guint64 i = 0; old.slots != NULL && i <= old.mask; i++)
            if (old.slots[i].key != 0)
                *slot_of(m, old.slots[i].key) = old.slots[i];
        g_free(old.slots);
    }
    SmmKeySlot *s = slot_of(m, key);
    *added = s->key == 0;
    if (*added) {
        s->key = key;
        m->count++;
    }
    return s;
}

SmmKeySlot *smm_key_map_get(const SmmKeyMap *m, guint64 key)
{
    if (m->slots == NULL)
        return NULL;
    SmmKeySlot *s = slot_of(m, key != 0 ? key : 1);
    return s->key != 0 ? s : NULL;
}
