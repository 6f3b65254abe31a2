/* hits.c - HITS hubs and authorities (J. Kleinberg, "Authoritative sources
 * in a hyperlinked environment", J. ACM 46(5), 1999).
 *
 * With A the follow matrix (follower -> followee), authority is the leading
 * eigenvector of M = A^T A and hub = A authority, each scaled to a maximum
 * of 1 (igraph's convention; igraph takes the hub vector from ARPACK and
 * authority = A^T hub, the same pair). The eigenvector comes from
 * preconditioned LOBPCG (lobpcg.c), one product M r = A^T (A r) a step,
 * started from A^T 1 (the follower counts: the authority after one power
 * step from hub = 1). At 12M follows it takes 14 steps where power
 * iteration took 159 and momentum 58; at 122M, 20 against momentum's 119.
 *
 * It stops on the relative L1 change of the max-scaled authority vector
 * (iterate.c), or at the cap. The exact vector is nonnegative (M >= 0,
 * Perron-Frobenius), so entries that rounding leaves below 0 (accounts
 * whose exact score is 0 or far below the tolerance) are reported as 0.
 * When lambda1 is not simple (separate pieces of the graph with equal
 * weight) the answer is a vector of the leading eigenspace that depends on
 * the start and the method, for ARPACK too; for pieces that are copies of
 * each other it gives them equal scores, by symmetry. No edges: zeros.
 *
 * Cost: per step two pulls of m gathers each and three passes over
 * n-vectors, on all threads; 40 bytes per account of working memory beyond
 * the two outputs. Identical for any thread count.
 */
#include <string.h>

#include "lobpcg.h"
#include "pull.h"
#include "smm/core.h"

void smm_metrics_hits(const SmmGraph *g, const SmmIterOptions *options, guint n_threads,
                      double *authority, double *hub, SmmIterResult *result)
{
    guint32 n = g->n;
    *result = (SmmIterResult){.iterations = 0, .change = 0.0, .converged = TRUE};
    if (g->m == 0) {
        /* M = 0: every vector is "leading". Nobody is an authority or a hub
         * (igraph answers with ones). */
        memset(authority, 0, sizeof(double) * n);
        memset(hub, 0, sizeof(double) * n);
        return;
    }
    /* Both are read at random by the pulls (hub holds A r in each step). */
    smm_advise_huge(authority, sizeof(double) * n);
    smm_advise_huge(hub, sizeof(double) * n);
    for (guint32 i = 0; i < n; i++)
        authority[i] = (double)smm_graph_in_degree(g, i);
    smm_lobpcg_authority(g, options, n_threads, authority, hub, result);
    for (guint32 i = 0; i < n; i++)
        authority[i] = authority[i] > 0.0 ? authority[i] : 0.0;

    SmmPull p;
    smm_pull_init(&p, n, n_threads);
    double sum, max;
    SmmPullTotals t;
    smm_pull_gather(&p, g->out_off, g->out_adj, NULL, authority, NULL, 0.0, hub, &sum, &max);
    smm_pull_finish(&p, hub, 0.0, max > 0.0 ? 1.0 / max : 0.0, NULL, (SmmPullShare){NULL, NULL},
                    NULL, &t);
    smm_pull_clear(&p);
}
