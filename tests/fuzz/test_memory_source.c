/* test_memory_source.c - input from memory (SmmCsvOptions.data, what the
 * fuzz targets read) is read as the same bytes in a file are: plain text,
 * gzip (members one after another, bytes after the last ignored, cut short
 * or corrupt refused), byte-order marks, encodings, inputs longer than a
 * chunk; the same edges, names, stats and errors. */
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <zlib.h>

#include "smm/import.h"

static gchar *tmp_dir;

static GBytes *gzip(const char *text, gsize len)
{
    z_stream zs = {0};
    g_assert_cmpint(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), ==, Z_OK);
    gsize cap = deflateBound(&zs, (uLong)len);
    guint8 *out = g_malloc(cap);
    zs.next_in = (Bytef *)text;
    zs.avail_in = (uInt)len;
    zs.next_out = out;
    zs.avail_out = (uInt)cap;
    g_assert_cmpint(deflate(&zs, Z_FINISH), ==, Z_STREAM_END);
    gsize n = zs.total_out;
    deflateEnd(&zs);
    return g_bytes_new_take(out, n);
}

static GBytes *concat(GBytes *a, GBytes *b)
{
    GByteArray *r = g_byte_array_new();
    g_byte_array_append(r, g_bytes_get_data(a, NULL), (guint)g_bytes_get_size(a));
    g_byte_array_append(r, g_bytes_get_data(b, NULL), (guint)g_bytes_get_size(b));
    g_bytes_unref(a);
    g_bytes_unref(b);
    return g_byte_array_free_to_bytes(r);
}

/* What an import gave, as text: edges and stats, or the error. */
static gchar *outcome(gboolean ok, SmmEdgeList *e, GError *error)
{
    if (!ok) {
        gchar *s = g_strdup_printf("error %d: %s", error->code, error->message);
        g_error_free(error);
        return s;
    }
    GString *s = g_string_new(NULL);
    g_string_append_printf(s,
                           "rows %" G_GUINT64_FORMAT " lines %" G_GUINT64_FORMAT
                           " blank %" G_GUINT64_FORMAT " header %d delimiter %c encoding %s:",
                           e->csv.data_rows, e->csv.lines, e->csv.blank_lines, e->csv.header,
                           e->csv.delimiter, e->csv.encoding != NULL ? e->csv.encoding : "-");
    for (guint i = 0; i < e->src->len; i++)
        g_string_append_printf(s, " %s>%s",
                               smm_names_get(e->names, g_array_index(e->src, guint32, i), NULL),
                               smm_names_get(e->names, g_array_index(e->dst, guint32, i), NULL));
    smm_edge_list_clear(e);
    return g_string_free(s, FALSE);
}

/* Imports the bytes from a file and from memory; returns the file's outcome. */
static gchar *both_ways(GBytes *bytes, const char *encoding)
{
    gsize len;
    const char *data = g_bytes_get_data(bytes, &len);
    gchar *path = g_build_filename(tmp_dir, "in.csv", NULL);
    FILE *f = fopen(path, "wb");
    g_assert_nonnull(f);
    g_assert_true(len == 0 || fwrite(data, 1, len, f) == len); /* data: NULL when empty */
    g_assert_cmpint(fclose(f), ==, 0);

    SmmFollowerImportOptions o = {0};
    o.csv.n_threads = 1;
    o.csv.encoding = encoding;
    SmmEdgeList e;
    GError *error = NULL;
    gboolean ok = smm_import_followers(path, &o, NULL, &e, &error);
    gchar *from_file = outcome(ok, &e, error);

    /* the path names the bytes in messages, so they must say the same */
    o.csv.data = data != NULL ? data : "";
    o.csv.data_len = len;
    error = NULL;
    ok = smm_import_followers(path, &o, NULL, &e, &error);
    gchar *from_memory = outcome(ok, &e, error);
    g_assert_cmpstr(from_memory, ==, from_file);
    g_free(from_memory);
    g_unlink(path);
    g_free(path);
    g_bytes_unref(bytes);
    return from_file;
}

static GBytes *text(const char *s)
{
    return g_bytes_new(s, strlen(s));
}

static void expect(GBytes *bytes, const char *encoding, const char *want)
{
    gchar *got = both_ways(bytes, encoding);
    if (strstr(got, want) == NULL)
        g_error("expected '%s' in: %s", want, got);
    g_free(got);
}

static void test_plain(void)
{
    expect(text("a,b\nb,c\n"), NULL, "a>b b>c");
    expect(text("\xEF\xBB\xBF"
                "a;b\r\nb;c"),
           NULL, "delimiter ; encoding -: a>b b>c");
    expect(text(""), NULL, "the file is empty");
    expect(g_bytes_new("a,b\nc\0,d\n", 9), NULL, "error");
    expect(text("a,\xE9t\xE9\n"), "latin1", "encoding latin1: a>\xC3\xA9t\xC3\xA9");
    expect(text("a,\x81\n"), "windows-1252", "is not valid windows-1252 text");
    /* UTF-16 with its BOM, found without being asked */
    expect(g_bytes_new("\xFF\xFE"
                       "a\0,\0b\0\n\0",
                       10),
           NULL, "encoding UTF-16: a>b");
    expect(g_bytes_new("\xFF\xFE"
                       "a\0,\0b\0\n",
                       9),
           NULL, "ends inside a UTF-16 character");
}

static void test_gzip(void)
{
    const char *csv = "a,b\nb,c\n";
    expect(gzip(csv, strlen(csv)), NULL, "a>b b>c");
    expect(concat(gzip("a,b\n", 4), gzip("b,c\n", 4)), NULL, "a>b b>c");
    expect(concat(gzip(csv, strlen(csv)), text("x,y\n")), NULL, "a>b b>c");
    expect(gzip("", 0), NULL, "the file is empty");
    expect(text("\x1F\x8B"), NULL, "corrupt gzip data: unexpected end of file");

    GBytes *whole = gzip(csv, strlen(csv));
    gsize n;
    const guint8 *z = g_bytes_get_data(whole, &n);
    expect(g_bytes_new(z, n - 3), NULL, "corrupt gzip data");
    guint8 *bad = g_memdup2(z, n);
    bad[n - 5] ^= 0xFF; /* the CRC */
    expect(g_bytes_new_take(bad, n), NULL, "corrupt gzip data: incorrect data check");
    g_bytes_unref(whole);
}

/* Longer than the 1 MiB chunks, plain and gzip, so refills and the
 * position reported to progress are exercised. */
static void test_long(void)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; s->len < (3u << 20); i++)
        g_string_append_printf(s, "account%u,account%u\n", i, i + 1);
    gchar *plain = both_ways(g_bytes_new(s->str, s->len), NULL);
    gchar *packed = both_ways(gzip(s->str, s->len), NULL);
    g_assert_cmpstr(plain, ==, packed);
    g_free(plain);
    g_free(packed);
    g_string_free(s, TRUE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tmp_dir = g_dir_make_tmp("smm-memsrc-XXXXXX", NULL);
    g_test_add_func("/memory-source/plain", test_plain);
    g_test_add_func("/memory-source/gzip", test_gzip);
    g_test_add_func("/memory-source/long", test_long);
    int rc = g_test_run();
    g_rmdir(tmp_dir);
    g_free(tmp_dir);
    return rc;
}
