/* test_pseudonym.c - keyed hashes of account names: HMAC-SHA256 against
 * RFC 4231's vectors, base32 against RFC 4648's, the pseudonym as their
 * composition, and key files. */
#include <glib/gstdio.h>
#include <string.h>

#include "smm/core.h"
#include "smm/pseudonym.h"

static gchar *hex(const guint8 *d, gsize n)
{
    GString *s = g_string_new(NULL);
    for (gsize i = 0; i < n; i++)
        g_string_append_printf(s, "%02x", d[i]);
    return g_string_free(s, FALSE);
}

static gchar *hmac_hex(const guint8 *key, gsize key_len, const char *data, gsize len)
{
    g_autoptr(SmmPseudonym) p = smm_pseudonym_new(key, key_len);
    guint8 digest[SMM_HMAC_SHA256_LEN];
    smm_pseudonym_digest(p, data, len, digest);
    return hex(digest, sizeof digest);
}

/* RFC 4231 test cases 1, 2 and 6 (a key longer than SHA-256's block). */
static void test_hmac_vectors(void)
{
    guint8 key1[20];
    memset(key1, 0x0b, sizeof key1);
    g_autofree gchar *d1 = hmac_hex(key1, sizeof key1, "Hi There", 8);
    g_assert_cmpstr(d1, ==, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");

    const char *data2 = "what do ya want for nothing?";
    g_autofree gchar *d2 = hmac_hex((const guint8 *)"Jefe", 4, data2, strlen(data2));
    g_assert_cmpstr(d2, ==, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");

    guint8 key6[131];
    memset(key6, 0xaa, sizeof key6);
    const char *data6 = "Test Using Larger Than Block-Size Key - Hash Key First";
    g_autofree gchar *d6 = hmac_hex(key6, sizeof key6, data6, strlen(data6));
    g_assert_cmpstr(d6, ==, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

/* RFC 4648 section 10, lowercase and without the padding. */
static void test_base32_vectors(void)
{
    const char *in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    const char *want[] = {"", "my", "mzxq", "mzxw6", "mzxw6yq", "mzxw6ytb", "mzxw6ytboi"};
    for (guint i = 0; i < G_N_ELEMENTS(in); i++) {
        char out[16];
        gsize len = strlen(in[i]);
        smm_base32((const guint8 *)in[i], len, out, (len * 8 + 4) / 5);
        g_assert_cmpstr(out, ==, want[i]);
    }
    /* cut short: the first characters of the whole encoding */
    char cut[4];
    smm_base32((const guint8 *)"foobar", 6, cut, 3);
    g_assert_cmpstr(cut, ==, "mzx");
}

/* The pseudonym is the base32 of the HMAC's first 80 bits: RFC 4231's
 * case 2 digest 5bdcc146bf60754e6a04... encodes as lpomcrv7mb2u42qe
 * (Python: base64.b32encode(digest)[:16].lower()). */
static void test_pseudonym(void)
{
    g_autoptr(SmmPseudonym) p = smm_pseudonym_new((const guint8 *)"Jefe", 4);
    const char *name = "what do ya want for nothing?";
    char out[SMM_PSEUDONYM_LEN + 1];
    smm_pseudonym_of(p, name, strlen(name), out);
    g_assert_cmpstr(out, ==, "lpomcrv7mb2u42qe");
    g_assert_cmpuint(strlen(out), ==, SMM_PSEUDONYM_LEN);

    /* stable, and a function of the key */
    char again[SMM_PSEUDONYM_LEN + 1], other[SMM_PSEUDONYM_LEN + 1];
    g_autoptr(SmmPseudonym) same = smm_pseudonym_new((const guint8 *)"Jefe", 4);
    g_autoptr(SmmPseudonym) jeff = smm_pseudonym_new((const guint8 *)"Jeff", 4);
    smm_pseudonym_of(same, name, strlen(name), again);
    smm_pseudonym_of(jeff, name, strlen(name), other);
    g_assert_cmpstr(again, ==, out);
    g_assert_cmpstr(other, !=, out);
    /* the length is part of the name: "ab" is not "a" */
    char a[SMM_PSEUDONYM_LEN + 1], ab[SMM_PSEUDONYM_LEN + 1];
    smm_pseudonym_of(p, "ab", 1, a);
    smm_pseudonym_of(p, "ab", 2, ab);
    g_assert_cmpstr(a, !=, ab);
}

static gchar *write_key(const char *dir, const char *name, const char *bytes, gsize len)
{
    gchar *path = g_build_filename(dir, name, NULL);
    g_assert_true(g_file_set_contents(path, bytes, (gssize)len, NULL));
    return path;
}

/* The key is the file's bytes, all of them; empty, missing and huge files
 * are errors that name the file and never show the key. */
static void test_key_file(void)
{
    g_autofree gchar *dir = g_dir_make_tmp("smm-key-XXXXXX", NULL);
    g_assert_nonnull(dir);
    g_autofree gchar *jefe = write_key(dir, "jefe", "Jefe", 4);
    g_autofree gchar *newline = write_key(dir, "newline", "Jefe\n", 5);
    g_autofree gchar *empty = write_key(dir, "empty", "", 0);
    g_autofree gchar *missing = g_build_filename(dir, "missing", NULL);
    gsize big_len = SMM_PSEUDONYM_MAX_KEY + 1;
    g_autofree gchar *big_bytes = g_malloc0(big_len);
    g_autofree gchar *big = write_key(dir, "big", big_bytes, big_len);

    g_autoptr(GError) error = NULL;
    g_autoptr(SmmPseudonym) p = smm_pseudonym_from_file(jefe, &error);
    g_assert_no_error(error);
    const char *name = "what do ya want for nothing?";
    char out[SMM_PSEUDONYM_LEN + 1];
    smm_pseudonym_of(p, name, strlen(name), out);
    g_assert_cmpstr(out, ==, "lpomcrv7mb2u42qe");

    g_autoptr(SmmPseudonym) q = smm_pseudonym_from_file(newline, &error);
    g_assert_no_error(error);
    smm_pseudonym_of(q, name, strlen(name), out);
    g_assert_cmpstr(out, !=, "lpomcrv7mb2u42qe");

    struct {
        const char *path;
        int code;
        const char *says;
    } bad[] = {{empty, SMM_ERROR_DATA, "is empty"},
               {missing, SMM_ERROR_IO, "No such file"},
               {dir, SMM_ERROR_IO, "cannot read the key file"},
               {big, SMM_ERROR_DATA, "not a key"}};
    for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autoptr(GError) e = NULL;
        g_assert_null(smm_pseudonym_from_file(bad[i].path, &e));
        g_assert_error(e, SMM_ERROR, bad[i].code);
        g_assert_true(g_str_has_prefix(e->message, bad[i].path));
        g_assert_nonnull(strstr(e->message, bad[i].says));
        g_assert_null(strchr(e->message, '\n'));
    }
    g_remove(jefe);
    g_remove(newline);
    g_remove(empty);
    g_remove(big);
    g_rmdir(dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/pseudonym/hmac-rfc4231", test_hmac_vectors);
    g_test_add_func("/pseudonym/base32-rfc4648", test_base32_vectors);
    g_test_add_func("/pseudonym/name", test_pseudonym);
    g_test_add_func("/pseudonym/key-file", test_key_file);
    return g_test_run();
}
