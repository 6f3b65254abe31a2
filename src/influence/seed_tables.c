/* seed_tables.c - what seeds and simulate found, as result tables for
 * report/ (result.h). */
#include "smm/seeds.h"

void smm_seed_result_table(const SmmGraph *g, const SmmSeedResult *r, const double *cost,
                           SmmResult *out)
{
    guint32 k = r->seeds->len;
    const guint32 *ids = (const guint32 *)(void *)r->seeds->data;
    smm_result_init(out, "seeds", k, NULL);
    double *followers = smm_result_own(out, g_new(double, MAX(k, 1)));
    double *gain = smm_result_own(out, g_new(double, MAX(k, 1)));
    for (guint32 i = 0; i < k; i++) {
        followers[i] = (double)smm_graph_in_degree(g, ids[i]);
        gain[i] = r->spread[i] - (i > 0 ? r->spread[i - 1] : 0.0);
    }
    SmmNumberFormat real = {'g', 10};
    smm_result_add_row_number(out, "rank");
    smm_result_add_account(out, "account", g->names, ids);
    smm_result_add_count(out, "followers", followers);
    smm_result_add_real(out, "marginal_gain", gain, real);
    smm_result_add_real(out, "spread", r->spread, real);
    if (cost != NULL) {
        double *price = smm_result_own(out, g_new(double, MAX(k, 1)));
        double *spent = smm_result_own(out, g_new(double, MAX(k, 1)));
        double total = 0.0;
        for (guint32 i = 0; i < k; i++) {
            price[i] = cost[ids[i]];
            spent[i] = total += price[i];
        }
        smm_result_add_real(out, "cost", price, real);
        smm_result_add_real(out, "cumulative_cost", spent, real);
    }
}

void smm_simulate_result_table(const SmmSimulateResult *r, guint32 seeds, guint64 runs,
                               SmmResult *out)
{
    smm_result_init(out, "simulate", 1, NULL);
    static const char *const counts[] = {"seeds", "runs"};
    double count_values[] = {seeds, (double)runs};
    for (guint c = 0; c < G_N_ELEMENTS(counts); c++) {
        double *v = smm_result_own(out, g_new(double, 1));
        *v = count_values[c];
        smm_result_add_count(out, counts[c], v);
    }
    static const char *const reals[] = {"mean", "std", "mean_ci95"};
    double real_values[] = {r->mean, r->std, r->mean_ci95};
    for (guint c = 0; c < G_N_ELEMENTS(reals); c++) {
        double *v = smm_result_own(out, g_new(double, 1));
        *v = real_values[c];
        smm_result_add_real(out, reals[c], v, (SmmNumberFormat){'g', 10});
    }
    static const char *const percentiles[] = {"p5", "p50", "p95"};
    double p_values[] = {r->p5, r->p50, r->p95};
    for (guint c = 0; c < G_N_ELEMENTS(percentiles); c++) {
        double *v = smm_result_own(out, g_new(double, 1));
        *v = p_values[c];
        smm_result_add_count(out, percentiles[c], v);
    }
}

void smm_simulate_steps_table(const SmmSimulateResult *r, SmmResult *out)
{
    guint n = r->new_per_step->len;
    smm_result_init(out, "steps", n, NULL);
    double *step = smm_result_own(out, g_new(double, MAX(n, 1)));
    double *reached = smm_result_own(out, g_new(double, MAX(n, 1)));
    const double *fresh = (const double *)(void *)r->new_per_step->data;
    double total = 0.0;
    for (guint s = 0; s < n; s++) {
        step[s] = s;
        reached[s] = total += fresh[s];
    }
    smm_result_add_count(out, "step", step);
    smm_result_add_real(out, "mean_new", fresh, (SmmNumberFormat){'g', 10});
    smm_result_add_real(out, "mean_reached", reached, (SmmNumberFormat){'g', 10});
}
