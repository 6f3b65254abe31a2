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
#include "smm/marks.h"

void smm_cascade_credit(const SmmCascades *cs, const SmmGraph *g, guint32 *edge_credit,
                        guint32 *acted, guint64 *led)
{
    guint32 n = g != NULL ? g->n : 0;
    SmmMarks acted_here; /* accounts that acted on the current cascade so far */
    smm_marks_init(&acted_here, n);
    if (acted != NULL)
        memset(acted, 0, sizeof(guint32) * n);
    if (led != NULL)
        memset(led, 0, sizeof(guint64) * n);
    if (edge_credit != NULL)
        memset(edge_credit, 0, sizeof(guint32) * (g != NULL ? g->m : 0));
    for (guint32 c = 0; c < cs->n; c++) {
        smm_marks_next(&acted_here);
        guint32 root = cs->root[c];
        if (root < n) {
            smm_marks_set(&acted_here, root);
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
                if (!smm_marks_has(&acted_here, u))
                    continue;
                if (edge_credit != NULL)
                    edge_credit[e]++;
                /* an author's followers resharing its own post are not "led" */
                if (led != NULL && (u != root || cs->root_adopts))
                    led[u]++;
            }
            smm_marks_set(&acted_here, v);
            if (acted != NULL)
                acted[v]++;
        }
    }
    smm_marks_clear(&acted_here);
}
