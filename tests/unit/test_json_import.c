/* test_json_import.c - twarc's and Twitter's JSON read as follows and as
 * reshare logs, with the handles beside the user ids, against
 * tests/data/formats: each fixture's expected rows
 * were written by scripts/json_baseline.py (Python's json module, sharing
 * no code with the importer) with --accounts ids, or by hand for the
 * awkward cases (tests/data/README.md, "formats/"). Also what is left out
 * and counted, the errors of malformed lines, and the same rows whether
 * the parsing runs on one thread or two, or splits lines in small pieces. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "smm/core.h"
#include "smm/import.h"
#include "smm/reshare.h"
#include "../../src/import/seen_set.h"

static gchar *fixture(const char *name)
{
    return g_test_build_filename(G_TEST_DIST, "tests", "data", "formats", name, NULL);
}

/* The expected CSV's data rows, each split on commas (ids hold none). */
static GPtrArray *expected_rows(const char *name)
{
    g_autofree gchar *path = fixture(name);
    g_autofree gchar *text = NULL;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    GPtrArray *rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    for (guint i = 1; lines[i] != NULL; i++)
        if (lines[i][0] != '\0')
            g_ptr_array_add(rows, g_strsplit(lines[i], ",", -1));
    return rows;
}

static gboolean read_log(const char *name, guint threads, guint piece, SmmNames *names,
                         SmmReshareLog *log, GError **error)
{
    g_autofree gchar *path = fixture(name);
    SmmReshareImportOptions o = {0};
    o.csv.n_threads = threads;
    o.csv.piece_bytes = piece;
    o.author = o.item = o.time = SMM_ROLE_USED;
    return smm_import_reshares(path, &o, names, log, error);
}

/* The handles the import gave as labels are those of `expected` (id,handle;
 * the baseline's --handles): every account there that the import has, and
 * no other. */
static void check_handles(const SmmNames *names, const char *expected)
{
    g_autoptr(GPtrArray) rows = expected_rows(expected);
    guint labelled = 0;
    for (guint32 id = 0; id < smm_names_count(names); id++)
        labelled += smm_names_label(names, id) != NULL;
    guint found = 0;
    for (guint r = 0; r < rows->len; r++) {
        char **want = g_ptr_array_index(rows, r);
        guint32 id;
        if (!smm_names_lookup(names, want[0], (guint32)strlen(want[0]), &id))
            continue;
        g_assert_cmpstr(smm_names_label(names, id), ==, want[1]);
        found++;
    }
    g_assert_cmpuint(found, ==, labelled);
}

static gchar *handles_file(const char *json)
{
    g_autofree gchar *stem = g_strndup(json, strcspn(json, "."));
    return g_strconcat(stem, ".expected-handles.csv", NULL);
}

/* The readings compared: one thread, two, and lines split 7 bytes at a
 * time (piece_bytes), so that every line is cut by a piece's end. */
static const struct {
    guint threads, piece;
} runs[] = {{1, 0}, {2, 0}, {1, 7}};

/* The log of `json` is the rows of `expected`, in order, times to a
 * microsecond; its accounts' handles those the baseline found. */
static void check_log(const char *json, const char *expected)
{
    g_autoptr(GPtrArray) rows = expected_rows(expected);
    for (guint run = 0; run < G_N_ELEMENTS(runs); run++) {
        SmmNames *names = smm_names_new();
        SmmReshareLog log;
        g_autoptr(GError) error = NULL;
        g_assert_true(read_log(json, runs[run].threads, runs[run].piece, names, &log, &error));
        g_assert_no_error(error);
        g_assert_cmpuint(smm_reshare_log_size(&log), ==, rows->len);
        for (guint r = 0; r < rows->len; r++) {
            char **want = g_ptr_array_index(rows, r);
            guint32 a = g_array_index(log.account, guint32, r);
            guint32 b = g_array_index(log.author, guint32, r);
            guint32 item = g_array_index(log.item, guint32, r);
            g_assert_cmpstr(smm_names_get(names, a, NULL), ==, want[0]);
            g_assert_cmpstr(smm_names_get(names, b, NULL), ==, want[1]);
            g_assert_cmpstr(smm_names_get(log.items, item, NULL), ==, want[2]);
            double t = g_array_index(log.time, double, r);
            g_assert_cmpfloat(fabs(t - g_ascii_strtod(want[3], NULL)), <, 1e-6);
        }
        g_autofree gchar *handles = handles_file(json);
        check_handles(names, handles);
        smm_reshare_log_clear(&log);
        smm_names_free(names);
    }
}

/* The follows of `json` are the rows of `expected` but their self-loops,
 * which the importer drops and counts (the graph build drops duplicates). */
static void check_follows(const char *json, const char *expected)
{
    g_autoptr(GPtrArray) rows = expected_rows(expected);
    g_autofree gchar *path = fixture(json);
    for (guint run = 0; run < G_N_ELEMENTS(runs); run++) {
        SmmFollowerImportOptions o = {0};
        o.csv.n_threads = runs[run].threads;
        o.csv.piece_bytes = runs[run].piece;
        SmmEdgeList edges;
        g_autoptr(GError) error = NULL;
        g_assert_true(smm_import_followers(path, &o, NULL, &edges, &error));
        g_assert_no_error(error);
        guint kept = 0, loops = 0;
        for (guint r = 0; r < rows->len; r++) {
            char **want = g_ptr_array_index(rows, r);
            if (strcmp(want[0], want[1]) == 0) {
                loops++;
                continue;
            }
            g_assert_cmpuint(kept, <, edges.src->len);
            g_assert_cmpstr(
                smm_names_get(edges.names, g_array_index(edges.src, guint32, kept), NULL), ==,
                want[0]);
            g_assert_cmpstr(
                smm_names_get(edges.names, g_array_index(edges.dst, guint32, kept), NULL), ==,
                want[1]);
            kept++;
        }
        g_assert_cmpuint(kept, ==, edges.src->len);
        g_assert_cmpuint(loops, ==, edges.self_loops);
        g_assert_cmpstr(edges.csv.format, ==, "twarc");
        g_autofree gchar *handles = handles_file(json);
        check_handles(edges.names, handles);
        smm_edge_list_clear(&edges);
    }
}

static void test_pages(void)
{
    check_log("twarc2_pages.jsonl", "twarc2_pages.expected-reshares-ids.csv");
    check_log("twarc2_pages_gz.jsonl.gz", "twarc2_pages_gz.expected-reshares-ids.csv");
}

static void test_flattened(void)
{
    check_log("twarc2_flat.jsonl", "twarc2_flat.expected-reshares-ids.csv");
}

static void test_v1(void)
{
    check_log("v1_tweets.jsonl", "v1_tweets.expected-reshares-ids.csv");
    check_log("v1_stream.jsonl", "v1_stream.expected-reshares-ids.csv");
}

static void test_awkward(void)
{
    check_log("twarc2_missing_original.jsonl", "twarc2_missing_original.expected-reshares-ids.csv");
    check_log("twarc2_mixed_forms.jsonl", "twarc2_mixed_forms.expected-reshares-ids.csv");
    check_log("twarc2_quotes_replies.jsonl", "twarc2_quotes_replies.expected-reshares-ids.csv");
    check_log("twarc2_unicode.jsonl", "twarc2_unicode.expected-reshares-ids.csv");
}

static void test_followers(void)
{
    check_follows("twarc2_followers.jsonl", "twarc2_followers.expected-follows-ids.csv");
    check_follows("twarc2_followers_pages.jsonl",
                  "twarc2_followers_pages.expected-follows-ids.csv");
}

static guint64 left_out(const SmmCsvStats *s, const char *why)
{
    for (guint i = 0; i < s->n_left_out; i++)
        if (strcmp(s->left_out[i].why, why) == 0)
            return s->left_out[i].n;
    return 0;
}

/* The counts of tests/data/README.md's table. */
static void test_left_out_counted(void)
{
    static const struct {
        const char *file, *why;
        guint64 n;
    } cases[] = {
        {"twarc2_missing_original.jsonl", "retweets whose original is missing", 1},
        {"twarc2_mixed_forms.jsonl", "tweets met twice", 1},
        {"twarc2_mixed_forms.jsonl", "retweets whose original is missing", 1},
        {"twarc2_mixed_forms.jsonl", "lines of errors only", 1},
        {"twarc2_quotes_replies.jsonl", "quotes", 2},
        {"twarc2_quotes_replies.jsonl", "replies", 1},
        {"v1_stream.jsonl", "quotes", 1},
        {"v1_stream.jsonl", "replies", 1},
        {"v1_stream.jsonl", "stream notices", 2},
    };
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        SmmNames *names = smm_names_new();
        SmmReshareLog log;
        g_assert_true(read_log(cases[i].file, 1, 0, names, &log, NULL));
        g_assert_cmpuint(left_out(&log.csv, cases[i].why), ==, cases[i].n);
        smm_reshare_log_clear(&log);
        smm_names_free(names);
    }
}

static gchar *tmp_dir;

static void expect_error(const char *content, const char *message)
{
    g_autofree gchar *path = g_build_filename(tmp_dir, "bad.jsonl", NULL);
    g_assert_true(g_file_set_contents(path, content, -1, NULL));
    SmmReshareImportOptions o = {0};
    o.csv.n_threads = 1;
    o.format = SMM_INPUT_TWARC;
    SmmNames *names = smm_names_new();
    SmmReshareLog log;
    g_autoptr(GError) error = NULL;
    g_assert_false(smm_import_reshares(path, &o, names, &log, &error));
    g_assert_nonnull(error);
    if (strstr(error->message, message) == NULL)
        g_error("message %s lacks %s", error->message, message);
    g_assert_null(strchr(error->message, '\n'));
    smm_names_free(names);
}

static void test_errors(void)
{
    const char *ok =
        "{\"id\":\"1\",\"author_id\":\"9\",\"created_at\":\"2021-06-26T19:56:26.000Z\"}\n";
    g_autofree gchar *line2 = g_strconcat(ok, "{\"id\": \"2\", \"author_id\": }\n", NULL);
    expect_error(line2, "bad.jsonl:2: not JSON");
    g_autofree gchar *two = g_strconcat(
        ok, "{\"id\":\"2\",\"author_id\":\"9\",\"created_at\":\"2021-06-26T19:56:26Z\"} {}\n",
        NULL);
    expect_error(two, "bad.jsonl:2: two JSON values on one line");
    expect_error("{\"data\": [\n", "bad.jsonl:1: the JSON value is cut short");
    expect_error("[1, 2]\n", "bad.jsonl:1: expected a JSON object");
    expect_error("{\"id\":\"1\",\"created_at\":\"2021-06-26T19:56:26.000Z\"}\n",
                 "bad.jsonl:1: a tweet without an author_id");
    expect_error("{\"id\":\"1\",\"author_id\":\"9\",\"created_at\":\"yesterday\"}\n",
                 "bad.jsonl:1: a tweet's created_at is 'yesterday'");
    expect_error(
        "{\"id\":\"1\",\"author_id\":\"a\\u0000b\",\"created_at\":\"2021-06-26T19:56:26Z\"}\n",
        "bad.jsonl:1: an id, time or URL holds a NUL character");
    expect_error("{\"id\":\"1\",\"author_id\":\"\xff\",\"created_at\":\"2021-06-26T19:56:26Z\"}\n",
                 "bad.jsonl:1: not JSON");
    /* yajl unescapes a lone low surrogate to bytes that are not UTF-8 */
    expect_error(
        "{\"id\":\"1\",\"author_id\":\"\\udc00\",\"created_at\":\"2021-06-26T19:56:26Z\"}\n",
        "bad.jsonl:1: the retweeter is not valid UTF-8");
    expect_error("{\"shape\": \"unknown\"}\n",
                 "bad.jsonl:1: a JSON object of no shape twarc writes");
    /* what yajl lets through: an overlong '/', an encoded surrogate */
    expect_error(
        "{\"id\":\"1\",\"author_id\":\"a\xc0\xaf\",\"created_at\":\"2021-06-26T19:56:26Z\"}\n",
        "bad.jsonl:1: the retweeter is not valid UTF-8 (byte 0xC0 at position 2)");
    expect_error("\n\n", "no data: the file has only blank lines");
}

/* The set of tweets met: every key once, through growth; 0 and 1 one key;
 * growth refused past --max-memory. */
static void test_seen_set(void)
{
    SmmSeenSet set;
    smm_seen_set_init(&set);
    for (guint64 k = 0; k < 100000; k++)
        g_assert_cmpint(smm_seen_set_add(&set, k * 0x9E3779B97F4A7C15ull + 2, NULL), ==, 1);
    for (guint64 k = 0; k < 100000; k++)
        g_assert_cmpint(smm_seen_set_add(&set, k * 0x9E3779B97F4A7C15ull + 2, NULL), ==, 0);
    g_assert_cmpuint(set.count, ==, 100000);
    g_assert_cmpint(smm_seen_set_add(&set, 0, NULL), ==, 1);
    g_assert_cmpint(smm_seen_set_add(&set, 1, NULL), ==, 0);
    smm_memory_set_limit(1u << 20); /* less than the process holds */
    g_autoptr(GError) error = NULL;
    int added = 0;
    for (guint64 k = 0; added >= 0 && k < 1000000; k++)
        added = smm_seen_set_add(&set, k * 0xD1B54A32D192ED03ull + 7, &error);
    g_assert_cmpint(added, ==, -1);
    g_assert_error(error, SMM_ERROR, SMM_ERROR_MEMORY);
    smm_memory_set_limit(0);
    smm_seen_set_clear(&set);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tmp_dir = g_dir_make_tmp("smm-json-XXXXXX", NULL);
    g_test_add_func("/json-import/twarc2-pages", test_pages);
    g_test_add_func("/json-import/twarc2-flattened", test_flattened);
    g_test_add_func("/json-import/tweets-v1", test_v1);
    g_test_add_func("/json-import/awkward-cases", test_awkward);
    g_test_add_func("/json-import/followers-pages", test_followers);
    g_test_add_func("/json-import/left-out-counted", test_left_out_counted);
    g_test_add_func("/json-import/errors", test_errors);
    g_test_add_func("/json-import/seen-set", test_seen_set);
    int rc = g_test_run();
    g_autofree gchar *bad = g_build_filename(tmp_dir, "bad.jsonl", NULL);
    g_remove(bad);
    g_rmdir(tmp_dir);
    g_free(tmp_dir);
    return rc;
}
