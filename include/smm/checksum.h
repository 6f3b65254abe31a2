/* checksum.h - 64-bit checksums that catch damaged files (not tampering). */
#ifndef SMM_CHECKSUM_H
#define SMM_CHECKSUM_H

#include <glib.h>

#define SMM_CHECKSUM_BLOCK ((gsize)1 << 20)

/* The checksum of len bytes (byte order independent: words are read
 * little-endian). */
guint64 smm_checksum(const void *data, gsize len);

/* The checksum of the checksums of each SMM_CHECKSUM_BLOCK bytes, computed
 * on n_threads threads; the same value for any n_threads. */
guint64 smm_checksum_blocks(const void *data, gsize len, guint n_threads);

#endif
