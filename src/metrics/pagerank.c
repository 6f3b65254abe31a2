/* pagerank.c - PageRank (Brin and Page 1998) by power iteration, pulled over
 * the CSR's follower lists.
 *
 * With damping d, n accounts, W_j the out-weight of j (its out-degree when
 * unweighted) and D the score of the accounts with W_j = 0 (dangling, spread
 * uniformly as igraph does):
 *     x_i <- (1 - d)/n + d D/n + d sum over j -> i of x_j w_ji / W_j,
 * from x = 1/n, each iterate normalised to sum 1. The weighted form is
 * igraph's (transition probabilities from out-weight sums).
 *
 * Stopping, and why it always does. On probability vectors the step is a
 * contraction by d in L1, so in exact arithmetic the change after k steps is
 * at most 2 d^(k-1). A computed step adds at most beta = SMM_PULL_ROUNDING u
 * (pull.h), so the computed change c_k obeys c_(k+1) <= d c_k + 2 beta and
 * may settle as high as 2 beta / (1 - d). The tolerance applied is therefore
 * at least 4 beta / (1 - d) (2.1e-13 for d = 0.85; the common floor is
 * 1.1e-13), and then c_k < tol once 2 d^(k-1) <= tol / 2: at most
 * 1 + ceil(log(tol / 4) / log d) steps, 180 for tol = 1e-12. That is the cap
 * (or --max-iterations when lower); converged is FALSE only when a lower
 * user cap cut the iteration short. At the end the L1 error is at most
 * d / (1 - d) times the last change.
 *
 * Cost: per step m gathers and five streams of n doubles (pull.c), on all
 * threads; working memory 24 bytes per account (next iterate, shares,
 * d / W_j). Results identical for any thread count.
 */
#include <math.h>
#include <string.h>

#include "pull.h"

guint smm_metrics_pagerank_cap(double d, double tol)
{
    if (d <= 0.0)
        return 1; /* the first step lands on the uniform fixed point */
    double k = 1.0 + ceil(log(tol / 4.0) / log(d));
    return k >= (double)G_MAXUINT ? G_MAXUINT : (guint)MAX(k, 1.0);
}

double smm_metrics_pagerank_tolerance(double d, const SmmIterOptions *o)
{
    return fmax(smm_iter_tolerance(o), 4.0 * SMM_PULL_ROUNDING * 0x1p-53 / (1.0 - d));
}

/* d / W_j, or 0 when j passes nothing on. */
static double *transition_factors(const SmmGraph *g, const double *in_weight, double d)
{
    guint32 n = g->n;
    double *inv = g_new0(double, n);
    if (in_weight == NULL) {
        for (guint32 j = 0; j < n; j++) {
            guint64 k = smm_graph_out_degree(g, j);
            inv[j] = k > 0 ? d / (double)k : 0.0;
        }
        return inv;
    }
    /* Out-weights from the in-lists: each j's edges are met in in_adj order,
     * a fixed order, so the sums do not depend on anything else. */
    for (guint64 e = 0; e < g->m; e++)
        inv[g->in_adj[e]] += in_weight[e];
    for (guint32 j = 0; j < n; j++)
        inv[j] = inv[j] > 0.0 ? d / inv[j] : 0.0;
    return inv;
}

void smm_metrics_pagerank(const SmmGraph *g, const double *in_weight, double d,
                          const SmmIterOptions *options, guint n_threads, double *out,
                          SmmIterResult *result)
{
    guint32 n = g->n;
    *result = (SmmIterResult){.iterations = 0, .change = 0.0, .converged = TRUE};
    if (n == 0)
        return;
    double tol = smm_metrics_pagerank_tolerance(d, options);
    guint cap = MIN(options->max_iterations, smm_metrics_pagerank_cap(d, tol));
    g_autofree double *inv = transition_factors(g, in_weight, d);
    g_autofree double *share = smm_pull_vector(n); /* the one read at random */
    g_autofree double *spare = g_new(double, n);
    SmmPull p;
    smm_pull_init(&p, n, n_threads);

    double *x = out, *next = spare;
    for (guint32 i = 0; i < n; i++)
        x[i] = 1.0 / n;
    SmmPullTotals t;
    smm_pull_finish(&p, x, 0.0, 1.0, x, (SmmPullShare){.inv = inv}, share,
                    &t); /* shares and D of the start */
    double dangling = t.dangling;
    result->converged = FALSE;
    while (result->iterations < cap) {
        double sum, max;
        smm_pull_gather(&p, g->in_off, g->in_adj, in_weight, share, NULL, 0.0, next, &sum, &max);
        double base = (1.0 - d) / n + d * dangling / n;
        double total = sum + n * base; /* 1 up to rounding */
        smm_pull_finish(&p, next, base, 1.0 / total, x, (SmmPullShare){.inv = inv}, share, &t);
        dangling = t.dangling;
        double *swap = x;
        x = next;
        next = swap;
        result->iterations++;
        result->change = t.change / t.norm;
        smm_progress_report(options->progress, "pagerank", result->iterations, 0, "iterations");
        if (result->change < tol) {
            result->converged = TRUE;
            break;
        }
    }
    if (x != out)
        memcpy(out, x, sizeof(double) * n);
    smm_pull_clear(&p);
}
