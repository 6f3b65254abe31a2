/* test_json_import.c - twarc's and Twitter's JSON, and Bluesky's Jetstream
 * events, read as follows and as reshare logs (with the handles beside
 * twarc's user ids), against tests/data/formats:
 * each fixture's expected rows
 * were written by scripts/json_baseline.py (Python's json module, sharing
 * no code with the importer) with --accounts ids, or by hand for the
 * awkward cases (tests/data/README.md, "formats/"). Also what is left out
 * and counted, the errors of malformed lines, and the same rows whether
 * the parsing runs on one thread or two. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "smm/core.h"
#include "smm/import.h"
#include "smm/reshare.h"
#include "../../src/import/seen_set.h"
#include "formats_util.h"

static gboolean read_log_only(const char *name, guint threads, guint piece, const char *only,
                              SmmNames *names, SmmReshareLog *log, GError **error)
{
    g_autofree gchar *path = formats_fixture(name);
    SmmReshareImportOptions o = {0};
    o.csv.n_threads = threads;
    o.csv.piece_bytes = piece;
    o.author = o.item = o.time = SMM_ROLE_USED;
    o.only = only;
    return smm_import_reshares(path, &o, names, log, error);
}

static gboolean read_log(const char *name, guint threads, SmmNames *names, SmmReshareLog *log,
                         GError **error)
{
    return read_log_only(name, threads, 0, NULL, names, log, error);
}

/* The handles the import gave as labels are those of `expected` (id,handle;
 * the baseline's --handles): every account there that the import has, and
 * no other. */
static void check_handles(const SmmNames *names, const char *expected)
{
    g_autoptr(GPtrArray) rows = formats_expected_rows(expected);
    formats_check_handles(names, rows);
}

static gchar *handles_file(const char *json)
{
    g_autofree gchar *stem = g_strndup(json, strcspn(json, "."));
    return g_strconcat(stem, ".expected-handles.csv", NULL);
}

/* The readings compared: one thread, two, and lines split 7 bytes at a
 * time (piece_bytes), so that every line is cut by a piece's end, on one
 * parsing thread and on two and three (blocks of a line or two, carried out
 * in input order). */
static const struct {
    guint threads, piece;
} runs[] = {{1, 0}, {2, 0}, {1, 7}, {2, 7}, {3, 7}};

/* The log of `json` (with --only `only`, NULL for none) is the rows of
 * `rows`, in order, times to a microsecond; the accounts have the handles
 * the baseline found. */
static void check_log_rows(const char *json, const char *only, GPtrArray *rows)
{
    for (guint run = 0; run < G_N_ELEMENTS(runs); run++) {
        SmmNames *names = smm_names_new();
        SmmReshareLog log;
        g_autoptr(GError) error = NULL;
        g_assert_true(
            read_log_only(json, runs[run].threads, runs[run].piece, only, names, &log, &error));
        g_assert_no_error(error);
        formats_check_log_rows(names, &log, rows);
        g_autofree gchar *handles = handles_file(json);
        check_handles(names, handles);
        smm_reshare_log_clear(&log);
        smm_names_free(names);
    }
}

static void check_log(const char *json, const char *expected)
{
    g_autoptr(GPtrArray) rows = formats_expected_rows(expected);
    check_log_rows(json, NULL, rows);
}

/* The follows of `json` are the rows of `expected` but their self-loops,
 * which the importer drops and counts (the graph build drops duplicates);
 * `deleted` follows were taken back by the input. */
static void check_follows(const char *json, const char *expected, const char *format,
                          guint64 deleted)
{
    g_autoptr(GPtrArray) rows = formats_expected_rows(expected);
    g_autofree gchar *path = formats_fixture(json);
    for (guint run = 0; run < G_N_ELEMENTS(runs); run++) {
        SmmFollowerImportOptions o = {0};
        o.csv.n_threads = runs[run].threads;
        o.csv.piece_bytes = runs[run].piece;
        SmmEdgeList edges;
        g_autoptr(GError) error = NULL;
        g_assert_true(smm_import_followers(path, &o, NULL, &edges, &error));
        g_assert_no_error(error);
        formats_check_follows(&edges, rows);
        g_assert_cmpuint(edges.deleted, ==, deleted);
        g_assert_cmpstr(edges.csv.format, ==, format);
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
    check_follows("twarc2_followers.jsonl", "twarc2_followers.expected-follows-ids.csv", "twarc",
                  0);
    check_follows("twarc2_followers_pages.jsonl", "twarc2_followers_pages.expected-follows-ids.csv",
                  "twarc", 0);
}

/* record.via: the rows of `json` that name a via account are, in order,
 * those of the baseline's NAME.expected-via-ids.csv (retweeter, post, via
 * DID), and the via accounts' handles those of NAME.expected-via.csv; the
 * other rows have none. Without the via role there is no via column. */
static void check_via(const char *json)
{
    g_autofree gchar *stem = g_strndup(json, strcspn(json, "."));
    g_autofree gchar *by_id = g_strconcat(stem, ".expected-via-ids.csv", NULL);
    g_autofree gchar *by_handle = g_strconcat(stem, ".expected-via.csv", NULL);
    g_autoptr(GPtrArray) want = formats_expected_rows(by_id);
    g_autoptr(GPtrArray) handles = formats_expected_rows(by_handle);
    g_assert_cmpuint(want->len, >, 0);
    g_assert_cmpuint(handles->len, ==, want->len);
    for (guint run = 0; run < G_N_ELEMENTS(runs); run++) {
        g_autofree gchar *path = formats_fixture(json);
        SmmReshareImportOptions o = {0};
        o.csv.n_threads = runs[run].threads;
        o.csv.piece_bytes = runs[run].piece;
        o.author = o.item = o.time = SMM_ROLE_USED;
        o.via = SMM_ROLE_NAMED;
        SmmNames *names = smm_names_new();
        SmmReshareLog log;
        g_autoptr(GError) error = NULL;
        g_assert_true(smm_import_reshares(path, &o, names, &log, &error));
        g_assert_no_error(error);
        g_assert_nonnull(log.via);
        g_assert_cmpuint(log.via->len, ==, smm_reshare_log_size(&log));
        guint k = 0;
        guint64 without = 0;
        for (guint r = 0; r < log.via->len; r++) {
            guint32 v = g_array_index(log.via, guint32, r);
            guint32 a = g_array_index(log.account, guint32, r);
            if (v == SMM_NO_ACCOUNT) {
                without += a != g_array_index(log.author, guint32, r);
                continue;
            }
            g_assert_cmpuint(k, <, want->len);
            char **w = g_ptr_array_index(want, k);
            char **h = g_ptr_array_index(handles, k);
            g_assert_cmpstr(smm_names_get(names, a, NULL), ==, w[0]);
            g_assert_cmpstr(smm_names_get(log.items, g_array_index(log.item, guint32, r), NULL), ==,
                            w[1]);
            g_assert_cmpstr(smm_names_get(names, v, NULL), ==, w[2]);
            const char *label = smm_names_label(names, v);
            g_assert_cmpstr(label != NULL ? label : smm_names_get(names, v, NULL), ==, h[2]);
            k++;
        }
        g_assert_cmpuint(k, ==, want->len);
        g_assert_cmpuint(log.without_via, ==, without);
        smm_reshare_log_clear(&log);
        smm_names_free(names);
    }
    /* a command that does not read via: no column */
    SmmNames *names = smm_names_new();
    SmmReshareLog log;
    g_assert_true(read_log(json, 1, names, &log, NULL));
    g_assert_null(log.via);
    smm_reshare_log_clear(&log);
    smm_names_free(names);
}

static void test_jetstream(void)
{
    check_log("jetstream.jsonl", "jetstream.expected-reshares-ids.csv");
    check_log("jetstream_reposts.jsonl", "jetstream_reposts.expected-reshares-ids.csv");
    check_log("jetstream_via.jsonl", "jetstream_via.expected-reshares-ids.csv");
    check_via("jetstream.jsonl");
    check_via("jetstream_reposts.jsonl");
    check_via("jetstream_via.jsonl");
    /* twarc's JSON has no via */
    SmmNames *names = smm_names_new();
    SmmReshareLog log;
    g_autofree gchar *pages = formats_fixture("twarc2_pages.jsonl");
    SmmReshareImportOptions o = {.author = SMM_ROLE_USED,
                                 .item = SMM_ROLE_USED,
                                 .time = SMM_ROLE_USED,
                                 .via = SMM_ROLE_NAMED};
    g_assert_true(smm_import_reshares(pages, &o, names, &log, NULL));
    g_assert_null(log.via);
    smm_reshare_log_clear(&log);
    smm_names_free(names);
    /* a follow created and deleted, twice in jetstream.jsonl; a create, its
     * delete and a re-follow in jetstream_follows.jsonl */
    check_follows("jetstream.jsonl", "jetstream.expected-follows-ids.csv", "jetstream", 2);
    check_follows("jetstream_follows.jsonl", "jetstream_follows.expected-follows-ids.csv",
                  "jetstream", 1);
}

/* --only type=quote,reply: the quote's row names the quoted post, the
 * reply's the parent, each with its own createdAt (worked out by hand from
 * jetstream_reposts.jsonl). */
static void test_jetstream_only(void)
{
    const char *post = "at://did:plc:a2lyq5kfcx7tw4hwuz3dnrm6/app.bsky.feed.post/3l3ptf4q2a2x5";
    const char *rows[][5] = {
        {"did:plc:d5u6qyemkw3xaonfr2h7ltjc", "did:plc:a2lyq5kfcx7tw4hwuz3dnrm6", post, "1725911179",
         NULL},
        {"did:plc:b7xk4ojvpzq2rnhe6s5dmyli", "did:plc:a2lyq5kfcx7tw4hwuz3dnrm6", post, "1725911189",
         NULL},
    };
    g_autoptr(GPtrArray) want = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    for (guint i = 0; i < G_N_ELEMENTS(rows); i++)
        g_ptr_array_add(want, g_strdupv((gchar **)rows[i]));
    check_log_rows("jetstream_reposts.jsonl", "type=quote,reply", want);
    /* repost is retweet's other name: the fixture's 5 reposts alone */
    g_autoptr(GPtrArray) all = formats_expected_rows("jetstream_reposts.expected-reshares-ids.csv");
    g_ptr_array_remove_index(all, 0); /* the post */
    check_log_rows("jetstream_reposts.jsonl", "type=repost", all);
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
        {"jetstream_reposts.jsonl", "identity events", 4},
        {"jetstream_reposts.jsonl", "likes", 1},
        {"jetstream_reposts.jsonl", "replies", 1},
        {"jetstream_reposts.jsonl", "quotes", 1},
        {"jetstream_reposts.jsonl", "post and repost deletes", 1},
        {"jetstream_reposts.jsonl", "updates", 1},
        {"jetstream_reposts.jsonl", "creates met twice", 1},
        {"jetstream.jsonl", "identity events", 11},
        {"jetstream.jsonl", "account events", 2},
        {"jetstream.jsonl", "likes", 1},
        {"jetstream.jsonl", "follows", 32},
        {"jetstream.jsonl", "deletes of other records", 2},
    };
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        SmmNames *names = smm_names_new();
        SmmReshareLog log;
        g_assert_true(read_log(cases[i].file, 1, names, &log, NULL));
        g_assert_cmpuint(formats_left_out(&log.csv, cases[i].why), ==, cases[i].n);
        smm_reshare_log_clear(&log);
        smm_names_free(names);
    }
    /* as follows: the README's counts of jetstream_follows.jsonl */
    static const struct {
        const char *why;
        guint64 n;
    } follows[] = {
        {"identity events", 7},
        {"follow deletes with no create in the input", 1},
        {"account events", 2},
        {"creates met twice", 1},
        {"records other than follows", 1},
    };
    g_autofree gchar *path = formats_fixture("jetstream_follows.jsonl");
    SmmFollowerImportOptions o = {0};
    o.csv.n_threads = 1;
    SmmEdgeList edges;
    g_assert_true(smm_import_followers(path, &o, NULL, &edges, NULL));
    g_assert_cmpuint(edges.csv.n_left_out, ==, G_N_ELEMENTS(follows));
    for (guint i = 0; i < G_N_ELEMENTS(follows); i++)
        g_assert_cmpuint(formats_left_out(&edges.csv, follows[i].why), ==, follows[i].n);
    smm_edge_list_clear(&edges);
}

static gchar *tmp_dir;

/* `content` read as a reshare log in `format` fails with `message`. */
static void expect_error_as(SmmInputFormat format, const char *content, const char *message)
{
    g_autofree gchar *path = g_build_filename(tmp_dir, "bad.jsonl", NULL);
    g_assert_true(g_file_set_contents(path, content, -1, NULL));
    SmmReshareImportOptions o = {0};
    o.csv.n_threads = 1;
    o.format = format;
    o.only = "type=post,retweet,quote,reply";
    SmmNames *names = smm_names_new();
    SmmReshareLog log;
    g_autoptr(GError) error = NULL;
    g_assert_false(smm_import_reshares(path, &o, names, &log, &error));
    formats_check_message(error, message);
    smm_names_free(names);
}

static void expect_error(const char *content, const char *message)
{
    expect_error_as(SMM_INPUT_TWARC, content, message);
}

/* `content` read as a follower file fails with `message`. */
static void expect_follows_error(const char *content, const char *message)
{
    g_autofree gchar *path = g_build_filename(tmp_dir, "bad.jsonl", NULL);
    g_assert_true(g_file_set_contents(path, content, -1, NULL));
    SmmFollowerImportOptions o = {0};
    o.csv.n_threads = 1;
    SmmEdgeList edges;
    g_autoptr(GError) error = NULL;
    g_assert_false(smm_import_followers(path, &o, NULL, &edges, &error));
    formats_check_message(error, message);
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
    /* what yajl lets through: an overlong '/' */
    expect_error(
        "{\"id\":\"1\",\"author_id\":\"a\xc0\xaf\",\"created_at\":\"2021-06-26T19:56:26Z\"}\n",
        "bad.jsonl:1: the retweeter is not valid UTF-8 (byte 0xC0 at position 2)");
    expect_error("\n\n", "no data: the file has only blank lines");
}

#define JET_COMMIT(DID, OP, COLL, RKEY, RECORD)                                                    \
    "{\"did\":\"" DID "\",\"time_us\":1725911162329308,\"kind\":\"commit\",\"commit\":{"           \
    "\"rev\":\"3l3qo3vqkwo2b\",\"operation\":\"" OP "\",\"collection\":\"" COLL                    \
    "\",\"rkey\":\"" RKEY "\"" RECORD "}}\n"
#define DID_A "did:plc:a2lyq5kfcx7tw4hwuz3dnrm6"
#define DID_B "did:plc:b7xk4ojvpzq2rnhe6s5dmyli"
#define POST_B "at://" DID_B "/app.bsky.feed.post/3l3ptf4q2a2x5"
#define REPOST(SUBJECT)                                                                            \
    JET_COMMIT(                                                                                    \
        DID_A, "create", "app.bsky.feed.repost", "3l3qo2vqkwo2b",                                  \
        ",\"record\":{\"createdAt\":\"2024-09-09T19:46:02.102Z\",\"subject\":{\"uri\":" SUBJECT    \
        "}}")

/* Follows deleted in the same batch and batches later (16384 rows each),
 * self-loops among them (dropped before the delete comes), deletes with no
 * create, replays of deleted follows: the edges left are the creates never
 * deleted, in input order, on one thread and two. */
static void test_jetstream_deletes(void)
{
    enum { N = 40000, ACCOUNTS = 500 };
    g_autofree gboolean *deleted = g_new0(gboolean, N);
    GString *text = g_string_new(NULL);
    guint64 unmatched = 0;
#define FOLLOW(OP, I)                                                                              \
    g_string_append_printf(                                                                        \
        text,                                                                                      \
        "{\"did\":\"did:plc:u%u\",\"time_us\":1,\"kind\":\"commit\","                              \
        "\"commit\":{\"operation\":\"%s\",\"collection\":\"app.bsky.graph.follow\","               \
        "\"rkey\":\"k%u\",\"record\":{\"subject\":\"did:plc:u%u\"}}}\n",                           \
        (I) % ACCOUNTS, OP, (I), ((I)*7u + 2u) % ACCOUNTS)
    for (guint i = 0; i < N; i++) {
        FOLLOW("create", i);
        if (i >= 3 && i % 3 == 0) { /* mostly in the same batch */
            FOLLOW("delete", i - 3);
            deleted[i - 3] = TRUE;
        }
    }
    for (guint i = 1; i < N; i += 11) { /* batches back; some deleted already */
        FOLLOW("delete", i);
        unmatched += deleted[i];
        deleted[i] = TRUE;
    }
    FOLLOW("delete", N + 5u); /* made before the capture */
    unmatched++;
    FOLLOW("create", 1u); /* a replay of a deleted follow stays deleted */
#undef FOLLOW
    g_autofree gchar *path = g_build_filename(tmp_dir, "deletes.jsonl", NULL);
    g_assert_true(g_file_set_contents(path, text->str, (gssize)text->len, NULL));
    g_string_free(text, TRUE);
    guint64 n_deleted = 0, loops = 0;
    for (guint i = 0; i < N; i++) {
        n_deleted += deleted[i];
        loops += !deleted[i] && (i % ACCOUNTS) == (i * 7u + 2u) % ACCOUNTS;
    }
    g_assert_cmpuint(loops, >, 0);
    for (guint threads = 1; threads <= 2; threads++) {
        SmmFollowerImportOptions o = {0};
        o.csv.n_threads = threads;
        SmmEdgeList edges;
        g_autoptr(GError) error = NULL;
        g_assert_true(smm_import_followers(path, &o, NULL, &edges, &error));
        g_assert_no_error(error);
        g_assert_cmpuint(edges.csv.data_rows, ==, N);
        g_assert_cmpuint(edges.deleted, ==, n_deleted);
        g_assert_cmpuint(edges.self_loops, ==, loops);
        g_assert_cmpuint(formats_left_out(&edges.csv, "follow deletes with no create in the input"),
                         ==, unmatched);
        g_assert_cmpuint(formats_left_out(&edges.csv, "creates met twice"), ==, 1);
        guint kept = 0;
        for (guint i = 0; i < N; i++) {
            guint a = i % ACCOUNTS, b = (i * 7u + 2u) % ACCOUNTS;
            if (deleted[i] || a == b)
                continue;
            g_assert_cmpuint(kept, <, edges.src->len);
            g_autofree gchar *follower = g_strdup_printf("did:plc:u%u", a);
            g_autofree gchar *followee = g_strdup_printf("did:plc:u%u", b);
            g_assert_cmpstr(
                smm_names_get(edges.names, g_array_index(edges.src, guint32, kept), NULL), ==,
                follower);
            g_assert_cmpstr(
                smm_names_get(edges.names, g_array_index(edges.dst, guint32, kept), NULL), ==,
                followee);
            kept++;
        }
        g_assert_cmpuint(kept, ==, edges.src->len);
        smm_edge_list_clear(&edges);
    }
    g_remove(path);
}

/* A quote with media names the post inside embed.record.record; a quote
 * of a feed generator has no post to reshare: counted. */
static void test_jetstream_quotes(void)
{
    g_autofree gchar *text = g_strconcat(
        JET_COMMIT(DID_A, "create", "app.bsky.feed.post", "3l3q1",
                   ",\"record\":{\"createdAt\":\"2024-09-09T19:46:02.5Z\",\"embed\":{"
                   "\"$type\":\"app.bsky.embed.recordWithMedia\",\"media\":{\"$type\":"
                   "\"app.bsky.embed.images\"},\"record\":{\"$type\":\"app.bsky.embed.record\","
                   "\"record\":{\"cid\":\"bafy\",\"uri\":\"" POST_B "\"}}}}"),
        JET_COMMIT(DID_A, "create", "app.bsky.feed.post", "3l3q2",
                   ",\"record\":{\"createdAt\":\"2024-09-09T19:46:03Z\",\"embed\":{"
                   "\"$type\":\"app.bsky.embed.record\",\"record\":{\"uri\":\"at://" DID_B
                   "/app.bsky.feed.generator/news\"}}}"),
        NULL);
    g_autofree gchar *path = g_build_filename(tmp_dir, "quotes.jsonl", NULL);
    g_assert_true(g_file_set_contents(path, text, -1, NULL));
    SmmReshareImportOptions o = {0};
    o.csv.n_threads = 1;
    o.author = o.item = o.time = SMM_ROLE_USED;
    o.only = "type=quote";
    SmmNames *names = smm_names_new();
    SmmReshareLog log;
    g_autoptr(GError) error = NULL;
    g_assert_true(smm_import_reshares(path, &o, names, &log, &error));
    g_assert_no_error(error);
    g_assert_cmpuint(smm_reshare_log_size(&log), ==, 1);
    g_assert_cmpstr(smm_names_get(names, g_array_index(log.account, guint32, 0), NULL), ==, DID_A);
    g_assert_cmpstr(smm_names_get(names, g_array_index(log.author, guint32, 0), NULL), ==, DID_B);
    g_assert_cmpstr(smm_names_get(log.items, g_array_index(log.item, guint32, 0), NULL), ==,
                    POST_B);
    g_assert_cmpfloat(g_array_index(log.time, double, 0), ==, 1725911162.5);
    g_assert_cmpuint(formats_left_out(&log.csv, "quotes of records other than posts"), ==, 1);
    smm_reshare_log_clear(&log);
    smm_names_free(names);
    g_remove(path);
}

/* A user renamed between two lines: twarc's handle is the first one seen,
 * whatever block or parser thread each line falls to. */
static void test_first_handle(void)
{
    static const char text[] =
        "{\"id\":\"1\",\"author_id\":\"10\",\"created_at\":\"2021-01-01T00:00:00.000Z\","
        "\"author\":{\"id\":\"10\",\"username\":\"first\"}}\n"
        "{\"id\":\"2\",\"author_id\":\"10\",\"created_at\":\"2021-01-01T00:00:01.000Z\","
        "\"author\":{\"id\":\"10\",\"username\":\"second\"}}\n";
    g_autofree gchar *path = g_build_filename(tmp_dir, "renamed.jsonl", NULL);
    g_assert_true(g_file_set_contents(path, text, -1, NULL));
    for (guint run = 0; run < G_N_ELEMENTS(runs); run++) {
        SmmNames *names = smm_names_new();
        SmmReshareLog log;
        g_autoptr(GError) error = NULL;
        g_assert_true(
            read_log_only(path, runs[run].threads, runs[run].piece, NULL, names, &log, &error));
        guint32 id;
        g_assert_true(smm_names_lookup(names, "10", 2, &id));
        g_assert_cmpstr(smm_names_label(names, id), ==, "first");
        smm_reshare_log_clear(&log);
        smm_names_free(names);
    }
}

static void test_jetstream_errors(void)
{
    expect_error_as(SMM_INPUT_JETSTREAM, "[1, 2]\n", "bad.jsonl:1: expected a JSON object");
    g_autofree gchar *line2 = g_strconcat(
        REPOST("\"" POST_B "\""),
        JET_COMMIT(DID_A, "create", "app.bsky.feed.repost", "3l3qo2vqkwo2c", ",\"record\":{}"),
        NULL);
    expect_error_as(SMM_INPUT_JETSTREAM, line2,
                    "bad.jsonl:2: a repost's subject.uri is missing; expected an at:// post URI");
    expect_error_as(SMM_INPUT_JETSTREAM, REPOST("\"https://bsky.app/profile/x/post/y\""),
                    "bad.jsonl:1: a repost's subject.uri is 'https://bsky.app/profile/x/post/y'");
    expect_error_as(SMM_INPUT_JETSTREAM,
                    REPOST("\"at://" DID_B "/app.bsky.feed.generator/3l3ptf4q2a2x5\""),
                    "bad.jsonl:1: a repost's subject.uri is 'at://");
    expect_error_as(SMM_INPUT_JETSTREAM, REPOST("\"at://" DID_B "/app.bsky.feed.post/\""),
                    "expected an at:// post URI (at://DID/app.bsky.feed.post/RKEY)");
    expect_error_as(SMM_INPUT_JETSTREAM,
                    "{\"time_us\":1,\"kind\":\"commit\",\"commit\":{\"operation\":\"create\","
                    "\"collection\":\"app.bsky.feed.repost\",\"rkey\":\"x\"}}\n",
                    "bad.jsonl:1: a Jetstream event without a did");
    expect_error_as(SMM_INPUT_JETSTREAM,
                    "{\"did\":\"" DID_A
                    "\",\"kind\":\"commit\",\"commit\":{\"operation\":\"create\","
                    "\"rkey\":\"x\"}}\n",
                    "bad.jsonl:1: a commit event without a collection");
    expect_error_as(SMM_INPUT_JETSTREAM, "{\"did\":\"" DID_A "\",\"kind\":\"commit\"}\n",
                    "bad.jsonl:1: a commit event without a commit");
    expect_error_as(SMM_INPUT_JETSTREAM,
                    "{\"did\":\"" DID_A
                    "\",\"kind\":\"commit\",\"commit\":{\"operation\":\"delete\","
                    "\"collection\":\"app.bsky.graph.follow\"}}\n",
                    "bad.jsonl:1: a commit event without an rkey");
    expect_error_as(
        SMM_INPUT_JETSTREAM,
        JET_COMMIT(DID_A, "upsert", "app.bsky.feed.post", "3l3", ",\"record\":{}"),
        "bad.jsonl:1: a commit's operation is 'upsert'; expected create, update or delete");
    expect_error_as(SMM_INPUT_JETSTREAM,
                    JET_COMMIT(DID_A, "create", "app.bsky.feed.post", "3l3",
                               ",\"record\":{\"reply\":{\"root\":{}}}"),
                    "bad.jsonl:1: a reply's reply.parent.uri is missing");
    expect_error_as(SMM_INPUT_JETSTREAM,
                    JET_COMMIT(DID_A, "create", "app.bsky.feed.post", "3l3",
                               ",\"record\":{\"embed\":{\"$type\":\"app.bsky.embed.record\","
                               "\"record\":{\"uri\":\"bsky.app\"}}}"),
                    "bad.jsonl:1: a quote's embedded record uri is 'bsky.app'");
    expect_error_as(SMM_INPUT_JETSTREAM, REPOST("\"at://did:plc:a\\u0000b/app.bsky.feed.post/x\""),
                    "bad.jsonl:1: a DID, key, time or URI holds a NUL character");
    expect_error_as(SMM_INPUT_JETSTREAM,
                    "{\"did\":\"" DID_A
                    "\",\"kind\":\"commit\",\"commit\":{\"operation\":\"create\","
                    "\"collection\":\"app.bsky.feed.post\",\"rkey\":\"x\",\"record\":{}}}\n",
                    "bad.jsonl:1: a record without a readable createdAt or time_us");
    expect_error_as(SMM_INPUT_JETSTREAM,
                    JET_COMMIT(DID_A, "create", "app.bsky.graph.follow", "3l3",
                               ",\"record\":{\"subject\":\"" DID_B "\"}"),
                    "bad.jsonl: no reshares in its 1 records");
    expect_follows_error(JET_COMMIT(DID_A, "create", "app.bsky.graph.follow", "3l3",
                                    ",\"record\":{\"createdAt\":\"2024-09-09T19:46:02Z\"}"),
                         "bad.jsonl:1: a follow create without a subject (the DID followed)");
    expect_follows_error(JET_COMMIT(DID_A, "create", "app.bsky.graph.follow", "3l3",
                                    ",\"record\":{\"subject\":\"bo.bsky.social\"}"),
                         "bad.jsonl:1: a follow's subject is 'bo.bsky.social'; expected a DID");
    expect_follows_error(REPOST("\"" POST_B "\""),
                         "no follows in its 1 records: Jetstream's follows are "
                         "app.bsky.graph.follow creates");
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
    g_test_add_func("/json-import/jetstream", test_jetstream);
    g_test_add_func("/json-import/jetstream-only", test_jetstream_only);
    g_test_add_func("/json-import/jetstream-deletes", test_jetstream_deletes);
    g_test_add_func("/json-import/jetstream-quotes", test_jetstream_quotes);
    g_test_add_func("/json-import/jetstream-errors", test_jetstream_errors);
    g_test_add_func("/json-import/first-handle", test_first_handle);
    int rc = g_test_run();
    g_autofree gchar *bad = g_build_filename(tmp_dir, "bad.jsonl", NULL);
    g_remove(bad);
    g_rmdir(tmp_dir);
    g_free(tmp_dir);
    return rc;
}
