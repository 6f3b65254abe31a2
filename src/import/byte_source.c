/* byte_source.c - file or stdin, through zlib, through iconv, minus the BOM.
 *
 * zlib's gzread() passes uncompressed input through unchanged, so one code
 * path serves plain and gzip files alike, including gzip on stdin.
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
    gzFile gz;
    char *raw;     /* bytes as read */
    gsize raw_len; /* valid bytes in raw */
    gsize raw_pos; /* bytes of raw already converted */
    gboolean at_start;
    gboolean eof;
    GIConv cd; /* (GIConv)-1 when no conversion */
    char *encoding;
    char *out;    /* converted text */
    guint64 size; /* of a regular file; 0 else */
};

static void set_io_error(SmmByteSource *src, const char *what, int errnum, GError **error)
{
    g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "%s: %s: %s", src->path, what, g_strerror(errnum));
}

/* Refills raw (keeping unconverted bytes) from the gzip stream. */
static gboolean fill_raw(SmmByteSource *src, guint64 line, GError **error)
{
    gsize keep = src->raw_len - src->raw_pos;
    memmove(src->raw, src->raw + src->raw_pos, keep);
    src->raw_len = keep;
    src->raw_pos = 0;
    while (!src->eof && src->raw_len < CHUNK) {
        int got = gzread(src->gz, src->raw + src->raw_len, CHUNK - (unsigned)src->raw_len);
        if (got < 0) {
            int errnum = 0;
            const char *msg = gzerror(src->gz, &errnum);
            if (errnum == Z_ERRNO)
                set_io_error(src, "read error", errno, error);
            else
                g_set_error(error, SMM_ERROR, SMM_ERROR_PARSE,
                            "%s:%" G_GUINT64_FORMAT ": corrupt gzip data: %s", src->path, line,
                            msg);
            return FALSE;
        }
        if (got == 0) {
            int errnum = 0;
            const char *msg = gzerror(src->gz, &errnum);
            if (errnum != Z_OK) {
                g_set_error(error, SMM_ERROR, SMM_ERROR_PARSE,
                            "%s:%" G_GUINT64_FORMAT ": corrupt gzip data: %s", src->path, line,
                            msg);
                return FALSE;
            }
            src->eof = TRUE;
        }
        src->raw_len += (gsize)got;
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

SmmByteSource *smm_byte_source_open(const char *path, const char *encoding, GError **error)
{
    g_autoptr(GError) local = NULL;
    SmmByteSource *src = g_new0(SmmByteSource, 1);
    src->path = g_strdup(smm_display_name(path));
    src->cd = (GIConv)-1;
    src->at_start = TRUE;

    int fd = g_strcmp0(path, "-") == 0 ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        set_io_error(src, "cannot open", errno, error);
        smm_byte_source_close(src);
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        src->size = (guint64)st.st_size;
    src->gz = gzdopen(fd, "rb");
    if (src->gz == NULL) {
        close(fd);
        g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "%s: cannot open: out of memory", src->path);
        smm_byte_source_close(src);
        return NULL;
    }
    gzbuffer(src->gz, 1u << 18);
    src->raw = g_malloc(CHUNK);

    if (encoding != NULL && g_ascii_strcasecmp(encoding, "UTF-8") != 0 &&
        g_ascii_strcasecmp(encoding, "UTF8") != 0) {
        if (!open_converter(src, encoding, error)) {
            smm_byte_source_close(src);
            return NULL;
        }
    } else if (encoding == NULL) {
        /* Sniff the first bytes for a byte-order mark (a pipe may deliver
         * them one at a time). */
        while (!src->eof && src->raw_len < 3) {
            if (!fill_raw(src, 1, error)) {
                smm_byte_source_close(src);
                return NULL;
            }
        }
        const guchar *b = (const guchar *)src->raw;
        if (src->raw_len >= 2 &&
            ((b[0] == 0xFF && b[1] == 0xFE) || (b[0] == 0xFE && b[1] == 0xFF))) {
            /* A spreadsheet's "Unicode text" export; iconv's UTF-16 reads the BOM. */
            if (!open_converter(src, "UTF-16", error)) {
                smm_byte_source_close(src);
                return NULL;
            }
        }
    }
    if (src->cd != (GIConv)-1)
        src->out = g_malloc(CHUNK * 4 + 16);
    return src;
}

guint64 smm_byte_source_offset(SmmByteSource *src)
{
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
    gsize out_left = CHUNK * 4;
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
    for (;;) {
        const char *text;
        gssize len;
        if (src->cd == (GIConv)-1) {
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
            if (!src->eof && src->raw_len - src->raw_pos < CHUNK / 2 && !fill_raw(src, line, error))
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

void smm_byte_source_close(SmmByteSource *src)
{
    if (src == NULL)
        return;
    if (src->gz != NULL)
        gzclose(src->gz);
    if (src->cd != (GIConv)-1)
        g_iconv_close(src->cd);
    g_free(src->raw);
    g_free(src->out);
    g_free(src->encoding);
    g_free(src->path);
    g_free(src);
}
