/* learned.c - edge probabilities learned from a reshare log.
 *
 * Goyal, Bonchi and Lakshmanan, "Learning influence probabilities in social
 * networks", WSDM 2010, the static Bernoulli model: the chance that v passes
 * on what u posts is the share of u's actions that v followed up. The counts
 * come from smm_cascade_credit(); this file only divides, and fills the gap
 * where there is no evidence at all with a stated prior.
 */
#include <string.h>

#include "smm/influence.h"

void smm_learn_probabilities(SmmGraph *g, const SmmCascades *cs, double prior, SmmLearnStats *stats)
{
    memset(stats, 0, sizeof *stats);
    g_autofree guint32 *credit = g_new(guint32, MAX(g->m, 1));
    g_autofree guint32 *acted = g_new(guint32, MAX(g->n, 1));
    smm_cascade_credit(cs, g, credit, acted, NULL);
    float *p = g_new(float, MAX(g->m, 1));
    for (guint32 v = 0; v < g->n; v++) {
        guint64 following = smm_graph_out_degree(g, v);
        for (guint64 e = g->out_off[v]; e < g->out_off[v + 1]; e++) {
            guint32 u = g->out_adj[e]; /* v follows u: influence u -> v */
            if (acted[u] > 0) {
                p[e] = (float)((double)credit[e] / (double)acted[u]);
                stats->with_evidence++;
                stats->positive += credit[e] > 0;
            } else {
                p[e] = (float)(prior >= 0 ? prior : 1.0 / (double)following);
                stats->from_prior++;
            }
        }
    }
    smm_graph_set_probabilities(g, p);
}
