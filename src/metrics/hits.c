/* hits.c - HITS hubs and authorities (J. Kleinberg, "Authoritative sources
 * in a hyperlinked environment", J. ACM 46(5), 1999) by power iteration with
 * momentum.
 *
 * With A the follow matrix (follower -> followee), authority is the leading
 * eigenvector of M = A^T A and hub = A authority, each scaled to a maximum
 * of 1 (igraph's convention; igraph takes the hub vector from ARPACK and
 * authority = A^T hub, the same pair). One step is two pulls: A a over each
 * account's followees, then A^T of that over each account's followers. The
 * start is A^T 1, the authority after one step from hub = 1.
 *
 * Plain power iteration shrinks the error by lambda2 / lambda1 per step
 * (M's two largest eigenvalues): 0.84 on the 12M-follow synthetic graph,
 * 159 steps to 1e-12. M is symmetric positive semidefinite, so its spectrum
 * is real and heavy-ball momentum (momentum.h) is safe: 58 steps there, and
 * 38 instead of 78 on the Congress graph.
 *
 * It stops on the relative L1 change of the authority vector (iterate.c),
 * or at the cap. When lambda1 is not simple (separate pieces of the graph
 * with equal weight), the iteration converges to the projection of the
 * start on the leading eigenspace: a valid answer that depends on the start,
 * for ARPACK too. No edges: zeros.
 *
 * Cost: per step two pulls of m gathers each, on all threads; 16 bytes per
 * account of working memory beyond the two outputs. Identical for any
 * thread count.
 */
#include <string.h>

#include "momentum.h"
#include "smm/core.h"
#include "pull.h"

static const SmmPullShare no_share = {NULL, NULL};

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
    double tol = smm_iter_tolerance(options);
    /* Every buffer is read at random by one of the pulls; the outputs
     * benefit too when the caller has not touched them yet. */
    g_autofree double *spare1 = smm_pull_vector(n);
    g_autofree double *spare2 = smm_pull_vector(n);
    memset(spare1, 0, sizeof(double) * n);
    smm_advise_huge(authority, sizeof(double) * n);
    smm_advise_huge(hub, sizeof(double) * n);
    SmmPull p;
    smm_pull_init(&p, n, n_threads);
    double sum, max;
    SmmPullTotals t;

    /* a: the iterate, max 1; before: the one before it, which times
     * before_scale is in a's scale; next: the step being made. hub holds
     * A a, unscaled, until the end. */
    double *a = authority, *before = spare1, *next = spare2;
    for (guint32 i = 0; i < n; i++)
        hub[i] = 1.0;
    smm_pull_gather(&p, g->in_off, g->in_adj, NULL, hub, NULL, 0.0, a, &sum, &max);
    smm_pull_finish(&p, a, 0.0, 1.0 / max, NULL, no_share, NULL, &t);
    double before_scale = 0.0;
    SmmMomentum mo;
    smm_momentum_init(&mo);
    result->converged = FALSE;
    while (result->iterations < options->max_iterations) {
        smm_pull_gather(&p, g->out_off, g->out_adj, NULL, a, NULL, 0.0, hub, &sum, &max);
        smm_pull_gather(&p, g->in_off, g->in_adj, NULL, hub, before, mo.beta * before_scale, next,
                        &sum, &max);
        /* max > 0: M a keeps a's leading component, which is positive. */
        double scale = max > 0.0 ? 1.0 / max : 0.0;
        smm_pull_finish(&p, next, 0.0, scale, a, no_share, NULL, &t);
        double *swap = before;
        before = a;
        a = next;
        next = swap;
        before_scale = scale;
        result->iterations++;
        result->change = t.norm > 0.0 ? t.change / t.norm : 0.0;
        if (result->change < tol) {
            result->converged = TRUE;
            break;
        }
        smm_momentum_update(&mo, result->change,
                            max); /* max(M a) / max(a), a plain step's growth */
    }
    smm_pull_gather(&p, g->out_off, g->out_adj, NULL, a, NULL, 0.0, hub, &sum, &max);
    smm_pull_finish(&p, hub, 0.0, max > 0.0 ? 1.0 / max : 0.0, NULL, no_share, NULL, &t);
    if (a != authority)
        memcpy(authority, a, sizeof(double) * n);
    smm_pull_clear(&p);
}
