/* test_csv_presets.c - twarc-csv, NodeXL and Gephi sheets read as follows
 * and as reshare logs (--input-format twarc-csv|nodexl|gephi, and auto
 * from the header), against tests/data/formats: each fixture's expected
 * rows were written by scripts/json_baseline.py (Python's csv module,
 * sharing no code with the importer; twarc-csv with --accounts ids and
 * --handles), the left-out counts are tests/data/README.md's table, and
 * the rows are the same on one thread or two, with the text fed whole or
 * a few bytes at a time, through the fast tokenizer or libcsv alone. */
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "smm/core.h"
#include "smm/import.h"
#include "smm/reshare.h"

#include "formats_util.h"

/* The readings compared: threads, piece_bytes (0: whole chunks), the
 * tokenizer, and the format asked for (AUTO: from the header). */
typedef struct {
    guint threads, piece;
    SmmCsvParser parser;
    gboolean by_name;
} Run;

static const Run runs[] = {
    {1, 0, SMM_CSV_PARSER_AUTO, TRUE},   {2, 0, SMM_CSV_PARSER_AUTO, TRUE},
    {1, 7, SMM_CSV_PARSER_AUTO, TRUE},   {2, 3, SMM_CSV_PARSER_AUTO, FALSE},
    {1, 5, SMM_CSV_PARSER_LIBCSV, TRUE}, {2, 0, SMM_CSV_PARSER_LIBCSV, FALSE},
};

static void set_run(SmmCsvOptions *csv, const Run *run)
{
    csv->n_threads = run->threads;
    csv->piece_bytes = run->piece;
    csv->parser = run->parser;
}

static gboolean read_log(const char *name, SmmInputFormat format, const Run *run, const char *only,
                         SmmNames *names, SmmReshareLog *log, GError **error)
{
    g_autofree gchar *path = formats_fixture(name);
    SmmReshareImportOptions o = {0};
    set_run(&o.csv, run);
    o.format = run->by_name ? format : SMM_INPUT_AUTO;
    o.author = o.item = o.time = SMM_ROLE_USED;
    o.only = only;
    return smm_import_reshares(path, &o, names, log, error);
}

/* The labels the import gave are the handles of `handles` (rows id,handle):
 * every account there that the import has, and no other. NULL: none. */
/* Rows of strings, as formats_expected_rows() gives them. */
static GPtrArray *rows_of(const char *const (*rows)[5], guint n)
{
    GPtrArray *out = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    for (guint i = 0; i < n; i++)
        g_ptr_array_add(out, g_strdupv((gchar **)rows[i]));
    return out;
}

/* What a reading left out, as (why, count) pairs ending in NULL: those
 * and no others. */
typedef struct {
    const char *why;
    guint64 n;
} LeftOut;

static void check_left_out(const SmmCsvStats *s, const LeftOut *want)
{
    guint k = 0;
    for (; want[k].why != NULL; k++)
        g_assert_cmpuint(formats_left_out(s, want[k].why), ==, want[k].n);
    g_assert_cmpuint(s->n_left_out, ==, k);
}

/* The log of `sheet` is `rows` in order (times to a microsecond), with
 * the handles of `handles` (NULL: no labels), and left out `gone`. */
static void check_log_rows(const char *sheet, SmmInputFormat format, const char *only,
                           GPtrArray *rows, GPtrArray *handles, const char *label, guint64 records,
                           const LeftOut *gone)
{
    for (guint run = 0; run < G_N_ELEMENTS(runs); run++) {
        SmmNames *names = smm_names_new();
        SmmReshareLog log;
        g_autoptr(GError) error = NULL;
        g_assert_true(read_log(sheet, format, &runs[run], only, names, &log, &error));
        g_assert_no_error(error);
        formats_check_log_rows(names, &log, rows);
        formats_check_handles(names, handles);
        g_assert_cmpstr(log.csv.format, ==, label);
        g_assert_cmpuint(log.csv.records, ==, records);
        g_assert_cmpuint(log.csv.data_rows, ==, rows->len);
        check_left_out(&log.csv, gone);
        smm_reshare_log_clear(&log);
        smm_names_free(names);
    }
}

static void check_log(const char *sheet, SmmInputFormat format, const char *expected,
                      const char *handles, const char *label, guint64 records, const LeftOut *gone)
{
    g_autoptr(GPtrArray) rows = formats_expected_rows(expected);
    g_autoptr(GPtrArray) labels = handles != NULL ? formats_expected_rows(handles) : NULL;
    check_log_rows(sheet, format, NULL, rows, labels, label, records, gone);
}

/* The follows of `sheet` are the rows of `expected` but their self-loops,
 * which the importer drops and counts (the graph build drops duplicates). */
static void check_follows(const char *sheet, SmmInputFormat format, const char *expected,
                          const char *label, guint64 records, const LeftOut *gone)
{
    g_autoptr(GPtrArray) rows = formats_expected_rows(expected);
    g_autofree gchar *path = formats_fixture(sheet);
    for (guint run = 0; run < G_N_ELEMENTS(runs); run++) {
        SmmFollowerImportOptions o = {0};
        set_run(&o.csv, &runs[run]);
        o.format = runs[run].by_name ? format : SMM_INPUT_AUTO;
        SmmEdgeList edges;
        g_autoptr(GError) error = NULL;
        g_assert_true(smm_import_followers(path, &o, NULL, &edges, &error));
        g_assert_no_error(error);
        formats_check_follows(&edges, rows);
        g_assert_cmpstr(edges.csv.format, ==, label);
        g_assert_cmpuint(edges.csv.records, ==, records);
        g_assert_cmpuint(edges.csv.data_rows, ==, rows->len);
        check_left_out(&edges.csv, gone);
        smm_edge_list_clear(&edges);
    }
}

static void test_twarc_csv(void)
{
    check_log("twarc_csv.csv", SMM_INPUT_TWARC_CSV, "twarc_csv.expected-reshares-ids.csv",
              "twarc_csv.expected-handles.csv", "twarc-csv", 13, (LeftOut[]){{NULL, 0}});
    /* README's counts: missing_originals 1, quotes 2, replies 1 */
    check_log(
        "twarc_csv_mixed.csv", SMM_INPUT_TWARC_CSV, "twarc_csv_mixed.expected-reshares-ids.csv",
        "twarc_csv_mixed.expected-handles.csv", "twarc-csv", 11,
        (LeftOut[]){
            {"retweets whose original is missing", 1}, {"quotes", 2}, {"replies", 1}, {NULL, 0}});
}

/* --only type=quote,reply: the quote's row names the quoted tweet, the
 * reply's the parent, a quote that replies is a quote (worked out by hand
 * from twarc_csv_mixed.csv); handles of the quoted and replied-to users
 * too, which the retweets alone do not give. */
static void test_twarc_csv_only(void)
{
    static const char *const rows[][5] = {
        {"2105", "2101", "1740000000000000001", "1704877440", NULL},
        {"2104", "2101", "1740000000000000001", "1704877380", NULL},
        {"2103", "2101", "1740000000000000001", "1704877320", NULL},
    };
    static const char *const handles[][5] = {
        {"2101", "ana_12", NULL},
        {"2103", "cruz_60", NULL},
        {"2104", "dev_93", NULL},
        {"2105", "eve_5", NULL},
    };
    g_autoptr(GPtrArray) want = rows_of(rows, G_N_ELEMENTS(rows));
    g_autoptr(GPtrArray) labels = rows_of(handles, G_N_ELEMENTS(handles));
    check_log_rows("twarc_csv_mixed.csv", SMM_INPUT_TWARC_CSV, "type=quote,reply", want, labels,
                   "twarc-csv", 11, (LeftOut[]){{"retweets", 7}, {"original posts", 1}, {NULL, 0}});
}

static void test_nodexl(void)
{
    check_log("nodexl_edges.csv", SMM_INPUT_NODEXL, "nodexl_edges.expected-reshares.csv", NULL,
              "NodeXL edges", 43, (LeftOut[]){{"Follows edges", 30}, {NULL, 0}});
    check_follows("nodexl_edges.csv", SMM_INPUT_NODEXL, "nodexl_edges.expected-follows.csv",
                  "NodeXL edges", 43,
                  (LeftOut[]){{"Retweet edges", 10}, {"Tweet edges", 3}, {NULL, 0}});
    /* README's counts: skipped_mentionsinretweet 1, skipped_mentions 2,
     * skipped_replies_to 1, retweets_without_usable_id 1 */
    check_log("nodexl_relationships.csv", SMM_INPUT_NODEXL,
              "nodexl_relationships.expected-reshares.csv", NULL, "NodeXL edges", 13,
              (LeftOut[]){{"MentionsInRetweet edges", 1},
                          {"Mentions edges", 2},
                          {"Replies to edges", 1},
                          {"Retweet edges without a usable Retweet ID", 1},
                          {"Follows edges", 1},
                          {"Followed edges", 1},
                          {"Follower edges", 1},
                          {NULL, 0}});
    check_follows("nodexl_relationships.csv", SMM_INPUT_NODEXL,
                  "nodexl_relationships.expected-follows.csv", "NodeXL edges", 13,
                  (LeftOut[]){{"Tweet edges", 2},
                              {"Retweet edges", 4},
                              {"MentionsInRetweet edges", 1},
                              {"Mentions edges", 2},
                              {"Replies to edges", 1},
                              {NULL, 0}});
}

static void test_gephi(void)
{
    check_follows("gephi_edges.csv", SMM_INPUT_GEPHI, "gephi_edges.expected-follows.csv",
                  "Gephi edges", 30, (LeftOut[]){{NULL, 0}});
    /* README's counts: undirected_rows 2 (each two follows: 7 rows, 8
     * follows), rows_of_type_mixed 1 */
    check_follows("gephi_mixed.csv", SMM_INPUT_GEPHI, "gephi_mixed.expected-follows.csv",
                  "Gephi edges", 7, (LeftOut[]){{"rows of type Mixed", 1}, {NULL, 0}});
}

/* ------------------------------------------------------------- errors */

static gchar *tmp_dir;

static gchar *write_tmp(const char *name, const char *content)
{
    gchar *path = g_build_filename(tmp_dir, name, NULL);
    g_assert_true(g_file_set_contents(path, content, -1, NULL));
    return path;
}

static void expect_log_error(SmmInputFormat format, const char *content, const char *message)
{
    g_autofree gchar *path = write_tmp("sheet.csv", content);
    SmmReshareImportOptions o = {0};
    o.format = format;
    o.author = o.item = o.time = SMM_ROLE_USED;
    SmmNames *names = smm_names_new();
    SmmReshareLog log;
    GError *error = NULL;
    g_assert_false(smm_import_reshares(path, &o, names, &log, &error));
    formats_check_message(error, message);
    g_error_free(error);
    smm_names_free(names);
    g_unlink(path);
}

static void expect_follows_error(SmmInputFormat format, const char *content, const char *message)
{
    g_autofree gchar *path = write_tmp("sheet.csv", content);
    SmmFollowerImportOptions o = {0};
    o.format = format;
    SmmEdgeList edges;
    GError *error = NULL;
    g_assert_false(smm_import_followers(path, &o, NULL, &edges, &error));
    formats_check_message(error, message);
    g_error_free(error);
    g_unlink(path);
}

static const char twarc_header[] =
    "id,author_id,author.username,created_at,referenced_tweets.retweeted.id,"
    "retweeted_user_id,retweeted_username\n";

static void test_errors(void)
{
    /* a required column missing: the header's line named, and the column */
    expect_follows_error(SMM_INPUT_NODEXL,
                         ",,Visual Properties\nVertex 1,Vertex 3,Relationship\n"
                         "a,b,Follows\n",
                         "sheet.csv:2: no column named 'Vertex 2' for the NodeXL Vertex 2 column");
    expect_follows_error(SMM_INPUT_GEPHI, "Source,Type\na,Directed\n",
                         "sheet.csv:1: no column named 'Target' for the Gephi Target column");
    expect_log_error(SMM_INPUT_TWARC_CSV, "id,author_id,created_at\n1,2,2023-01-01T00:00:00Z\n",
                     "sheet.csv:1: no column named 'referenced_tweets.retweeted.id'");
    /* a role the format holds nothing of */
    expect_follows_error(SMM_INPUT_TWARC_CSV, twarc_header,
                         "sheet.csv: twarc-csv holds tweets, not follows");
    expect_log_error(SMM_INPUT_GEPHI, "Source,Target\na,b\n",
                     "sheet.csv: Gephi edges hold follows, not reshares");
    /* a bad time: file, line and column */
    g_autofree gchar *bad_time = g_strconcat(twarc_header, "10,1,ana,2023-01-01T00:00:00Z,,,\n",
                                             "11,2,bo,yesterday,10,1,ana\n", NULL);
    expect_log_error(SMM_INPUT_TWARC_CSV, bad_time,
                     "sheet.csv:3: the twarc-csv created_at column (column 4) holds 'yesterday'");
    expect_log_error(SMM_INPUT_NODEXL,
                     "Vertex 1,Vertex 2,Relationship,Relationship Date (UTC),Retweet ID\n"
                     "a,b,Retweet,soon,12\n",
                     "sheet.csv:2: the NodeXL Relationship Date (UTC) column (column 4) holds "
                     "'soon'");
    expect_log_error(
        SMM_INPUT_NODEXL, "Vertex 1,Vertex 2,Relationship,Retweet ID\na,b,Retweet,12\n",
        "sheet.csv:2: a reshare needs its time, and the sheet has no Relationship Date");
    /* an empty name on a row that is kept */
    expect_follows_error(SMM_INPUT_NODEXL,
                         "Vertex 1,Vertex 2,Relationship\na,b,Follows\n,b,Follows\n",
                         "sheet.csv:3: the NodeXL Vertex 1 column (column 1) is empty");
    expect_follows_error(SMM_INPUT_GEPHI, "Source,Target\na,\xff\n",
                         "sheet.csv:2: the Gephi Target column (column 2) is not valid UTF-8");
    /* no row for the role */
    expect_follows_error(
        SMM_INPUT_NODEXL, "Vertex 1,Vertex 2,Relationship\na,b,Mentions\n",
        "sheet.csv: no follows in its 1 rows (NodeXL edges): NodeXL's follows are");
    expect_follows_error(SMM_INPUT_GEPHI, "Source,Target,Type\na,b,Mixed\n",
                         "sheet.csv: no follows in its 1 rows (Gephi edges)");
    /* --only on another column */
    g_autofree gchar *path = write_tmp("log.csv", twarc_header);
    SmmReshareImportOptions o = {0};
    o.format = SMM_INPUT_TWARC_CSV;
    o.author = o.item = o.time = SMM_ROLE_USED;
    o.only = "lang=en";
    SmmNames *names = smm_names_new();
    SmmReshareLog log;
    GError *error = NULL;
    g_assert_false(smm_import_reshares(path, &o, names, &log, &error));
    formats_check_message(error, "is twarc-csv: --only filters on type");
    g_clear_error(&error);
    /* a column chosen by hand */
    o.only = NULL;
    o.item_column = "id";
    g_assert_false(smm_import_reshares(path, &o, names, &log, &error));
    formats_check_message(error, "is read as twarc-csv, whose columns are known: --item chooses");
    g_clear_error(&error);
    smm_names_free(names);
    g_unlink(path);
}

/* Cases the fixtures lack, worked out by hand: NodeXL's leading quote
 * of an Imported ID, a Tweet row that is no self-loop, the Tweet Date
 * (UTC) when the Relationship Date is empty, relationships of other and
 * no names; twarc-csv's tweet met twice and first handle; Gephi's types
 * in any case, a row without a Source, a type of another name. */
static void test_awkward(void)
{
    g_autofree gchar *nodexl = write_tmp(
        "nodexl.csv",
        "Vertex 1,Vertex 2,Relationship,Relationship Date (UTC),Tweet Date (UTC),Retweet ID,"
        "Imported ID\r\n"
        "ana,ana,Tweet,2023-10-01 12:00:00,,,'1708531520000000001\r\n"
        "bo,ana,Retweet,,2023-10-01 12:00:05,1708531520000000001,1708531541000000002\r\n"
        "cy,ana,Tweet,2023-10-01 12:00:06,,,1708531541000000003\r\n"
        "ana,ana,Tweet,2023-10-01 12:00:07,,,'x\r\n"
        "dee,ana,Quote,2023-10-01 12:00:08,,,\r\n"
        "eve,ana,Frobnicate,2023-10-01 12:00:09,,,\r\n"
        "fay,ana,,2023-10-01 12:00:10,,,\r\n");
    static const char *const nodexl_rows[][5] = {
        {"ana", "ana", "1708531520000000001", "1696161600", NULL},
        {"bo", "ana", "1708531520000000001", "1696161605", NULL},
    };
    g_autoptr(GPtrArray) want = rows_of(nodexl_rows, G_N_ELEMENTS(nodexl_rows));
    check_log_rows(nodexl, SMM_INPUT_NODEXL, NULL, want, NULL, "NodeXL edges", 7,
                   (LeftOut[]){{"Tweet edges that are not self-loops", 1},
                               {"Tweet edges without a usable Imported ID", 1},
                               {"Quote edges", 1},
                               {"edges of other relationships", 1},
                               {"edges without a Relationship", 1},
                               {NULL, 0}});

    g_autofree gchar *twarc_text = g_strconcat(twarc_header, "10,1,ana,2023-01-01T00:00:00Z,,,\n",
                                               "11,2,bo,2023-01-01T00:01:00Z,10,1,ana\n",
                                               "11,2,bo,2023-01-01T00:01:00Z,10,1,ana\n",
                                               "12,3,,2023-01-01T00:02:00.5Z,10,1,anna\n", NULL);
    g_autofree gchar *twarc = write_tmp("twarc.csv", twarc_text);
    static const char *const twarc_rows[][5] = {
        {"1", "1", "10", "1672531200", NULL},
        {"2", "1", "10", "1672531260", NULL},
        {"3", "1", "10", "1672531320.5", NULL},
    };
    static const char *const twarc_handles[][5] = {{"1", "ana", NULL}, {"2", "bo", NULL}};
    g_autoptr(GPtrArray) want_tw = rows_of(twarc_rows, G_N_ELEMENTS(twarc_rows));
    g_autoptr(GPtrArray) labels = rows_of(twarc_handles, G_N_ELEMENTS(twarc_handles));
    check_log_rows(twarc, SMM_INPUT_TWARC_CSV, NULL, want_tw, labels, "twarc-csv", 4,
                   (LeftOut[]){{"tweets met twice", 1}, {NULL, 0}});

    g_autofree gchar *gephi = write_tmp("gephi.csv", "source;target;type;weight\n"
                                                     "a;b;DIRECTED;1\n"
                                                     ";b;Directed;1\n"
                                                     "b;c;undirected;1\n"
                                                     "c;d;Other;1\n");
    g_autofree gchar *gephi_want =
        write_tmp("gephi.want.csv", "follower,followee\na,b\nb,c\nc,b\n");
    check_follows(gephi, SMM_INPUT_GEPHI, gephi_want, "Gephi edges", 4,
                  (LeftOut[]){{"rows without a Source or Target", 1},
                              {"rows of a type other than Directed or Undirected", 1},
                              {NULL, 0}});
    g_unlink(nodexl);
    g_unlink(twarc);
    g_unlink(gephi);
    g_unlink(gephi_want);
}

/* Plain CSV stays plain: source,target without a Type column, and a
 * header naming none of the presets' columns. */
static void test_auto_plain(void)
{
    static const char *const plain[] = {"source,target\na,b\n", "Source;Target;Weight\na;b;1\n",
                                        "follower,followee\na,b\n", "a,b\nb,c\n"};
    for (guint i = 0; i < G_N_ELEMENTS(plain); i++) {
        g_autofree gchar *path = write_tmp("plain.csv", plain[i]);
        SmmFollowerImportOptions o = {0};
        SmmEdgeList edges;
        g_assert_true(smm_import_followers(path, &o, NULL, &edges, NULL));
        g_assert_null(edges.csv.format);
        g_assert_cmpuint(edges.src->len, ==, 1 + (i == 3));
        smm_edge_list_clear(&edges);
        g_unlink(path);
    }
    /* ... and Source,Target,Type is Gephi's, in any case */
    g_autofree gchar *path = write_tmp("gephi.csv", "SOURCE,target,type\na,b,undirected\n");
    SmmFollowerImportOptions o = {0};
    SmmEdgeList edges;
    g_assert_true(smm_import_followers(path, &o, NULL, &edges, NULL));
    g_assert_cmpstr(edges.csv.format, ==, "Gephi edges");
    g_assert_cmpuint(edges.src->len, ==, 2);
    smm_edge_list_clear(&edges);
    g_unlink(path);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    tmp_dir = g_dir_make_tmp("smm-presets-XXXXXX", NULL);
    g_test_add_func("/csv-presets/twarc-csv", test_twarc_csv);
    g_test_add_func("/csv-presets/twarc-csv-only", test_twarc_csv_only);
    g_test_add_func("/csv-presets/nodexl", test_nodexl);
    g_test_add_func("/csv-presets/gephi", test_gephi);
    g_test_add_func("/csv-presets/errors", test_errors);
    g_test_add_func("/csv-presets/awkward", test_awkward);
    g_test_add_func("/csv-presets/auto-plain", test_auto_plain);
    int status = g_test_run();
    g_rmdir(tmp_dir);
    g_free(tmp_dir);
    return status;
}
