/* names.c - interning account names to dense ids.
 *
 * Layout. Each name is stored once in an arena as an entry
 *     [u32 id][u32 length][bytes][NUL] padded to 8 bytes,
 * addressed by its position in 8-byte units. The hash table is open
 * addressing with linear probing over 64-bit slots (hash tag << 32 | unit+1),
 * at most half full. A lookup touches one slot and, when the tag matches, one
 * entry that holds id, length and bytes together: two cache misses per hit,
 * against three or four for a table of pointers to strings.
 *
 * Batching. On a million names the table and arena are far larger than the
 * caches, so each miss costs a DRAM round trip (~100 ns) if taken one at a
 * time. smm_names_intern_batch() runs a three-stage software pipeline over
 * the batch: name i + 2D has its slot prefetched, name i + D has the entry
 * its slot points to prefetched, and name i is resolved by the ordinary
 * lookup, by then from cache. The misses of 2D names overlap; the result is
 * by construction that of sequential interning. Both big arrays ask for
 * transparent huge pages, which spares a page walk per random access.
 */
#include "smm/names.h"

#include <string.h>
#include <sys/mman.h>

#include "smm/core.h"
#include "smm/rng.h"

struct SmmNames {
    guint32 count;
    guint64 *slots;
    guint64 mask; /* slot count - 1 */
    guint8 *arena;
    guint64 arena_used; /* bytes */
    guint64 arena_cap;
    guint32 *entry_of; /* id -> arena unit */
    guint64 entry_cap;
    gboolean borrowed; /* arena and entry_of belong to someone else (a mapped file) */
};

#define UNIT 8
#define MAX_UNITS ((guint64)0xFFFFFFFEu)
#define ENTRY_HEADER 8

static inline uint64_t mum(uint64_t a, uint64_t b)
{
    unsigned __int128 r = (unsigned __int128)a * b;
    return (uint64_t)r ^ (uint64_t)(r >> 64);
}

static inline uint64_t read8(const guint8 *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

static inline uint64_t read4(const guint8 *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* A fast hash for short keys (handles, numeric ids), after wyhash (Wang Yi,
 * public domain): up to 16 bytes are read as two overlapping 8-byte words
 * with no loop and no byte-wise tail, then mixed by two 128-bit multiplies. */
static inline uint64_t hash_name(const char *str, guint32 len)
{
    const guint8 *p = (const guint8 *)str;
    const uint64_t k1 = 0xa0761d6478bd642fULL, k2 = 0xe7037ed1a0b428dbULL;
    uint64_t seed = 0x243f6a8885a308d3ULL, a, b;
    if (len <= 16) {
        if (len >= 4) {
            guint32 mid = (len >> 3) << 2;
            a = (read4(p) << 32) | read4(p + mid);
            b = (read4(p + len - 4) << 32) | read4(p + len - 4 - mid);
        } else if (len > 0) {
            a = ((uint64_t)p[0] << 16) | ((uint64_t)p[len >> 1] << 8) | p[len - 1];
            b = 0;
        } else {
            a = b = 0;
        }
    } else {
        guint32 i = len;
        while (i > 16) {
            seed = mum(read8(p) ^ k1, read8(p + 8) ^ seed);
            p += 16;
            i -= 16;
        }
        a = read8(p + i - 16);
        b = read8(p + i - 8);
    }
    return mum(k2 ^ len, mum(a ^ k2, b ^ seed));
}

guint64 smm_names_hash(const char *str, guint32 len)
{
    return hash_name(str, len);
}

static inline gboolean same_bytes(const guint8 *a, const char *b, guint32 len)
{
    while (len >= 8) {
        uint64_t x, y;
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        if (x != y)
            return FALSE;
        a += 8;
        b += 8;
        len -= 8;
    }
    while (len-- > 0)
        if (*a++ != (guint8)*b++)
            return FALSE;
    return TRUE;
}

/* Large tables are touched at random: back them with 2 MiB pages where the
 * kernel allows it (advice only; harmless when refused). */
static void advise_huge(void *p, gsize size)
{
#ifdef MADV_HUGEPAGE
    const guintptr huge = 2u << 20;
    guintptr start = ((guintptr)p + huge - 1) & ~(huge - 1);
    guintptr end = ((guintptr)p + size) & ~(huge - 1);
    if (end > start)
        madvise((void *)start, end - start, MADV_HUGEPAGE);
#endif
}

static inline const guint8 *entry_at(const SmmNames *names, guint64 unit)
{
    return names->arena + unit * UNIT;
}

static inline guint32 entry_id(const guint8 *e)
{
    return (guint32)read4(e);
}

static inline guint32 entry_len(const guint8 *e)
{
    return (guint32)read4(e + 4);
}

SmmNames *smm_names_new(void)
{
    SmmNames *names = g_new0(SmmNames, 1);
    names->mask = 1023;
    names->slots = g_new0(guint64, names->mask + 1);
    names->arena_cap = 1 << 16;
    names->arena = g_malloc(names->arena_cap);
    names->entry_cap = 1024;
    names->entry_of = g_new(guint32, names->entry_cap);
    return names;
}

void smm_names_free(SmmNames *names)
{
    if (names == NULL)
        return;
    g_free(names->slots);
    if (!names->borrowed) {
        g_free(names->arena);
        g_free(names->entry_of);
    }
    g_free(names);
}

/* The hash table is an index over the arena, so it can be dropped when no
 * lookup is coming (16-32 bytes an account) and rebuilt when one does. */
static void build_index(SmmNames *names, guint64 cap);

static inline void ensure_index(SmmNames *names)
{
    if (G_UNLIKELY(names->slots == NULL)) {
        guint64 cap = 1024;
        while (cap < 2 * (guint64)names->count + 2)
            cap *= 2;
        build_index(names, cap);
    }
}

void smm_names_drop_index(SmmNames *names)
{
    g_clear_pointer(&names->slots, g_free);
}

SmmNames *smm_names_new_borrowed(const guint8 *arena, guint64 arena_bytes, const guint32 *entry_of,
                                 guint32 count)
{
    SmmNames *names = g_new0(SmmNames, 1);
    names->arena = (guint8 *)arena;
    names->arena_used = names->arena_cap = arena_bytes;
    names->entry_of = (guint32 *)entry_of;
    names->entry_cap = names->count = count;
    names->borrowed = TRUE;
    return names;
}

/* Copies borrowed storage before the first name is added to it. */
static void own_storage(SmmNames *names)
{
    names->arena_cap = MAX(names->arena_used * 2, (guint64)1 << 16);
    guint8 *arena = g_malloc(names->arena_cap);
    memcpy(arena, names->arena, names->arena_used);
    names->arena = arena;
    names->entry_cap = MAX((guint64)names->count * 2, 1024);
    guint32 *entry_of = g_new(guint32, names->entry_cap);
    memcpy(entry_of, names->entry_of, sizeof(guint32) * names->count);
    names->entry_of = entry_of;
    names->borrowed = FALSE;
}

const guint8 *smm_names_arena(const SmmNames *names, guint64 *bytes)
{
    *bytes = names->arena_used;
    return names->arena;
}

const guint32 *smm_names_entries(const SmmNames *names)
{
    return names->entry_of;
}

guint32 smm_names_count(const SmmNames *names)
{
    return names->count;
}

const char *smm_names_get(const SmmNames *names, guint32 id, guint32 *len)
{
    g_assert(id < names->count);
    const guint8 *e = entry_at(names, names->entry_of[id]);
    if (len != NULL)
        *len = entry_len(e);
    return (const char *)e + ENTRY_HEADER;
}

int smm_names_compare(const SmmNames *names, guint32 a, guint32 b)
{
    guint32 la, lb;
    const char *na = smm_names_get(names, a, &la);
    const char *nb = smm_names_get(names, b, &lb);
    return smm_names_order(na, la, nb, lb);
}

/* Finds the slot holding the name, or the empty slot where it belongs. */
static inline guint64 probe(const SmmNames *names, guint64 hash, const char *str, guint32 len,
                            gboolean *found)
{
    guint64 i = hash & names->mask;
    guint32 tag = (guint32)(hash >> 32);
    for (;;) {
        guint64 s = names->slots[i];
        if (s == 0) {
            *found = FALSE;
            return i;
        }
        if ((guint32)(s >> 32) == tag) {
            const guint8 *e = entry_at(names, (s & 0xFFFFFFFFu) - 1);
            if (entry_len(e) == len && same_bytes(e + ENTRY_HEADER, str, len)) {
                *found = TRUE;
                return i;
            }
        }
        i = (i + 1) & names->mask;
    }
}

static void build_index(SmmNames *names, guint64 cap)
{
    g_free(names->slots);
    names->slots = g_new0(guint64, cap);
    advise_huge(names->slots, cap * sizeof(guint64));
    names->mask = cap - 1;
    for (guint32 id = 0; id < names->count; id++) {
        guint64 unit = names->entry_of[id];
        const guint8 *e = entry_at(names, unit);
        guint64 h = hash_name((const char *)e + ENTRY_HEADER, entry_len(e));
        guint64 i = h & names->mask;
        while (names->slots[i] != 0)
            i = (i + 1) & names->mask;
        names->slots[i] = ((h >> 32) << 32) | (unit + 1);
    }
}

static gboolean insert_at(SmmNames *names, guint64 slot, guint64 hash, const char *str, guint32 len,
                          guint32 *id, GError **error)
{
    guint64 need = (ENTRY_HEADER + (guint64)len + 1 + UNIT - 1) / UNIT * UNIT;
    guint64 unit = names->arena_used / UNIT;
    if (names->count >= SMM_NAMES_MAX || unit + need / UNIT > MAX_UNITS) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_LIMIT,
                    "too many distinct account names (the limit is %u names, 32 GiB of text)",
                    SMM_NAMES_MAX);
        return FALSE;
    }
    if (names->borrowed)
        own_storage(names);
    if (names->arena_used + need > names->arena_cap) {
        while (names->arena_used + need > names->arena_cap)
            names->arena_cap *= 2;
        names->arena = g_realloc(names->arena, names->arena_cap);
        advise_huge(names->arena, names->arena_cap);
    }
    if (names->count == names->entry_cap) {
        names->entry_cap *= 2;
        names->entry_of = g_renew(guint32, names->entry_of, names->entry_cap);
    }
    guint32 new_id = names->count++;
    guint8 *e = names->arena + names->arena_used;
    memcpy(e, &new_id, 4);
    memcpy(e + 4, &len, 4);
    memcpy(e + ENTRY_HEADER, str, len);
    memset(e + ENTRY_HEADER + len, 0, need - ENTRY_HEADER - len);
    names->arena_used += need;
    names->entry_of[new_id] = (guint32)unit;
    names->slots[slot] = ((hash >> 32) << 32) | (unit + 1);
    if ((guint64)names->count * 2 > names->mask + 1)
        build_index(names, (names->mask + 1) * 2);
    *id = new_id;
    return TRUE;
}

static inline gboolean intern_hashed(SmmNames *names, guint64 hash, const char *str, guint32 len,
                                     guint32 *id, GError **error)
{
    gboolean found;
    guint64 slot = probe(names, hash, str, len, &found);
    if (found) {
        *id = entry_id(entry_at(names, (names->slots[slot] & 0xFFFFFFFFu) - 1));
        return TRUE;
    }
    return insert_at(names, slot, hash, str, len, id, error);
}

gboolean smm_names_intern(SmmNames *names, const char *str, guint32 len, guint32 *id,
                          GError **error)
{
    ensure_index(names);
    return intern_hashed(names, hash_name(str, len), str, len, id, error);
}

gboolean smm_names_lookup(const SmmNames *names, const char *str, guint32 len, guint32 *id)
{
    /* The index is a cache: building it does not change what names holds.
     * Lookups run on the main thread only. */
    ensure_index((SmmNames *)names);
    gboolean found;
    guint64 slot = probe(names, hash_name(str, len), str, len, &found);
    if (found)
        *id = entry_id(entry_at(names, (names->slots[slot] & 0xFFFFFFFFu) - 1));
    return found;
}

/* Pipeline distance: names between a slot's prefetch and its entry's
 * prefetch, and between that and the lookup. */
#define DISTANCE 64

gboolean smm_names_intern_batch(SmmNames *names, guint k, const char *const *str,
                                const guint32 *len, const guint64 *hash, guint32 *ids,
                                GError **error)
{
    ensure_index(names);
    g_autofree guint64 *own = NULL;
    if (hash == NULL) {
        own = g_new(guint64, MAX(k, 1));
        for (guint i = 0; i < k; i++)
            own[i] = hash_name(str[i], len[i]);
        hash = own;
    }
    for (guint i = 0; i < k + 2 * DISTANCE; i++) {
        if (i < k)
            __builtin_prefetch(&names->slots[hash[i] & names->mask]);
        if (i >= DISTANCE && i - DISTANCE < k) {
            guint64 h = hash[i - DISTANCE];
            guint64 s = names->slots[h & names->mask];
            if (s != 0 && (guint32)(s >> 32) == (guint32)(h >> 32))
                __builtin_prefetch(entry_at(names, (s & 0xFFFFFFFFu) - 1));
        }
        if (i >= 2 * DISTANCE) {
            guint r = i - 2 * DISTANCE;
            if (!intern_hashed(names, hash[r], str[r], len[r], &ids[r], error))
                return FALSE;
        }
    }
    return TRUE;
}
