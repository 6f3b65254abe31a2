/* test_quote.c - values as messages show them (smm_quote_value) and the one
 * grammar of numbers (smm_parse_decimal). */
#include <string.h>

#include "smm/core.h"

static void expect_quote(const char *s, gssize len, const char *want)
{
    g_autofree gchar *got = smm_quote_value(s, len);
    g_assert_cmpstr(got, ==, want);
}

static void test_quote_escapes(void)
{
    expect_quote("alice", -1, "'alice'");
    expect_quote("", -1, "''");
    expect_quote("0.5\nx", -1, "'0.5\\nx'");
    expect_quote("a\r\tb", -1, "'a\\r\\tb'");
    expect_quote("\033[31mred\033[0m", -1, "'\\x1b[31mred\\x1b[0m'");
    expect_quote("0.5\0junk", 8, "'0.5\\x00junk'");
    expect_quote("del\x7f", -1, "'del\\x7f'");
    expect_quote("it's a\\b", -1, "'it\\'s a\\\\b'");
    /* UTF-8 text is kept; bytes that are not UTF-8 are shown as bytes */
    expect_quote("caf\xc3\xa9 \xf0\x9f\x98\x80", -1, "'caf\xc3\xa9 \xf0\x9f\x98\x80'");
    expect_quote("caf\xe9", -1, "'caf\\xe9'");
    expect_quote("\xc3", -1, "'\\xc3'");
    /* C1 controls, bidi overrides and the BOM are named, not obeyed */
    expect_quote("a\xc2\x9b"
                 "b",
                 -1, "'a\\u009Bb'");
    expect_quote("\xe2\x80\xae"
                 "evil",
                 -1, "'\\u202Eevil'");
    expect_quote("\xef\xbb\xbf"
                 "x",
                 -1, "'\\uFEFFx'");
}

static void test_quote_cuts_long_values(void)
{
    g_autofree gchar *long_value = g_strnfill(1000, 'x');
    g_autofree gchar *want = g_strdup_printf("'%.*s'... (1000 bytes)", 64, long_value);
    expect_quote(long_value, -1, want);
    /* exactly 64 characters: whole */
    g_autofree gchar *sixty_four = g_strnfill(64, 'y');
    g_autofree gchar *whole = g_strdup_printf("'%s'", sixty_four);
    expect_quote(sixty_four, -1, whole);
    /* characters, not bytes: 70 two-byte characters cut after 64 of them */
    GString *e = g_string_new(NULL);
    for (int i = 0; i < 70; i++)
        g_string_append(e, "\xc3\xa9");
    g_autofree gchar *got = smm_quote_value(e->str, (gssize)e->len);
    g_assert_true(g_str_has_suffix(got, "'... (140 bytes)"));
    g_assert_true(g_utf8_validate(got, -1, NULL));
    g_assert_cmpuint(strlen(got), ==, 1 + 128 + 1 + strlen("... (140 bytes)"));
    g_string_free(e, TRUE);
    /* whatever the bytes, the result is one printable line */
    char all[256];
    for (int i = 0; i < 256; i++)
        all[i] = (char)i;
    g_autofree gchar *bytes = smm_quote_value(all, sizeof all);
    for (const char *p = bytes; *p; p++)
        g_assert_true(*p >= 0x20 && *p < 0x7f);
}

static void test_decimal(void)
{
    static const char *const good[] = {"0",     "1",      "0.5", ".5",   "5.", "-3",
                                       "+0.25", "2.5e-1", "1E3", "1e+3", "007"};
    static const double value[] = {0, 1, 0.5, 0.5, 5, -3, 0.25, 0.25, 1000, 1000, 7};
    for (guint i = 0; i < G_N_ELEMENTS(good); i++) {
        double v = -99;
        g_assert_true(smm_parse_decimal(good[i], strlen(good[i]), &v));
        g_assert_cmpfloat(v, ==, value[i]);
    }
    static const char *const bad[] = {
        "",    ".",   "-",    "+",    "e5",  "1e",    "1e+", "0x1p-2", "0x10",   "inf",     "-inf",
        "nan", "NaN", " 0.5", "0.5 ", "1,5", "1.5.2", "--1", "1e999",  "-1e999", "infinity"};
    for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
        double v = -99;
        if (smm_parse_decimal(bad[i], strlen(bad[i]), &v))
            g_error("'%s' was read as %g", bad[i], v);
        g_assert_cmpfloat(v, ==, -99);
    }
    /* the length is the value's: a NUL inside ends nothing */
    double v;
    g_assert_false(smm_parse_decimal("0.5\0junk", 8, &v));
    g_assert_true(smm_parse_decimal("0.5\0junk", 3, &v));
    g_assert_cmpfloat(v, ==, 0.5);
    /* long but plain */
    g_autofree gchar *run = g_strnfill(200, '0');
    g_autofree gchar *zeros = g_strdup_printf("0.%s1", run);
    g_assert_true(smm_parse_decimal(zeros, strlen(zeros), &v));
    g_assert_cmpfloat(v, >, 0);
    g_assert_cmpfloat(v, <, 1e-199);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/quote/escapes", test_quote_escapes);
    g_test_add_func("/quote/cuts-long-values", test_quote_cuts_long_values);
    g_test_add_func("/quote/decimal", test_decimal);
    return g_test_run();
}
