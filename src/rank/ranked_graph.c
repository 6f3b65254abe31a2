/* ranked_graph.c - the follows among a report's ranked accounts, for the
 * graph formats (smmgraph export). */
#include "smm/rank.h"

void smm_ranked_graph(const SmmTable *table, const SmmGraph *g, const SmmModel *model,
                      SmmRankedGraph *out)
{
    g_autofree guint32 *row_of = g_new(guint32, MAX(g->n, 1));
    for (guint32 v = 0; v < g->n; v++)
        row_of[v] = G_MAXUINT32;
    for (guint32 r = 0; r < table->n_rows; r++)
        row_of[table->order[r]] = r;
    out->source = g_array_new(FALSE, FALSE, sizeof(guint32));
    out->target = g_array_new(FALSE, FALSE, sizeof(guint32));
    out->weight = g_array_new(FALSE, FALSE, sizeof(double));
    for (guint32 r = 0; r < table->n_rows; r++) {
        guint32 u = table->order[r];
        for (guint64 e = g->out_off[u]; e < g->out_off[u + 1]; e++) {
            guint32 v = g->out_adj[e];
            /* an undirected import stores each tie both ways: once here */
            if (row_of[v] == G_MAXUINT32 || (g->undirected && v < u))
                continue;
            double w = smm_model_follow_weight(model, g, u, e);
            g_array_append_val(out->source, r);
            g_array_append_val(out->target, row_of[v]);
            g_array_append_val(out->weight, w);
        }
    }
    gboolean weighted =
        !g->undirected || (!model->linear_threshold && model->kind != SMM_P_WEIGHTED_CASCADE);
    out->edges =
        (SmmEdgeTable){.n = out->source->len,
                       .source = (const guint32 *)(void *)out->source->data,
                       .target = (const guint32 *)(void *)out->target->data,
                       .weight = weighted ? (const double *)(void *)out->weight->data : NULL,
                       .directed = !g->undirected};
}

void smm_ranked_graph_clear(SmmRankedGraph *rg)
{
    if (rg->source != NULL)
        g_array_free(rg->source, TRUE);
    if (rg->target != NULL)
        g_array_free(rg->target, TRUE);
    if (rg->weight != NULL)
        g_array_free(rg->weight, TRUE);
    *rg = (SmmRankedGraph){0};
}
