/* reach.c - every account's expected Independent Cascade reach at once,
 * from reverse-reachable sets, with a 95% interval and adaptive sampling.
 *
 * Estimator. An RR set always contains its root, so for an account u,
 *     Pr[u in R and u is not R's root] = (sigma(u) - 1) / n,
 * and reach(u) = 1 + n X_u / theta, where X_u counts the sets that contain u
 * other than as their root. This is the RR identity of ALGORITHMS.md with the
 * known term (u reaches itself) taken out: unbiased, never below 1, and with
 * less variance than n X_u / theta over all memberships. The interval is the
 * Wilson score interval on X_u / theta, times n.
 *
 * Adaptive sampling doubles theta until the top `top` accounts by estimate
 * have a relative half-width of at most `precision`, or until the next round
 * would pass the time limit or max_samples. Only per-account counts are
 * kept, never the sets, so memory is O(n x threads) whatever theta is.
 *
 * Determinism: set i depends only on (seed, i); threads take blocks of
 * consecutive indices and count into their own arrays, and integer sums do
 * not depend on the split. Only the time limit depends on the machine; when
 * it stops sampling, the caller reports theta so --samples reproduces it.
 */
#include <math.h>
#include <string.h>

#include "smm/core.h"
#include "smm/influence.h"
#include "smm/parallel.h"

#define BLOCK 2048
#define FIRST_ROUND 16384
#define Z95 1.959963984540054

void smm_wilson95(guint64 x, guint64 theta, double *centre, double *half_width)
{
    double t = (double)theta;
    double q = (double)x / t;
    double z2 = Z95 * Z95;
    double denom = 1.0 + z2 / t;
    *centre = (q + z2 / (2.0 * t)) / denom;
    *half_width = Z95 / denom * sqrt(q * (1.0 - q) / t + z2 / (4.0 * t * t));
}

void smm_reach_options_init(SmmReachOptions *o)
{
    memset(o, 0, sizeof *o);
    o->top = 20;
    o->precision = 0.02;
    o->time_limit = 30.0;
    o->max_samples = G_MAXUINT32;
    o->seed = 1;
    o->n_threads = 1;
}

typedef struct {
    const SmmGraph *g;
    const SmmModel *model;
    guint64 seed;
    guint64 first;       /* index of the round's first set */
    guint64 count;       /* sets in the round */
    guint32 **counts;    /* per thread */
    SmmRrWorkspace **ws; /* per thread */
} Round;

static void sample_block(guint64 block, guint thread, gpointer ctx)
{
    Round *r = ctx;
    guint64 lo = r->first + block * BLOCK;
    guint64 hi = MIN(r->first + r->count, lo + BLOCK);
    guint32 *counts = r->counts[thread];
    for (guint64 i = lo; i < hi; i++) {
        const guint32 *members;
        guint32 size = smm_rr_sample(r->g, r->model, r->seed, i, r->ws[thread], &members);
        for (guint32 k = 1; k < size; k++) /* members[0] is the root */
            counts[members[k]]++;
    }
}

static double relative_half_width(guint64 x, guint64 theta, guint32 n)
{
    double centre, half;
    smm_wilson95(x, theta, &centre, &half);
    double estimate = 1.0 + (double)n * (double)x / (double)theta;
    return (double)n * half / estimate;
}

/* The worst relative half-width among the `top` accounts with most hits. */
static double top_precision(const guint32 *x, guint32 n, guint top, guint64 theta)
{
    top = MIN(top, n);
    if (top == 0)
        return 0.0;
    g_autofree guint32 *best = g_new0(guint32, top + 1); /* descending */
    guint filled = 0;
    for (guint32 u = 0; u < n; u++) {
        if (filled == top && x[u] <= best[top - 1])
            continue;
        guint i = filled < top ? filled++ : top - 1;
        while (i > 0 && best[i - 1] < x[u]) {
            best[i] = best[i - 1];
            i--;
        }
        best[i] = x[u];
    }
    double worst = 0.0;
    for (guint i = 0; i < filled; i++)
        worst = fmax(worst, relative_half_width(best[i], theta, n));
    return worst;
}

gboolean smm_reach_estimate(const SmmGraph *g, const SmmModel *model,
                            const SmmReachOptions *options, double *reach, double *ci95,
                            SmmReachResult *result, GError **error)
{
    memset(result, 0, sizeof *result);
    if (!smm_model_check(model, g, error))
        return FALSE;
    guint32 n = g->n;
    if (options->samples > G_MAXUINT32) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_INVALID,
                    "at most %u RR sets, not %" G_GUINT64_FORMAT, G_MAXUINT32, options->samples);
        return FALSE;
    }
    double t0 = smm_now();
    guint threads = MAX(options->n_threads, 1);
    /* per account: the totals, and per thread a count, a set and its marks */
    if (!smm_memory_check("estimating reach",
                          (guint64)MAX(n, 1) * sizeof(guint32) * (1 + 3 * (guint64)threads), error))
        return FALSE;
    Round round = {.g = g, .model = model, .seed = options->seed};
    round.counts = g_new(guint32 *, threads);
    round.ws = g_new(SmmRrWorkspace *, threads);
    for (guint t = 0; t < threads; t++) {
        round.counts[t] = g_new0(guint32, MAX(n, 1));
        round.ws[t] = smm_rr_workspace_new(n);
    }
    g_autofree guint32 *x = g_new0(guint32, MAX(n, 1));

    guint64 theta = 0;
    guint64 target = options->samples > 0 ? options->samples : FIRST_ROUND;
    guint64 max_samples = MIN(options->max_samples, (guint64)G_MAXUINT32);
    for (;;) {
        double round_start = smm_now();
        round.first = theta;
        round.count = target - theta;
        smm_parallel_blocks((round.count + BLOCK - 1) / BLOCK, threads, sample_block, &round);
        theta = target;
        smm_progress_report(options->progress, "reach", (double)theta,
                            options->samples > 0 ? (double)options->samples : 0, "RR sets");
        for (guint32 u = 0; u < n; u++) {
            guint64 sum = 0;
            for (guint t = 0; t < threads; t++)
                sum += round.counts[t][u];
            x[u] = (guint32)sum;
        }
        if (options->samples > 0)
            break;
        result->worst_precision = top_precision(x, n, options->top, theta);
        if (result->worst_precision <= options->precision) {
            result->target_met = TRUE;
            break;
        }
        /* The next round draws as many sets as all rounds so far. */
        double now = smm_now();
        double predicted = (now - round_start) * (double)theta / (double)round.count;
        if (now - t0 + predicted > options->time_limit) {
            result->time_capped = TRUE;
            break;
        }
        if (theta * 2 > max_samples) {
            result->count_capped = TRUE;
            break;
        }
        target = theta * 2;
    }
    if (options->samples > 0)
        result->worst_precision = top_precision(x, n, options->top, theta);

    for (guint32 u = 0; u < n; u++) {
        double centre, half;
        smm_wilson95(x[u], theta, &centre, &half);
        reach[u] = 1.0 + (double)n * (double)x[u] / (double)theta;
        ci95[u] = (double)n * half;
    }
    result->samples = theta;
    result->seconds = smm_now() - t0;

    for (guint t = 0; t < threads; t++) {
        g_free(round.counts[t]);
        smm_rr_workspace_free(round.ws[t]);
    }
    g_free(round.counts);
    g_free(round.ws);
    return TRUE;
}
