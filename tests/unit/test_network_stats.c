/* test_network_stats.c - smmgraph stats against python3-igraph and networkx
 * (scripts/reference_stats.py) on karate, Congress and the Higgs sample:
 * counts exactly, reals to 1e-9, the power-law p-value (a bootstrap: 2,500
 * samples here, drawn by Python's RNG there) within 0.04 (4 standard
 * deviations), on karate and Congress only: on Higgs it takes 35 s. */
#include <math.h>
#include <string.h>

#include "smm/core.h"
#include "smm/network_stats.h"
#include "testutil.h"

/* The stats as a user sees them: the rows of stats' table. */
static double table_value(const SmmResult *table, const char *metric)
{
    const SmmResultColumn *names = &g_array_index(table->columns, SmmResultColumn, 0);
    const SmmResultColumn *values = &g_array_index(table->columns, SmmResultColumn, 1);
    for (guint64 row = 0; row < table->n_rows; row++)
        if (strcmp(names->text[row], metric) == 0)
            return values->values[row];
    g_error("no metric %s", metric);
}

static const TestGraphCase cases[] = {
    {"karate", "tests/data/karate.csv", "tests/data/expected/stats_karate.csv", FALSE, TRUE},
    {"congress", "graphs/congress-twitter.csv", "tests/data/expected/stats_congress.csv", TRUE,
     FALSE},
    {"higgs", "graphs/higgs-followers.csv.gz", "tests/data/expected/stats_higgs.csv", FALSE, FALSE},
};

static void test_reference(gconstpointer data)
{
    const TestGraphCase *c = data;
    g_autoptr(SmmGraph) g = test_load_case(c);
    /* the p-value's bootstrap (2,500 fits) only where it is quick */
    gboolean with_p = strcmp(c->name, "higgs") != 0;
    SmmNetworkStatsOptions o = {.p_precision = with_p ? 0.01 : 0};
    SmmNetworkStats s;
    g_autoptr(GError) error = NULL;
    g_assert_true(smm_network_stats(g, &o, &s, &error));
    g_assert_no_error(error);
    SmmImportSummary summary = {0};
    SmmResult table;
    smm_network_stats_table(&s, &summary, &table);
    TestExpected e;
    test_expected_load(&e, c->expected);
    guint checked = 0;
    GHashTableIter it;
    gpointer key, row;
    g_hash_table_iter_init(&it, e.rows);
    while (g_hash_table_iter_next(&it, &key, &row)) {
        double want = g_ascii_strtod(((GStrv)row)[0], NULL), got = table_value(&table, key);
        if (strcmp(key, "power_law_p") == 0 && !with_p)
            g_assert_true(isnan(got));
        else if (strcmp(key, "power_law_p") == 0)
            test_assert_close(key, c->name, got, want, 0.04, 0);
        else
            test_assert_close(key, c->name, got, want, 1e-12, 1e-9);
        checked++;
    }
    g_assert_cmpuint(checked, ==, 24);
    test_expected_clear(&e);
    smm_result_clear(&table);
}

/* Without a p-value the fit is the same and p is NaN. */
static void test_no_p_value(void)
{
    g_autoptr(SmmGraph) g = test_load_case(&cases[1]);
    SmmNetworkStatsOptions with = {.p_precision = 0.05}, without = {0};
    SmmNetworkStats a, none;
    g_assert_true(smm_network_stats(g, &with, &a, NULL));
    g_assert_true(smm_network_stats(g, &without, &none, NULL));
    g_assert_true(isnan(none.p));
    g_assert_false(isnan(a.p));
    g_assert_cmpfloat(none.alpha, ==, a.alpha);
    g_assert_cmpfloat(none.ks, ==, a.ks);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    smm_igraph_init();
    for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree gchar *name = g_strdup_printf("/stats/reference/%s", cases[i].name);
        g_test_add_data_func(name, &cases[i], test_reference);
    }
    g_test_add_func("/stats/no-p-value", test_no_p_value);
    return g_test_run();
}
