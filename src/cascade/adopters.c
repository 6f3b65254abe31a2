/* adopters.c - positions of accounts in the cascades they adopted, and
 * Rogers' categories (E. M. Rogers, Diffusion of Innovations, 1962: the
 * first 2.5% of adopters are innovators, the next 13.5% early adopters,
 * then early majority 34%, late majority 34%, laggards 16%).
 *
 * A position is the fraction k/N (the k-th of N adopters). Positions are
 * gathered per account with a counting sort over all adoptions, sorted per
 * account by exact cross-multiplication, and compared with the category
 * boundaries in integers (128-bit where two medians are averaged): a
 * median on a boundary is never pushed across it by rounding. O(adoptions)
 * plus the sort of each account's list.
 */
#include <stdlib.h>
#include <string.h>

#include "smm/cascade.h"
#include "smm/order.h"

typedef struct {
    guint32 k, n; /* the k-th of n adopters */
} Position;

/* Category boundaries as fractions a/b of the adopters: 2.5%, 16%, 50%, 84%. */
static const guint32 boundary[][2] = {{1, 40}, {4, 25}, {1, 2}, {21, 25}};
#define EARLY 1 /* the 16% boundary */

static const char *const category_name[] = {"innovator", "early_adopter", "early_majority",
                                            "late_majority", "laggard"};

const char *smm_rogers_name(SmmRogersCategory category)
{
    return category_name[category];
}

static int compare_position(const void *pa, const void *pb)
{
    const Position *a = pa, *b = pb;
    guint64 x = (guint64)a->k * b->n, y = (guint64)b->k * a->n;
    return x < y ? -1 : x > y;
}

/* Is (k1/n1 + k2/n2) / 2 <= a/b?  b (k1 n2 + k2 n1) <= 2 a n1 n2, exactly. */
static gboolean mean_at_most(Position p, Position q, guint32 a, guint32 b)
{
    unsigned __int128 lhs = (unsigned __int128)b * ((guint64)p.k * q.n + (guint64)q.k * p.n);
    unsigned __int128 rhs = (unsigned __int128)2 * a * ((guint64)p.n * q.n);
    return lhs <= rhs;
}

static SmmRogersCategory category_of(Position p, Position q)
{
    for (guint c = 0; c < G_N_ELEMENTS(boundary); c++)
        if (mean_at_most(p, q, boundary[c][0], boundary[c][1]))
            return (SmmRogersCategory)c;
    return SMM_LAGGARD;
}

static double percent(Position p, Position q)
{
    long double num = (long double)p.k * q.n + (long double)q.k * p.n;
    return (double)(100.0L * num / (2.0L * p.n * q.n));
}

SmmAdopters *smm_adopters_compute(const SmmCascades *cs, const SmmGraph *followers,
                                  guint32 n_accounts)
{
    SmmAdopters *ad = g_new0(SmmAdopters, 1);
    ad->n = n_accounts;
    ad->cascades = g_new0(guint32, MAX(n_accounts, 1));
    ad->median_percentile = g_new0(double, MAX(n_accounts, 1));
    ad->category = g_new0(guint8, MAX(n_accounts, 1));
    ad->early_score = g_new0(double, MAX(n_accounts, 1));

    /* cs->adopter lists every adopter: the resharers, and the root as well
     * when the root is the first adopter (never an author). */
    guint64 total = cs->off[cs->n];
    for (guint64 i = 0; i < total; i++)
        ad->cascades[cs->adopter[i]]++;
    g_autofree guint64 *start = g_new0(guint64, (gsize)n_accounts + 1);
    for (guint32 a = 0; a < n_accounts; a++)
        start[a + 1] = start[a] + ad->cascades[a];
    g_autofree guint64 *next = g_memdup2(start, sizeof(guint64) * MAX(n_accounts, 1));
    g_autofree Position *pos = g_new(Position, MAX(total, 1));
    for (guint32 c = 0; c < cs->n; c++) {
        guint64 first = cs->off[c];
        guint32 count = (guint32)(cs->off[c + 1] - first);
        for (guint32 k = 0; k < count; k++)
            pos[next[cs->adopter[first + k]]++] = (Position){k + 1, count};
    }
    for (guint32 a = 0; a < n_accounts; a++) {
        guint64 k = ad->cascades[a];
        if (k == 0)
            continue;
        Position *p = pos + start[a];
        guint64 early = 0;
        for (guint64 i = 0; i < k; i++)
            early += mean_at_most(p[i], p[i], boundary[EARLY][0], boundary[EARLY][1]);
        ad->early_score[a] = (double)early / (double)k;
        qsort(p, k, sizeof(Position), compare_position);
        Position lo = p[(k - 1) / 2], hi = p[k / 2]; /* the same one when k is odd */
        ad->median_percentile[a] = percent(lo, hi);
        ad->category[a] = (guint8)category_of(lo, hi);
    }
    if (followers != NULL) {
        ad->led = g_new0(guint64, MAX(followers->n, 1));
        smm_cascade_credit(cs, followers, NULL, NULL, ad->led);
    }
    return ad;
}

void smm_adopters_free(SmmAdopters *ad)
{
    if (ad == NULL)
        return;
    g_free(ad->cascades);
    g_free(ad->median_percentile);
    g_free(ad->category);
    g_free(ad->early_score);
    g_free(ad->led);
    g_free(ad);
}

guint32 *smm_adopters_order(const SmmAdopters *ad, const SmmNames *names, guint64 min_cascades,
                            guint n_threads, guint32 *count)
{
    guint32 *order = g_new(guint32, MAX(ad->n, 1));
    g_autofree double *led = ad->led != NULL ? g_new(double, MAX(ad->n, 1)) : NULL;
    g_autofree double *cascades = g_new(double, MAX(ad->n, 1));
    guint32 n = 0;
    for (guint32 a = 0; a < ad->n; a++) {
        cascades[a] = ad->cascades[a];
        if (led != NULL)
            led[a] = (double)ad->led[a]; /* exact below 2^53 posts */
        if (ad->cascades[a] >= min_cascades)
            order[n++] = a;
    }
    SmmOrder o = {
        .key = {ad->early_score}, .n_keys = 1, .name = smm_order_account_name, .name_data = names};
    if (led != NULL)
        o.key[o.n_keys++] = led;
    o.key[o.n_keys++] = cascades;
    smm_order_sort(&o, order, n, n_threads);
    *count = n;
    return order;
}
