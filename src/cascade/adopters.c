/* adopters.c - positions of accounts in the cascades they adopted, and
 * Rogers' categories (E. M. Rogers, Diffusion of Innovations, 1962: the
 * first 2.5% of adopters are innovators, the next 13.5% early adopters,
 * then early majority 34%, late majority 34%, laggards 16%).
 *
 * Positions are gathered per account with a counting sort over all
 * adoptions, then each account's median is taken from its own short list:
 * O(adoptions) plus the sort of each account's list.
 */
#include <stdlib.h>
#include <string.h>

#include "smm/cascade.h"

#define EARLY_PERCENT 16.0

const char *smm_rogers_category(double p)
{
    if (p <= 2.5)
        return "innovator";
    if (p <= 16.0)
        return "early_adopter";
    if (p <= 50.0)
        return "early_majority";
    if (p <= 84.0)
        return "late_majority";
    return "laggard";
}

static int compare_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return a < b ? -1 : a > b;
}

SmmAdopters *smm_adopters_compute(const SmmCascades *cs, const SmmGraph *followers,
                                  guint32 n_accounts)
{
    SmmAdopters *ad = g_new0(SmmAdopters, 1);
    ad->n = n_accounts;
    ad->cascades = g_new0(guint32, MAX(n_accounts, 1));
    ad->median_percentile = g_new0(double, MAX(n_accounts, 1));
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
    g_autofree double *pct = g_new(double, MAX(total, 1));
    for (guint32 c = 0; c < cs->n; c++) {
        guint64 first = cs->off[c], count = cs->off[c + 1] - first;
        for (guint64 k = 0; k < count; k++)
            pct[next[cs->adopter[first + k]]++] = 100.0 * (double)(k + 1) / (double)count;
    }
    for (guint32 a = 0; a < n_accounts; a++) {
        guint64 k = ad->cascades[a];
        if (k == 0)
            continue;
        double *p = pct + start[a];
        guint64 early = 0;
        for (guint64 i = 0; i < k; i++)
            early += p[i] <= EARLY_PERCENT;
        ad->early_score[a] = (double)early / (double)k;
        qsort(p, k, sizeof(double), compare_double);
        ad->median_percentile[a] = k % 2 ? p[k / 2] : (p[k / 2 - 1] + p[k / 2]) / 2.0;
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
    g_free(ad->early_score);
    g_free(ad->led);
    g_free(ad);
}
