/* test_csv_reader.c - the follower importer on every input shape the issue
 * names: header or not, BOM, CRLF, quotes, delimiters, columns by name and
 * number, gzip, encodings, reverse and undirected rows, self-loops, and the
 * errors (with file and line) for input it must refuse.
 *
 * Every case runs in every reading mode of `modes`: libcsv alone (the parser
 * of record) and the fast path, on the caller's thread and on its own,
 * with the input fed whole or in pieces of a few bytes (chunk boundaries
 * inside rows, inside CRLF, inside UTF-8 characters). All modes must give
 * the same ids, names, stats and errors as libcsv alone on one thread.
 * Random inputs built from the awkward pieces (spaces, tabs, CR, blank
 * lines, quotes mid-file, bad UTF-8, NUL, missing fields) extend that
 * comparison beyond the hand-written cases. */
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>
#include <zlib.h>

#include "smm/core.h"
#include "smm/import.h"
#include "smm/rng.h"

static gchar *tmp_dir;

/* Plain stdio: g_file_set_contents() syncs to disk, which thousands of
 * small cases cannot afford. */
static gchar *write_file(const char *name, const char *content, gssize len)
{
    gchar *path = g_build_filename(tmp_dir, name, NULL);
    FILE *f = fopen(path, "wb");
    g_assert_nonnull(f);
    gsize n = len < 0 ? strlen(content) : (gsize)len;
    g_assert_cmpuint(fwrite(content, 1, n, f), ==, n);
    g_assert_cmpint(fclose(f), ==, 0);
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
    guint max_field;
    guint64 max_kept_rows;
} Opts;

typedef struct {
    guint threads;
    SmmCsvParser parser;
    guint piece; /* SmmCsvOptions.piece_bytes */
} Mode;

/* Mode 0 is the reference: libcsv alone, whole chunks, one thread. */
static const Mode modes[] = {
    {1, SMM_CSV_PARSER_LIBCSV, 0}, {2, SMM_CSV_PARSER_LIBCSV, 0}, {1, SMM_CSV_PARSER_LIBCSV, 2},
    {1, SMM_CSV_PARSER_AUTO, 0},   {2, SMM_CSV_PARSER_AUTO, 0},   {1, SMM_CSV_PARSER_AUTO, 1},
    {2, SMM_CSV_PARSER_AUTO, 2},   {1, SMM_CSV_PARSER_AUTO, 3},   {1, SMM_CSV_PARSER_AUTO, 7},
    {2, SMM_CSV_PARSER_AUTO, 64},
};

/* Bytes fed per piece beyond which a case is read whole only (pieces of a
 * byte or two cost microseconds each). */
#define PIECES_UP_TO (256u << 10)

/* What one import produced, for comparing modes. */
typedef struct {
    gboolean ok;
    gchar *text; /* edges_text, or the error message */
    int code;
    SmmEdgeList edges;
} Outcome;

static void outcome_clear(Outcome *o)
{
    g_free(o->text);
    if (o->ok)
        smm_edge_list_clear(&o->edges);
}

static void assert_same_outcome(const Outcome *a, const Outcome *b, const Mode *m)
{
    if (g_strcmp0(a->text, b->text) != 0 || a->ok != b->ok || a->code != b->code)
        g_error("mode (threads %u, %s, pieces %u) gave '%s' (code %d), libcsv '%s' (code %d)",
                m->threads, m->parser == SMM_CSV_PARSER_LIBCSV ? "libcsv" : "auto", m->piece,
                b->text, b->code, a->text, a->code);
    if (!a->ok)
        return;
    const SmmEdgeList *x = &a->edges, *y = &b->edges;
    g_assert_cmpuint(x->src->len, ==, y->src->len);
    g_assert_cmpmem(x->src->data, x->src->len * 4, y->src->data, y->src->len * 4);
    g_assert_cmpmem(x->dst->data, x->dst->len * 4, y->dst->data, y->dst->len * 4);
    g_assert_cmpuint(smm_names_count(x->names), ==, smm_names_count(y->names));
    for (guint32 id = 0; id < smm_names_count(x->names); id++) {
        guint32 lx, ly;
        const char *nx = smm_names_get(x->names, id, &lx), *ny = smm_names_get(y->names, id, &ly);
        g_assert_cmpmem(nx, lx, ny, ly);
    }
    g_assert_cmpuint(x->self_loops, ==, y->self_loops);
    g_assert_cmpuint(x->csv.lines, ==, y->csv.lines);
    g_assert_cmpuint(x->csv.data_rows, ==, y->csv.data_rows);
    g_assert_cmpuint(x->csv.blank_lines, ==, y->csv.blank_lines);
    g_assert_cmpint(x->csv.header, ==, y->csv.header);
    g_assert_cmpint(x->csv.delimiter, ==, y->csv.delimiter);
    g_assert_cmpint(x->csv.delimiter_detected, ==, y->csv.delimiter_detected);
    g_assert_cmpint(x->csv.header_detected, ==, y->csv.header_detected);
    g_assert_cmpstr(x->csv.encoding, ==, y->csv.encoding);
    g_assert_cmpmem(x->csv.column_index, sizeof x->csv.column_index, y->csv.column_index,
                    sizeof y->csv.column_index);
}

static void import_mode(const char *path, const Opts *opts, const Mode *m, Outcome *out)
{
    SmmFollowerImportOptions o = {0};
    o.csv.n_threads = m->threads;
    o.csv.parser = m->parser;
    o.csv.piece_bytes = m->piece;
    if (opts != NULL) {
        o.source_column = opts->source;
        o.target_column = opts->target;
        o.p_column = opts->p_column;
        o.csv.encoding = opts->encoding;
        o.csv.header = opts->header;
        o.csv.delimiter = opts->delimiter;
        o.reverse = opts->reverse;
        o.undirected = opts->undirected;
        o.csv.max_field = opts->max_field;
        o.csv.max_kept_rows = opts->max_kept_rows;
    }
    GError *error = NULL;
    memset(out, 0, sizeof *out);
    out->ok = smm_import_followers(path, &o, NULL, &out->edges, &error);
    if (out->ok) {
        out->text = edges_text(&out->edges);
        out->code = -1;
    } else {
        out->text = g_strdup(error->message);
        out->code = error->code;
        g_error_free(error);
    }
}

/* Imports `path` in every mode (with `few`, in one thread but for one
 * mode); asserts they agree with libcsv alone; returns the edges text (NULL
 * on error, with *error set) and keeps the reference edge list. *fast_rows
 * (if not NULL) gets the rows the fast path read in the mode that feeds
 * whole chunks on one thread. */
static gchar *import_modes(const char *path, const Opts *opts, gboolean few, SmmEdgeList *keep,
                           guint64 *fast_rows, GError **error)
{
    Outcome ref;
    import_mode(path, opts, &modes[0], &ref);
    GStatBuf st;
    gboolean small = g_stat(path, &st) == 0 && st.st_size <= PIECES_UP_TO;
    for (guint i = 1; i < G_N_ELEMENTS(modes); i++) {
        if (modes[i].piece > 0 && !small)
            continue;
        if (few && modes[i].threads > 1 && modes[i].piece != 2)
            continue;
        Outcome got;
        import_mode(path, opts, &modes[i], &got);
        assert_same_outcome(&ref, &got, &modes[i]);
        if (ref.ok) {
            g_assert_cmpuint(got.edges.csv.fast_rows, <=,
                             got.edges.csv.data_rows + (got.edges.csv.header ? 1 : 0));
            if (modes[i].parser == SMM_CSV_PARSER_LIBCSV)
                g_assert_cmpuint(got.edges.csv.fast_rows, ==, 0);
        }
        if (fast_rows != NULL && got.ok && modes[i].parser == SMM_CSV_PARSER_AUTO &&
            modes[i].threads == 1 && modes[i].piece == 0)
            *fast_rows = got.edges.csv.fast_rows;
        outcome_clear(&got);
    }
    if (!ref.ok) {
        g_set_error_literal(error, SMM_ERROR, ref.code, ref.text);
        g_free(ref.text);
        return NULL;
    }
    if (keep != NULL)
        *keep = ref.edges;
    else
        smm_edge_list_clear(&ref.edges);
    return ref.text;
}

static gchar *import_path_counting(const char *path, const Opts *opts, SmmEdgeList *keep,
                                   guint64 *fast_rows, GError **error)
{
    return import_modes(path, opts, FALSE, keep, fast_rows, error);
}

static gchar *import_path(const char *path, const Opts *opts, SmmEdgeList *keep, GError **error)
{
    return import_modes(path, opts, FALSE, keep, NULL, error);
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
    if (code != SMM_ERROR_INVALID) /* a setting, not the file's content */
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
    /* a last line of spaces is no line for libcsv; spaces around a last row are trimmed */
    expect_edges("a,b\nc,d\n \t ", NULL, "a>b c>d");
    expect_edges("a,b\r\n  c , d \t", NULL, "a>b c>d");
    expect_edges("a,b\nc,d,  ", NULL, "a>b c>d");
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
    /* a name the header has twice is no choice */
    Opts twice = {.source = "src"};
    expect_error("src,dst,src\na,b,c\n", -1, &twice, SMM_ERROR_DATA, "case.csv:1:",
                 "the header has 2 columns named 'src' (columns 1 and 3) for the source column");
    Opts thrice = {.source = "SRC"};
    expect_error("src,Src,dst,src\na,b,c,d\n", -1, &thrice, SMM_ERROR_DATA,
                 "case.csv:1:", "3 columns named 'SRC' (columns 1, 2 and 4)");
    /* ...unless one of them matches exactly, or it is not the name asked for */
    Opts exact = {.source = "Src", .target = "dst"};
    expect_edges("src,Src,dst,src\na,b,c,d\n", &exact, "b>c");
    Opts other = {.target = "dst"};
    expect_edges("src,dst,src\na,b,c\n", &other, "a>b");
    /* a header name with a NUL is not the name before it */
    Opts nul_name = {.target = "dst"};
    static const char nul_header[] = "src,\"dst\0x\"\na,b\n";
    expect_error(nul_header, sizeof nul_header - 1, &nul_name, SMM_ERROR_DATA,
                 "no column named 'dst'", "'dst\\x00x'");
    /* names in messages are quoted and cut */
    Opts odd = {.source = "f\033[2J"};
    expect_error("\"x\ny\",z\na,b\n", -1, &odd, SMM_ERROR_DATA,
                 "no column named 'f\\x1b[2J' for the source column; the header has 'x\\ny', 'z'",
                 NULL);
    GString *many = g_string_new("h0");
    for (int c = 1; c < 20; c++)
        g_string_append_printf(many, ",h%d", c);
    g_string_append(many, "\na,b\n");
    expect_error(many->str, -1, &unknown, SMM_ERROR_DATA, "'h15' and 4 more", NULL);
    g_string_free(many, TRUE);
    Opts no_header = {.source = "user", .header = SMM_HEADER_NO};
    expect_error("user,friend\na,b\n", -1, &no_header, SMM_ERROR_DATA, "no header row", NULL);
    Opts zero = {.source = "0"};
    expect_error("a,b\n", -1, &zero, SMM_ERROR_INVALID, "numbered from 1", NULL);
    Opts same = {.source = "2"};
    expect_error("a,b\n", -1, &same, SMM_ERROR_INVALID, "same column", NULL);
    Opts third = {.target = "3"};
    expect_error("a,b,c\nd,e\n", -1, &third, SMM_ERROR_PARSE,
                 "case.csv:2:", "no target column (column 3)");
    /* a wide file: columns far to the right, beyond the fast path's table */
    GString *wide = g_string_new(NULL);
    for (int r = 0; r < 3; r++) {
        for (int c = 1; c <= 40; c++)
            g_string_append_printf(wide, "%sr%dc%d", c > 1 ? "," : "", r, c);
        g_string_append_c(wide, '\n');
    }
    Opts far = {.source = "37", .target = "2"};
    expect_edges(wide->str, &far, "r0c37>r0c2 r1c37>r1c2 r2c37>r2c2");
    g_string_free(wide, TRUE);
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
    /* a BOM past the start of the file: two files joined */
    expect_error("a,b\n\xEF\xBB\xBF"
                 "c,d\n",
                 -1, NULL, SMM_ERROR_PARSE, "case.csv:2:",
                 "source column (column 1) contains a byte-order mark (U+FEFF at position 1)");
    expect_error("a,b\nc,d\xEF\xBB\xBF\n", -1, NULL, SMM_ERROR_PARSE, "case.csv:2:",
                 "target column (column 2) contains a byte-order mark (U+FEFF at position 2)");
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
    expect_error("a,b\n", -1, &bogus, SMM_ERROR_INVALID, "unknown encoding", NULL);
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
    /* plain decimals only: what strtod takes besides is refused */
    expect_error("f,t,p\na,b,0x1p-2\n", -1, &p, SMM_ERROR_PARSE, "case.csv:2:", "holds '0x1p-2'");
    expect_error("f,t,p\na,b,inf\n", -1, &p, SMM_ERROR_PARSE, "case.csv:2:", "holds 'inf'");
    expect_error("f,t,p\na,b,\" 0.5\"\n", -1, &p, SMM_ERROR_PARSE, "case.csv:2:", "holds ' 0.5'");
    /* a NUL ends no number */
    static const char nul_p[] = "f,t,p\na,b,0.5\0junk\n";
    expect_error(nul_p, sizeof nul_p - 1, &p, SMM_ERROR_PARSE, "case.csv:2:",
                 "the probability column (column 3) holds '0.5\\x00junk'; expected a number");
    /* the value is quoted: one line, escapes shown, long values cut */
    expect_error("f,t,p\na,b,\"0.5\nx\"\n", -1, &p, SMM_ERROR_PARSE,
                 "case.csv:2:", "holds '0.5\\nx'");
    GString *s = g_string_new("f,t,p\na,b,");
    for (int i = 0; i < 100; i++)
        g_string_append_c(s, '7');
    g_string_append_c(s, '\n');
    expect_error(s->str, -1, &p, SMM_ERROR_PARSE, "case.csv:2:", "'... (100 bytes); expected");
    g_string_free(s, TRUE);
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

/* The fast path reads quote-free text, and hands a stretch with a quote to
 * libcsv and takes over again after it; a row longer than a piece is
 * libcsv's too. */
static void test_fast_path_taken(void)
{
    guint64 fast = 0;
    g_autoptr(GError) error = NULL;
    g_autofree gchar *path = write_file("fast.csv", "follower,followee\na,b\r\n\r\nc,d", -1);
    g_autofree gchar *got = import_path_counting(path, NULL, NULL, &fast, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(got, ==, "a>b c>d");
    g_assert_cmpuint(fast, ==, 3);

    /* 2.6 MB: three chunks; a quoted name in the second */
    GString *s = g_string_new("follower,followee\n");
    SmmRng rng;
    smm_rng_init(&rng, 5, 0);
    const guint rows = 200000;
    for (guint i = 0; i < rows; i++) {
        if (i == rows / 2)
            g_string_append(s, "\"quoted, name\",u1\n");
        g_string_append_printf(s, "u%u,u%u\n", (guint)smm_rng_below(&rng, 20000),
                               (guint)smm_rng_below(&rng, 20000));
    }
    g_autofree gchar *big = write_file("big.csv", s->str, (gssize)s->len);
    g_string_free(s, TRUE);
    SmmEdgeList e;
    g_autofree gchar *text = import_path_counting(big, NULL, &e, &fast, &error);
    g_assert_no_error(error);
    g_assert_cmpuint(e.csv.data_rows, ==, rows + 1);
    g_assert_cmpuint(fast, >, rows / 2);
    g_assert_cmpuint(fast, <, rows);
    const Mode more[] = {{1, SMM_CSV_PARSER_AUTO, 4093}, {2, SMM_CSV_PARSER_AUTO, 100000}};
    Outcome ref = {.ok = TRUE, .text = g_strdup(text), .code = -1, .edges = e};
    for (guint i = 0; i < G_N_ELEMENTS(more); i++) {
        Outcome o;
        import_mode(big, NULL, &more[i], &o);
        assert_same_outcome(&ref, &o, &more[i]);
        g_assert_cmpuint(o.edges.csv.fast_rows, >, rows / 2);
        outcome_clear(&o);
    }
    outcome_clear(&ref);
}

/* Fields beyond 16 MiB are refused, after libcsv's trimming of spaces. */
static void test_long_fields(void)
{
    const gsize big = (16u << 20) + 10;
    GString *s = g_string_new("a,b\nc,");
    for (gsize i = 0; i < big; i++)
        g_string_append_c(s, 'x');
    g_string_append(s, "\ne,f\n");
    expect_error(s->str, (gssize)s->len, NULL, SMM_ERROR_PARSE,
                 "case.csv:2:", "field 2 is longer than 16 MiB");
    /* trailing spaces are not part of the field */
    g_string_assign(s, "a,b\nc,d");
    for (gsize i = 0; i < big; i++)
        g_string_append_c(s, ' ');
    g_string_append(s, "\ne,f\n");
    g_autoptr(GError) error = NULL;
    g_autofree gchar *got = import_text(s->str, (gssize)s->len, NULL, NULL, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(got, ==, "a>b c>d e>f");
    g_string_free(s, TRUE);
}

/* The field limit holds while a field grows: a field that never ends is
 * refused for its length, not for its missing quote, once libcsv holds
 * more than twice the limit. */
static void test_field_grows_past_limit(void)
{
    const gsize big = (33u << 20) + 10;
    GString *s = g_string_new("a,b\nc,\"");
    g_string_set_size(s, s->len + big);
    memset(s->str + s->len - big, 'x', big);
    expect_error(s->str, (gssize)s->len, NULL, SMM_ERROR_PARSE,
                 "case.csv:2:", "field 2 is longer than 16 MiB");
    g_string_free(s, TRUE);
}

/* A lower limit (SmmCsvOptions.max_field), in every mode: the same errors
 * wherever the pieces end. */
static void test_field_limit(void)
{
    Opts o = {.max_field = 16};
    const char *x16 = "xxxxxxxxxxxxxxxx", *x20 = "xxxxxxxxxxxxxxxxxxxx";
    g_autofree gchar *ok16 = g_strdup_printf("a,b\nc,%s\n", x16);
    g_autofree gchar *want16 = g_strdup_printf("a>b c>%s", x16);
    expect_edges(ok16, &o, want16);
    g_autofree gchar *long17 = g_strdup_printf("a,b\nc,%sx\ne,f\n", x16);
    expect_error(long17, -1, &o, SMM_ERROR_PARSE, "case.csv:2:", "field 2 is longer than 16 bytes");
    g_autofree gchar *quoted17 = g_strdup_printf("a,b\nc,\"%sx\"\n", x16);
    expect_error(quoted17, -1, &o, SMM_ERROR_PARSE, "case.csv:2:", "field 2 is longer than 16");
    /* the spaces after a field are held by libcsv until it ends: up to
     * twice the limit they are trimmed, beyond they are too many */
    g_autofree gchar *spaced = g_strdup_printf("a,b\nc,%s%s\n", x16, "                ");
    expect_edges(spaced, &o, want16);
    g_autofree gchar *quoted_spaced = g_strdup_printf("a,b\nc,\"%s\"%s\n", x16, "    ");
    expect_edges(quoted_spaced, &o, want16);
    g_autofree gchar *too_spaced =
        g_strdup_printf("a,b\nc,d%s%s\n", "                                ", " ");
    expect_error(too_spaced, -1, &o, SMM_ERROR_PARSE, "case.csv:2:", "field 2 is longer than 16");
    g_autofree gchar *data_spaced =
        g_strdup_printf("source,target\na,b\nc,d%s%s\n", "                                ", " ");
    expect_error(data_spaced, -1, &o, SMM_ERROR_PARSE, "case.csv:3:", "field 2 is longer than 16");
    /* rows with long fields that are still within the limit, among others */
    g_autofree gchar *data_near =
        g_strdup_printf("source,target\na,b\nc,d%s\ne,%s\ng,h\n%s,y%s", "                    ", x16,
                        x16, "                ");
    g_autofree gchar *want_near = g_strdup_printf("a>b c>d e>%s g>h %s>y", x16, x16);
    expect_edges(data_near, &o, want_near);
    g_autofree gchar *data_long = g_strdup_printf("source,target\na,b\n%sx,d\n", x16);
    expect_error(data_long, -1, &o, SMM_ERROR_PARSE, "case.csv:3:", "field 1 is longer than 16");
    g_autofree gchar *held_spaced =
        g_strdup_printf("c%s%s,d\ne,f\n", "                                ", " ");
    expect_error(held_spaced, -1, &o, SMM_ERROR_PARSE, "case.csv:1:", "field 1 is longer than 16");
    g_autofree gchar *spaced_first = g_strdup_printf("a,b\nc%s%s,d\n", x20, x20);
    expect_error(spaced_first, -1, &o, SMM_ERROR_PARSE, "case.csv:2:", "field 1 is longer");
    /* no end quote: the length is reported, at the row's first line */
    g_autofree gchar *open = g_strdup_printf("a,b\nc,\"%s\n%s\n%s\n%s", x20, x20, x20, x20);
    expect_error(open, -1, &o, SMM_ERROR_PARSE, "case.csv:2:", "field 2 is longer than 16 bytes");
    /* a stray quote after the limit is passed: the length first; before it, the quote */
    g_autofree gchar *stray_late = g_strdup_printf("a,b\nc,%s%s\"y\n", x20, x20);
    expect_error(stray_late, -1, &o, SMM_ERROR_PARSE, "case.csv:2:", "field 2 is longer");
    g_autofree gchar *stray_early = g_strdup_printf("a,b\nc,%s\"%s%s\n", x20, x20, x20);
    expect_error(stray_early, -1, &o, SMM_ERROR_PARSE, "case.csv:2:", "malformed quoting");
    /* rows held back for the header question: at most 4 fields' worth */
    g_autofree gchar *wide_held = g_strdup_printf("%s,%s,%s,%s,%s\na,b\n", x16, x16, x16, x16, "x");
    expect_error(wide_held, -1, &o, SMM_ERROR_PARSE,
                 "case.csv:1:", "the row is longer than 64 bytes in its first 5 fields");
    g_autofree gchar *wide_data =
        g_strdup_printf("source,target\na,b,%s,%s,%s,%s,%s\n", x16, x16, x16, x16, x16);
    expect_edges(wide_data, &o, "a>b");
}

/* Follows kept stop at the limit, at the line of the first one beyond it
 * (self-loops are not kept, so not counted); a low limit stands for 2^32 - 1
 * (the arithmetic there: test_reshare_import's rows-room). */
static void test_follow_limit(void)
{
    Opts o = {.max_kept_rows = 2};
    expect_edges("a,b\nb,b\nc,d\n", &o, "a>b c>d");
    expect_error("a,b\nb,b\nc,d\nd,d\ne,f\n", -1, &o, SMM_ERROR_LIMIT,
                 "case.csv:5:", "more than 2 follows; a graph holds at most that many");
    /* across batches */
    GString *s = g_string_new(NULL);
    for (int i = 0; i < 40000; i++)
        g_string_append_printf(s, "u%d,v%d\n", i, i);
    Opts many = {.max_kept_rows = 30000};
    expect_error(s->str, (gssize)s->len, &many, SMM_ERROR_LIMIT,
                 "case.csv:30001:", "more than 30000 follows");
    g_string_free(s, TRUE);
}

/* Random text made of the pieces where tokenizers differ. */
static void random_csv(SmmRng *rng, GString *s, char delim)
{
    static const char *const names[] = {
        "a",
        "bb",
        "Ab",
        "1",
        "007",
        "x y",
        "caf\xc3\xa9",
        "\xe9",
        "\x80z",
        "zz",
        "12",
        "u0123456",
        "0123456789ab",
        "abcdefghijklmnopq",
        "c\td",
        "n\0l",
        "e",
        "f",
        "a;b",
        "\xf0\x9f\x98\x80",
    };
    static const guint name_len[] = {1, 2, 2, 1, 3, 3, 5, 1, 2, 2, 2, 8, 12, 17, 3, 3, 1, 1, 3, 4};
    static const char *const spaces[] = {"", "", "", "", " ", "\t", "  ", " \t "};
    static const char *const ends[] = {"\n",   "\n",       "\n",  "\r\n",    "\r\n", "\r",
                                       "\n\n", "\r\n\r\n", " \n", "\n \t\n", "\r\r", "\n\r"};
    static const char *const quoted[] = {"\"q,x\"", "\"a\"\"b\"", "\"multi\nline\"", "\"\"",
                                         "a\"b",    "\"x\"y",     "\"open",          "\" sp \" "};
    G_STATIC_ASSERT(G_N_ELEMENTS(names) == G_N_ELEMENTS(name_len));
    if (smm_rng_below(rng, 8) == 0)
        g_string_append(s, "\xEF\xBB\xBF");
    if (smm_rng_below(rng, 3) == 0)
        g_string_append_printf(s, "follower%cfollowee%s", delim,
                               ends[smm_rng_below(rng, G_N_ELEMENTS(ends))]);
    gboolean quotes = smm_rng_below(rng, 4) == 0;
    guint rows = smm_rng_below(rng, 20) == 0 ? 0 : 1 + (guint)smm_rng_below(rng, 14);
    for (guint r = 0; r < rows; r++) {
        guint fields = 1 + (guint)smm_rng_below(rng, 4);
        if (smm_rng_below(rng, 8) != 0)
            fields = 2;
        for (guint f = 0; f < fields; f++) {
            if (f > 0)
                g_string_append_c(s, smm_rng_below(rng, 30) == 0 ? ',' : delim);
            /* around a space or tab delimiter, spaces mostly make empty fields */
            gboolean pad = (delim != ' ' && delim != '\t') || smm_rng_below(rng, 8) == 0;
            if (pad)
                g_string_append(s, spaces[smm_rng_below(rng, G_N_ELEMENTS(spaces))]);
            if (quotes && smm_rng_below(rng, 12) == 0)
                g_string_append(s, quoted[smm_rng_below(rng, G_N_ELEMENTS(quoted))]);
            else if (smm_rng_below(rng, 100) != 0) {
                guint n = (guint)smm_rng_below(rng, G_N_ELEMENTS(names));
                /* mostly valid names, so that rows get past the checks */
                if (smm_rng_below(rng, 15) != 0)
                    n = (guint)smm_rng_below(rng, 7);
                g_string_append_len(s, names[n], name_len[n]);
            }
            if (pad)
                g_string_append(s, spaces[smm_rng_below(rng, G_N_ELEMENTS(spaces))]);
        }
        if (r + 1 < rows || smm_rng_below(rng, 4) != 0)
            g_string_append(s, ends[smm_rng_below(rng, G_N_ELEMENTS(ends))]);
    }
    if (smm_rng_below(rng, 10) == 0)
        g_string_append(s, spaces[4 + smm_rng_below(rng, 4)]); /* a last line of spaces */
}

/* Thousands of random inputs: the tokenizer modes agree with libcsv alone
 * (threading is covered by the cases above). */
static void test_random_inputs(void)
{
    static const char delims[] = {',', ',', ',', ';', '\t', ' '};
    SmmRng rng;
    smm_rng_init(&rng, 11, 0);
    guint ok = 0, errors = 0;
    guint64 fast = 0;
    for (guint i = 0; i < 2000; i++) {
        char delim = delims[smm_rng_below(&rng, G_N_ELEMENTS(delims))];
        GString *s = g_string_new(NULL);
        random_csv(&rng, s, delim);
        Opts o = {0};
        guint pick = (guint)smm_rng_below(&rng, 10);
        if (pick == 1)
            o.delimiter = delim;
        else if (pick == 2)
            o.source = "2", o.target = "1";
        else if (pick == 3)
            o.target = "3";
        else if (pick == 4)
            o.header = SMM_HEADER_NO;
        g_autofree gchar *path = write_file("random.csv", s->str, (gssize)s->len);
        g_autoptr(GError) error = NULL;
        guint64 f = 0;
        g_autofree gchar *got = import_modes(path, &o, TRUE, NULL, &f, &error);
        if (got != NULL)
            ok++, fast += f;
        else
            errors++;
        g_string_free(s, TRUE);
    }
    g_test_message("%u imported, %u refused, %" G_GUINT64_FORMAT " rows by the fast path", ok,
                   errors, fast);
    /* both outcomes are well represented, and the fast path did the reading */
    g_assert_cmpuint(ok, >, 500);
    g_assert_cmpuint(errors, >, 500);
    g_assert_cmpuint(fast, >, 2000);
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
    g_test_add_func("/csv/fast-path-taken", test_fast_path_taken);
    g_test_add_func("/csv/long-fields", test_long_fields);
    g_test_add_func("/csv/field-grows-past-limit", test_field_grows_past_limit);
    g_test_add_func("/csv/field-limit", test_field_limit);
    g_test_add_func("/csv/follow-limit", test_follow_limit);
    g_test_add_func("/csv/random-inputs", test_random_inputs);
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
