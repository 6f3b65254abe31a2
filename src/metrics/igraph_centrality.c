/* igraph_centrality.c - the centralities smmgraph takes from igraph:
 * PageRank (PRPACK), HITS (ARPACK) and k-core indices.
 *
 * Each function fills a caller-owned array only after igraph succeeded.
 * Called on the main thread only (Debian's igraph is not thread safe).
 */
#include <string.h>

#include "smm/core.h"
#include "smm/metrics.h"

static void copy_out(const igraph_vector_t *v, double *out)
{
    for (igraph_integer_t i = 0; i < igraph_vector_size(v); i++)
        out[i] = VECTOR(*v)[i];
}

gboolean smm_metrics_pagerank(SmmGraph *graph, double damping, double *out, GError **error)
{
    const igraph_t *ig = smm_graph_igraph(graph, error);
    if (ig == NULL)
        return FALSE;
    igraph_vector_t scores;
    igraph_real_t value;
    if (!smm_igraph_check(igraph_vector_init(&scores, 0), "PageRank", error))
        return FALSE;
    int rc = igraph_pagerank(ig, IGRAPH_PAGERANK_ALGO_PRPACK, &scores, &value, igraph_vss_all(),
                             IGRAPH_DIRECTED, damping, NULL, NULL);
    if (rc == IGRAPH_SUCCESS)
        copy_out(&scores, out);
    igraph_vector_destroy(&scores);
    return smm_igraph_check(rc, "PageRank", error);
}

gboolean smm_metrics_hits(SmmGraph *graph, double *authority, double *hub, GError **error)
{
    if (graph->m == 0) {
        /* No edges: A^T A is zero and every vector is "principal"; igraph
         * answers with ones. Nobody is an authority or a hub. */
        memset(authority, 0, sizeof(double) * graph->n);
        memset(hub, 0, sizeof(double) * graph->n);
        return TRUE;
    }
    const igraph_t *ig = smm_graph_igraph(graph, error);
    if (ig == NULL)
        return FALSE;
    igraph_vector_t h, a;
    igraph_real_t value;
    if (!smm_igraph_check(igraph_vector_init(&h, 0), "HITS", error))
        return FALSE;
    if (!smm_igraph_check(igraph_vector_init(&a, 0), "HITS", error)) {
        igraph_vector_destroy(&h);
        return FALSE;
    }
    int rc =
        igraph_hub_and_authority_scores(ig, &h, &a, &value, /* scale max to 1 */ 1, NULL, NULL);
    if (rc == IGRAPH_SUCCESS) {
        copy_out(&a, authority);
        copy_out(&h, hub);
    }
    igraph_vector_destroy(&h);
    igraph_vector_destroy(&a);
    return smm_igraph_check(rc, "HITS", error);
}

gboolean smm_metrics_coreness(SmmGraph *graph, double *out, GError **error)
{
    const igraph_t *ig = smm_graph_igraph(graph, error);
    if (ig == NULL)
        return FALSE;
    igraph_vector_int_t cores;
    if (!smm_igraph_check(igraph_vector_int_init(&cores, 0), "coreness", error))
        return FALSE;
    /* Followers inside the core (in-degree): see README, "coreness". */
    int rc = igraph_coreness(ig, &cores, IGRAPH_IN);
    if (rc == IGRAPH_SUCCESS)
        for (igraph_integer_t i = 0; i < igraph_vector_int_size(&cores); i++)
            out[i] = (double)VECTOR(cores)[i];
    igraph_vector_int_destroy(&cores);
    return smm_igraph_check(rc, "coreness", error);
}
