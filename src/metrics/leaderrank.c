/* leaderrank.c - LeaderRank (Lu, Zhang, Yeung, Zhou, "Leaders in social
 * networks, the Delicious case", PLoS ONE 6(6): e21202, 2011).
 *
 * A ground node g is linked both ways to every account; score flows along
 * the follow edges (follower -> followee) and through g:
 *     s_i(t+1) = sum over j -> i of s_j(t) / (out(j) + 1)  +  s_g(t) / n
 *     s_g(t+1) = sum over j of s_j(t) / (out(j) + 1)
 * from s_i(0) = 1, s_g(0) = 0, and LR_i = s_i + s_g / n at convergence. The
 * ground makes the walk irreducible, and aperiodic as soon as one edge
 * exists (cycles of length 2 and 3 through g), so the iteration converges to
 * the stationary distribution scaled to total n: no parameter to tune.
 *
 * Iterated as written, the walk bounces between g and accounts that follow
 * nobody, which converges slowly where most accounts follow nobody (468
 * iterations on the Higgs sample). We substitute s_g into the first line,
 *     x_i <- sum over j -> i of x_j / (out(j) + 1)  +  (1/n) sum_j x_j / (out(j) + 1),
 * a column-stochastic matrix with every entry positive, hence primitive with
 * the same fixed point restricted to the accounts; each iterate is scaled to
 * sum n. At convergence s_g = sum_j x_j / (out(j) + 1), and both are scaled
 * so that sum_i s_i + s_g = n, as in the original.
 *
 * It stops on the relative L1 change (iterate.c), or at the cap. Each step
 * keeps a share 1 / (out(j) + 1) of j's score in the ground, so where
 * accounts follow many and form close communities the walk mixes slowly:
 * the change shrinks by 0.986 per step on the Facebook ego networks (1560
 * plain steps to 1e-12), against 0.34 on the synthetic follower graphs.
 * For an undirected import the walk is reversible, so the iteration matrix
 * (the walk censored at the ground) has a real spectrum and heavy-ball
 * momentum (momentum.h) is safe: 175 steps on Facebook. On a directed graph
 * the spectrum may be complex; there momentum sped up four real graphs by
 * 1.7-2x but slowed the Higgs retweet graph from 151 steps to 211, so the
 * iteration stays plain.
 *
 * Cost: per step m gathers and a few streams of n doubles on all threads,
 * 24 bytes per account of working memory; identical for any thread count.
 */
#include <string.h>

#include "momentum.h"
#include "pull.h"

void smm_metrics_leaderrank(const SmmGraph *g, const SmmIterOptions *options, guint n_threads,
                            double *out, SmmIterResult *result)
{
    guint32 n = g->n;
    *result = (SmmIterResult){.iterations = 0, .change = 0.0, .converged = TRUE};
    if (n == 0)
        return;
    if (g->m == 0) {
        /* Only ground links: a period-2 walk whose average gives 1 to all. */
        for (guint32 i = 0; i < n; i++)
            out[i] = 1.0;
        return;
    }
    double tol = smm_iter_tolerance(options);
    const SmmPullShare ground_link = {.inv = NULL, .off = g->out_off};
    g_autofree double *share = smm_pull_vector(n); /* the one read at random */
    g_autofree double *spare1 = g_new0(double, n);
    g_autofree double *spare2 = g_new(double, n);
    SmmPull p;
    smm_pull_init(&p, n, n_threads);

    /* x: the iterate, sum n; before: the one before, which times
     * before_scale is in x's scale; next: the step being made. */
    double *x = out, *before = spare1, *next = spare2;
    for (guint32 i = 0; i < n; i++)
        x[i] = 1.0;
    SmmPullTotals t;
    smm_pull_finish(&p, x, 0.0, 1.0, NULL, ground_link, share, &t); /* shares of the start */
    double ground = t.share, before_scale = 0.0;
    SmmMomentum mo;
    smm_momentum_init(&mo);
    result->converged = FALSE;
    while (result->iterations < options->max_iterations) {
        double sum, max;
        smm_pull_gather(&p, g->in_off, g->in_adj, NULL, share, before, mo.beta * before_scale, next,
                        &sum, &max);
        double from_ground = ground / n;
        double total = sum + n * from_ground; /* n up to rounding when plain */
        double scale = (double)n / total;
        smm_pull_finish(&p, next, from_ground, scale, x, ground_link, share, &t);
        ground = t.share;
        double *swap = before;
        before = x;
        x = next;
        next = swap;
        before_scale = scale;
        result->iterations++;
        result->change = t.change / t.norm;
        smm_progress_report(options->progress, "leaderrank", result->iterations, 0, "iterations");
        if (result->change < tol) {
            result->converged = TRUE;
            break;
        }
        if (g->undirected)
            smm_momentum_update(&mo, result->change, 1.0); /* column-stochastic: lambda1 = 1 */
    }
    double final_scale = (double)n / ((double)n + ground);
    for (guint32 i = 0; i < n; i++)
        out[i] = final_scale * (x[i] + ground / n);
    smm_pull_clear(&p);
}
