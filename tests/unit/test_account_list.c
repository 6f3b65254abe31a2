/* test_account_list.c - lists of accounts (seeds to exclude, prices, where a
 * simulation starts): found by header name or else the first columns,
 * looked up without adding names, unknown ones counted, and prices checked
 * row by row with the file and line in the message. */
#include <glib/gstdio.h>
#include <string.h>

#include "smm/core.h"
#include "smm/import.h"

typedef struct {
    gchar *dir;
    SmmNames *names;
} Fixture;

static void fixture_set_up(Fixture *f, gconstpointer data)
{
    (void)data;
    f->dir = g_dir_make_tmp("smm-accounts-XXXXXX", NULL);
    g_assert_nonnull(f->dir);
    f->names = smm_names_new();
    const char *known[] = {"alice", "bob", "carol", "007"};
    for (guint i = 0; i < G_N_ELEMENTS(known); i++) {
        guint32 id;
        g_assert_true(smm_names_intern(f->names, known[i], (guint32)strlen(known[i]), &id, NULL));
        g_assert_cmpuint(id, ==, i);
    }
}

static void fixture_tear_down(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autoptr(GDir) d = g_dir_open(f->dir, 0, NULL);
    const char *name;
    while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
        g_autofree gchar *p = g_build_filename(f->dir, name, NULL);
        g_unlink(p);
    }
    g_rmdir(f->dir);
    g_free(f->dir);
    smm_names_free(f->names);
}

static gchar *write_file(const Fixture *f, const char *name, const char *text)
{
    gchar *path = g_build_filename(f->dir, name, NULL);
    g_assert_true(g_file_set_contents(path, text, -1, NULL));
    return path;
}

static gboolean read_list(const Fixture *f, const char *text, const char *value_what,
                          SmmAccountList *list, GError **error)
{
    g_autofree gchar *path = write_file(f, "list.csv", text);
    SmmCsvOptions csv = {0};
    return smm_import_account_list(path, &csv, f->names, value_what, list, error);
}

static void assert_ids(const SmmAccountList *list, const guint32 *want, guint n)
{
    g_assert_cmpuint(list->ids->len, ==, n);
    for (guint i = 0; i < n; i++)
        g_assert_cmpuint(g_array_index(list->ids, guint32, i), ==, want[i]);
}

/* No header: the first column; file order kept, repeats kept, names never
 * added; unknown accounts counted and the first kept for the message. */
static void test_plain_column(Fixture *f, gconstpointer data)
{
    (void)data;
    SmmAccountList list;
    g_autoptr(GError) error = NULL;
    g_assert_true(read_list(f, "carol\nnobody\nalice\n007\ncarol\nghost\n", NULL, &list, &error));
    g_assert_no_error(error);
    const guint32 want[] = {2, 0, 3, 2};
    assert_ids(&list, want, G_N_ELEMENTS(want));
    g_assert_cmpuint(list.unknown, ==, 2);
    g_assert_cmpstr(list.first_unknown, ==, "nobody");
    g_assert_null(list.values);
    g_assert_cmpuint(smm_names_count(f->names), ==, 4);
    smm_account_list_clear(&list);
}

/* seeds' own report (rank,account,...) is read by its account column. */
static void test_seeds_report(Fixture *f, gconstpointer data)
{
    (void)data;
    SmmAccountList list;
    g_assert_true(read_list(f,
                            "rank,account,marginal_spread,spread,spread_ci95\n"
                            "1,bob,3.5,3.5,0.1\n2,alice,1.25,4.75,0.1\n",
                            NULL, &list, NULL));
    const guint32 want[] = {1, 0};
    assert_ids(&list, want, G_N_ELEMENTS(want));
    g_assert_cmpuint(list.unknown, ==, 0);
    g_assert_null(list.first_unknown);
    smm_account_list_clear(&list);
}

/* Prices: by header name in any column order, one value per kept id. */
static void test_costs(Fixture *f, gconstpointer data)
{
    (void)data;
    SmmAccountList list;
    g_autoptr(GError) error = NULL;
    g_assert_true(
        read_list(f, "price,handle\n2.5,bob\n1,nobody\n4e1,carol\n", "cost column", &list, &error));
    g_assert_no_error(error);
    const guint32 want[] = {1, 2};
    assert_ids(&list, want, G_N_ELEMENTS(want));
    g_assert_cmpuint(list.values->len, ==, 2);
    g_assert_cmpfloat(g_array_index(list.values, double, 0), ==, 2.5);
    g_assert_cmpfloat(g_array_index(list.values, double, 1), ==, 40.0);
    g_assert_cmpuint(list.unknown, ==, 1);
    smm_account_list_clear(&list);
}

/* A price that is not a positive finite number stops the reading at its
 * line, and the list comes back empty. */
static void test_bad_costs(Fixture *f, gconstpointer data)
{
    (void)data;
    static const char *const bad[] = {"free", "0", "-3", "nan", "inf", "", "2x"};
    for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree gchar *text =
            g_strdup_printf("account,cost\nalice,1\nbob,%s\ncarol,2\n", bad[i]);
        SmmAccountList list;
        g_autoptr(GError) error = NULL;
        g_assert_false(read_list(f, text, "cost column", &list, &error));
        g_assert_error(error, SMM_ERROR, SMM_ERROR_PARSE);
        g_autofree gchar *want = g_strdup_printf(
            "list.csv:3: the cost column holds '%s'; expected a positive number", bad[i]);
        g_assert_nonnull(strstr(error->message, want));
        g_assert_null(list.ids);
        g_assert_null(list.values);
        g_assert_null(list.first_unknown);
    }
}

/* Only plain decimal prices, shown quoted in the message: no hex, no
 * spaces, nothing after a NUL, no line break in the message. */
static void test_strict_costs(Fixture *f, gconstpointer data)
{
    (void)data;
    static const struct {
        const char *text;
        gsize len;
        const char *shown;
    } bad[] = {
        {"account,cost\nalice,1\nbob,0x10\n", 0, "'0x10'"},
        {"account,cost\nalice,1\nbob,\" 5\"\n", 0, "' 5'"},
        {"account,cost\nalice,1\nbob,1e999\n", 0, "'1e999'"},
        {"account,cost\nalice,1\nbob,\"4\n5\"\n", 0, "'4\\n5'"},
        {"account,cost\nalice,1\nbob,4\0junk\n", 32, "'4\\x00junk'"},
    };
    for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree gchar *path = g_build_filename(f->dir, "list.csv", NULL);
        gssize len = bad[i].len > 0 ? (gssize)bad[i].len : -1;
        g_assert_true(g_file_set_contents(path, bad[i].text, len, NULL));
        SmmCsvOptions csv = {0};
        SmmAccountList list;
        g_autoptr(GError) error = NULL;
        g_assert_false(smm_import_account_list(path, &csv, f->names, "cost column", &list, &error));
        g_assert_error(error, SMM_ERROR, SMM_ERROR_PARSE);
        g_autofree gchar *want = g_strdup_printf(
            "list.csv:3: the cost column holds %s; expected a positive number", bad[i].shown);
        if (strstr(error->message, want) == NULL)
            g_error("'%s' lacks '%s'", error->message, want);
        g_assert_null(strchr(error->message, '\n'));
    }
}

static void test_missing_file(Fixture *f, gconstpointer data)
{
    (void)data;
    g_autofree gchar *path = g_build_filename(f->dir, "absent.csv", NULL);
    SmmCsvOptions csv = {0};
    SmmAccountList list;
    g_autoptr(GError) error = NULL;
    g_assert_false(smm_import_account_list(path, &csv, f->names, NULL, &list, &error));
    g_assert_nonnull(error);
    g_assert_nonnull(strstr(error->message, "absent.csv"));
    g_assert_null(list.ids);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add("/account-list/plain-column", Fixture, NULL, fixture_set_up, test_plain_column,
               fixture_tear_down);
    g_test_add("/account-list/seeds-report", Fixture, NULL, fixture_set_up, test_seeds_report,
               fixture_tear_down);
    g_test_add("/account-list/costs", Fixture, NULL, fixture_set_up, test_costs, fixture_tear_down);
    g_test_add("/account-list/bad-costs", Fixture, NULL, fixture_set_up, test_bad_costs,
               fixture_tear_down);
    g_test_add("/account-list/strict-costs", Fixture, NULL, fixture_set_up, test_strict_costs,
               fixture_tear_down);
    g_test_add("/account-list/missing-file", Fixture, NULL, fixture_set_up, test_missing_file,
               fixture_tear_down);
    return g_test_run();
}
