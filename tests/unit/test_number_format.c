/* test_number_format.c - smm_format_g() and smm_format_f() against glibc's
 * printf (through g_snprintf, as the report wrote numbers before), the
 * independent and exact reference, on tens of millions of doubles.
 *
 * The formats the reports use (%.10g, %.0f, %.3f) are checked on every value
 * of every family below; the other precisions on a lighter sample. Each
 * value is checked twice: the arithmetic path alone (smm_format_*_fast),
 * wherever it answers, and the public function (which asks printf where the
 * arithmetic cannot decide). Values are drawn per index from their own RNG
 * stream and checked in fixed blocks on two threads.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smm/number_format.h"
#include "smm/parallel.h"
#include "smm/rng.h"

typedef struct {
    guint64 checked;  /* format calls compared with printf */
    guint64 fast;     /* ... of which the arithmetic path answered */
    guint64 finite;   /* finite values given to %g */
    guint64 finite_g; /* ... that %g's arithmetic path answered */
    guint64 wrong;
    char first_wrong[400];
} Tally;

static void merge(Tally *into, const Tally *t)
{
    into->checked += t->checked;
    into->fast += t->fast;
    into->finite += t->finite;
    into->finite_g += t->finite_g;
    if (into->wrong == 0 && t->wrong > 0)
        memcpy(into->first_wrong, t->first_wrong, sizeof into->first_wrong);
    into->wrong += t->wrong;
}

static void note_wrong(Tally *t, double v, char conversion, int digits, const char *want,
                       const char *got, const char *path)
{
    if (t->wrong++ == 0)
        g_snprintf(t->first_wrong, sizeof t->first_wrong,
                   "%%.%d%c of %a (%.17g): printf \"%s\", %s \"%s\"", digits, conversion, v, v,
                   want, path, got);
}

static void check(Tally *t, double v, char conversion, int digits)
{
    char want[SMM_NUMBER_MAX], got[SMM_NUMBER_MAX], fast[SMM_NUMBER_MAX];
    int want_len, got_len, fast_len;
    if (conversion == 'g') {
        want_len = g_snprintf(want, sizeof want, "%.*g", digits, v);
        fast_len = smm_format_g_fast(fast, v, digits);
        got_len = smm_format_g(got, v, digits);
        if (isfinite(v)) {
            t->finite++;
            t->finite_g += fast_len >= 0;
        }
    } else {
        want_len = g_snprintf(want, sizeof want, "%.*f", digits, v);
        fast_len = smm_format_f_fast(fast, v, digits);
        got_len = smm_format_f(got, v, digits);
    }
    t->checked++;
    if (fast_len >= 0) {
        t->fast++;
        if (fast_len != want_len || strcmp(fast, want) != 0)
            note_wrong(t, v, conversion, digits, want, fast, "fast path");
    }
    if (got_len != want_len || strcmp(got, want) != 0)
        note_wrong(t, v, conversion, digits, want, got, "smm_format");
}

/* --- families of values ---------------------------------------------------- */

static double from_bits(guint64 bits)
{
    double v;
    memcpy(&v, &bits, sizeof v);
    return v;
}

static double random_sign(SmmRng *rng, double v)
{
    return smm_rng_next(rng) & 1 ? -v : v;
}

/* An integer of a random bit length in 0..bits. */
static guint64 random_integer(SmmRng *rng, int bits)
{
    int len = (int)smm_rng_below(rng, (guint64)bits + 1);
    return len == 0 ? 0 : smm_rng_next(rng) >> (64 - len);
}

/* Any bit pattern: the whole exponent range, subnormals, NaN, infinities. */
static double gen_bits(SmmRng *rng, guint64 i)
{
    return from_bits(smm_rng_next(rng));
}

/* Magnitudes scores and counts have: 10^[-20, 20], or a random significand
 * scaled by 2^[-80, 80]. */
static double gen_magnitude(SmmRng *rng, guint64 i)
{
    double v = i & 1 ? pow(10.0, 40.0 * smm_rng_uniform(rng) - 20.0)
                     : ldexp((double)(smm_rng_next(rng) >> 11), (int)smm_rng_below(rng, 161) - 133);
    return random_sign(rng, v);
}

/* Decimal-looking values, k / 10^d, and their neighbours: reach estimates
 * and ratios of counts. */
static double gen_decimal(SmmRng *rng, guint64 i)
{
    double v = (double)random_integer(rng, 40) / pow(10.0, (double)smm_rng_below(rng, 8));
    switch (smm_rng_below(rng, 3)) {
    case 0: v = nextafter(v, -INFINITY); break;
    case 1: v = nextafter(v, INFINITY); break;
    }
    return random_sign(rng, v);
}

static double gen_integer(SmmRng *rng, guint64 i)
{
    static const double edge[] = {0x1p53,        0x1p53 - 1,   0x1p53 + 2,    0x1p53 - 0.5,
                                  0x1p52 + 0.5,  0x1p63,       0x1p63 - 1024, 0x1p64,
                                  0x1p64 - 2048, 1e15,         1e16,          999999999999999.0,
                                  9999999999.0,  99999999995.0};
    if (i < G_N_ELEMENTS(edge))
        return random_sign(rng, edge[i]);
    double v = (double)random_integer(rng, 53);
    if (i & 2)
        v += 0.5; /* a tie for %.0f while exact */
    return random_sign(rng, v);
}

static double gen_subnormal(SmmRng *rng, guint64 i)
{
    guint64 frac = i < 4 ? (guint64)i : smm_rng_next(rng) >> 12;
    return random_sign(rng, from_bits(frac));
}

/* 2^n for every n, and its neighbours. */
static double gen_pow2(SmmRng *rng, guint64 i)
{
    double v = ldexp(1.0, (int)(i / 3) - 1074);
    if (i % 3 == 1)
        v = nextafter(v, 0.0);
    else if (i % 3 == 2)
        v = nextafter(v, INFINITY);
    return random_sign(rng, v);
}

/* Near 10^j for every j, and near the points where `digits` digits round up
 * to 10^j (99...95 e(j - digits - 1)): the value nearest each, up to 32
 * steps either side. */
static double near_pow10(SmmRng *rng, guint64 i, int digits)
{
    int step = (int)(i % 65) - 32;
    guint64 rest = i / 65;
    int j = (int)(rest / 2) - 325;
    char text[64];
    if (rest % 2 == 0) {
        g_snprintf(text, sizeof text, "1e%d", j);
    } else {
        char nines[SMM_NUMBER_G_MAX + 2];
        memset(nines, '9', (size_t)digits);
        nines[digits] = '5';
        nines[digits + 1] = '\0';
        g_snprintf(text, sizeof text, "%se%d", nines, j - digits - 1);
    }
    double v = strtod(text, NULL);
    for (; step < 0; step++)
        v = nextafter(v, 0.0);
    for (; step > 0; step--)
        v = nextafter(v, INFINITY);
    return random_sign(rng, v);
}

#define NEAR_POW10_COUNT ((guint64)65 * 2 * (308 + 325 + 1))

/* Exact ties at `digits` significant digits: n 2^-t with n odd has t
 * decimals, the last a 5, so it is a tie when n 5^t has digits + 1 digits;
 * and (10 D + 5) 10^s for integers. With the neighbours on either side. */
static double tie_g(SmmRng *rng, int digits)
{
    double v;
    int t = (int)smm_rng_below(rng, 24);
    double lo = pow(10.0, digits), hi = 10 * lo;
    if (t > 0 && pow(5.0, t) < hi) {
        double five = pow(5.0, t);
        guint64 first = (guint64)ceil(lo / five), last = (guint64)floor((hi - 1) / five);
        last = MIN(last, (1ull << 53) - 1);
        if (first > last)
            first = last;
        guint64 n = first + smm_rng_below(rng, last - first + 1);
        n |= 1;
        v = ldexp((double)n, -t);
    } else {
        guint64 d = (guint64)(lo / 10) + smm_rng_below(rng, (guint64)(lo - lo / 10));
        double scale = pow(10.0, (double)smm_rng_below(rng, 5));
        v = (double)(10 * d + 5) * scale;
        if (v >= 0x1p53)
            v = (double)(10 * d + 5);
    }
    return v;
}

/* Exact ties at `decimals` decimals: n / 2^(decimals + 1), n odd. */
static double tie_f(SmmRng *rng, int decimals)
{
    return ldexp((double)(random_integer(rng, 52) | 1), -(decimals + 1));
}

static double with_neighbour(SmmRng *rng, double v)
{
    switch (smm_rng_below(rng, 3)) {
    case 0: v = nextafter(v, 0.0); break;
    case 1: v = nextafter(v, INFINITY); break;
    }
    return random_sign(rng, v);
}

static double gen_tie(SmmRng *rng, guint64 i)
{
    switch (i % 3) {
    case 0: return with_neighbour(rng, tie_g(rng, 10));
    case 1: return with_neighbour(rng, tie_f(rng, 0));
    default: return with_neighbour(rng, tie_f(rng, 3));
    }
}

static double gen_near_pow10(SmmRng *rng, guint64 i)
{
    return near_pow10(rng, i, 10);
}

static double gen_special(SmmRng *rng, guint64 i)
{
    static const double special[] = {
        0.0,          1.0,    0.5,    1.25,    2.5e-7,          0.0625,
        2.5,          0.0005, 1e-5,   1e-4,    0.0001234567891, 1e10,
        9999999999.5, 1e100,  1e-300, DBL_MAX, DBL_MIN,         DBL_TRUE_MIN,
        DBL_EPSILON};
    if (i < 2 * G_N_ELEMENTS(special))
        return i % 2 ? -special[i / 2] : special[i / 2];
    switch (i - 2 * G_N_ELEMENTS(special)) {
    case 0: return NAN;
    case 1: return -NAN;
    case 2: return INFINITY;
    default: return -INFINITY;
    }
}

typedef struct {
    const char *name;
    double (*gen)(SmmRng *rng, guint64 i);
    guint64 count;
    gboolean huge; /* gives |v| far beyond 2^64, where %f needs printf: check %f on 1 in 64 */
} Family;

static const Family families[] = {
    {"random bits", gen_bits, 5000000, TRUE},
    {"magnitudes", gen_magnitude, 5000000, FALSE},
    {"decimals", gen_decimal, 2000000, FALSE},
    {"integers", gen_integer, 2000000, FALSE},
    {"ties", gen_tie, 3000000, FALSE},
    {"subnormals", gen_subnormal, 1000000, FALSE},
    {"near powers of ten", gen_near_pow10, NEAR_POW10_COUNT, TRUE},
    {"powers of two", gen_pow2, 3 * 2098, TRUE},
    {"special", gen_special, 42, FALSE},
};

#define BLOCK 50000

typedef struct {
    guint64 family_first_block[G_N_ELEMENTS(families) + 1];
    Tally *tally; /* per block */
} Run;

static void check_block(guint64 b, guint thread, gpointer ctx)
{
    Run *run = ctx;
    guint f = 0;
    while (run->family_first_block[f + 1] <= b)
        f++;
    const Family *fam = &families[f];
    guint64 lo = (b - run->family_first_block[f]) * BLOCK;
    guint64 hi = MIN(fam->count, lo + BLOCK);
    Tally *t = &run->tally[b];
    for (guint64 i = lo; i < hi; i++) {
        SmmRng rng;
        smm_rng_init(&rng, f + 1, i);
        double v = fam->gen(&rng, i);
        check(t, v, 'g', 10);
        if (!fam->huge || fabs(v) < 0x1p66 || i % 64 == 0) {
            check(t, v, 'f', 0);
            check(t, v, 'f', 3);
        }
    }
}

/* Every family through the reports' three formats. */
static void test_report_formats(void)
{
    Run run = {.tally = NULL};
    for (guint f = 0; f < G_N_ELEMENTS(families); f++)
        run.family_first_block[f + 1] =
            run.family_first_block[f] + (families[f].count + BLOCK - 1) / BLOCK;
    guint64 n_blocks = run.family_first_block[G_N_ELEMENTS(families)];
    run.tally = g_new0(Tally, n_blocks);
    Tally all = {0};
    smm_parallel_blocks(n_blocks, 2, check_block, &run);

    for (guint f = 0; f < G_N_ELEMENTS(families); f++) {
        Tally sum = {0};
        guint64 values = families[f].count;
        for (guint64 b = run.family_first_block[f]; b < run.family_first_block[f + 1]; b++)
            merge(&sum, &run.tally[b]);
        g_test_message("%s: %" G_GUINT64_FORMAT " values, %" G_GUINT64_FORMAT
                       " formats checked, %" G_GUINT64_FORMAT " by the arithmetic path; "
                       "%%g left %" G_GUINT64_FORMAT " finite values to printf",
                       families[f].name, values, sum.checked, sum.fast, sum.finite - sum.finite_g);
        if (sum.wrong > 0)
            g_test_message("%s: %" G_GUINT64_FORMAT " wrong, first: %s", families[f].name,
                           sum.wrong, sum.first_wrong);
        g_assert_cmpuint(sum.wrong, ==, 0);
        /* The arithmetic path must carry the load, or the comparisons test
         * printf against itself: on random values it leaves almost nothing
         * to printf (exact ties there are rarer than 1 in 10^5). */
        if (f < 2)
            g_assert_cmpuint(sum.finite - sum.finite_g, <=, sum.finite / 100000);
        merge(&all, &sum);
    }
    g_assert_cmpuint(all.fast, >=, all.checked * 9 / 10);
    g_free(run.tally);
}

/* The other precisions, on a lighter sample of the families that matter:
 * one block per conversion and precision. */
#define SWEEP_VALUES 150000

static void sweep_block(guint64 b, guint thread, gpointer ctx)
{
    Tally *t = &((Tally *)ctx)[b];
    gboolean g = b < SMM_NUMBER_G_MAX;
    int digits = g ? (int)b + 1 : (int)(b - SMM_NUMBER_G_MAX);
    for (guint64 i = 0; i < SWEEP_VALUES; i++) {
        SmmRng rng;
        smm_rng_init(&rng, 100 + b, i);
        double v;
        if (g)
            switch (i % 4) {
            case 0: v = gen_bits(&rng, i); break;
            case 1: v = gen_magnitude(&rng, i); break;
            case 2: v = with_neighbour(&rng, tie_g(&rng, digits)); break;
            default: v = near_pow10(&rng, smm_rng_below(&rng, NEAR_POW10_COUNT), digits);
            }
        else
            switch (i % 4) {
            case 0: v = gen_decimal(&rng, i); break;
            case 1: v = gen_magnitude(&rng, i); break;
            case 2: v = with_neighbour(&rng, tie_f(&rng, digits)); break;
            default: v = gen_integer(&rng, i);
            }
        check(t, v, g ? 'g' : 'f', digits);
    }
}

static void test_all_precisions(void)
{
    guint64 n_blocks = SMM_NUMBER_G_MAX + SMM_NUMBER_F_MAX + 1;
    g_autofree Tally *tally = g_new0(Tally, n_blocks);
    smm_parallel_blocks(n_blocks, 2, sweep_block, tally);
    Tally sum = {0};
    for (guint64 b = 0; b < n_blocks; b++)
        merge(&sum, &tally[b]);
    g_test_message("other precisions: %" G_GUINT64_FORMAT " checked, %" G_GUINT64_FORMAT
                   " by the arithmetic path",
                   sum.checked, sum.fast);
    if (sum.wrong > 0)
        g_test_message("%" G_GUINT64_FORMAT " wrong, first: %s", sum.wrong, sum.first_wrong);
    g_assert_cmpuint(sum.wrong, ==, 0);
    /* a quarter are ties or their neighbours, a third of which printf decides */
    g_assert_cmpuint(sum.fast, >=, sum.checked * 8 / 10);
}

/* Exact ties are what the arithmetic path must not guess: %g hands them to
 * printf, %f rounds them to even itself. */
static void test_ties(void)
{
    char buf[SMM_NUMBER_MAX];
    g_assert_cmpint(smm_format_g_fast(buf, 1.25, 2), ==, -1);
    g_assert_cmpint(smm_format_g(buf, 1.25, 2), ==, 3);
    g_assert_cmpstr(buf, ==, "1.2");
    g_assert_cmpint(smm_format_g_fast(buf, 12345678905.0, 10), ==, -1);
    g_assert_cmpint(smm_format_f_fast(buf, 2.5, 0), ==, 1);
    g_assert_cmpstr(buf, ==, "2");
    g_assert_cmpint(smm_format_f_fast(buf, -0.0625, 3), ==, 6);
    g_assert_cmpstr(buf, ==, "-0.062");
    g_assert_cmpint(smm_format_f_fast(buf, -1e-9, 3), ==, 6);
    g_assert_cmpstr(buf, ==, "-0.000");
    g_assert_cmpint(smm_format_g_fast(buf, 0.0001234567891, 10), ==, 15);
    g_assert_cmpstr(buf, ==, "0.0001234567891");
    g_assert_cmpint(smm_format_u64(buf, G_MAXUINT64), ==, 20);
    g_assert_cmpstr(buf, ==, "18446744073709551615");
    g_assert_cmpint(smm_format_u64(buf, 0), ==, 1);
    g_assert_cmpstr(buf, ==, "0");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/number-format/ties", test_ties);
    g_test_add_func("/number-format/report-formats", test_report_formats);
    g_test_add_func("/number-format/all-precisions", test_all_precisions);
    return g_test_run();
}
