/* seen_set.h - a set of 64-bit hashes: "was this record met before?" for
 * inputs that repeat records (overlapping twarc collections). 16 bytes a
 * record at worst, growth checked against --max-memory. Private to the
 * import stage. */
#ifndef SMM_SEEN_SET_H
#define SMM_SEEN_SET_H

#include <glib.h>

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

#endif
