/* credit.c - who passed posts on to whom: Goyal, Bonchi and Lakshmanan's
 * counts (WSDM 2010), the basis of learned edge probabilities and of an
 * adopter's "led".
 *
 * Per cascade, adopters are visited in order; each looks at the accounts it
 * follows and credits those that acted before it (the author first). The
 * marks that say who acted are the same as in tree reconstruction.
 */
#include <string.h>

#include "smm/cascade.h"

void smm_cascade_credit(const SmmCascades *cs, const SmmGraph *g, guint32 *edge_credit,
                        guint32 *acted, guint64 *led)
{
    guint32 n = g != NULL ? g->n : 0;
    g_autofree guint32 *mark = g_new0(guint32, MAX(n, 1));
    if (acted != NULL)
        memset(acted, 0, sizeof(guint32) * n);
    if (led != NULL)
        memset(led, 0, sizeof(guint64) * n);
    if (edge_credit != NULL)
        memset(edge_credit, 0, sizeof(guint32) * (g != NULL ? g->m : 0));
    for (guint32 c = 0; c < cs->n; c++) {
        guint32 stamp = c + 1;
        guint32 root = cs->root[c];
        if (root < n) {
            mark[root] = stamp;
            if (acted != NULL)
                acted[root]++;
        }
        guint32 size = smm_cascade_size(cs, c);
        const guint32 *resharer = smm_cascade_resharers(cs, c);
        for (guint32 j = 1; j < size; j++) {
            guint32 v = resharer[j - 1];
            if (v >= n)
                continue;
            for (guint64 e = g->out_off[v]; e < g->out_off[v + 1]; e++) {
                guint32 u = g->out_adj[e];
                if (mark[u] != stamp)
                    continue;
                if (edge_credit != NULL)
                    edge_credit[e]++;
                /* an author's followers resharing its own post are not "led" */
                if (led != NULL && (u != root || cs->root_adopts))
                    led[u]++;
            }
            mark[v] = stamp;
            if (acted != NULL)
                acted[v]++;
        }
    }
}
