/* pseudonym.c - keyed hashes of account names (pseudonym.h). GLib's GHmac
 * absorbs the key once; each name is hashed on a copy of that state, so
 * the template is only read and threads can share it. */
#include "smm/pseudonym.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "smm/core.h"

struct SmmPseudonym {
    GHmac *keyed; /* the key absorbed; never updated */
};

SmmPseudonym *smm_pseudonym_new(const guint8 *key, gsize key_len)
{
    SmmPseudonym *p = g_new(SmmPseudonym, 1);
    p->keyed = g_hmac_new(G_CHECKSUM_SHA256, key, key_len);
    return p;
}

void smm_pseudonym_free(SmmPseudonym *p)
{
    if (p == NULL)
        return;
    g_hmac_unref(p->keyed);
    g_free(p);
}

/* Up to SMM_PSEUDONYM_MAX_KEY + 1 bytes of the file: one more than a key
 * may have, to tell an over-long file. */
static GByteArray *read_key(const char *path, GError **error)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "%s: cannot read the key file: %s", path,
                    g_strerror(e));
        return NULL;
    }
    GByteArray *key = g_byte_array_sized_new(256);
    guint8 buf[4096];
    while (key->len <= SMM_PSEUDONYM_MAX_KEY) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            g_set_error(error, SMM_ERROR, SMM_ERROR_IO, "%s: cannot read the key file: %s", path,
                        g_strerror(e));
            close(fd);
            /* the key's bytes go before the memory does */
            memset(key->data, 0, key->len);
            g_byte_array_unref(key);
            return NULL;
        }
        if (n == 0)
            break;
        g_byte_array_append(key, buf, (guint)n);
    }
    close(fd);
    memset(buf, 0, sizeof buf);
    return key;
}

SmmPseudonym *smm_pseudonym_from_file(const char *path, GError **error)
{
    GByteArray *key = read_key(path, error);
    if (key == NULL)
        return NULL;
    SmmPseudonym *p = NULL;
    if (key->len == 0)
        g_set_error(error, SMM_ERROR, SMM_ERROR_DATA, "%s: the key file is empty", path);
    else if (key->len > SMM_PSEUDONYM_MAX_KEY)
        g_set_error(error, SMM_ERROR, SMM_ERROR_DATA,
                    "%s: the key file is longer than %u bytes: not a key", path,
                    SMM_PSEUDONYM_MAX_KEY);
    else
        p = smm_pseudonym_new(key->data, key->len);
    memset(key->data, 0, key->len);
    g_byte_array_unref(key);
    return p;
}

void smm_pseudonym_digest(const SmmPseudonym *p, const char *data, gsize len,
                          guint8 digest[SMM_HMAC_SHA256_LEN])
{
    GHmac *h = g_hmac_copy(p->keyed);
    g_hmac_update(h, (const guchar *)data, (gssize)len);
    gsize n = SMM_HMAC_SHA256_LEN;
    g_hmac_get_digest(h, digest, &n);
    g_hmac_unref(h);
}

void smm_pseudonym_of(const SmmPseudonym *p, const char *name, gsize len,
                      char out[SMM_PSEUDONYM_LEN + 1])
{
    guint8 digest[SMM_HMAC_SHA256_LEN];
    smm_pseudonym_digest(p, name, len, digest);
    /* 16 characters of 5 bits: the digest's first 10 bytes */
    smm_base32(digest, SMM_PSEUDONYM_LEN * 5 / 8, out, SMM_PSEUDONYM_LEN);
}

void smm_base32(const guint8 *data, gsize len, char *out, gsize n_chars)
{
    static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
    guint64 bits = 0;
    guint have = 0;
    gsize in = 0, i = 0;
    while (i < n_chars) {
        if (have < 5 && in < len) {
            bits = (bits << 8) | data[in++];
            have += 8;
            continue;
        }
        /* the last group is padded with zero bits on the right */
        guint v = have >= 5 ? (guint)(bits >> (have - 5)) & 31 : (guint)(bits << (5 - have)) & 31;
        have = have >= 5 ? have - 5 : 0;
        out[i++] = alphabet[v];
    }
    out[n_chars] = '\0';
}
