/* bytes.h - little-endian integers at any address: the byte order of the
 * graph file and of XXH64, and the words the name hash reads. memcpy
 * compiles to a single load or store. */
#ifndef SMM_BYTES_H
#define SMM_BYTES_H

#include <glib.h>
#include <string.h>

static inline guint32 smm_load_le32(const void *at)
{
    guint32 v;
    memcpy(&v, at, 4);
    return GUINT32_FROM_LE(v);
}

static inline guint64 smm_load_le64(const void *at)
{
    guint64 v;
    memcpy(&v, at, 8);
    return GUINT64_FROM_LE(v);
}

static inline void smm_store_le32(void *at, guint32 v)
{
    v = GUINT32_TO_LE(v);
    memcpy(at, &v, 4);
}

static inline void smm_store_le64(void *at, guint64 v)
{
    v = GUINT64_TO_LE(v);
    memcpy(at, &v, 8);
}

#endif
