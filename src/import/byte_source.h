/* byte_source.h - the bytes of an input file as UTF-8 text, in chunks.
 *
 * Opens a path, stdin ("-") or bytes in memory, decompresses gzip
 * (recognised by content, not by name), converts from another encoding with
 * GLib's iconv when asked, and drops a leading UTF-8 byte-order mark. A
 * UTF-16 byte-order mark selects UTF-16 without being asked. Private to the
 * import stage.
 */
#ifndef SMM_BYTE_SOURCE_H
#define SMM_BYTE_SOURCE_H

#include <glib.h>

#include "smm/csv_reader.h"

typedef struct SmmByteSource SmmByteSource;

/* Opens options->data when it is set (path then only names the input in
 * messages), else path; converts from options->encoding. */
SmmByteSource *smm_byte_source_open(const char *path, const SmmCsvOptions *options, GError **error);

/* Reads the next chunk of UTF-8 text. Returns its length, 0 at the end of the
 * input, or -1 with error set. `line` is the current line, for messages. The
 * chunk stays valid until the next call. */
gssize smm_byte_source_read(SmmByteSource *src, const char **chunk, guint64 line, GError **error);

/* Whether the next text may be read straight into the caller's buffer
 * (smm_byte_source_read_into): a file or stdin with no conversion and no
 * chunk pending. */
gboolean smm_byte_source_direct(const SmmByteSource *src);
/* Reads up to cap bytes of the next text into buf, as smm_byte_source_read
 * would give them, without the copy; only when smm_byte_source_direct().
 * Returns the length, 0 at the end, or -1 with error set. */
gssize smm_byte_source_read_into(SmmByteSource *src, char *buf, gsize cap, guint64 line,
                                 GError **error);

/* The first chunk, read now and returned again by the next read (to
 * decide the input's format without consuming stdin). Call before any
 * read. */
gssize smm_byte_source_peek(SmmByteSource *src, const char **chunk, GError **error);

/* Bytes of the file consumed so far (compressed bytes for gzip), and its
 * size (0 for stdin or a pipe; the length of bytes in memory): how far the
 * reading is. */
guint64 smm_byte_source_offset(SmmByteSource *src);
guint64 smm_byte_source_size(const SmmByteSource *src);

/* The encoding text is converted from, or NULL for UTF-8. */
const char *smm_byte_source_encoding(const SmmByteSource *src);

void smm_byte_source_close(SmmByteSource *src);

#endif
