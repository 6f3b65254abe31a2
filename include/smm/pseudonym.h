/* pseudonym.h - account names as keyed hashes (--pseudonymize).
 *
 * A name's pseudonym is HMAC-SHA256(key, name), its first 80 bits in
 * RFC 4648 base32 (lowercase, no padding): 16 characters of a-z and 2-7.
 * The same key gives the same pseudonym on any day and machine, so
 * reports made apart still join on the account; without the key, a guess
 * at a name cannot be checked against its pseudonym. 80 bits: two of 10M
 * accounts share a pseudonym with a chance of about 4e-11 (hex in 16
 * characters would carry 64 bits, 3e-6).
 */
#ifndef SMM_PSEUDONYM_H
#define SMM_PSEUDONYM_H

#include <glib.h>

#define SMM_PSEUDONYM_LEN 16
#define SMM_HMAC_SHA256_LEN 32
/* A key file longer than this is not a key (and /dev/zero never ends). */
#define SMM_PSEUDONYM_MAX_KEY (1u << 20)

typedef struct SmmPseudonym SmmPseudonym;

/* The key's bytes are absorbed at once; the caller keeps `key`. */
SmmPseudonym *smm_pseudonym_new(const guint8 *key, gsize key_len);
/* The key is every byte of the file (a final newline included). An
 * unreadable, empty or over-long file is an error naming the file. */
SmmPseudonym *smm_pseudonym_from_file(const char *path, GError **error);
void smm_pseudonym_free(SmmPseudonym *p);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SmmPseudonym, smm_pseudonym_free)

/* HMAC-SHA256(key, data). */
void smm_pseudonym_digest(const SmmPseudonym *p, const char *data, gsize len,
                          guint8 digest[SMM_HMAC_SHA256_LEN]);
/* name's pseudonym, NUL-terminated. Any number of threads may ask at once. */
void smm_pseudonym_of(const SmmPseudonym *p, const char *name, gsize len,
                      char out[SMM_PSEUDONYM_LEN + 1]);

/* The first n_chars characters of data's RFC 4648 base32 encoding,
 * lowercase, no padding (n_chars at most ceil(len * 8 / 5)), then a NUL. */
void smm_base32(const guint8 *data, gsize len, char *out, gsize n_chars);

#endif
