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
    const struct {
        const char *name;
        double value;
        gboolean count;
    } cells[] = {
        {"seeds", seeds, TRUE},
        {"runs", (double)runs, TRUE},
        {"mean", r->mean, FALSE},
        {"std", r->std, FALSE},
        {"mean_ci95", r->mean_ci95, FALSE},
        {"p5", r->p5, TRUE},
        {"p50", r->p50, TRUE},
        {"p95", r->p95, TRUE},
    };
    smm_result_init(out, "simulate", 1, NULL);
    double *values = smm_result_own(out, g_new(double, G_N_ELEMENTS(cells)));
    for (guint c = 0; c < G_N_ELEMENTS(cells); c++) {
        values[c] = cells[c].value;
        if (cells[c].count)
            smm_result_add_count(out, cells[c].name, &values[c]);
        else
            smm_result_add_real(out, cells[c].name, &values[c], (SmmNumberFormat){'g', 10});
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
