/* byte_source.c - file, stdin or memory, through zlib, through iconv, minus
 * the BOM.
 *
 * zlib's gzread() passes uncompressed input through unchanged, so one code
 * path serves plain and gzip files alike, including gzip on stdin. Bytes in
 * memory (the fuzz targets) follow gzread()'s rules with inflate().
 */
#include "byte_source.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "smm/core.h"

#define CHUNK (1u << 20)

struct SmmByteSource {
    char *path; /* for messages */
    gzFile gz;  /* a file or stdin; NULL for bytes in memory */
    const guint8 *mem;
    gsize mem_len, mem_pos;
    z_stream *zs; /* inflating gzip bytes in memory, or NULL */
    gboolean member_done;
    char *raw;     /* bytes as read */
    gsize chunk;   /* raw's size: CHUNK, less for a short text in memory */
    gsize raw_len; /* valid bytes in raw */
    gsize raw_pos; /* bytes of raw already converted */
    gboolean at_start;
    gboolean eof;
    GIConv cd; /* (GIConv)-1 when no conversion */
    char *encoding;
    char *out;          /* converted text */
    guint64 size;       /* of a regular file; 0 else */
    const char *peeked; /* the first chunk, for the next read to return again */
    gssize peeked_len;
};

static void set_io_error(SmmByteSource *src, const char *what, int errnum, GError **error)
{
    g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "%s: %s: %s", src->path, what, g_strerror(errnum));
}

static gboolean corrupt_gzip(SmmByteSource *src, guint64 line, const char *msg, GError **error)
{
    g_set_error(error, SMM_ERROR, SMM_ERROR_PARSE,
                "%s:%" G_GUINT64_FORMAT ": corrupt gzip data: %s", src->path, line, msg);
    return FALSE;
}

/* Up to `want` bytes of uncompressed input into buf; *got is 0 at the end. */
static gboolean read_gz(SmmByteSource *src, char *buf, unsigned want, guint64 line, gsize *got,
                        GError **error)
{
    int n = gzread(src->gz, buf, want);
    int errnum = 0;
    const char *msg = n <= 0 ? gzerror(src->gz, &errnum) : NULL;
    if (n < 0 && errnum == Z_ERRNO) {
        set_io_error(src, "read error", errno, error);
        return FALSE;
    }
    if (n < 0 || (n == 0 && errnum != Z_OK)) {
        /* zlib names a gzdopen()ed file "<fd:N>"; the message names it already */
        const char *sep = g_str_has_prefix(msg, "<fd:") ? strstr(msg, ": ") : NULL;
        return corrupt_gzip(src, line, sep != NULL ? sep + 2 : msg, error);
    }
    *got = (gsize)n;
    return TRUE;
}

static gboolean is_gzip(const guint8 *p, gsize len)
{
    return len >= 2 && p[0] == 0x1F && p[1] == 0x8B;
}

/* The same from memory, as gzread() would read the bytes from a file: gzip
 * members one after another, whatever follows the last one ignored, input
 * that does not start like gzip passed through. */
static gboolean read_memory(SmmByteSource *src, char *buf, unsigned want, guint64 line, gsize *got,
                            GError **error)
{
    z_stream *zs = src->zs;
    if (zs == NULL) {
        *got = MIN(want, src->mem_len - src->mem_pos);
        memcpy(buf, src->mem + src->mem_pos, *got);
        src->mem_pos += *got;
        return TRUE;
    }
    zs->next_out = (Bytef *)buf;
    zs->avail_out = want;
    while (zs->avail_out == want) {
        gsize left = src->mem_len - src->mem_pos;
        if (src->member_done) {
            if (!is_gzip(src->mem + src->mem_pos, left))
                break;
            inflateReset(zs);
            src->member_done = FALSE;
        }
        uInt given = (uInt)MIN(left, G_MAXUINT);
        zs->next_in = (Bytef *)src->mem + src->mem_pos;
        zs->avail_in = given;
        int rc = inflate(zs, Z_NO_FLUSH);
        src->mem_pos += given - zs->avail_in;
        if (rc == Z_STREAM_END)
            src->member_done = TRUE;
        else if (rc == Z_BUF_ERROR) /* no progress with room for output: no input left */
            return corrupt_gzip(src, line, "unexpected end of file", error);
        else if (rc != Z_OK)
            return corrupt_gzip(src, line, zs->msg != NULL ? zs->msg : zError(rc), error);
    }
    *got = want - zs->avail_out;
    return TRUE;
}

/* Refills raw (keeping unconverted bytes) from the input. */
static gboolean fill_raw(SmmByteSource *src, guint64 line, GError **error)
{
    gsize keep = src->raw_len - src->raw_pos;
    memmove(src->raw, src->raw + src->raw_pos, keep);
    src->raw_len = keep;
    src->raw_pos = 0;
    while (!src->eof && src->raw_len < src->chunk) {
        gsize got = 0;
        char *at = src->raw + src->raw_len;
        unsigned want = (unsigned)(src->chunk - src->raw_len);
        if (!(src->gz != NULL ? read_gz : read_memory)(src, at, want, line, &got, error))
            return FALSE;
        src->eof = got == 0;
        src->raw_len += got;
        if (got > 0 && src->cd == (GIConv)-1)
            break; /* plain UTF-8: hand out what we have */
    }
    return TRUE;
}

static gboolean open_converter(SmmByteSource *src, const char *encoding, GError **error)
{
    src->cd = g_iconv_open("UTF-8", encoding);
    if (src->cd == (GIConv)-1) {
        g_autofree gchar *q = smm_quote_value(encoding, -1);
        g_set_error(error, SMM_ERROR, SMM_ERROR_INVALID,
                    "unknown encoding %s (try windows-1252, latin1 or UTF-16)", q);
        return FALSE;
    }
    src->encoding = g_strdup(encoding);
    return TRUE;
}

static gboolean open_file(SmmByteSource *src, const char *path, GError **error)
{
    int fd = g_strcmp0(path, "-") == 0 ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        set_io_error(src, "cannot open", errno, error);
        return FALSE;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        src->size = (guint64)st.st_size;
    src->gz = gzdopen(fd, "rb");
    if (src->gz == NULL) {
        close(fd);
        g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "%s: cannot open: out of memory", src->path);
        return FALSE;
    }
    gzbuffer(src->gz, 1u << 18);
    return TRUE;
}

static gboolean open_memory(SmmByteSource *src, const SmmCsvOptions *options, GError **error)
{
    src->mem = options->data;
    src->mem_len = options->data_len;
    src->size = options->data_len;
    if (!is_gzip(src->mem, src->mem_len))
        return TRUE;
    src->zs = g_new0(z_stream, 1);
    if (inflateInit2(src->zs, 15 + 16) != Z_OK) { /* 16: gzip, not zlib, headers */
        g_clear_pointer(&src->zs, g_free);
        g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "%s: cannot open: out of memory", src->path);
        return FALSE;
    }
    return TRUE;
}

SmmByteSource *smm_byte_source_open(const char *path, const SmmCsvOptions *options, GError **error)
{
    SmmByteSource *src = g_new0(SmmByteSource, 1);
    src->path = g_strdup(smm_display_name(path));
    src->cd = (GIConv)-1;
    src->at_start = TRUE;
    if (!(options->data != NULL ? open_memory(src, options, error) : open_file(src, path, error))) {
        smm_byte_source_close(src);
        return NULL;
    }
    /* Plain bytes in memory are handed out where they are: no raw buffer
     * unless they need converting (the fuzz targets read thousands of
     * small inputs a second). */
    gboolean in_place = src->mem != NULL && src->zs == NULL;
    src->chunk = in_place ? CLAMP(src->mem_len, 64, CHUNK) : CHUNK;
    if (!in_place)
        src->raw = g_malloc(src->chunk);

    const char *encoding = options->encoding;

    if (encoding != NULL && g_ascii_strcasecmp(encoding, "UTF-8") != 0 &&
        g_ascii_strcasecmp(encoding, "UTF8") != 0) {
        if (!open_converter(src, encoding, error)) {
            smm_byte_source_close(src);
            return NULL;
        }
    } else if (encoding == NULL) {
        /* Sniff the first bytes for a byte-order mark (a pipe may deliver
         * them one at a time). */
        while (!in_place && !src->eof && src->raw_len < 3) {
            if (!fill_raw(src, 1, error)) {
                smm_byte_source_close(src);
                return NULL;
            }
        }
        const guchar *b = in_place ? src->mem : (const guchar *)src->raw;
        gsize have = in_place ? src->mem_len : src->raw_len;
        if (have >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
            /* A spreadsheet's "Unicode text" export; iconv's UTF-16 reads the BOM. */
            if (!open_converter(src, "UTF-16", error)) {
                smm_byte_source_close(src);
                return NULL;
            }
        }
    }
    if (src->cd != (GIConv)-1) {
        if (src->raw == NULL)
            src->raw = g_malloc(src->chunk);
        src->out = g_malloc(src->chunk * 4 + 16);
    }
    return src;
}

guint64 smm_byte_source_offset(SmmByteSource *src)
{
    if (src->gz == NULL)
        return src->mem_pos;
    z_off_t at = gzoffset(src->gz);
    return at > 0 ? (guint64)at : 0;
}

guint64 smm_byte_source_size(const SmmByteSource *src)
{
    return src->size;
}

const char *smm_byte_source_encoding(const SmmByteSource *src)
{
    return src->encoding;
}

static gssize convert(SmmByteSource *src, guint64 line, GError **error)
{
    gchar *in = src->raw + src->raw_pos;
    gsize in_left = src->raw_len - src->raw_pos;
    gchar *out = src->out;
    gsize out_left = src->chunk * 4;
    gsize rc = g_iconv(src->cd, &in, &in_left, &out, &out_left);
    src->raw_pos = src->raw_len - in_left;
    if (rc == (gsize)-1 && errno == EILSEQ) {
        /* Hand out what converted cleanly first: the error is reported at the
         * next call, once the caller's line count includes it. */
        if (out > src->out)
            return out - src->out;
        g_set_error(error, SMM_ERROR, SMM_ERROR_PARSE,
                    "%s:%" G_GUINT64_FORMAT ": byte 0x%02X is not valid %s text; check --encoding",
                    src->path, line, (guchar)*in, src->encoding);
        return -1;
    }
    if (rc == (gsize)-1 && errno == EINVAL && src->eof && out == src->out) {
        /* Unconvertible leftovers at the end: a character cut short. */
        g_set_error(error, SMM_ERROR, SMM_ERROR_PARSE,
                    "%s:%" G_GUINT64_FORMAT ": the file ends inside a %s character", src->path,
                    line, src->encoding);
        return -1;
    }
    /* E2BIG and EINVAL (a character cut at the chunk's end) resolve on the next call. */
    return out - src->out;
}

gssize smm_byte_source_read(SmmByteSource *src, const char **chunk, guint64 line, GError **error)
{
    if (src->peeked != NULL) {
        *chunk = src->peeked;
        src->peeked = NULL;
        return src->peeked_len;
    }
    for (;;) {
        const char *text;
        gssize len;
        if (src->raw == NULL) {
            if (src->mem_pos == src->mem_len)
                return 0;
            text = (const char *)src->mem + src->mem_pos;
            len = (gssize)MIN(CHUNK, src->mem_len - src->mem_pos);
            src->mem_pos += (gsize)len;
        } else if (src->cd == (GIConv)-1) {
            if (src->raw_pos >= src->raw_len) {
                if (src->eof || !fill_raw(src, line, error))
                    return src->eof ? 0 : -1;
                if (src->raw_len == 0)
                    return 0;
            }
            text = src->raw + src->raw_pos;
            len = (gssize)(src->raw_len - src->raw_pos);
            src->raw_pos = src->raw_len;
        } else {
            if (!src->eof && src->raw_len - src->raw_pos < src->chunk / 2 &&
                !fill_raw(src, line, error))
                return -1;
            if (src->raw_pos >= src->raw_len)
                return 0;
            len = convert(src, line, error);
            if (len <= 0)
                return len < 0 ? -1 : 0;
            text = src->out;
        }
        if (src->at_start) {
            src->at_start = FALSE;
            if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
                text += 3;
                len -= 3;
                if (len == 0)
                    continue;
            }
        }
        *chunk = text;
        return len;
    }
}

gboolean smm_byte_source_direct(const SmmByteSource *src)
{
    return src->gz != NULL && src->cd == (GIConv)-1 && src->peeked == NULL && !src->at_start &&
           src->raw_pos >= src->raw_len;
}

gssize smm_byte_source_read_into(SmmByteSource *src, char *buf, gsize cap, guint64 line,
                                 GError **error)
{
    g_return_val_if_fail(smm_byte_source_direct(src), -1);
    if (src->eof)
        return 0;
    gsize got = 0;
    if (!read_gz(src, buf, (unsigned)MIN(cap, G_MAXINT), line, &got, error))
        return -1;
    src->eof = got == 0;
    return (gssize)got;
}

gssize smm_byte_source_peek(SmmByteSource *src, const char **chunk, GError **error)
{
    gssize len = smm_byte_source_read(src, chunk, 1, error);
    if (len > 0) {
        src->peeked = *chunk;
        src->peeked_len = len;
    }
    return len;
}

void smm_byte_source_close(SmmByteSource *src)
{
    if (src == NULL)
        return;
    if (src->gz != NULL)
        gzclose(src->gz);
    if (src->zs != NULL) {
        inflateEnd(src->zs);
        g_free(src->zs);
    }
    if (src->cd != (GIConv)-1)
        g_iconv_close(src->cd);
    g_free(src->raw);
    g_free(src->out);
    g_free(src->encoding);
    g_free(src->path);
    g_free(src);
}
