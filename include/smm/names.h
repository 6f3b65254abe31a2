/* names.h - account names interned once, to dense ids 0..n-1 in order of
 * first appearance.
 *
 * The table is built for the import's hot path: tens of millions of lookups
 * into a million names. Names live in one arena next to their id and length;
 * the hash table holds (hash tag, arena position) pairs, so a hit costs two
 * cache misses, and smm_names_intern_batch() overlaps those misses across a
 * batch with prefetches. Ids depend only on the order of the input, never on
 * hashing.
 */
#ifndef SMM_NAMES_H
#define SMM_NAMES_H

#include <glib.h>
#include <stdint.h>
#include <string.h>

typedef struct SmmNames SmmNames;

/* The largest number of distinct names (ids are 32-bit; one value is reserved). */
#define SMM_NAMES_MAX ((guint32)0xFFFFFFFEu)

SmmNames *smm_names_new(void);
void smm_names_free(SmmNames *names);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SmmNames, smm_names_free)

guint32 smm_names_count(const SmmNames *names);

/* The name of `id` (NUL-terminated, owned by `names`); its length in *len if
 * len is not NULL. */
const char *smm_names_get(const SmmNames *names, guint32 id, guint32 *len);

/* Id of the name, adding it if new. Fails only past SMM_NAMES_MAX names. */
gboolean smm_names_intern(SmmNames *names, const char *str, guint32 len, guint32 *id,
                          GError **error);

/* The hash smm_names uses, so that another thread can compute it ahead. */
guint64 smm_names_hash(const char *str, guint32 len);

/* Interns k names at once: ids[i] is the id of (str[i], len[i]). Same result
 * as k calls of smm_names_intern() in order, faster. hash[i] must be
 * smm_names_hash(str[i], len[i]), or hash NULL to compute it here. */
gboolean smm_names_intern_batch(SmmNames *names, guint k, const char *const *str,
                                const guint32 *len, const guint64 *hash, guint32 *ids,
                                GError **error);

/* Byte order of two names, a shorter name before its extensions: the one
 * order reports use to break ties. */
static inline int smm_names_order(const char *a, guint32 la, const char *b, guint32 lb)
{
    int c = memcmp(a, b, MIN(la, lb));
    return c != 0 ? c : (la < lb ? -1 : la > lb);
}

/* smm_names_order() of the names of two ids. */
int smm_names_compare(const SmmNames *names, guint32 a, guint32 b);

/* Looks a name up without adding it. Main thread only: the first lookup
 * after smm_names_drop_index() rebuilds the index. */
gboolean smm_names_lookup(const SmmNames *names, const char *str, guint32 len, guint32 *id);

/* Frees the hash index (16-32 bytes a name) when no lookup is coming; the
 * next lookup or intern rebuilds it. */
void smm_names_drop_index(SmmNames *names);

/* The storage, for writing it to a graph file: the arena of `bytes` bytes,
 * entries [u32 id][u32 length][bytes][NUL] each padded to 8 bytes, and per
 * id the entry's position in 8-byte units. */
const guint8 *smm_names_arena(const SmmNames *names, guint64 *bytes);
const guint32 *smm_names_entries(const SmmNames *names);

/* Names over storage owned by someone else (a mapped graph file) in the
 * layout above, which the caller has checked; copied before the first name
 * is added. The storage must outlive the table. */
SmmNames *smm_names_new_borrowed(const guint8 *arena, guint64 arena_bytes, const guint32 *entry_of,
                                 guint32 count);

#endif
