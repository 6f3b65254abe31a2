/* fuzz_json.c - JSON lines (twarc2 pages, flattened tweets, followers
 * pages, v1.1 tweets) through both importers: as follows and as a reshare
 * log.
 *
 * Input: one byte of options, then the file. Beyond not crashing, the
 * target holds the JSON reader to what json_reader.h and the importers
 * promise: every name read (accounts, post ids) is non-empty UTF-8 without
 * a NUL byte, every time finite (and inside --since/--until), data_rows
 * counts every row kept or dropped (self-loops, the window); a reading on
 * two threads, or split into pieces of a few bytes, gives what one thread
 * reading whole chunks gives (rows, names, stats, errors); an error is one
 * line and starts with the file's name.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "smm/import.h"
#include "smm/reshare.h"

enum {
    OPT_FOLLOWS_FORMAT = 3 << 0,  /* auto, twarc, tweets-v1, auto */
    OPT_RESHARES_FORMAT = 3 << 2, /* the same, for the reshare log */
    OPT_THREADS = 1 << 4,         /* the reading checked runs on two threads */
    OPT_PIECES = 1 << 5,          /* lines split a few bytes at a time */
    OPT_LIMITS = 1 << 6,          /* a few rows kept at most */
    OPT_FILTER = 1 << 7,          /* --only type=... (by the input's size), --since, --until */
};

static const SmmInputFormat formats[4] = {SMM_INPUT_AUTO, SMM_INPUT_TWARC, SMM_INPUT_TWEETS_V1,
                                          SMM_INPUT_AUTO};
static const char *const onlys[4] = {NULL, "type=retweet,quote,reply,post", "type=quote,reply",
                                     "type=post"};

#define FOLLOWS_PATH "followers.jsonl"
#define LOG_PATH "log.jsonl"

/* An error: one line, starting with the file's name. */
static void check_error(const GError *e, const char *path)
{
    FUZZ_CHECK(e != NULL && e->message != NULL);
    if (strchr(e->message, '\n') != NULL || !g_str_has_prefix(e->message, path) ||
        (e->message[strlen(path)] != ':' && e->message[strlen(path)] != ' ')) {
        fprintf(stderr, "error: %s\n", e->message);
        FUZZ_CHECK(!"an error is one line starting with the file's name");
    }
}

static void same_errors(const GError *a, const GError *b)
{
    FUZZ_CHECK(a->code == b->code);
    if (strcmp(a->message, b->message) != 0) {
        fprintf(stderr, "checked:   %s\nreference: %s\n", a->message, b->message);
        FUZZ_CHECK(!"the same error");
    }
}

/* Every name of the table: non-empty UTF-8 without NUL. */
static void check_names(const SmmNames *names)
{
    guint32 n = smm_names_count(names);
    for (guint32 id = 0; id < n; id++) {
        guint32 len;
        const char *s = smm_names_get(names, id, &len);
        FUZZ_CHECK(len > 0 && memchr(s, '\0', len) == NULL);
        if (!g_utf8_validate_len(s, len, NULL)) {
            g_autofree gchar *q = g_strescape(s, NULL);
            fprintf(stderr, "name %u: \"%s\"\n", id, q);
            FUZZ_CHECK(!"a name is UTF-8");
        }
    }
}

static void same_names(const SmmNames *a, const SmmNames *b)
{
    FUZZ_CHECK((a == NULL) == (b == NULL));
    if (a == NULL)
        return;
    guint32 n = smm_names_count(a);
    FUZZ_CHECK(n == smm_names_count(b));
    for (guint32 id = 0; id < n; id++) {
        guint32 la, lb;
        const char *na = smm_names_get(a, id, &la);
        const char *nb = smm_names_get(b, id, &lb);
        FUZZ_CHECK(la == lb && memcmp(na, nb, la) == 0);
    }
}

static void same_arrays(const GArray *a, const GArray *b)
{
    FUZZ_CHECK((a == NULL) == (b == NULL));
    if (a == NULL)
        return;
    FUZZ_CHECK(a->len == b->len);
    FUZZ_CHECK(a->len == 0 || memcmp(a->data, b->data,
                                     (gsize)a->len * g_array_get_element_size((GArray *)a)) == 0);
}

static void same_stats(const SmmCsvStats *a, const SmmCsvStats *b)
{
    FUZZ_CHECK(a->lines == b->lines && a->data_rows == b->data_rows &&
               a->blank_lines == b->blank_lines && a->header == b->header &&
               a->delimiter == b->delimiter && a->records == b->records);
    FUZZ_CHECK(g_strcmp0(a->format, b->format) == 0);
    FUZZ_CHECK(g_strcmp0(a->encoding, b->encoding) == 0);
    FUZZ_CHECK(memcmp(a->column_index, b->column_index, sizeof a->column_index) == 0);
    FUZZ_CHECK(a->n_left_out == b->n_left_out);
    for (guint i = 0; i < a->n_left_out; i++)
        FUZZ_CHECK(strcmp(a->left_out[i].why, b->left_out[i].why) == 0 &&
                   a->left_out[i].n == b->left_out[i].n);
}

static void check_ids(const GArray *ids, guint32 n)
{
    for (guint i = 0; ids != NULL && i < ids->len; i++)
        FUZZ_CHECK(g_array_index(ids, guint32, i) < n);
}

/* ---------------------------------------------------------------- follows */

static gboolean read_follows(const SmmFollowerImportOptions *o, SmmEdgeList *edges, GError **error)
{
    gboolean ok = smm_import_followers(FOLLOWS_PATH, o, NULL, edges, error);
    if (!ok) {
        check_error(*error, FOLLOWS_PATH);
        return FALSE;
    }
    FUZZ_CHECK(edges->src->len == edges->dst->len);
    FUZZ_CHECK(edges->csv.data_rows == edges->src->len + edges->self_loops);
    FUZZ_CHECK(edges->csv.data_rows > 0);
    guint32 n = smm_names_count(edges->names);
    check_ids(edges->src, n);
    check_ids(edges->dst, n);
    for (guint i = 0; i < edges->src->len; i++)
        FUZZ_CHECK(g_array_index(edges->src, guint32, i) != g_array_index(edges->dst, guint32, i));
    check_names(edges->names);
    return TRUE;
}

static void follows(const SmmCsvOptions *csv, const SmmCsvOptions *ref_csv, SmmInputFormat format)
{
    SmmFollowerImportOptions o = {.csv = *csv, .format = format};
    SmmFollowerImportOptions ref = {.csv = *ref_csv, .format = format};
    SmmEdgeList edges, ref_edges;
    GError *error = NULL, *ref_error = NULL;
    gboolean ok = read_follows(&o, &edges, &error);
    if (ref_csv == csv) {
        if (ok)
            smm_edge_list_clear(&edges);
        g_clear_error(&error);
        return;
    }
    gboolean ref_ok = read_follows(&ref, &ref_edges, &ref_error);
    FUZZ_CHECK(ok == ref_ok);
    if (ok) {
        same_names(edges.names, ref_edges.names);
        same_arrays(edges.src, ref_edges.src);
        same_arrays(edges.dst, ref_edges.dst);
        FUZZ_CHECK(edges.self_loops == ref_edges.self_loops);
        same_stats(&edges.csv, &ref_edges.csv);
        smm_edge_list_clear(&edges);
        smm_edge_list_clear(&ref_edges);
    } else {
        same_errors(error, ref_error);
        g_error_free(error);
        g_error_free(ref_error);
    }
}

/* --------------------------------------------------------------- reshares */

static gboolean read_log(const SmmReshareImportOptions *o, SmmNames *names, SmmReshareLog *log,
                         GError **error)
{
    if (!smm_import_reshares(LOG_PATH, o, names, log, error)) {
        check_error(*error, LOG_PATH);
        return FALSE;
    }
    guint64 rows = smm_reshare_log_size(log);
    FUZZ_CHECK(rows > 0 || log->outside_window + log->left_out > 0);
    FUZZ_CHECK(log->csv.data_rows == rows + log->outside_window + log->left_out);
    if (log->csv.format != NULL) /* JSON: every role, always */
        FUZZ_CHECK(log->author != NULL && log->item != NULL && log->time != NULL);
    FUZZ_CHECK(log->author == NULL || log->author->len == rows);
    FUZZ_CHECK(log->item == NULL || log->item->len == rows);
    FUZZ_CHECK(log->time == NULL || log->time->len == rows);
    FUZZ_CHECK((log->item == NULL) == (log->items == NULL));
    guint32 n = smm_names_count(names);
    check_ids(log->account, n);
    check_ids(log->author, n);
    if (log->item != NULL)
        check_ids(log->item, smm_names_count(log->items));
    for (guint64 r = 0; log->time != NULL && r < rows; r++) {
        double t = g_array_index(log->time, double, r);
        FUZZ_CHECK(isfinite(t));
        FUZZ_CHECK(!o->has_since || t >= o->since);
        FUZZ_CHECK(!o->has_until || t <= o->until);
    }
    check_names(names);
    if (log->items != NULL)
        check_names(log->items);
    return TRUE;
}

static void reshares(const SmmCsvOptions *csv, const SmmCsvOptions *ref_csv, SmmInputFormat format,
                     const char *only, gboolean window)
{
    SmmReshareImportOptions o = {.csv = *csv, .format = format, .only = only};
    o.author = o.item = o.time = SMM_ROLE_USED;
    o.has_since = o.has_until = window;
    o.since = 1.3e9; /* 2011 to 2023: the test data's tweets are on both sides */
    o.until = 1.7e9;
    SmmReshareImportOptions ref = o;
    ref.csv = *ref_csv;

    SmmNames *names = smm_names_new(), *ref_names = smm_names_new();
    SmmReshareLog log, ref_log;
    GError *error = NULL, *ref_error = NULL;
    gboolean ok = read_log(&o, names, &log, &error);
    if (ref_csv != csv) {
        gboolean ref_ok = read_log(&ref, ref_names, &ref_log, &ref_error);
        FUZZ_CHECK(ok == ref_ok);
        if (ok) {
            same_names(names, ref_names);
            same_names(log.items, ref_log.items);
            same_arrays(log.account, ref_log.account);
            same_arrays(log.author, ref_log.author);
            same_arrays(log.item, ref_log.item);
            same_arrays(log.time, ref_log.time);
            FUZZ_CHECK(log.outside_window == ref_log.outside_window &&
                       log.left_out == ref_log.left_out);
            same_stats(&log.csv, &ref_log.csv);
            smm_reshare_log_clear(&ref_log);
        } else {
            same_errors(error, ref_error);
            g_error_free(ref_error);
        }
    }
    if (ok)
        smm_reshare_log_clear(&log);
    g_clear_error(&error);
    smm_names_free(names);
    smm_names_free(ref_names);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    guint8 opt = data[0];
    SmmCsvOptions csv = {0};
    csv.data = data + 1;
    csv.data_len = size - 1;
    csv.n_threads = 1;
    csv.max_kept_rows = (opt & OPT_LIMITS) ? 1 + size % 8 : 0;
    /* The reference: one thread, whole chunks. */
    SmmCsvOptions ref = csv;
    csv.n_threads = (opt & OPT_THREADS) ? 2 : 1;
    csv.piece_bytes = (opt & OPT_PIECES) ? 1 + (guint)(size % 13) : 0;
    const SmmCsvOptions *ref_csv = (opt & (OPT_THREADS | OPT_PIECES)) ? &ref : &csv;

    follows(&csv, ref_csv, formats[opt & OPT_FOLLOWS_FORMAT]);
    gboolean filter = (opt & OPT_FILTER) != 0;
    reshares(&csv, ref_csv, formats[(opt & OPT_RESHARES_FORMAT) >> 2],
             filter ? onlys[size % 4] : NULL, filter);
    return 0;
}
