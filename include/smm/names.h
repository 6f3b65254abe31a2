/* names.h - account names interned once, to dense ids 0..n-1 in order of
 * first appearance.
 *
 * The table is built for the import's hot path: tens of millions of lookups
 * into millions of names. Names live in one arena in id order; the hash
 * table's 16-byte slots hold the id and, for names of up to 11 bytes, the
 * name itself, so a hit costs one cache miss, and the batch functions
 * overlap those misses with prefetches. Ids depend only on the order of
 * the input, never on hashing.
 */
#ifndef SMM_NAMES_H
#define SMM_NAMES_H

#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "smm/bytes.h"

typedef struct SmmNames SmmNames;

/* The largest number of distinct names (ids are 32-bit; one value is reserved). */
#define SMM_NAMES_MAX ((guint32)0xFFFFFFFEu)

SmmNames *smm_names_new(void);
void smm_names_free(SmmNames *names);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SmmNames, smm_names_free)

guint32 smm_names_count(const SmmNames *names);

/* A label beside a name, such as the handle of a user id: reported, never
 * looked up. The first label given to an id stays. */
void smm_names_set_label(SmmNames *names, guint32 id, const char *label, gsize len);
/* id's label, or NULL. */
const char *smm_names_label(const SmmNames *names, guint32 id);
gboolean smm_names_has_labels(const SmmNames *names);
/* The ids that have a label, ascending (owned; NULL: none). */
GArray *smm_names_labelled(const SmmNames *names);

/* The name of `id` (NUL-terminated, owned by `names`); its length in *len if
 * len is not NULL. */
const char *smm_names_get(const SmmNames *names, guint32 id, guint32 *len);

/* Id of the name, adding it if new. Fails only past SMM_NAMES_MAX names. */
gboolean smm_names_intern(SmmNames *names, const char *str, guint32 len, guint32 *id,
                          GError **error);

static inline uint64_t smm_names_mum_(uint64_t a, uint64_t b)
{
    unsigned __int128 r = (unsigned __int128)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

/* The hash smm_names uses, so that another thread can compute it ahead;
 * inline, for the reader's hot loop. After wyhash (Wang Yi, public
 * domain): up to 16 bytes are read as overlapping 4-byte words with no
 * loop and no byte-wise tail, then mixed by two 128-bit multiplies. */
static inline guint64 smm_names_hash(const char *str, guint32 len)
{
    const guint8 *p = (const guint8 *)str;
    const uint64_t k1 = 0xa0761d6478bd642fULL, k2 = 0xe7037ed1a0b428dbULL;
    uint64_t seed = 0x243f6a8885a308d3ULL, a, b;
    if (len <= 16) {
        if (len >= 4) {
            guint32 mid = (len >> 3) << 2;
            a = ((uint64_t)smm_load_le32(p) << 32) | smm_load_le32(p + mid);
            b = ((uint64_t)smm_load_le32(p + len - 4) << 32) | smm_load_le32(p + len - 4 - mid);
        } else if (len > 0) {
            a = ((uint64_t)p[0] << 16) | ((uint64_t)p[len >> 1] << 8) | p[len - 1];
            b = 0;
        } else {
            a = b = 0;
        }
    } else {
        guint32 i = len;
        while (i > 16) {
            seed = smm_names_mum_(smm_load_le64(p) ^ k1, smm_load_le64(p + 8) ^ seed);
            p += 16;
            i -= 16;
        }
        a = smm_load_le64(p + i - 16);
        b = smm_load_le64(p + i - 8);
    }
    return smm_names_mum_(k2 ^ len, smm_names_mum_(a ^ k2, b ^ seed));
}

/* Interns k names at once: ids[i] is the id of (str[i], len[i]). Same result
 * as k calls of smm_names_intern() in order, faster. hash[i] must be
 * smm_names_hash(str[i], len[i]), or hash NULL to compute it here. */
gboolean smm_names_intern_batch(SmmNames *names, guint k, const char *const *str,
                                const guint32 *len, const guint64 *hash, guint32 *ids,
                                GError **error);

/* Interns the names of a table of fields, row by row: for row r < rows and
 * column c < width, the name of length len[i] at bytes + start[i] with
 * i = r * stride + c, whose smm_names_hash() is hash[i], gets the id
 * ids[r * width + c]. Same result as smm_names_intern() on each in that
 * order; reads the reader's batches (SmmRowBatch) as they are. */
gboolean smm_names_intern_fields(SmmNames *names, guint rows, guint width, guint stride,
                                 const char *bytes, const guint32 *start, const guint32 *len,
                                 const guint64 *hash, guint32 *ids, GError **error);

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

/* Frees the hash index (32-64 bytes a name) when no lookup is coming; the
 * next lookup or intern rebuilds it. */
void smm_names_drop_index(SmmNames *names);

/* The storage, for writing it to a graph file: the arena of `bytes` bytes,
 * entries [u32 length][bytes][NUL] each padded to 8 bytes, and per
 * id the entry's position in 8-byte units. */
const guint8 *smm_names_arena(const SmmNames *names, guint64 *bytes);
const guint32 *smm_names_entries(const SmmNames *names);

/* Names over storage owned by someone else (a mapped graph file) in the
 * layout above, which the caller has checked; copied before the first name
 * is added. The storage must outlive the table. */
SmmNames *smm_names_new_borrowed(const guint8 *arena, guint64 arena_bytes, const guint32 *entry_of,
                                 guint32 count);

#endif
