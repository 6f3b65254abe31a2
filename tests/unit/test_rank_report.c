/* test_rank_report.c - the total order of the ranking, the CSV report's
 * format and quoting, and all-or-nothing output files. */
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smm/core.h"
#include "smm/rank.h"
#include "smm/report.h"

static SmmNames *make_names(const char *const *list, guint n)
{
    SmmNames *names = smm_names_new();
    for (guint i = 0; i < n; i++) {
        guint32 id;
        g_assert_true(smm_names_intern(names, list[i], (guint32)strlen(list[i]), &id, NULL));
        g_assert_cmpuint(id, ==, i);
    }
    return names;
}

static gchar *result_text_with(const SmmResult *r, SmmFormat format, const SmmReportOptions *o,
                               guint threads)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    g_autoptr(GError) error = NULL;
    g_assert_true(smm_report_write(r, format, o, fp, threads, &error));
    g_assert_no_error(error);
    fclose(fp);
    gchar *copy = g_strndup(buf, len);
    free(buf);
    return copy;
}

static gchar *result_text(const SmmResult *r, SmmFormat format, guint threads)
{
    return result_text_with(r, format, NULL, threads);
}

static gchar *report_format(const SmmTable *t, SmmFormat format, guint threads)
{
    SmmResult r;
    smm_table_result(t, &r);
    gchar *text = result_text(&r, format, threads);
    smm_result_clear(&r);
    return text;
}

static gchar *report_text(const SmmTable *t, guint threads)
{
    return report_format(t, SMM_FORMAT_CSV, threads);
}

static void test_order(void)
{
    const char *list[] = {"b", "a", "c", "d", "abcdefghX", "abcdefghA"};
    g_autoptr(SmmNames) names = make_names(list, G_N_ELEMENTS(list));
    SmmTable t;
    smm_table_init(&t, names, 6);
    double key[] = {1, 2, 2, 2, 0.5, 0.5};
    double followers[] = {0, 5, 5, 7, 1, 1};
    memcpy(smm_table_column(&t, SMM_COL_REACH), key, sizeof key);
    memcpy(smm_table_column(&t, SMM_COL_FOLLOWERS), followers, sizeof followers);
    smm_rank_order(&t, SMM_COL_REACH, followers, 0, 1);
    guint32 expect[] = {3, 1, 2, 0, 5, 4}; /* d; a, c (tie on followers: by name); b; ...A, ...X */
    g_assert_cmpuint(t.n_rows, ==, 6);
    g_assert_cmpmem(t.order, sizeof expect, expect, sizeof expect);
    smm_rank_order(&t, SMM_COL_FOLLOWERS, followers, 2, 1);
    g_assert_cmpuint(t.n_rows, ==, 2);
    g_assert_cmpuint(t.order[0], ==, 3);
    g_assert_cmpuint(t.order[1], ==, 1);
    smm_table_clear(&t);
}

static void test_csv_format(void)
{
    const char *list[] = {"plain", "we,ird", "q\"t", " sp", "caf\xc3\xa9"};
    g_autoptr(SmmNames) names = make_names(list, G_N_ELEMENTS(list));
    SmmTable t;
    smm_table_init(&t, names, 5);
    double *f = smm_table_column(&t, SMM_COL_FOLLOWERS);
    double *pr = smm_table_column(&t, SMM_COL_PAGERANK);
    double *r = smm_table_column(&t, SMM_COL_REACH);
    double *ci = smm_table_column(&t, SMM_COL_REACH_CI95);
    for (int i = 0; i < 5; i++) {
        f[i] = 10 - i;
        pr[i] = 1.0 / (3 + i);
        r[i] = 100.0 / (1 + i);
        ci[i] = 0.5;
    }
    smm_rank_order(&t, SMM_COL_FOLLOWERS, f, 0, 1);
    g_autofree gchar *text = report_text(&t, 1);
    g_assert_cmpstr(text, ==,
                    "rank,account,followers,pagerank,reach,reach_ci95\n"
                    "1,plain,10,0.3333333333,100.000,0.500\n"
                    "2,\"we,ird\",9,0.25,50.000,0.500\n"
                    "3,\"q\"\"t\",8,0.2,33.333,0.500\n"
                    "4,\" sp\",7,0.1666666667,25.000,0.500\n"
                    "5,caf\xc3\xa9,6,0.1428571429,20.000,0.500\n");
    g_autofree gchar *json = report_format(&t, SMM_FORMAT_JSONL, 1);
    g_assert_true(g_str_has_prefix(
        json, "{\"rank\":1,\"account\":\"plain\",\"followers\":10,\"pagerank\":0.3333333333,"
              "\"reach\":100.000,\"reach_ci95\":0.500}\n{\"rank\":2,\"account\":\"we,ird\","));
    g_assert_nonnull(strstr(json, "\"account\":\"q\\\"t\""));
    smm_table_clear(&t);
}

/* Each format's own rules, on a table of every column kind: TSV escapes,
 * JSON string escapes, NaN and infinities as null, -0 as 0, names that
 * look like numbers stay strings, rows in key order. */
static void test_formats(void)
{
    const char *list[] = {"007", "tab\there", "line\nbreak", "back\\slash", "ctl\x01"};
    g_autoptr(SmmNames) names = make_names(list, G_N_ELEMENTS(list));
    double count[] = {1, 2, 3, 4, 5};
    double real[] = {0.5, NAN, INFINITY, -0.0, 1e-300};
    const char *text[] = {"x", "y\tz", "\"q\"", "", "\\"};
    guint32 keys[] = {4, 3, 2, 1, 0};
    SmmResult r;
    smm_result_init(&r, "test", 5, keys);
    smm_result_add_row_number(&r, "rank");
    smm_result_add_account(&r, "account", names, NULL);
    smm_result_add_count(&r, "n", count);
    smm_result_add_real(&r, "score", real, (SmmNumberFormat){'g', 10});
    smm_result_add_text(&r, "note", text);

    g_autofree gchar *tsv = result_text(&r, SMM_FORMAT_TSV, 2);
    g_assert_cmpstr(tsv, ==,
                    "rank\taccount\tn\tscore\tnote\n"
                    "1\tctl\x01\t5\t1e-300\t\\\\\n"
                    "2\tback\\\\slash\t4\t0\t\n"
                    "3\tline\\nbreak\t3\tinf\t\"q\"\n"
                    "4\ttab\\there\t2\tnan\ty\\tz\n"
                    "5\t007\t1\t0.5\tx\n");
    g_autofree gchar *json = result_text(&r, SMM_FORMAT_JSON, 2);
    g_assert_cmpstr(
        json, ==,
        "[\n"
        "{\"rank\":1,\"account\":\"ctl\\u0001\",\"n\":5,\"score\":1e-300,\"note\":\"\\\\\"},\n"
        "{\"rank\":2,\"account\":\"back\\\\slash\",\"n\":4,\"score\":0,\"note\":\"\"},\n"
        "{\"rank\":3,\"account\":\"line\\nbreak\",\"n\":3,\"score\":null,\"note\":\"\\\"q\\\"\"},\n"
        "{\"rank\":4,\"account\":\"tab\\there\",\"n\":2,\"score\":null,\"note\":\"y\\tz\"},\n"
        "{\"rank\":5,\"account\":\"007\",\"n\":1,\"score\":0.5,\"note\":\"x\"}\n"
        "]\n");
    g_autofree gchar *csv = result_text(&r, SMM_FORMAT_CSV, 1);
    g_assert_true(g_str_has_prefix(csv, "rank,account,n,score,note\n1,ctl\x01,5,1e-300,\\\n"));
    g_assert_nonnull(strstr(csv, "\n3,\"line\nbreak\",3,inf,\"\"\"q\"\"\"\n"));

    /* no rows: an empty array, a header alone, nothing */
    SmmResult empty;
    smm_result_init(&empty, "test", 0, NULL);
    smm_result_add_row_number(&empty, "rank");
    g_autofree gchar *e_json = result_text(&empty, SMM_FORMAT_JSON, 1);
    g_autofree gchar *e_csv = result_text(&empty, SMM_FORMAT_CSV, 1);
    g_autofree gchar *e_jsonl = result_text(&empty, SMM_FORMAT_JSONL, 1);
    g_assert_cmpstr(e_json, ==, "[]\n");
    g_assert_cmpstr(e_csv, ==, "rank\n");
    g_assert_cmpstr(e_jsonl, ==, "");
    smm_result_clear(&empty);
    smm_result_clear(&r);
}

/* The formula guard: CSV and TSV text cells (names, text, header cells)
 * starting with = + - @, a tab or a CR get a ' in front, before the
 * format's own escaping; numbers, JSON and the same characters further in
 * never; --no-formula-guard writes them as they are. */
static void test_formula_guard(void)
{
    const char *list[] = {"=1+1", "@SUM(1+1)", "+x", "-y", "\tt", "\rr", "plain", "'q", "a=b"};
    g_autoptr(SmmNames) names = make_names(list, G_N_ELEMENTS(list));
    double score[] = {-0.5, -1e-3, 1, 2, 3, 4, 5, 6, 7};
    const char *text[] = {"=t", "-", "ok", "", "+", "@", "x", "\t", "y"};
    SmmResult r;
    smm_result_init(&r, "test", 9, NULL);
    smm_result_add_row_number(&r, "rank");
    smm_result_add_account(&r, "account", names, NULL);
    smm_result_add_real(&r, "-score", score, (SmmNumberFormat){'g', 10});
    smm_result_add_text(&r, "note", text);

    g_autofree gchar *csv = result_text(&r, SMM_FORMAT_CSV, 2);
    g_assert_cmpstr(csv, ==,
                    "rank,account,'-score,note\n"
                    "1,'=1+1,-0.5,'=t\n"
                    "2,'@SUM(1+1),-0.001,'-\n"
                    "3,'+x,1,ok\n"
                    "4,'-y,2,\"\"\n"
                    "5,'\tt,3,'+\n"
                    "6,\"'\rr\",4,'@\n"
                    "7,plain,5,x\n"
                    "8,'q,6,\"'\t\"\n"
                    "9,a=b,7,y\n");
    g_autofree gchar *tsv = result_text(&r, SMM_FORMAT_TSV, 1);
    g_assert_cmpstr(tsv, ==,
                    "rank\taccount\t'-score\tnote\n"
                    "1\t'=1+1\t-0.5\t'=t\n"
                    "2\t'@SUM(1+1)\t-0.001\t'-\n"
                    "3\t'+x\t1\tok\n"
                    "4\t'-y\t2\t\n"
                    "5\t'\\tt\t3\t'+\n"
                    "6\t'\\rr\t4\t'@\n"
                    "7\tplain\t5\tx\n"
                    "8\t'q\t6\t'\\t\n"
                    "9\ta=b\t7\ty\n");
    g_autofree gchar *json = result_text(&r, SMM_FORMAT_JSONL, 1);
    g_assert_true(g_str_has_prefix(
        json, "{\"rank\":1,\"account\":\"=1+1\",\"-score\":-0.5,\"note\":\"=t\"}\n"));
    g_assert_nonnull(strstr(json, "\"account\":\"\\tt\""));
    /* the one ' is the name's own */
    g_assert_true(strchr(json, '\'') == strrchr(json, '\''));
    g_assert_nonnull(strstr(json, "\"account\":\"'q\""));

    SmmReportOptions raw = {.no_formula_guard = TRUE};
    g_autofree gchar *plain = result_text_with(&r, SMM_FORMAT_CSV, &raw, 1);
    g_assert_cmpstr(plain, ==,
                    "rank,account,-score,note\n"
                    "1,=1+1,-0.5,=t\n"
                    "2,@SUM(1+1),-0.001,-\n"
                    "3,+x,1,ok\n"
                    "4,-y,2,\"\"\n"
                    "5,\"\tt\",3,+\n"
                    "6,\"\rr\",4,@\n"
                    "7,plain,5,x\n"
                    "8,'q,6,\"\t\"\n"
                    "9,a=b,7,y\n");
    g_autofree gchar *plain_tsv = result_text_with(&r, SMM_FORMAT_TSV, &raw, 1);
    g_assert_true(g_str_has_prefix(plain_tsv, "rank\taccount\t-score\tnote\n1\t=1+1\t-0.5\t=t\n"));
    smm_result_clear(&r);
}

static gchar *pseudonym_of(const SmmPseudonym *p, const char *name)
{
    char out[SMM_PSEUDONYM_LEN + 1];
    smm_pseudonym_of(p, name, strlen(name), out);
    return g_strdup(out);
}

/* Pseudonyms: account columns over the accounts' names, in every format
 * and in GraphML labels; another name table (post ids) and nobody as they
 * are; rows in the table's order; the same bytes on any thread count. */
static void test_pseudonyms(void)
{
    const char *people[] = {"alice", "=bob"};
    const char *posts[] = {"post1", "post2"};
    g_autoptr(SmmNames) accounts = make_names(people, 2);
    g_autoptr(SmmNames) items = make_names(posts, 2);
    g_autoptr(SmmPseudonym) p = smm_pseudonym_new((const guint8 *)"Jefe", 4);
    g_autofree gchar *alice = pseudonym_of(p, "alice");
    g_autofree gchar *bob = pseudonym_of(p, "=bob");
    guint32 who[] = {1, 0, SMM_RESULT_NOBODY};
    guint32 post[] = {0, 1, 1};
    SmmResult r;
    smm_result_init(&r, "test", 3, NULL);
    smm_result_add_account(&r, "tweet_id", items, post);
    smm_result_add_account(&r, "author", accounts, who);

    SmmReportOptions o = {.pseudonym = p, .accounts = accounts};
    g_autofree gchar *csv = result_text_with(&r, SMM_FORMAT_CSV, &o, 1);
    g_autofree gchar *want =
        g_strdup_printf("tweet_id,author\npost1,%s\npost2,%s\npost2,\n", bob, alice);
    g_assert_cmpstr(csv, ==, want);
    g_autofree gchar *json = result_text_with(&r, SMM_FORMAT_JSON, &o, 1);
    g_autofree gchar *want_json = g_strdup_printf("[\n{\"tweet_id\":\"post1\",\"author\":\"%s\"},"
                                                  "\n{\"tweet_id\":\"post2\",\"author\":\"%s\"},\n"
                                                  "{\"tweet_id\":\"post2\",\"author\":null}\n]\n",
                                                  bob, alice);
    g_assert_cmpstr(json, ==, want_json);
    /* no table named: every account column */
    SmmReportOptions all = {.pseudonym = p};
    g_autofree gchar *every = result_text_with(&r, SMM_FORMAT_TSV, &all, 1);
    g_autofree gchar *post1 = pseudonym_of(p, "post1");
    g_assert_true(g_str_has_prefix(every, "tweet_id\tauthor\n"));
    g_assert_nonnull(strstr(every, post1));
    g_assert_null(strstr(every, "post"));
    smm_result_clear(&r);

    /* GraphML: the label is the pseudonym */
    SmmResult nodes;
    smm_result_init(&nodes, "nodes", 2, NULL);
    smm_result_add_account(&nodes, "account", accounts, NULL);
    SmmEdgeTable edges = {.n = 1, .source = (guint32[]){0}, .target = (guint32[]){1}};
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    guint64 removed;
    g_autoptr(GError) error = NULL;
    g_assert_true(smm_report_graph(&nodes, &edges, SMM_GRAPH_GRAPHML, &o, fp, &removed, &error));
    fclose(fp);
    g_autofree gchar *label = g_strdup_printf("<data key=\"label\">%s</data>", alice);
    g_assert_nonnull(strstr(buf, label));
    g_assert_null(strstr(buf, "alice"));
    g_assert_null(strstr(buf, "bob"));
    free(buf);
    smm_result_clear(&nodes);

    /* many blocks on three threads sharing the key */
    const guint n = 20000;
    g_autoptr(SmmNames) many = smm_names_new();
    for (guint i = 0; i < n; i++) {
        g_autofree char *s = g_strdup_printf("acct%u", i);
        guint32 id;
        smm_names_intern(many, s, (guint32)strlen(s), &id, NULL);
    }
    smm_result_init(&r, "many", n, NULL);
    smm_result_add_account(&r, "account", many, NULL);
    SmmReportOptions m = {.pseudonym = p, .accounts = many};
    g_autofree gchar *one = result_text_with(&r, SMM_FORMAT_CSV, &m, 1);
    g_autofree gchar *three = result_text_with(&r, SMM_FORMAT_CSV, &m, 3);
    g_assert_cmpstr(one, ==, three);
    g_autofree gchar *last = pseudonym_of(p, "acct19999");
    g_autofree gchar *last_line = g_strdup_printf("\n%s\n", last);
    g_assert_true(g_str_has_suffix(one, last_line));
    g_assert_cmpuint(strlen(one), ==, strlen("account\n") + n * (SMM_PSEUDONYM_LEN + 1));
    smm_result_clear(&r);
}

static void test_format_names(void)
{
    SmmFormat f;
    g_assert_true(smm_format_from_path("out.JSON", &f) && f == SMM_FORMAT_JSON);
    g_assert_true(smm_format_from_path("a/b.ndjson", &f) && f == SMM_FORMAT_JSONL);
    g_assert_true(smm_format_from_path("x.tab", &f) && f == SMM_FORMAT_TSV);
    g_assert_false(smm_format_from_path("x.txt", &f));
    g_assert_false(smm_format_from_path(".json", &f));
    g_assert_false(smm_format_from_path(NULL, &f));
    g_assert_true(smm_format_from_name("jsonl", &f) && f == SMM_FORMAT_JSONL);
    g_assert_false(smm_format_from_name("xml", &f));
    g_assert_cmpstr(smm_format_name(SMM_FORMAT_TSV), ==, "tsv");
}

/* The plain definition of the order, for the reference sort: score
 * descending, then followers descending, then the name in byte order (a
 * shorter name before its extensions); -0 ties with 0. */
typedef struct {
    const double *score, *followers;
    const SmmNames *names;
} OrderSpec;

static int reference_compare(const void *pa, const void *pb, void *ctx)
{
    const OrderSpec *o = ctx;
    guint32 a = *(const guint32 *)pa, b = *(const guint32 *)pb;
    if (o->score[a] != o->score[b])
        return o->score[a] > o->score[b] ? -1 : 1;
    if (o->followers[a] != o->followers[b])
        return o->followers[a] > o->followers[b] ? -1 : 1;
    guint32 la, lb;
    const char *na = smm_names_get(o->names, a, &la), *nb = smm_names_get(o->names, b, &lb);
    int c = memcmp(na, nb, MIN(la, lb));
    return c != 0 ? c : (la > lb) - (la < lb);
}

/* 200k rows, more than one sorting chunk, with scores and follower counts
 * drawn from few values (most rows tie on both) and names that share their
 * first 8 bytes or extend one another: the radix sort and its parallel merge
 * give qsort's order of the plain comparison, for 1 and 3 threads. */
static void test_order_many(void)
{
    const guint32 n = 200000;
    g_autoptr(SmmNames) names = smm_names_new();
    GRand *rand = g_rand_new_with_seed(7);
    for (guint32 i = 0; i < n; i++) {
        /* "user0000" + a number: 8 shared bytes, then lengths 9..14 */
        g_autofree char *s = g_strdup_printf("user0000%u", (i * 7919u) % 1000003u);
        guint32 id;
        g_assert_true(smm_names_intern(names, s, (guint32)strlen(s), &id, NULL));
    }
    SmmTable t;
    smm_table_init(&t, names, n);
    double *score = smm_table_column(&t, SMM_COL_PAGERANK);
    double *followers = smm_table_column(&t, SMM_COL_FOLLOWERS);
    static const double values[] = {0.0, -0.0, 1e-300, 0.25, 0.5, 3.0, 1e10, -2.0};
    for (guint32 i = 0; i < n; i++) {
        score[i] = g_rand_int_range(rand, 0, 4) == 0 ? g_rand_double(rand)
                                                     : values[g_rand_int_range(rand, 0, 8)];
        followers[i] = (double)g_rand_int_range(rand, 0, 3);
    }
    g_rand_free(rand);
    g_autofree guint32 *want = g_new(guint32, n);
    for (guint32 i = 0; i < n; i++)
        want[i] = i;
    OrderSpec spec = {score, followers, names};
    qsort_r(want, n, sizeof *want, reference_compare, &spec);
    for (guint threads = 1; threads <= 3; threads += 2) {
        smm_rank_order(&t, SMM_COL_PAGERANK, followers, 0, threads);
        g_assert_cmpuint(t.n_rows, ==, n);
        g_assert_cmpmem(t.order, sizeof(guint32) * n, want, sizeof(guint32) * n);
    }
    smm_table_clear(&t);
}

/* Many blocks of rows: the report is byte-identical for any thread count. */
static void test_threads(void)
{
    const guint n = 30000;
    g_autoptr(SmmNames) names = smm_names_new();
    for (guint i = 0; i < n; i++) {
        g_autofree char *s = g_strdup_printf("acct%u", i * 7919 % n);
        guint32 id;
        smm_names_intern(names, s, (guint32)strlen(s), &id, NULL);
    }
    SmmTable t;
    smm_table_init(&t, names, n);
    double *b = smm_table_column(&t, SMM_COL_BETWEENNESS);
    for (guint i = 0; i < n; i++)
        b[i] = (double)((i * 31) % 1000) / 7.0;
    smm_rank_order(&t, SMM_COL_BETWEENNESS, NULL, 0, 1);
    g_autofree gchar *one = report_text(&t, 1);
    g_autofree gchar *three = report_text(&t, 3);
    g_assert_cmpstr(one, ==, three);
    g_assert_cmpuint(strlen(one), >, n * 10);
    g_autofree gchar *json1 = report_format(&t, SMM_FORMAT_JSON, 1);
    g_autofree gchar *json3 = report_format(&t, SMM_FORMAT_JSON, 3);
    g_assert_cmpstr(json1, ==, json3);
    smm_table_clear(&t);
}

static guint count_entries(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    guint n = 0;
    while (g_dir_read_name(d) != NULL)
        n++;
    g_dir_close(d);
    return n;
}

static void test_atomic_output(void)
{
    g_autofree gchar *dir = g_dir_make_tmp("smm-out-XXXXXX", NULL);
    g_autofree gchar *path = g_build_filename(dir, "report.csv", NULL);
    g_autoptr(GError) error = NULL;

    /* abandoned: nothing is left behind */
    SmmOutput *out = smm_output_open(path, &error);
    g_assert_nonnull(out);
    fputs("half a rep", smm_output_file(out));
    smm_output_abort(out);
    g_assert_cmpuint(count_entries(dir), ==, 0);

    /* committed: the file appears whole, no temporary remains */
    out = smm_output_open(path, &error);
    fputs("rank,account\n", smm_output_file(out));
    g_assert_true(smm_output_commit(out, &error));
    g_autofree gchar *text = NULL;
    g_file_get_contents(path, &text, NULL, NULL);
    g_assert_cmpstr(text, ==, "rank,account\n");
    g_assert_cmpuint(count_entries(dir), ==, 1);

    /* a directory that does not exist: an error naming the file */
    g_autofree gchar *bad = g_build_filename(dir, "missing", "report.csv", NULL);
    g_assert_null(smm_output_open(bad, &error));
    g_assert_error(error, SMM_ERROR, SMM_ERROR_IO);
    g_assert_nonnull(strstr(error->message, bad));

    g_remove(path);
    g_rmdir(dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/rank/order", test_order);
    g_test_add_func("/rank/order-many", test_order_many);
    g_test_add_func("/report/csv-format", test_csv_format);
    g_test_add_func("/report/formats", test_formats);
    g_test_add_func("/report/formula-guard", test_formula_guard);
    g_test_add_func("/report/pseudonyms", test_pseudonyms);
    g_test_add_func("/report/format-names", test_format_names);
    g_test_add_func("/report/threads", test_threads);
    g_test_add_func("/report/atomic-output", test_atomic_output);
    return g_test_run();
}
