/* agreement.c - how far rankings by different metrics agree: Spearman's
 * rank correlation and the overlap of their top sets (rank.h: SmmAgreement).
 *
 * Each metric is sorted once, in the order of every ranked report
 * (order.h); that order gives both the metric's top set (its first `top`
 * ids) and its ranks: a run of equal values takes the average of the
 * positions it spans, as in the standard definition of Spearman's rho with
 * ties (Kendall and Gibbons, Rank Correlation Methods). The ranks count
 * from the highest value; for a correlation the direction does not matter
 * as long as it is the same for both metrics. Cost: one O(n log n) sort per
 * metric, then O(n) per pair.
 *
 * With formats, a metric's values are compared as a report writes them
 * (smm_column_format: 10 significant digits for scores): the iterative
 * kernels carry rounding noise beyond those digits, which would otherwise
 * order accounts the metric does not tell apart (on an undirected graph
 * LeaderRank follows the degree exactly, in exact arithmetic), and the
 * agreement is then that of the printed ranking.
 */
#include <math.h>

#include "smm/rank.h"

/* ranks[id] for the ids sorted by the metric's order. */
static void average_ranks(const double *v, const guint32 *ids, guint32 n, double *ranks)
{
    guint32 i = 0;
    while (i < n) {
        guint32 j = i + 1;
        while (j < n && v[ids[j]] == v[ids[i]])
            j++;
        /* positions i+1 .. j (1-based): their mean */
        double r = 0.5 * ((double)i + 1.0 + (double)j);
        for (guint32 k = i; k < j; k++)
            ranks[ids[k]] = r;
        i = j;
    }
}

static double spearman(const double *ra, const double *rb, guint32 n)
{
    if (n < 2)
        return NAN;
    /* the ranks' mean is (n + 1) / 2 whatever the ties */
    double mean = 0.5 * ((double)n + 1.0), sab = 0, saa = 0, sbb = 0;
    for (guint32 i = 0; i < n; i++) {
        double a = ra[i] - mean, b = rb[i] - mean;
        sab += a * b;
        saa += a * a;
        sbb += b * b;
    }
    if (!(saa > 0) || !(sbb > 0))
        return NAN;
    return sab / sqrt(saa * sbb);
}

/* The values as written in `how` and read back. */
static double *as_printed(const double *v, guint32 n, SmmNumberFormat how)
{
    double *r = g_new(double, MAX(n, 1));
    char buf[SMM_NUMBER_MAX];
    for (guint32 i = 0; i < n; i++) {
        if (!isfinite(v[i])) {
            r[i] = v[i];
            continue;
        }
        smm_format_number(buf, v[i], how);
        r[i] = g_ascii_strtod(buf, NULL);
    }
    return r;
}

void smm_agreement(const double *const *metrics, const SmmNumberFormat *formats, guint n_metrics,
                   guint32 n, const double *followers, SmmOrderNameFunc name,
                   gconstpointer name_data, guint n_threads, SmmAgreement *out)
{
    g_return_if_fail(n_metrics <= SMM_AGREEMENT_MAX);
    out->n_metrics = n_metrics;
    out->top = MIN(n, SMM_AGREEMENT_TOP);
    guint32 top = out->top;
    double *ranks[SMM_AGREEMENT_MAX];
    guint8 *in_top[SMM_AGREEMENT_MAX];
    g_autofree guint32 *ids = g_new(guint32, MAX(n, 1));
    for (guint m = 0; m < n_metrics; m++) {
        for (guint32 i = 0; i < n; i++)
            ids[i] = i;
        g_autofree double *printed = formats != NULL ? as_printed(metrics[m], n, formats[m]) : NULL;
        const double *v = printed != NULL ? printed : metrics[m];
        SmmOrder order = {.key = {v, followers},
                          .n_keys = followers != NULL ? 2 : 1,
                          .name = name,
                          .name_data = name_data};
        smm_order_sort(&order, ids, n, n_threads);
        ranks[m] = g_new(double, MAX(n, 1));
        average_ranks(v, ids, n, ranks[m]);
        in_top[m] = g_new0(guint8, MAX(n, 1));
        for (guint32 i = 0; i < top; i++)
            in_top[m][ids[i]] = 1;
    }
    for (guint a = 0; a < n_metrics; a++)
        for (guint b = 0; b <= a; b++) {
            double rho = spearman(ranks[a], ranks[b], n);
            guint32 common = 0;
            for (guint32 i = 0; i < n; i++)
                common += in_top[a][i] & in_top[b][i];
            double share = top > 0 ? (double)common / top : NAN;
            out->spearman[a][b] = out->spearman[b][a] = rho;
            out->overlap[a][b] = out->overlap[b][a] = share;
        }
    for (guint m = 0; m < n_metrics; m++) {
        g_free(ranks[m]);
        g_free(in_top[m]);
    }
}

void smm_agreement_result(const SmmAgreement *a, const char *const *labels, SmmResult *result)
{
    guint k = a->n_metrics;
    smm_result_init(result, "agreement", k, NULL);
    const char **text = smm_result_own(result, g_new0(const char *, MAX(k, 1)));
    for (guint r = 0; r < k; r++)
        text[r] = smm_result_own(result, g_strdup(labels[r]));
    smm_result_add_text(result, "metric", text);
    for (guint c = 0; c < k; c++) {
        double *v = smm_result_own(result, g_new(double, MAX(k, 1)));
        for (guint r = 0; r < k; r++)
            v[r] = c <= r ? a->spearman[r][c] : a->overlap[r][c];
        smm_result_add_real(result, labels[c], v, (SmmNumberFormat){'f', 3});
    }
}
