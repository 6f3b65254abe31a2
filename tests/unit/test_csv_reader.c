/* test_csv_reader.c - the follower importer on every input shape the issue
 * names: header or not, BOM, CRLF, quotes, delimiters, columns by name and
 * number, gzip, encodings, reverse and undirected rows, self-loops, and the
 * errors (with file and line) for input it must refuse. Every case runs with
 * the parser on the caller's thread and on its own thread. */
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <zlib.h>

#include "smm/core.h"
#include "smm/import.h"
#include "smm/rng.h"

static gchar *tmp_dir;

static gchar *write_file(const char *name, const char *content, gssize len)
{
    gchar *path = g_build_filename(tmp_dir, name, NULL);
    g_autoptr(GError) error = NULL;
    g_file_set_contents(path, content, len < 0 ? (gssize)strlen(content) : len, &error);
    g_assert_no_error(error);
    return path;
}

/* The imported edges as "follower>followee[:p]" joined by spaces. */
static gchar *edges_text(const SmmEdgeList *e)
{
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < e->src->len; i++) {
        guint32 a = g_array_index(e->src, guint32, i), b = g_array_index(e->dst, guint32, i);
        g_string_append_printf(s, "%s%s>%s", i ? " " : "", smm_names_get(e->names, a, NULL),
                               smm_names_get(e->names, b, NULL));
        if (e->p != NULL)
            g_string_append_printf(s, ":%g", g_array_index(e->p, float, i));
    }
    return g_string_free(s, FALSE);
}

typedef struct {
    const char *source, *target, *p_column, *encoding;
    SmmHeaderMode header;
    char delimiter;
    gboolean reverse, undirected;
} Opts;

/* Imports `path` with both threading modes; asserts they agree; returns the
 * edges text (NULL on error, with *error set) and keeps the last edge list. */
static gchar *import_path(const char *path, const Opts *opts, SmmEdgeList *keep, GError **error)
{
    gchar *result[2] = {NULL, NULL};
    GError *errs[2] = {NULL, NULL};
    for (int t = 0; t < 2; t++) {
        SmmFollowerImportOptions o = {0};
        o.csv.n_threads = t == 0 ? 1 : 2;
        if (opts != NULL) {
            o.source_column = opts->source;
            o.target_column = opts->target;
            o.p_column = opts->p_column;
            o.csv.encoding = opts->encoding;
            o.csv.header = opts->header;
            o.csv.delimiter = opts->delimiter;
            o.reverse = opts->reverse;
            o.undirected = opts->undirected;
        }
        SmmEdgeList edges;
        if (smm_import_followers(path, &o, NULL, &edges, &errs[t])) {
            result[t] = edges_text(&edges);
            if (t == 1 && keep != NULL)
                *keep = edges;
            else
                smm_edge_list_clear(&edges);
        }
    }
    g_assert_cmpstr(result[0], ==, result[1]);
    if (errs[0] != NULL || errs[1] != NULL) {
        g_assert_nonnull(errs[0]);
        g_assert_nonnull(errs[1]);
        g_assert_cmpstr(errs[0]->message, ==, errs[1]->message);
        g_assert_cmpint(errs[0]->code, ==, errs[1]->code);
    }
    g_free(result[0]);
    if (errs[0] != NULL)
        g_error_free(errs[0]);
    if (errs[1] != NULL)
        g_propagate_error(error, errs[1]);
    return result[1];
}

static gchar *import_text(const char *content, gssize len, const Opts *opts, SmmEdgeList *keep,
                          GError **error)
{
    g_autofree gchar *path = write_file("case.csv", content, len);
    return import_path(path, opts, keep, error);
}

static void expect_edges(const char *content, const Opts *opts, const char *expected)
{
    g_autoptr(GError) error = NULL;
    g_autofree gchar *got = import_text(content, -1, opts, NULL, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(got, ==, expected);
}

/* The error has the code, and its message contains each of the fragments. */
static void expect_error(const char *content, gssize len, const Opts *opts, int code,
                         const char *fragment1, const char *fragment2)
{
    g_autoptr(GError) error = NULL;
    g_autofree gchar *got = import_text(content, len, opts, NULL, &error);
    g_assert_null(got);
    g_assert_error(error, SMM_ERROR, code);
    if (fragment1 != NULL && strstr(error->message, fragment1) == NULL)
        g_error("message '%s' lacks '%s'", error->message, fragment1);
    if (fragment2 != NULL && strstr(error->message, fragment2) == NULL)
        g_error("message '%s' lacks '%s'", error->message, fragment2);
    /* One line, starting with the file name. */
    g_assert_null(strchr(error->message, '\n'));
    if (code != SMM_ERROR_USAGE)
        g_assert_true(g_str_has_prefix(error->message, tmp_dir));
}

static void test_header_detection(void)
{
    expect_edges("follower,followee\nalice,bob\nbob,carol\n", NULL, "alice>bob bob>carol");
    expect_edges("Source,Target\n1,2\n", NULL, "1>2");
    expect_edges("screen_name,friendScreenName\n1,2\n", NULL, "1>2");
    /* a column that is a number in row 2 but not in row 1 */
    expect_edges("x,y\n1,2\n", NULL, "1>2");
    /* handles in row 1 are data */
    expect_edges("alice,bob\ncarol,dave\n", NULL, "alice>bob carol>dave");
    expect_edges("1,2\n3,4\n", NULL, "1>2 3>4");
    /* a single data row */
    expect_edges("alice,bob\n", NULL, "alice>bob");
    Opts yes = {.header = SMM_HEADER_YES}, no = {.header = SMM_HEADER_NO};
    expect_edges("alice,bob\ncarol,dave\n", &yes, "carol>dave");
    expect_edges("source,target\n1,2\n", &no, "source>target 1>2");
}

static void test_bom_crlf_blank_lines(void)
{
    SmmEdgeList e;
    g_autoptr(GError) error = NULL;
    g_autofree gchar *got =
        import_text("\xEF\xBB\xBFsource,target\r\na,b\r\n\r\n  \r\nc,d\r\n", -1, NULL, &e, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(got, ==, "a>b c>d");
    g_assert_true(e.csv.header);
    g_assert_cmpuint(e.csv.blank_lines, ==, 2);
    g_assert_cmpuint(e.csv.data_rows, ==, 2);
    g_assert_cmpuint(e.csv.lines, ==, 5);
    smm_edge_list_clear(&e);
    /* old Mac line ends, and a last line without a line break */
    expect_edges("a,b\rc,d\r", NULL, "a>b c>d");
    expect_edges("a,b\nc,d", NULL, "a>b c>d");
    /* line numbers after CRLF and blank lines stay true */
    expect_error("a,b\r\n\r\nc\r\n", -1, NULL, SMM_ERROR_PARSE, "case.csv:3:", "found 1");
}

static void test_quotes(void)
{
    expect_edges("source,target\n\"al,ice\",\"b\"\"ob\"\n\"multi\nline\",z\n", NULL,
                 "al,ice>b\"ob multi\nline>z");
    /* the row after a quoted line break is reported on its own line */
    expect_error("source,target\n\"multi\nline\",z\nq,\n", -1, NULL, SMM_ERROR_PARSE,
                 "case.csv:4:", "target column (column 2) is empty");
    expect_error("a,\"b\nc,d\n", -1, NULL, SMM_ERROR_PARSE, "case.csv:1:", "unterminated");
    expect_error("a,b\nc,d\"e\"\n", -1, NULL, SMM_ERROR_PARSE, "case.csv:2:", "quot");
    /* rows 1 and 2 are held back to decide on a header: kept byte for byte */
    expect_edges("\"a,1\",\"b\nc\"\n\"d\"\"\",e\n", NULL, "a,1>b\nc d\">e");
    /* spaces around unquoted fields are not part of the name */
    expect_edges("a , b\n", NULL, "a>b");
}

static void test_delimiters(void)
{
    SmmEdgeList e;
    g_autoptr(GError) error = NULL;
    g_autofree gchar *got = import_text("a;b\nc;d\n", -1, NULL, &e, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(got, ==, "a>b c>d");
    g_assert_cmpint(e.csv.delimiter, ==, ';');
    g_assert_true(e.csv.delimiter_detected);
    smm_edge_list_clear(&e);
    expect_edges("a\tb\nc\td\n", NULL, "a>b c>d");
    expect_edges("1 2\n2 3\n", NULL, "1>2 2>3");
    /* a comma inside quotes does not vote */
    expect_edges("\"x,y\";z\n", NULL, "x,y>z");
    Opts semi = {.delimiter = ';'};
    expect_edges("a,b;c\n", &semi, "a,b>c");
    expect_error("a|b\n", -1, NULL, SMM_ERROR_PARSE, "found 1", "detected: ','");
}

static void test_columns(void)
{
    Opts by_name = {.source = "follower_name", .target = "FOLLOWEE_NAME"};
    expect_edges("id,follower_name,followee_name\n1,a,b\n", &by_name, "a>b");
    Opts by_index = {.source = "3", .target = "2"};
    expect_edges("1,b,a\n2,d,c\n", &by_index, "a>b c>d");
    Opts unknown = {.source = "follower"};
    expect_error("user,friend\na,b\n", -1, &unknown, SMM_ERROR_DATA, "case.csv:1:",
                 "no column named 'follower' for the source column; the header has 'user', "
                 "'friend'");
    Opts no_header = {.source = "user", .header = SMM_HEADER_NO};
    expect_error("user,friend\na,b\n", -1, &no_header, SMM_ERROR_DATA, "no header row", NULL);
    Opts zero = {.source = "0"};
    expect_error("a,b\n", -1, &zero, SMM_ERROR_USAGE, "numbered from 1", NULL);
    Opts same = {.source = "2"};
    expect_error("a,b\n", -1, &same, SMM_ERROR_USAGE, "same column", NULL);
    Opts third = {.target = "3"};
    expect_error("a,b,c\nd,e\n", -1, &third, SMM_ERROR_PARSE,
                 "case.csv:2:", "no target column (column 3)");
}

static void test_gzip(void)
{
    const char *text = "follower,followee\nalice,bob\nbob,carol\n";
    g_autofree gchar *path = g_build_filename(tmp_dir, "case.csv.gz", NULL);
    gzFile gz = gzopen(path, "wb");
    g_assert_nonnull(gz);
    g_assert_cmpint(gzputs(gz, text), ==, (int)strlen(text));
    g_assert_cmpint(gzclose(gz), ==, Z_OK);
    g_autoptr(GError) error = NULL;
    g_autofree gchar *got = import_path(path, NULL, NULL, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(got, ==, "alice>bob bob>carol");

    /* a gzip stream cut short is an error, not a quietly shorter graph */
    g_autofree gchar *data = NULL;
    gsize len;
    g_file_get_contents(path, &data, &len, NULL);
    g_autofree gchar *cut = write_file("cut.csv.gz", data, (gssize)len - 6);
    g_autofree gchar *none = import_path(cut, NULL, NULL, &error);
    g_assert_null(none);
    g_assert_error(error, SMM_ERROR, SMM_ERROR_PARSE);
    g_assert_nonnull(strstr(error->message, "gzip"));
}

static void test_encodings(void)
{
    Opts cp1252 = {.encoding = "windows-1252"};
    expect_edges("caf\xe9,na\xefve\n", &cp1252, "caf\xc3\xa9>na\xc3\xafve");
    expect_error("ok,fine\ncaf\xe9,bob\n", -1, NULL, SMM_ERROR_PARSE, "case.csv:2:", "--encoding");
    expect_error("ok,fine\nx\x80y,bob\n", -1, NULL, SMM_ERROR_PARSE,
                 "source column (column 1) is not valid UTF-8 (byte 0x80 at position 2)", NULL);
    expect_error("ok,fine\nbob,x\0y\n", 15, NULL, SMM_ERROR_PARSE,
                 "case.csv:2:", "target column (column 2) contains a NUL byte (position 2)");
    /* a UTF-16 spreadsheet export, recognised by its byte-order mark */
    const char utf16[] = "\xFF\xFE"
                         "a\0,\0b\0\n\0c\0,\0\xE9\0\n\0";
    SmmEdgeList e;
    g_autoptr(GError) error = NULL;
    g_autofree gchar *got = import_text(utf16, sizeof utf16 - 1, NULL, &e, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(got, ==, "a>b c>\xc3\xa9");
    g_assert_cmpstr(e.csv.encoding, ==, "UTF-16");
    smm_edge_list_clear(&e);
    Opts bogus = {.encoding = "no-such-encoding"};
    expect_error("a,b\n", -1, &bogus, SMM_ERROR_USAGE, "unknown encoding", NULL);
}

static void test_direction_and_loops(void)
{
    Opts rev = {.reverse = TRUE};
    expect_edges("influencer,engager\na,b\nc,d\n", &rev, "b>a d>c");
    SmmEdgeList e;
    g_autoptr(GError) error = NULL;
    g_autofree gchar *got = import_text("a,a\na,b\nb,b\n", -1, NULL, &e, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(got, ==, "a>b");
    g_assert_cmpuint(e.self_loops, ==, 2);
    g_assert_cmpuint(smm_names_count(e.names), ==, 2);
    smm_edge_list_clear(&e);
}

static void test_probability_column(void)
{
    Opts p = {.p_column = "p"};
    expect_edges("f,t,p\na,b,0.5\nb,c,1\nc,a,0\n", &p, "a>b:0.5 b>c:1 c>a:0");
    Opts third = {.p_column = "3"};
    expect_edges("a,b,2.5e-1\n", &third, "a>b:0.25");
    expect_error("f,t,p\na,b,0.5\nb,c,1.5\n", -1, &p, SMM_ERROR_PARSE,
                 "case.csv:3:", "holds '1.5'; expected a number from 0 to 1");
    expect_error("f,t,p\na,b,\n", -1, &p, SMM_ERROR_PARSE, "case.csv:2:", "holds ''");
    expect_error("f,t,p\na,b,nan\n", -1, &p, SMM_ERROR_PARSE, "case.csv:2:", NULL);
}

static void test_refused_input(void)
{
    expect_error("", 0, NULL, SMM_ERROR_DATA, "the file is empty", NULL);
    expect_error("\n\r\n\n", -1, NULL, SMM_ERROR_DATA, "only blank lines", NULL);
    expect_error("source,target\n", -1, NULL, SMM_ERROR_DATA, "case.csv:1:", "header row");
    expect_error("a,b\nc\n", -1, NULL, SMM_ERROR_PARSE,
                 "case.csv:2:", "expected at least 2 columns, found 1");
    expect_error("a,b\n,d\n", -1, NULL, SMM_ERROR_PARSE,
                 "case.csv:2:", "source column (column 1) is empty");

    g_autofree gchar *missing = g_build_filename(tmp_dir, "no-such.csv", NULL);
    g_autoptr(GError) error = NULL;
    g_autofree gchar *got = import_path(missing, NULL, NULL, &error);
    g_assert_null(got);
    g_assert_error(error, SMM_ERROR, SMM_ERROR_IO);
    g_assert_nonnull(strstr(error->message, "No such file"));
}

/* A larger file, in many batches: both threading modes give the same ids
 * and the same error line deep inside the file. */
static void test_many_batches(void)
{
    GString *s = g_string_new("follower,followee\n");
    SmmRng rng;
    smm_rng_init(&rng, 3, 0);
    for (int i = 0; i < 60000; i++)
        g_string_append_printf(s, "u%u,u%u\n", (guint)smm_rng_below(&rng, 5000),
                               (guint)smm_rng_below(&rng, 5000));
    SmmEdgeList e;
    g_autoptr(GError) error = NULL;
    g_autofree gchar *got = import_text(s->str, (gssize)s->len, NULL, &e, &error);
    g_assert_no_error(error);
    g_assert_cmpuint(e.csv.data_rows, ==, 60000);
    g_assert_cmpuint(e.src->len + e.self_loops, ==, 60000);
    smm_edge_list_clear(&e);
    g_string_append(s, "lonely\n");
    g_autofree gchar *bad = import_text(s->str, (gssize)s->len, NULL, NULL, &error);
    g_assert_null(bad);
    g_assert_error(error, SMM_ERROR, SMM_ERROR_PARSE);
    g_assert_nonnull(strstr(error->message, "case.csv:60002:"));
    g_string_free(s, TRUE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tmp_dir = g_dir_make_tmp("smm-test-XXXXXX", NULL);
    g_assert_nonnull(tmp_dir);
    g_test_add_func("/csv/header-detection", test_header_detection);
    g_test_add_func("/csv/bom-crlf-blank-lines", test_bom_crlf_blank_lines);
    g_test_add_func("/csv/quotes", test_quotes);
    g_test_add_func("/csv/delimiters", test_delimiters);
    g_test_add_func("/csv/columns", test_columns);
    g_test_add_func("/csv/gzip", test_gzip);
    g_test_add_func("/csv/encodings", test_encodings);
    g_test_add_func("/csv/direction-and-self-loops", test_direction_and_loops);
    g_test_add_func("/csv/probability-column", test_probability_column);
    g_test_add_func("/csv/refused-input", test_refused_input);
    g_test_add_func("/csv/many-batches", test_many_batches);
    int rc = g_test_run();
    GDir *dir = g_dir_open(tmp_dir, 0, NULL);
    const char *name;
    while (dir != NULL && (name = g_dir_read_name(dir)) != NULL) {
        g_autofree gchar *path = g_build_filename(tmp_dir, name, NULL);
        g_remove(path);
    }
    if (dir != NULL)
        g_dir_close(dir);
    g_rmdir(tmp_dir);
    g_free(tmp_dir);
    return rc;
}
