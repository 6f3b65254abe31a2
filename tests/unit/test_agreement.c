/* test_agreement.c - rank agreement (src/rank/agreement.c) against
 * scripts/reference_agreement.py (scipy's spearmanr, Python's sort for the
 * top sets) on the expected metrics of karate and congress, and by hand:
 * ties, a constant metric, fewer accounts than the top. */
#include <math.h>
#include <string.h>

#include "smm/rank.h"
#include "testutil.h"

static const char *name_of(gconstpointer data, guint32 id, guint32 *len)
{
    const char *const *names = data;
    *len = (guint32)strlen(names[id]);
    return names[id];
}

typedef struct {
    const char *metrics;  /* the expected file's */
    const char *expected; /* reference_agreement.py's output */
} Case;

static void check_case(gconstpointer data)
{
    const Case *c = data;
    TestExpected e;
    test_expected_load(&e, c->metrics);
    guint n_accounts = 0;
    const char **names = (const char **)g_hash_table_get_keys_as_array(e.rows, &n_accounts);
    guint32 n = n_accounts;

    g_autofree gchar *path = test_data_path(c->expected);
    g_autofree gchar *text = NULL;
    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    g_auto(GStrv) lines = g_strsplit(g_strstrip(text), "\n", -1);
    /* the metrics, in the reference's order: the first column's values */
    const char *labels[SMM_AGREEMENT_MAX];
    guint k = 0;
    for (guint l = 1; lines[l] != NULL; l++) {
        g_auto(GStrv) f = g_strsplit(lines[l], ",", -1);
        if (strcmp(f[0], f[1]) == 0)
            labels[k++] = g_intern_string(f[0]);
    }
    double *cols[SMM_AGREEMENT_MAX];
    guint followers_at = test_expected_column(&e, "followers");
    for (guint m = 0; m < k; m++) {
        guint at = test_expected_column(&e, labels[m]);
        cols[m] = g_new(double, n);
        for (guint32 i = 0; i < n; i++)
            cols[m][i] = test_expected_value(&e, names[i], at);
    }
    g_autofree double *followers = g_new(double, n);
    for (guint32 i = 0; i < n; i++)
        followers[i] = test_expected_value(&e, names[i], followers_at);

    for (guint threads = 1; threads <= 3; threads += 2) {
        SmmAgreement a;
        smm_agreement((const double *const *)cols, NULL, k, n, followers, name_of, names, threads,
                      &a);
        g_assert_cmpuint(a.n_metrics, ==, k);
        g_assert_cmpuint(a.top, ==, MIN(n, 100));
        guint pairs = 0;
        for (guint l = 1; lines[l] != NULL; l++) {
            g_auto(GStrv) f = g_strsplit(lines[l], ",", -1);
            guint x = 0, y = 0;
            while (strcmp(labels[x], f[0]) != 0)
                x++;
            while (strcmp(labels[y], f[1]) != 0)
                y++;
            double rho = g_ascii_strtod(f[2], NULL);
            guint64 common = g_ascii_strtoull(f[3], NULL, 10),
                    top = g_ascii_strtoull(f[4], NULL, 10);
            g_autofree gchar *what = g_strdup_printf("spearman %s %s", f[0], f[1]);
            test_assert_close(what, c->metrics, a.spearman[x][y], rho, 1e-12, 0);
            g_assert_cmpfloat(a.spearman[y][x], ==, a.spearman[x][y]);
            g_assert_cmpuint(top, ==, a.top);
            g_assert_cmpfloat(a.overlap[x][y], ==, (double)common / (double)top);
            g_assert_cmpfloat(a.overlap[y][x], ==, a.overlap[x][y]);
            pairs++;
        }
        g_assert_cmpuint(pairs, ==, k * (k + 1) / 2);
    }
    for (guint m = 0; m < k; m++)
        g_free(cols[m]);
    g_free(names);
    test_expected_clear(&e);
}

/* Ties by hand: a = 3 1 2 2, b = 4 1 3 3: the same order, rho 1;
 * c = 1 2 3 3 against a. a's ranks from the top: 1 4 2.5 2.5; c's: 4 3
 * 1.5 1.5. Deviations from 2.5: a -1.5 1.5 0 0, c 1.5 .5 -1 -1: sum of
 * products -2.25 + .75 = -1.5; sums of squares 4.5 and 4.5: rho = -1/3.
 * A constant metric: rho NaN with every metric, itself included; its top
 * set is decided by followers, then names. */
static void test_by_hand(void)
{
    static const char *const names[] = {"w", "x", "y", "z"};
    const double a[] = {3, 1, 2, 2}, b[] = {4, 1, 3, 3}, c[] = {1, 2, 3, 3}, k[] = {5, 5, 5, 5};
    const double followers[] = {0, 0, 0, 0};
    const double *const cols[] = {a, b, c, k};
    SmmAgreement ag;
    smm_agreement(cols, NULL, 4, 4, followers, name_of, names, 1, &ag);
    g_assert_cmpuint(ag.top, ==, 4); /* fewer than 100: all */
    g_assert_cmpfloat_with_epsilon(ag.spearman[0][1], 1.0, 1e-15);
    g_assert_cmpfloat_with_epsilon(ag.spearman[0][2], -1.0 / 3.0, 1e-15);
    g_assert_cmpfloat_with_epsilon(ag.spearman[2][0], -1.0 / 3.0, 1e-15);
    for (guint m = 0; m < 4; m++) {
        g_assert_true(isnan(ag.spearman[3][m]));
        g_assert_true(isnan(ag.spearman[m][3]));
        g_assert_cmpfloat(ag.overlap[m][3], ==, 1.0);
    }
    g_assert_cmpfloat(ag.spearman[0][0], ==, 1.0);

    /* compared as printed: 1 + 1e-12 and 1 tie at 10 significant digits */
    const double near[] = {2, 1 + 1e-12, 1, 0}, order[] = {3, 2, 1, 0};
    const double *const pair[] = {near, order};
    const SmmNumberFormat g10[] = {{'g', 10}, {'g', 10}};
    smm_agreement(pair, NULL, 2, 4, followers, name_of, names, 1, &ag);
    g_assert_cmpfloat_with_epsilon(ag.spearman[0][1], 1.0, 1e-15);
    smm_agreement(pair, g10, 2, 4, followers, name_of, names, 1, &ag);
    /* ranks 1 2.5 2.5 4 against 1 2 3 4: 4.5 / sqrt(4.5 * 5) */
    g_assert_cmpfloat_with_epsilon(ag.spearman[0][1], 4.5 / sqrt(4.5 * 5.0), 1e-15);

    /* one account: no correlation; none: no top either */
    smm_agreement(cols, NULL, 2, 1, followers, name_of, names, 1, &ag);
    g_assert_true(isnan(ag.spearman[0][1]));
    g_assert_cmpfloat(ag.overlap[0][1], ==, 1.0);
    smm_agreement(cols, NULL, 2, 0, NULL, name_of, names, 1, &ag);
    g_assert_cmpuint(ag.top, ==, 0);
    g_assert_true(isnan(ag.overlap[0][1]));
}

/* The top sets cut ties as every ranked report does: 150 accounts, the
 * first metric all equal, the second 0..149: the first's top 100 is the
 * 100 with the most followers (followers = id, ties none), so it shares
 * them all with the second's; with followers all equal, the names decide
 * (n000 .. n149: the first 100 names), which share none of the second's
 * top 100 beyond ids 50..99. */
static void test_top_ties(void)
{
    enum { N = 150 };
    static char buf[N][8];
    const char *names[N];
    double flat[N], up[N], fol[N], same[N];
    for (guint i = 0; i < N; i++) {
        g_snprintf(buf[i], sizeof buf[i], "n%03u", i);
        names[i] = buf[i];
        flat[i] = 1;
        up[i] = i;
        fol[i] = i;
        same[i] = 7;
    }
    const double *const cols[] = {flat, up};
    SmmAgreement ag;
    smm_agreement(cols, NULL, 2, N, fol, name_of, names, 2, &ag);
    g_assert_cmpuint(ag.top, ==, 100);
    g_assert_cmpfloat(ag.overlap[0][1], ==, 1.0);
    smm_agreement(cols, NULL, 2, N, same, name_of, names, 2, &ag);
    g_assert_cmpfloat(ag.overlap[0][1], ==, 0.5);
}

/* The table: spearman on and below the diagonal, overlap above. */
static void test_result(void)
{
    SmmAgreement ag = {.n_metrics = 2, .top = 4};
    ag.spearman[0][0] = ag.spearman[1][1] = 1;
    ag.spearman[0][1] = ag.spearman[1][0] = 0.25;
    ag.overlap[0][1] = ag.overlap[1][0] = 0.75;
    const char *const labels[] = {"followers", "pagerank"};
    SmmResult r;
    smm_agreement_result(&ag, labels, &r);
    g_assert_cmpuint(r.n_rows, ==, 2);
    g_assert_cmpuint(r.columns->len, ==, 3);
    const SmmResultColumn *cols = (const SmmResultColumn *)(void *)r.columns->data;
    g_assert_cmpstr(cols[0].text[1], ==, "pagerank");
    g_assert_cmpstr(cols[2].name, ==, "pagerank");
    g_assert_cmpfloat(cols[1].values[1], ==, 0.25); /* row pagerank, column followers */
    g_assert_cmpfloat(cols[2].values[0], ==, 0.75); /* row followers, column pagerank */
    g_assert_cmpfloat(cols[2].values[1], ==, 1.0);
    smm_result_clear(&r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    static const Case karate = {"tests/data/expected/karate_metrics.csv",
                                "tests/data/expected/agreement_karate.csv"};
    static const Case congress = {"tests/data/expected/congress_metrics.csv",
                                  "tests/data/expected/agreement_congress.csv"};
    g_test_add_data_func("/agreement/karate", &karate, check_case);
    g_test_add_data_func("/agreement/congress", &congress, check_case);
    g_test_add_func("/agreement/by-hand", test_by_hand);
    g_test_add_func("/agreement/top-ties", test_top_ties);
    g_test_add_func("/agreement/result", test_result);
    return g_test_run();
}
