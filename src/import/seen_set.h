/* seen_set.h - sets and maps of 64-bit record hashes: "was this record met
 * before?" for inputs that repeat records (overlapping twarc collections,
 * Jetstream replays), and "which row did this record give?" for the
 * records a later one takes back (Jetstream follow deletes). Growth is
 * checked against --max-memory. Private to the import stage. */
#ifndef SMM_SEEN_SET_H
#define SMM_SEEN_SET_H

#include <glib.h>

/* 8 bytes a slot, at most half of them used. */
typedef struct {
    guint64 *slots; /* 0: empty; a key is stored as itself, 0 as 1 */
    guint64 cap;    /* a power of two */
    guint64 count;
} SmmSeenSet;

void smm_seen_set_init(SmmSeenSet *set);
void smm_seen_set_clear(SmmSeenSet *set);
/* Adds key: 1 when new, 0 when met before, -1 (error set) when growing
 * would pass --max-memory. Keys 0 and 1 are one key. */
int smm_seen_set_add(SmmSeenSet *set, guint64 key, GError **error);
/* Whether key is in the set. */
gboolean smm_seen_set_has(const SmmSeenSet *set, guint64 key);

/* Keys to 64-bit values: 16 bytes a slot, at most 3/4 of them used. */
typedef struct {
    guint64 key, value;
} SmmKeySlot;

typedef struct {
    SmmKeySlot *slots;
    guint64 mask; /* slots - 1 */
    guint64 count;
} SmmKeyMap;

/* What a map holds per key, for the memory budget: 16 bytes a slot, 3/8
 * to 3/4 of them used. */
#define SMM_KEY_MAP_BYTES_PER_KEY 40

void smm_key_map_clear(SmmKeyMap *map);
/* The slot of key, added with value 0 when it was not there (*added);
 * NULL (error set) when growing would pass --max-memory. */
SmmKeySlot *smm_key_map_put(SmmKeyMap *map, guint64 key, gboolean *added, GError **error);
/* The slot of key, or NULL. */
SmmKeySlot *smm_key_map_get(const SmmKeyMap *map, guint64 key);

#endif
