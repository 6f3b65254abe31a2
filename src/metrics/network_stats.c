/* network_stats.c - the whole-graph summary (network_stats.h).
 *
 * Counts, density, reciprocity and the degree summaries come from the CSR;
 * components, the power-law fit (Clauset, Shalizi, Newman 2009, igraph's
 * plfit), transitivity and assortativity from igraph on the graph's igraph
 * view, which is built for this (32 B a follow): igraph is the better
 * tool for these, and the definitions are then exactly igraph's.
 */
#include "smm/network_stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "smm/core.h"

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* numpy.percentile's default: linear between the order statistics
 * around q (n - 1). */
static double percentile(const double *sorted, guint32 n, double q)
{
    if (n == 0)
        return 0.0;
    double pos = q / 100.0 * (n - 1);
    guint32 lo = (guint32)floor(pos);
    guint32 hi = MIN(lo + 1, n - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

static void summarise(double *degrees, guint32 n, SmmDegreeSummary *s)
{
    double sum = 0.0;
    for (guint32 v = 0; v < n; v++)
        sum += degrees[v];
    qsort(degrees, n, sizeof(double), compare_doubles);
    s->max = n > 0 ? degrees[n - 1] : 0.0;
    s->mean = n > 0 ? sum / n : 0.0;
    s->median = percentile(degrees, n, 50);
    s->p90 = percentile(degrees, n, 90);
    s->p99 = percentile(degrees, n, 99);
}

/* u follows v: is v -> u a follow too? Rows are sorted. */
static gboolean follows(const SmmGraph *g, guint32 u, guint32 v)
{
    const guint32 *row = g->out_adj + g->out_off[u];
    guint64 lo = 0, hi = smm_graph_out_degree(g, u);
    while (lo < hi) {
        guint64 mid = lo + (hi - lo) / 2;
        if (row[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < smm_graph_out_degree(g, u) && row[lo] == v;
}

static gboolean components(const igraph_t *ig, igraph_connectedness_t mode, guint64 *count,
                           guint64 *largest, GError **error)
{
    igraph_vector_int_t sizes;
    igraph_integer_t no = 0;
    igraph_vector_int_init(&sizes, 0);
    int rc = igraph_connected_components(ig, NULL, &sizes, &no, mode);
    if (!smm_igraph_check(rc, "connected components", error)) {
        igraph_vector_int_destroy(&sizes);
        return FALSE;
    }
    *count = (guint64)no;
    *largest = no > 0 ? (guint64)igraph_vector_int_max(&sizes) : 0;
    igraph_vector_int_destroy(&sizes);
    return TRUE;
}

gboolean smm_network_stats(SmmGraph *g, const SmmNetworkStatsOptions *options, SmmNetworkStats *s,
                           GError **error)
{
    memset(s, 0, sizeof *s);
    guint32 n = g->n;
    s->accounts = n;
    s->follows = g->undirected ? g->m / 2 : g->m;
    double pairs = (double)n * (n > 0 ? n - 1 : 0);
    s->density = pairs > 0 ? (double)g->m / pairs : NAN;
    guint64 returned = 0;
    for (guint32 u = 0; u < n; u++)
        for (guint64 e = g->out_off[u]; e < g->out_off[u + 1]; e++)
            returned += follows(g, g->out_adj[e], u);
    s->reciprocity = g->m > 0 ? (double)returned / (double)g->m : NAN;

    g_autofree double *degrees = g_new(double, MAX(n, 1));
    for (guint32 v = 0; v < n; v++)
        degrees[v] = (double)smm_graph_in_degree(g, v);
    /* the power-law fit takes the follower counts in account order */
    igraph_vector_t data;
    igraph_vector_init(&data, n);
    for (guint32 v = 0; v < n; v++)
        VECTOR(data)[v] = degrees[v];
    summarise(degrees, n, &s->followers);
    for (guint32 v = 0; v < n; v++)
        degrees[v] = (double)smm_graph_out_degree(g, v);
    summarise(degrees, n, &s->following);

    const igraph_t *ig = smm_graph_igraph(g, error);
    gboolean ok = ig != NULL;
    ok = ok && components(ig, IGRAPH_WEAK, &s->weak_components, &s->largest_weak, error);
    ok = ok && components(ig, IGRAPH_STRONG, &s->strong_components, &s->largest_strong, error);
    if (ok) {
        igraph_plfit_result_t fit;
        int rc = igraph_power_law_fit(&data, &fit, -1, FALSE);
        ok = smm_igraph_check(rc, "power-law fit", error);
        if (ok) {
            s->alpha = fit.alpha;
            s->xmin = fit.xmin;
            s->ks = fit.D;
            s->p = NAN;
            if (options->p_precision > 0) {
                igraph_real_t p;
                rc = igraph_plfit_result_calculate_p_value(&fit, &p, options->p_precision);
                ok = smm_igraph_check(rc, "power-law p-value", error);
                s->p = p;
            }
        }
    }
    /* igraph's transitivity works on an undirected adjacency list: each
     * follow in both ends' lists, 8 B an entry, and marks per account */
    ok = ok && smm_memory_check("computing transitivity", 32 * g->m + 16 * (guint64)n, error);
    if (ok) {
        igraph_real_t t;
        int rc = igraph_transitivity_undirected(ig, &t, IGRAPH_TRANSITIVITY_NAN);
        ok = smm_igraph_check(rc, "transitivity", error);
        s->transitivity = t;
    }
    if (ok) {
        igraph_real_t a;
        int rc = igraph_assortativity_degree(ig, &a, !g->undirected);
        ok = smm_igraph_check(rc, "assortativity", error);
        s->assortativity = a;
    }
    igraph_vector_destroy(&data);
    return ok;
}

void smm_network_stats_table(const SmmNetworkStats *s, const SmmImportSummary *summary,
                             SmmResult *out)
{
    const struct {
        const char *name;
        double value;
    } rows[] = {
        {"accounts", s->accounts},
        {"follows", (double)s->follows},
        {"rows_read", (double)summary->rows_read},
        {"dropped_self_loops", (double)summary->self_loops},
        {"dropped_duplicates", (double)summary->duplicates},
        {"blank_lines", (double)summary->blank_lines},
        {"density", s->density},
        {"reciprocity", s->reciprocity},
        {"weak_components", (double)s->weak_components},
        {"largest_weak_component", (double)s->largest_weak},
        {"strong_components", (double)s->strong_components},
        {"largest_strong_component", (double)s->largest_strong},
        {"followers_max", s->followers.max},
        {"followers_mean", s->followers.mean},
        {"followers_median", s->followers.median},
        {"followers_p90", s->followers.p90},
        {"followers_p99", s->followers.p99},
        {"following_max", s->following.max},
        {"following_mean", s->following.mean},
        {"following_median", s->following.median},
        {"following_p90", s->following.p90},
        {"following_p99", s->following.p99},
        {"power_law_alpha", s->alpha},
        {"power_law_xmin", s->xmin},
        {"power_law_ks", s->ks},
        {"power_law_p", s->p},
        {"transitivity", s->transitivity},
        {"assortativity", s->assortativity},
    };
    guint n = G_N_ELEMENTS(rows);
    smm_result_init(out, "stats", n, NULL);
    const char **names = smm_result_own(out, g_new(const char *, n));
    double *values = smm_result_own(out, g_new(double, n));
    for (guint i = 0; i < n; i++) {
        names[i] = rows[i].name;
        values[i] = rows[i].value;
    }
    smm_result_add_text(out, "metric", names);
    /* 12 significant digits: counts below 10^12 exactly, scores as the other reports */
    smm_result_add_real(out, "value", values, (SmmNumberFormat){'g', 12});
}
