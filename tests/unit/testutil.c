/* testutil.c - see testutil.h. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "smm/import.h"

gchar *test_data_path(const char *name)
{
    return g_test_build_filename(G_TEST_DIST, name, NULL);
}

/* Whole text of a test file, gunzipped when its name ends in .gz. */
static gchar *read_text(const char *path)
{
    gzFile gz = gzopen(path, "rb");
    if (gz == NULL)
        g_error("cannot open %s", path);
    GString *s = g_string_new(NULL);
    char buf[65536];
    int got;
    while ((got = gzread(gz, buf, sizeof buf)) > 0)
        g_string_append_len(s, buf, got);
    g_assert_cmpint(got, ==, 0);
    gzclose(gz);
    return g_string_free(s, FALSE);
}

SmmGraph *test_load_graph(const char *name, gboolean reverse, gboolean undirected,
                          const char *p_column)
{
    g_autofree gchar *path = test_data_path(name);
    SmmFollowerImportOptions o = {0};
    o.csv.n_threads = 1;
    o.reverse = reverse;
    o.undirected = undirected;
    o.p_column = p_column;
    SmmEdgeList edges;
    g_autoptr(GError) error = NULL;
    gboolean ok = smm_import_followers(path, &o, NULL, &edges, &error);
    g_assert_no_error(error);
    g_assert_true(ok);
    SmmGraphStats stats;
    SmmGraph *g = smm_graph_build(&edges, 2, NULL, &stats, &error);
    g_assert_no_error(error);
    smm_edge_list_clear(&edges);
    return g;
}

void test_expected_load(TestExpected *e, const char *name)
{
    g_autofree gchar *path = test_data_path(name);
    g_autofree gchar *text = read_text(path);
    g_auto(GStrv) lines = g_strsplit(text, "\n", -1);
    e->rows = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_strfreev);
    e->header = NULL;
    for (char **line = lines; *line != NULL; line++) {
        g_strchomp(*line);
        if (**line == '\0')
            continue;
        char **fields = g_strsplit(*line, ",", -1);
        char *key = g_strdup(fields[0]);
        GStrv rest = g_strdupv(fields + 1);
        g_strfreev(fields);
        if (e->header == NULL) {
            e->header = rest;
            g_free(key);
        } else {
            g_hash_table_insert(e->rows, key, rest);
        }
    }
    g_assert_nonnull(e->header);
}

void test_expected_clear(TestExpected *e)
{
    g_hash_table_unref(e->rows);
    g_strfreev(e->header);
}

guint test_expected_column(const TestExpected *e, const char *column)
{
    for (guint i = 0; e->header[i] != NULL; i++)
        if (strcmp(e->header[i], column) == 0)
            return i;
    g_error("expected file has no column %s", column);
}

double test_expected_value(const TestExpected *e, const char *account, guint column)
{
    GStrv row = g_hash_table_lookup(e->rows, account);
    if (row == NULL)
        g_error("expected file has no row for account %s", account);
    g_assert_cmpuint(column, <, g_strv_length(row));
    return g_ascii_strtod(row[column], NULL);
}

void test_assert_close(const char *what, const char *account, double a, double b, double abs_tol,
                       double rel_tol)
{
    if (fabs(a - b) <= abs_tol + rel_tol * fabs(b))
        return;
    g_error("%s of %s: got %.17g, expected %.17g (tolerance %g + %g relative)", what, account, a, b,
            abs_tol, rel_tol);
}

SmmGraph *test_load_case(const TestGraphCase *c)
{
    return test_load_graph(c->graph, c->reverse, c->undirected, NULL);
}

static void record_progress(gpointer data, const char *what, double done, double total,
                            const char *unit)
{
    (void)what;
    (void)unit;
    TestProgress *t = data;
    if (t->calls > 0 && done < t->done)
        t->decreased = TRUE;
    if (g_thread_self() != t->thread)
        t->other_thread = TRUE;
    if (total > 0 && done < total)
        t->early++;
    t->calls++;
    t->done = done;
    t->total = total;
}

void test_progress_init(TestProgress *t)
{
    memset(t, 0, sizeof *t);
    t->progress = (SmmProgress){.fn = record_progress, .data = t};
    t->thread = g_thread_self();
}

void test_progress_check(const TestProgress *t, double done, double total)
{
    g_assert_cmpuint(t->calls, >=, 1);
    if (total > 0)
        g_assert_cmpuint(t->early, >=, 1);
    g_assert_false(t->decreased);
    g_assert_false(t->other_thread);
    g_assert_cmpfloat(t->done, ==, done);
    g_assert_cmpfloat(t->total, ==, total);
}
