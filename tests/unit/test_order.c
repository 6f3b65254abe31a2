/* test_order.c - order.h's total order against a plain comparator that
 * states it: keys descending (NaN last, -0 equal to 0), then names in byte
 * order; on every number of keys, ties, long shared name prefixes, sizes on
 * both sides of the parallel threshold, and any number of threads. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "smm/core.h"
#include "smm/names.h"
#include "smm/order.h"

typedef struct {
    const SmmOrder *order;
    const SmmNames *names;
} Ref;

static int ref_compare(const void *pa, const void *pb, void *data)
{
    const Ref *r = data;
    guint32 a = *(const guint32 *)pa, b = *(const guint32 *)pb;
    for (guint k = 0; k < r->order->n_keys; k++) {
        double x = r->order->key[k][a], y = r->order->key[k][b];
        if (isnan(x) || isnan(y)) {
            if (isnan(x) != isnan(y))
                return isnan(x) ? 1 : -1;
            continue;
        }
        if (x != y)
            return x > y ? -1 : 1;
    }
    guint32 la, lb;
    const char *na = smm_names_get(r->names, a, &la), *nb = smm_names_get(r->names, b, &lb);
    int c = memcmp(na, nb, MIN(la, lb));
    return c != 0 ? c : la < lb ? -1 : la > lb;
}

/* Few distinct values, so every key ties often; NaN, -0 and infinities. */
static double draw_value(GRand *rand)
{
    static const double special[] = {NAN, -0.0, 0.0, INFINITY, -INFINITY, 1e-300, -1e300};
    if (g_rand_int_range(rand, 0, 8) == 0)
        return special[g_rand_int_range(rand, 0, G_N_ELEMENTS(special))];
    return (double)g_rand_int_range(rand, -3, 4) * 0.5;
}

/* Names sharing a 12-byte prefix (past the radix words) or short ones. */
static SmmNames *make_names(GRand *rand, guint32 n)
{
    SmmNames *names = smm_names_new();
    while (smm_names_count(names) < n) { /* a name drawn twice is interned once */
        g_autofree gchar *name = g_rand_boolean(rand)
                                     ? g_strdup_printf("shared-prefix%u", g_rand_int(rand))
                                     : g_strdup_printf("%x", g_rand_int_range(rand, 0, 1 << 20));
        guint32 id;
        g_assert_true(smm_names_intern(names, name, (guint32)strlen(name), &id, NULL));
    }
    return names;
}

static void check(guint32 n, guint n_keys, guint32 seed)
{
    GRand *rand = g_rand_new_with_seed(seed);
    g_autoptr(SmmNames) names = make_names(rand, n);
    double *keys[SMM_ORDER_MAX_KEYS] = {NULL};
    SmmOrder order = {.n_keys = n_keys, .name = smm_order_account_name, .name_data = names};
    for (guint k = 0; k < n_keys; k++) {
        keys[k] = g_new(double, n);
        for (guint32 i = 0; i < n; i++)
            keys[k][i] = draw_value(rand);
        order.key[k] = keys[k];
    }
    /* a subset of the ids, shuffled, as adopters sorts */
    guint32 m = n - n / 7;
    guint32 *expect = g_new(guint32, n);
    for (guint32 i = 0; i < n; i++)
        expect[i] = i;
    for (guint32 i = n - 1; i > 0; i--) {
        guint32 j = g_rand_int_range(rand, 0, (gint32)i + 1), t = expect[i];
        expect[i] = expect[j];
        expect[j] = t;
    }
    guint32 *input = g_memdup2(expect, m * sizeof *expect);
    Ref ref = {&order, names};
    qsort_r(expect, m, sizeof *expect, ref_compare, &ref);
    for (guint threads = 1; threads <= 4; threads *= 2) {
        g_autofree guint32 *got = g_memdup2(input, m * sizeof *input);
        smm_order_sort(&order, got, m, threads);
        for (guint32 i = 0; i < m; i++)
            if (got[i] != expect[i])
                g_error("n %u, %u keys, %u threads: row %u is %u, not %u", m, n_keys, threads, i,
                        got[i], expect[i]);
    }
    for (guint k = 0; k < n_keys; k++)
        g_free(keys[k]);
    g_free(input);
    g_free(expect);
    g_rand_free(rand);
}

static void test_small(void)
{
    for (guint keys = 0; keys <= SMM_ORDER_MAX_KEYS; keys++)
        for (guint32 n = 1; n <= 200; n += 13)
            check(n, keys, 100 * n + keys);
}

static void test_large(void)
{
    /* past PARALLEL_ROWS (65536): sorted in chunks and merged */
    for (guint keys = 0; keys <= SMM_ORDER_MAX_KEYS; keys++)
        check(90001, keys, 7 + keys);
}

static void test_name_ranks(void)
{
    GRand *rand = g_rand_new_with_seed(3);
    g_autoptr(SmmNames) names = make_names(rand, 500);
    guint32 ids[100], rank[500];
    for (guint i = 0; i < 100; i++)
        ids[i] = 5 * i + 2;
    smm_order_name_ranks(smm_order_account_name, names, ids, 100, rank, 2);
    for (guint i = 0; i < 100; i++) {
        guint32 below = 0; /* ids whose name sorts before ids[i]'s */
        for (guint j = 0; j < 100; j++)
            below += smm_names_compare(names, ids[j], ids[i]) < 0;
        g_assert_cmpuint(rank[ids[i]], ==, below);
    }
    g_rand_free(rand);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/order/small", test_small);
    g_test_add_func("/order/large", test_large);
    g_test_add_func("/order/name-ranks", test_name_ranks);
    return g_test_run();
}
