/* test_reshare_import.c - reading reshare logs: columns found by header
 * name or position or declared absent, --only and the time window counted,
 * mixed timestamp formats, and one-line errors for malformed rows. Every
 * log is also read by libcsv alone, in pieces of 3 bytes, and must give the
 * same log or the same error. */
#include <glib/gstdio.h>
#include <string.h>

#include "smm/core.h"
#include "smm/reshare.h"

static gchar *tmp_dir;

static gchar *write_file(const char *content)
{
    gchar *path = g_build_filename(tmp_dir, "log.csv", NULL);
    g_assert_true(g_file_set_contents(path, content, -1, NULL));
    return path;
}

typedef struct {
    SmmNames *names;
    SmmReshareLog log;
} Read;

static void assert_same_ids(GArray *a, GArray *b)
{
    g_assert_true((a == NULL) == (b == NULL));
    if (a != NULL)
        g_assert_cmpmem(a->data, a->len * g_array_get_element_size(a), b->data,
                        b->len * g_array_get_element_size(b));
}

static gboolean read_log(const char *content, SmmReshareImportOptions *o, Read *r, GError **error)
{
    g_autofree gchar *path = write_file(content);
    SmmReshareImportOptions ref_o = *o;
    ref_o.csv.n_threads = 1;
    ref_o.csv.parser = SMM_CSV_PARSER_LIBCSV;
    ref_o.csv.piece_bytes = 3;
    g_autoptr(SmmNames) ref_names = smm_names_new();
    SmmReshareLog ref;
    g_autoptr(GError) ref_error = NULL;
    gboolean ref_ok = smm_import_reshares(path, &ref_o, ref_names, &ref, &ref_error);

    r->names = smm_names_new();
    o->csv.n_threads = 2;
    gboolean ok = smm_import_reshares(path, o, r->names, &r->log, error);
    g_assert_cmpint(ok, ==, ref_ok);
    if (!ok) {
        g_assert_cmpstr((*error)->message, ==, ref_error->message);
        return FALSE;
    }
    assert_same_ids(r->log.account, ref.account);
    assert_same_ids(r->log.author, ref.author);
    assert_same_ids(r->log.item, ref.item);
    assert_same_ids(r->log.time, ref.time);
    assert_same_ids(r->log.via, ref.via);
    g_assert_cmpuint(r->log.without_via, ==, ref.without_via);
    g_assert_cmpuint(smm_names_count(r->names), ==, smm_names_count(ref_names));
    g_assert_cmpuint(r->log.csv.lines, ==, ref.csv.lines);
    g_assert_cmpuint(r->log.csv.blank_lines, ==, ref.csv.blank_lines);
    g_assert_cmpuint(r->log.outside_window, ==, ref.outside_window);
    g_assert_cmpuint(r->log.left_out, ==, ref.left_out);
    smm_reshare_log_clear(&ref);
    return TRUE;
}

static void read_clear(Read *r)
{
    smm_reshare_log_clear(&r->log);
    smm_names_free(r->names);
}

static const char *account(const Read *r, GArray *ids, guint i)
{
    return smm_names_get(r->names, g_array_index(ids, guint32, i), NULL);
}

static void test_columns_by_header_name(void)
{
    SmmReshareImportOptions o = {
        .author = SMM_ROLE_USED, .item = SMM_ROLE_USED, .time = SMM_ROLE_USED};
    Read r;
    g_autoptr(GError) error = NULL;
    /* roles in an unusual order, found by their names */
    g_assert_true(read_log("Created At,Tweet ID,Retweeted User,User\n"
                           "1341388800,t1,alice,bob\n"
                           "2012-07-04T08:00:05Z,t1,alice,carol\n",
                           &o, &r, &error));
    g_assert_no_error(error);
    g_assert_cmpuint(smm_reshare_log_size(&r.log), ==, 2);
    g_assert_cmpuint(r.log.csv.column_index[0], ==, 4); /* retweeter: User */
    g_assert_cmpuint(r.log.csv.column_index[1], ==, 3); /* author: Retweeted User */
    g_assert_cmpuint(r.log.csv.column_index[2], ==, 2); /* item: Tweet ID */
    g_assert_cmpuint(r.log.csv.column_index[3], ==, 1); /* time: Created At */
    g_assert_cmpstr(account(&r, r.log.account, 1), ==, "carol");
    g_assert_cmpstr(account(&r, r.log.author, 0), ==, "alice");
    g_assert_cmpfloat(g_array_index(r.log.time, double, 1), ==, 1341388805.0);
    read_clear(&r);
}

static void test_missing_and_positional(void)
{
    g_autoptr(GError) error = NULL;
    Read r;
    /* with a header, a role without a matching name is absent, not guessed */
    SmmReshareImportOptions o = {
        .author = SMM_ROLE_USED, .item = SMM_ROLE_USED, .time = SMM_ROLE_USED};
    g_assert_true(read_log("retweeter,retweeted_user,count\na,b,3\n", &o, &r, &error));
    g_assert_nonnull(r.log.author);
    g_assert_null(r.log.item);
    g_assert_null(r.log.time);
    read_clear(&r);
    /* without a header: retweeter, then the roles read, in order */
    SmmReshareImportOptions adoption = {
        .author = SMM_ROLE_NAMED, .item = SMM_ROLE_USED, .time = SMM_ROLE_USED};
    g_assert_true(read_log("u1,http://x,1000\nu2,http://x,1010\n", &adoption, &r, &error));
    g_assert_nonnull(r.log.item);
    g_assert_null(r.log.author);
    g_assert_cmpfloat(g_array_index(r.log.time, double, 1), ==, 1010.0);
    read_clear(&r);
    /* "none" declares a column absent */
    SmmReshareImportOptions none = {.author = SMM_ROLE_USED,
                                    .item = SMM_ROLE_USED,
                                    .time = SMM_ROLE_USED,
                                    .item_column = "none"};
    g_assert_true(read_log("u1,a,1000\n", &none, &r, &error));
    g_assert_null(r.log.item);
    g_assert_cmpfloat(g_array_index(r.log.time, double, 0), ==, 1000.0);
    read_clear(&r);
}

static void test_only_and_window(void)
{
    SmmReshareImportOptions o = {.author = SMM_ROLE_USED,
                                 .time = SMM_ROLE_USED,
                                 .only = "type=RT,QT",
                                 .has_since = TRUE,
                                 .since = 1000,
                                 .has_until = TRUE,
                                 .until = 2000};
    Read r;
    g_autoptr(GError) error = NULL;
    g_assert_true(read_log("src_user,dst_user,unix_ts,type\n"
                           "a,b,1500,RT\n"
                           "a,b,1500,MT\n"
                           "c,b,999,RT\n"
                           "d,b,2000,QT\n"
                           "e,b,2001,RT\n",
                           &o, &r, &error));
    g_assert_no_error(error);
    g_assert_cmpuint(smm_reshare_log_size(&r.log), ==, 2); /* a@1500 RT, d@2000 QT */
    g_assert_cmpuint(r.log.left_out, ==, 1);
    g_assert_cmpuint(r.log.outside_window, ==, 2);
    g_assert_cmpstr(account(&r, r.log.account, 1), ==, "d");
    read_clear(&r);
    SmmReshareImportOptions bad = {.only = "type"};
    g_assert_false(read_log("a,b\n", &bad, &r, &error));
    g_assert_error(error, SMM_ERROR, SMM_ERROR_INVALID);
    smm_names_free(r.names);
}

/* The via column: found by its name or given, empty for none, interned as
 * accounts (after the batch's resharers and authors); read only when the
 * command asks for it. */
static void test_via(void)
{
    const char *log = "retweeter,author,tweet_id,timestamp,Via\n"
                      "b,a,t1,1,\n"  /* none: counted */
                      "c,a,t1,2,b\n" /* b */
                      "a,a,t1,0,\n"  /* the author's own row: not counted */
                      "d,a,t1,3,z\n" /* z, in no other column */
                      "e,a,t1,4,\n";
    SmmReshareImportOptions o = {.author = SMM_ROLE_USED,
                                 .item = SMM_ROLE_USED,
                                 .time = SMM_ROLE_USED,
                                 .via = SMM_ROLE_NAMED};
    Read r;
    g_autoptr(GError) error = NULL;
    g_assert_true(read_log(log, &o, &r, &error));
    g_assert_no_error(error);
    g_assert_cmpuint(r.log.csv.column_index[4], ==, 5);
    g_assert_nonnull(r.log.via);
    g_assert_cmpuint(r.log.via->len, ==, 5);
    g_assert_cmpuint(g_array_index(r.log.via, guint32, 0), ==, SMM_NO_ACCOUNT);
    g_assert_cmpstr(account(&r, r.log.via, 1), ==, "b");
    g_assert_cmpuint(g_array_index(r.log.via, guint32, 2), ==, SMM_NO_ACCOUNT);
    g_assert_cmpstr(account(&r, r.log.via, 3), ==, "z");
    g_assert_cmpuint(g_array_index(r.log.via, guint32, 4), ==, SMM_NO_ACCOUNT);
    g_assert_cmpuint(r.log.without_via, ==, 2);
    g_assert_cmpuint(smm_names_count(r.names), ==, 6); /* a b c d e z */
    read_clear(&r);
    /* by number, without a header; a role not read gives no column */
    SmmReshareImportOptions given = o;
    given.via_column = "5";
    g_assert_true(read_log("b,a,t1,1,x\nc,a,t1,2,\n", &given, &r, &error));
    g_assert_cmpstr(account(&r, r.log.via, 0), ==, "x");
    g_assert_cmpuint(r.log.without_via, ==, 1);
    read_clear(&r);
    SmmReshareImportOptions unused = o;
    unused.via = SMM_ROLE_UNUSED;
    g_assert_true(read_log(log, &unused, &r, &error));
    g_assert_null(r.log.via);
    g_assert_cmpuint(smm_names_count(r.names), ==, 5);
    read_clear(&r);
    SmmReshareImportOptions none = o;
    none.via_column = "none";
    g_assert_true(read_log(log, &none, &r, &error));
    g_assert_null(r.log.via);
    read_clear(&r);
    /* without a via column the log has none */
    g_assert_true(read_log("retweeter,author,tweet_id,timestamp\nb,a,t1,1\n", &o, &r, &error));
    g_assert_null(r.log.via);
    read_clear(&r);
    /* a via that is no name: file, line and column */
    g_assert_false(read_log("retweeter,author,tweet_id,timestamp,via\nb,a,t1,1,c\nc,a,t1,2,\xff\n",
                            &o, &r, &error));
    g_assert_error(error, SMM_ERROR, SMM_ERROR_PARSE);
    g_assert_nonnull(strstr(error->message, "log.csv:3: the via column (column 5) holds '\\xff', "
                                            "with bytes that are not UTF-8"));
    smm_names_free(r.names);
}

static void test_errors(void)
{
    SmmReshareImportOptions o = {
        .author = SMM_ROLE_USED, .item = SMM_ROLE_USED, .time = SMM_ROLE_USED};
    Read r;
    g_autoptr(GError) error = NULL;
    g_assert_false(read_log("retweeter,author,tweet_id,timestamp\n"
                            "a,b,t1,1341388800\n"
                            "a,b,t2,2012-07-04T08:00:00+02:00\n"
                            "c,b,t1,last tuesday\n",
                            &o, &r, &error));
    g_assert_error(error, SMM_ERROR, SMM_ERROR_PARSE);
    g_assert_nonnull(strstr(error->message, "log.csv:4: the time column (column 4) holds "
                                            "'last tuesday'; expected Unix seconds"));
    g_assert_null(strchr(error->message, '\n'));
    smm_names_free(r.names);
    g_clear_error(&error);
    g_assert_false(read_log("retweeter,author,tweet_id,timestamp\na,,t1,5\n", &o, &r, &error));
    g_assert_nonnull(strstr(error->message, "log.csv:2: the author column (column 2) is empty"));
    smm_names_free(r.names);
}

/* Values in messages are quoted; a NUL in a time is refused. */
static void test_values_quoted(void)
{
    SmmReshareImportOptions o = {
        .author = SMM_ROLE_USED, .item = SMM_ROLE_USED, .time = SMM_ROLE_USED};
    Read r;
    g_autoptr(GError) error = NULL;
    g_assert_false(read_log("retweeter,author,tweet_id,timestamp\n"
                            "a,b,t1,\"2012\r\n\033]0;x\"\n",
                            &o, &r, &error));
    g_assert_nonnull(strstr(error->message, "log.csv:2: the time column (column 4) holds "
                                            "'2012\\r\\n\\x1b]0;x'; expected"));
    g_assert_null(strchr(error->message, '\n'));
    smm_names_free(r.names);
    g_clear_error(&error);
    /* through the file: the NUL and what follows it */
    g_autofree gchar *path = g_build_filename(tmp_dir, "log.csv", NULL);
    static const char nul[] = "retweeter,author,tweet_id,timestamp\na,b,t1,1341388800\0junk\n";
    g_assert_true(g_file_set_contents(path, nul, sizeof nul - 1, NULL));
    g_autoptr(SmmNames) names = smm_names_new();
    SmmReshareLog log;
    g_assert_false(smm_import_reshares(path, &o, names, &log, &error));
    g_assert_nonnull(strstr(error->message, "log.csv:2: the time column (column 4) holds "
                                            "'1341388800\\x00junk'"));
    g_clear_error(&error);
    SmmReshareImportOptions only = {.only = "ty\npe"};
    g_assert_false(smm_import_reshares(path, &only, names, &log, &error));
    g_assert_nonnull(strstr(error->message, "(got 'ty\\npe')"));
}

/* Rows kept stop at the limit with the line that passed it (a low limit
 * here; the arithmetic at 2^32 in test_rows_room). */
static void test_row_limit(void)
{
    SmmReshareImportOptions o = {.time = SMM_ROLE_USED, .has_since = TRUE, .since = 10};
    o.csv.max_kept_rows = 2;
    Read r;
    g_autoptr(GError) error = NULL;
    /* the row at 5 is outside the window: not kept, not counted */
    g_assert_true(read_log("retweeter,timestamp\na,20\nb,5\nc,30\n", &o, &r, &error));
    g_assert_cmpuint(smm_reshare_log_size(&r.log), ==, 2);
    read_clear(&r);
    g_assert_false(read_log("retweeter,timestamp\na,20\nb,5\nc,30\nd,40\n", &o, &r, &error));
    g_assert_error(error, SMM_ERROR, SMM_ERROR_LIMIT);
    g_assert_nonnull(strstr(error->message, "log.csv:5: more than 2 reshares kept"));
    smm_names_free(r.names);
}

/* The room left below 2^32 - 1 rows, at the boundary: never wraps, never
 * more than asked. */
static void test_rows_room(void)
{
    const guint64 max = G_MAXUINT32; /* 4294967295 */
    g_assert_cmpuint(SMM_MAX_KEPT_ROWS, ==, max);
    g_assert_cmpuint(smm_rows_room(0, 16384, 0), ==, 16384);
    g_assert_cmpuint(smm_rows_room(max - 16384, 16384, 0), ==, 16384);
    g_assert_cmpuint(smm_rows_room(max - 16383, 16384, 0), ==, 16383);
    g_assert_cmpuint(smm_rows_room(max - 10, 16384, 0), ==, 10);
    g_assert_cmpuint(smm_rows_room(max - 1, 1, 0), ==, 1);
    g_assert_cmpuint(smm_rows_room(max, 1, 0), ==, 0);
    g_assert_cmpuint(smm_rows_room(max, 0, 0), ==, 0);
    g_assert_cmpuint(smm_rows_room(max + 1, 16384, 0), ==, 0);
    g_assert_cmpuint(smm_rows_room(G_MAXUINT64, G_MAXUINT64, 0), ==, 0);
    g_assert_cmpuint(smm_rows_room(0, G_MAXUINT64, 0), ==, max);
    /* what a 32-bit array length would have become: kept + room fits */
    for (guint64 kept = max - 20000; kept <= max + 2; kept += 997)
        for (guint64 more = 0; more <= 16384; more += 4096) {
            guint64 room = smm_rows_room(kept, more, 0);
            g_assert_cmpuint(room, <=, more);
            if (kept <= max)
                g_assert_cmpuint(kept + room, <=, max);
            g_assert_true(room == more || kept + room >= max);
        }
    /* a lower limit (tests), never above the real one */
    g_assert_cmpuint(smm_rows_room(1, 5, 2), ==, 1);
    g_assert_cmpuint(smm_rows_room(max - 1, 5, G_MAXUINT64), ==, 1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tmp_dir = g_dir_make_tmp("smm-log-XXXXXX", NULL);
    g_test_add_func("/reshare/columns-by-header-name", test_columns_by_header_name);
    g_test_add_func("/reshare/missing-and-positional", test_missing_and_positional);
    g_test_add_func("/reshare/only-and-window", test_only_and_window);
    g_test_add_func("/reshare/via", test_via);
    g_test_add_func("/reshare/errors", test_errors);
    g_test_add_func("/reshare/values-quoted", test_values_quoted);
    g_test_add_func("/reshare/row-limit", test_row_limit);
    g_test_add_func("/reshare/rows-room", test_rows_room);
    int rc = g_test_run();
    g_autofree gchar *path = g_build_filename(tmp_dir, "log.csv", NULL);
    g_remove(path);
    g_rmdir(tmp_dir);
    g_free(tmp_dir);
    return rc;
}
