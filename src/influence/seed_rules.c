/* seed_rules.c - who may be chosen as a seed, and at what price, from the
 * account lists a campaign brings (seeds.h). */
#include <string.h>

#include "smm/seeds.h"

void smm_seed_rules_build(guint32 n, const SmmAccountList *candidates, const SmmAccountList *prices,
                          const SmmAccountList *excluded, guint8 **allowed, double **cost)
{
    *allowed = NULL;
    *cost = NULL;
    if (candidates == NULL && prices == NULL && excluded == NULL)
        return;
    guint8 *ok = g_new(guint8, MAX(n, 1));
    /* with a list of who may be chosen (candidates, or the priced accounts),
     * only those; else everyone */
    memset(ok, candidates == NULL && prices == NULL, MAX(n, 1));
    if (candidates != NULL)
        for (guint i = 0; i < candidates->ids->len; i++)
            ok[g_array_index(candidates->ids, guint32, i)] = 1;
    if (prices != NULL) {
        double *price = g_new0(double, MAX(n, 1));
        g_autofree guint8 *priced = g_new0(guint8, MAX(n, 1));
        for (guint i = 0; i < prices->ids->len; i++) {
            guint32 v = g_array_index(prices->ids, guint32, i);
            price[v] = g_array_index(prices->values, double, i); /* a repeat: the last price */
            priced[v] = 1;
        }
        for (guint32 v = 0; v < n; v++)
            ok[v] = priced[v] && (candidates == NULL || ok[v]);
        *cost = price;
    }
    if (excluded != NULL)
        for (guint i = 0; i < excluded->ids->len; i++)
            ok[g_array_index(excluded->ids, guint32, i)] = 0;
    *allowed = ok;
}
