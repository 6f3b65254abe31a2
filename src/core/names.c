/* names.c - interning account names to dense ids.
 *
 * Layout. Each name is stored once, in order of id, in an arena as an entry
 *     [u32 length][bytes][NUL] padded to 8 bytes,
 * addressed by its position in 8-byte units (entry_of[id]). The hash table
 * is open addressing with linear probing over 16-byte slots, at most half
 * full. A slot holds the id and, for a name of 1 to 11 bytes (handles,
 * numeric ids: nearly every account name), the name itself as an inline key:
 * a lookup then touches one slot, one cache line, and never the arena. A
 * longer name's slot holds 32 bits of its hash, its length and its arena
 * position, and a tag match is confirmed against the arena (a second miss).
 * Inline key (a, b): the name's bytes read as a few little-endian words so
 * that, for each length, the bytes are recovered from (a, b) and the length
 * sits in the top byte of b's low half; distinct names give distinct keys.
 *     empty slot     b == 0
 *     inline name    a = key, b = key | length << 24 | id << 32 (length 1..11)
 *     longer name    a = hash tag << 32 | arena unit,
 *                    b = min(length, 2^24 - 1) | 0xFF << 24 | id << 32
 *
 * Cost. On 1M names (the 10M-follow bench graph) the table is 32 MiB, on
 * 10M names 512 MiB: every lookup is a cache miss, and on this machine a
 * miss taken alone costs 100-180 ns. smm_names_intern_batch() and
 * smm_names_intern_fields() prefetch the slot of name i + DISTANCE while
 * resolving name i, so about DISTANCE misses overlap; the result is by
 * construction that of sequential interning. Measured on the 24.4M names
 * of ba-r-10m in order (1M distinct; one thread, load 1.7-1.9, two runs
 * each, interleaved): 18.5 ns a lookup, inserts included, against 49-55 ns
 * for the previous layout of 8-byte slots pointing into the arena (two
 * dependent misses, the second rarely prefetched in time). At 10M names
 * (ba-r-100m, 244M lookups) the import's consumer thread takes about 25 ns
 * a name, DRAM-bound: perf puts the time on the prefetch instructions (miss
 * queues full) and on the slot loads. The table asks for transparent huge
 * pages, which spares a page walk per random access (checked: the 512 MiB
 * table of ba-r-100m is in huge pages). Variants measured and dropped: an
 * SSE2 compare of a cache line of four slots (slower), the table at most
 * 3/4 full (no faster), prefetch distances 64 and 128 (the same).
 */
#include "smm/names.h"

#include <string.h>

#include "smm/bytes.h"
#include "smm/core.h"

typedef struct {
    guint64 a, b;
} Slot;

struct SmmNames {
    guint32 count;
    Slot *slots;
    guint64 mask; /* slot count - 1 */
    guint8 *arena;
    guint64 arena_used; /* bytes */
    guint64 arena_cap;
    guint32 *entry_of; /* id -> arena unit */
    guint64 entry_cap;
    gboolean borrowed;  /* arena and entry_of belong to someone else (a mapped file) */
    GHashTable *labels; /* id -> label (owned), or NULL: few names have one */
};

#define UNIT 8
#define MAX_UNITS ((guint64)0xFFFFFFFFu)
#define ENTRY_HEADER 4
#define INLINE_MAX 11
#define LONG_MARK 0xFF000000u

/* Pipeline distance: names between a slot's prefetch and its lookup. 32
 * and 64 measured alike on ba-r-10m, 8 and 16 slower. */
#define DISTANCE 32

static inline uint64_t hash_name(const char *str, guint32 len)
{
    return smm_names_hash(str, len);
}

/* The inline key of a name of 1..INLINE_MAX bytes, reading only its bytes.
 * For each length the words read cover every byte: 8..11 bytes are bytes
 * 0-7 and the last three, 4..7 bytes the first four and the last four,
 * 1..3 bytes the first, middle and last. With the length in the key, no
 * two names share one. */
static inline void inline_key(const char *str, guint32 len, guint64 *a, guint32 *b)
{
    const guint8 *p = (const guint8 *)str;
    if (len >= 8) {
        *a = smm_load_le64(p);
        *b = (smm_load_le32(p + len - 4) >> 8) | (len << 24);
    } else if (len >= 4) {
        *a = smm_load_le32(p) | ((guint64)smm_load_le32(p + len - 4) << 32);
        *b = len << 24;
    } else {
        *a = p[0] | ((guint64)p[len >> 1] << 8) | ((guint64)p[len - 1] << 16);
        *b = len << 24;
    }
}

static inline gboolean is_inline(guint32 len)
{
    return len - 1 < INLINE_MAX; /* 1..11; 0 wraps around */
}

static inline guint32 long_mark(guint32 len)
{
    return MIN(len, 0xFFFFFFu) | LONG_MARK;
}

static inline const guint8 *entry_at(const SmmNames *names, guint64 unit)
{
    return names->arena + unit * UNIT;
}

static inline guint32 entry_len(const guint8 *e)
{
    return smm_load_le32(e);
}

SmmNames *smm_names_new(void)
{
    SmmNames *names = g_new0(SmmNames, 1);
    names->mask = 1023;
    names->slots = g_new0(Slot, names->mask + 1);
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
    if (names->labels != NULL)
        g_hash_table_unref(names->labels);
    if (!names->borrowed) {
        g_free(names->arena);
        g_free(names->entry_of);
    }
    g_free(names);
}

void smm_names_set_label(SmmNames *names, guint32 id, const char *label, gsize len)
{
    if (names->labels == NULL)
        names->labels = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    gpointer key = GUINT_TO_POINTER(id);
    if (!g_hash_table_contains(names->labels, key))
        g_hash_table_insert(names->labels, key, g_strndup(label, len));
}

const char *smm_names_label(const SmmNames *names, guint32 id)
{
    return names->labels != NULL ? g_hash_table_lookup(names->labels, GUINT_TO_POINTER(id)) : NULL;
}

static gint compare_ids(gconstpointer a, gconstpointer b)
{
    guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
    return x < y ? -1 : x > y;
}

GArray *smm_names_labelled(const SmmNames *names)
{
    if (!smm_names_has_labels(names))
        return NULL;
    GArray *ids =
        g_array_sized_new(FALSE, FALSE, sizeof(guint32), g_hash_table_size(names->labels));
    GHashTableIter it;
    gpointer key;
    g_hash_table_iter_init(&it, names->labels);
    while (g_hash_table_iter_next(&it, &key, NULL)) {
        guint32 id = GPOINTER_TO_UINT(key);
        g_array_append_val(ids, id);
    }
    g_array_sort(ids, compare_ids);
    return ids;
}

gboolean smm_names_has_labels(const SmmNames *names)
{
    return names != NULL && names->labels != NULL && g_hash_table_size(names->labels) > 0;
}

/* The hash table is an index over the arena, so it can be dropped when no
 * lookup is coming (32-64 bytes an account) and rebuilt when one does. */
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

/* The slot a name would occupy, filled in but for the id. */
static inline Slot slot_for(guint64 hash, const char *str, guint32 len, guint64 unit)
{
    Slot s;
    if (is_inline(len)) {
        guint32 b;
        inline_key(str, len, &s.a, &b);
        s.b = b;
    } else {
        s.a = (hash >> 32) << 32 | unit;
        s.b = long_mark(len);
    }
    return s;
}

static guint64 probe_long(const SmmNames *names, guint64 hash, const char *str, guint32 len,
                          gboolean *found);

/* Finds the slot holding the name, or the empty slot where it belongs. */
static inline guint64 probe(const SmmNames *names, guint64 hash, const char *str, guint32 len,
                            gboolean *found)
{
    if (G_UNLIKELY(!is_inline(len)))
        return probe_long(names, hash, str, len, found);
    guint64 i = hash & names->mask;
    const Slot *slots = names->slots;
    guint64 a;
    guint32 b;
    inline_key(str, len, &a, &b);
    for (;; i = (i + 1) & names->mask) {
        if (slots[i].a == a && (guint32)slots[i].b == b) {
            *found = TRUE;
            return i;
        }
        if ((guint32)slots[i].b == 0) {
            *found = FALSE;
            return i;
        }
    }
}

/* probe() for a name that is not inline: tags, then the arena. */
static G_GNUC_NO_INLINE guint64 probe_long(const SmmNames *names, guint64 hash, const char *str,
                                           guint32 len, gboolean *found)
{
    guint64 i = hash & names->mask;
    const Slot *slots = names->slots;
    guint32 mark = long_mark(len);
    guint32 tag = (guint32)(hash >> 32);
    for (;; i = (i + 1) & names->mask) {
        guint32 b = (guint32)slots[i].b;
        if (b == 0) {
            *found = FALSE;
            return i;
        }
        if (b == mark && (guint32)(slots[i].a >> 32) == tag) {
            const guint8 *e = entry_at(names, (guint32)slots[i].a);
            if (entry_len(e) == len && memcmp(e + ENTRY_HEADER, str, len) == 0) {
                *found = TRUE;
                return i;
            }
        }
    }
}

/* A table of cap slots over the names. The arena is in id order, so the
 * names are read sequentially; slots of the new table are prefetched
 * DISTANCE names ahead like lookups are. */
static void build_index(SmmNames *names, guint64 cap)
{
    g_free(names->slots);
    names->slots = g_new0(Slot, cap);
    smm_advise_huge(names->slots, cap * sizeof(Slot));
    names->mask = cap - 1;
    guint64 ring[DISTANCE];
    guint32 n = names->count;
    for (guint64 i = 0; i < (guint64)n + DISTANCE; i++) {
        if (i >= DISTANCE) {
            guint32 id = (guint32)(i - DISTANCE);
            guint64 unit = names->entry_of[id];
            const guint8 *e = entry_at(names, unit);
            guint64 h = ring[id % DISTANCE];
            guint64 at = h & names->mask;
            while ((guint32)names->slots[at].b != 0)
                at = (at + 1) & names->mask;
            Slot s = slot_for(h, (const char *)e + ENTRY_HEADER, entry_len(e), unit);
            s.b |= (guint64)id << 32;
            names->slots[at] = s;
        }
        if (i < n) {
            const guint8 *e = entry_at(names, names->entry_of[i]);
            ring[i % DISTANCE] = hash_name((const char *)e + ENTRY_HEADER, entry_len(e));
            __builtin_prefetch(&names->slots[ring[i % DISTANCE] & names->mask]);
        }
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
    }
    if (names->count == names->entry_cap) {
        names->entry_cap *= 2;
        names->entry_of = g_renew(guint32, names->entry_of, names->entry_cap);
    }
    guint32 new_id = names->count++;
    guint8 *e = names->arena + names->arena_used;
    memcpy(e, &len, 4);
    memcpy(e + ENTRY_HEADER, str, len);
    memset(e + ENTRY_HEADER + len, 0, need - ENTRY_HEADER - len);
    names->arena_used += need;
    names->entry_of[new_id] = (guint32)unit;
    Slot s = slot_for(hash, str, len, unit);
    s.b |= (guint64)new_id << 32;
    names->slots[slot] = s;
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
        *id = (guint32)(names->slots[slot].b >> 32);
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
        *id = (guint32)(names->slots[slot].b >> 32);
    return found;
}

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
    for (guint i = 0; i < k + DISTANCE; i++) {
        if (i < k)
            __builtin_prefetch(&names->slots[hash[i] & names->mask]);
        if (i >= DISTANCE) {
            guint r = i - DISTANCE;
            if (!intern_hashed(names, hash[r], str[r], len[r], &ids[r], error))
                return FALSE;
        }
    }
    return TRUE;
}

gboolean smm_names_intern_fields(SmmNames *names, guint rows, guint width, guint stride,
                                 const char *bytes, const guint32 *start, const guint32 *len,
                                 const guint64 *hash, guint32 *ids, GError **error)
{
    g_return_val_if_fail(width >= 1 && width <= stride, FALSE);
    ensure_index(names);
    /* rows are prefetched `ahead` rows before they are looked up */
    const guint64 ahead = MAX(DISTANCE / width, 1);
    for (guint64 r = 0; r < rows + ahead; r++) {
        if (r < rows)
            for (guint c = 0; c < width; c++)
                __builtin_prefetch(&names->slots[hash[r * stride + c] & names->mask]);
        if (r >= ahead) {
            guint64 row = r - ahead;
            for (guint c = 0; c < width; c++) {
                guint64 f = row * stride + c;
                if (!intern_hashed(names, hash[f], bytes + start[f], len[f], &ids[row * width + c],
                                   error))
                    return FALSE;
            }
        }
    }
    return TRUE;
}
