/* seeds.c - choosing seed sets: IMM and OPIM-C.
 *
 * OPIM-C (Tang, Tang, Xiao, Yuan, "Online processing algorithms for
 * influence maximization", SIGMOD 2018). Two independent pools: greedy on
 * R1 chooses S; R2's coverage of S gives a lower bound on sigma(S) and R1's
 * greedy bound an upper bound on the optimum, each by a martingale
 * concentration bound at failure probability delta / (3 i_max); their ratio
 * is a guarantee that holds with probability 1 - delta for the seeds as
 * chosen. Both pools double until the ratio reaches 1 - 1/e - eps, or their
 * size reaches theta_max, where the guarantee holds regardless:
 *     theta_max = 2n ((1-1/e) sqrt(ln(6/delta)) +
 *                     sqrt((1-1/e)(ln C(n,k) + ln(6/delta))))^2 / (eps^2 k).
 * With delta = 1/n^ell this is the guarantee IMM gives, usually from far
 * fewer sets, and the certified ratio is what --time-limit reports.
 *
 * IMM (Tang, Shi, Xiao, SIGMOD 2015) with W. Chen's correction ("An issue in
 * the martingale analysis of the influence maximization algorithm IMM",
 * CSoNet 2018): a lower bound LB on the optimum from doubling rounds, then
 * theta = lambda* / LB sets drawn afresh, independent of those that found
 * LB, and greedy on those.
 *
 * With costs (--budget) the same OPIM-C certificate applies with the
 * knapsack upper bound; the target ratio is (1 - 1/e)/2 - eps, what the
 * better of cost-effective greedy and the best single account guarantees
 * on the pool (Khuller, Moss, Naor 1999).
 *
 * Pools use distinct RNG families (R1, R2, the IMM rounds and the final
 * estimate), derived from the user's seed.
 */
#include <math.h>
#include <string.h>

#include "smm/core.h"
#include "smm/rng.h"
#include "smm/seeds.h"

/* Independent RNG families for the pools, derived from the user's seed. */
enum { FAMILY_R1 = 1, FAMILY_R2, FAMILY_IMM_ROUNDS, FAMILY_IMM_FINAL, FAMILY_ESTIMATE };

static guint64 family(guint64 seed, guint64 which)
{
    return smm_mix64(seed * 0x9e3779b97f4a7c15ULL + which);
}

/* Pools index sets with 32 bits. */
#define MAX_SETS ((guint64)G_MAXUINT32)

/* ln C(n, k) */
static double log_choose(double n, double k)
{
    if (k <= 0 || k >= n)
        return 0.0;
    return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1);
}

static int compare_double(gconstpointer pa, gconstpointer pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return a < b ? -1 : a > b;
}

/* Accounts that may be chosen, and the most seeds the rules allow: k, or
 * as many of the cheapest allowed accounts as the budget buys. */
static guint32 max_seeds(const SmmGraph *g, const SmmSeedRules *rules, guint32 *allowed)
{
    g_autoptr(GArray) costs = g_array_new(FALSE, FALSE, sizeof(double));
    *allowed = 0;
    for (guint32 v = 0; v < g->n; v++)
        if (rules->allowed == NULL || rules->allowed[v]) {
            (*allowed)++;
            if (rules->cost != NULL)
                g_array_append_val(costs, rules->cost[v]);
        }
    if (rules->cost == NULL)
        return MIN(rules->k, *allowed);
    g_array_sort(costs, compare_double);
    double spent = 0;
    guint32 fit = 0;
    for (guint i = 0; i < costs->len; i++) {
        spent += g_array_index(costs, double, i);
        if (spent > rules->budget)
            break;
        fit++;
    }
    return fit;
}

/* OPIM-C's concentration bounds on a coverage count x (Tang et al. 2018,
 * eq. 8 and 9): with probability 1 - e^-a the expectation is at least
 * lower(x, a), and at most upper(x, a) for an upper bound x. */
static double lower_bound(double x, double a)
{
    double d = sqrt(x + 2.0 * a / 9.0) - sqrt(a / 2.0);
    return d > 0 ? fmax(0.0, d * d - a / 18.0) : 0.0;
}

static double upper_bound(double x, double a)
{
    double d = sqrt(x + a / 2.0) + sqrt(a / 2.0);
    return d * d;
}

static void set_seeds(SmmSeedResult *res, const SmmCoverage *cover)
{
    if (res->seeds != NULL)
        g_array_unref(res->seeds);
    res->seeds = g_array_ref(cover->seeds);
}

/* The spread of every prefix of the seeds, and the interval of the whole
 * set, from RR sets of the family `family` that did not choose them: the
 * `stored` ones already in a pool, then more, counted without storing,
 * until the spread is known within ESTIMATE_PRECISION (95%), but never
 * more than the sets that chose the seeds (or ESTIMATE_MIN_SETS): the check
 * costs no more than the choice. */
#define ESTIMATE_PRECISION 0.01
#define ESTIMATE_MIN_SETS ((guint64)1 << 16)

/* Counts the sets of the family that seeds[0..k) meet (met[i]: those whose
 * earliest seed is seeds[i], k + 1 entries, zero or from `stored`), adding
 * sets until the precision or `cap`; returns the sets counted, *half the
 * Wilson 95% half-width of the share met. */
static guint64 count_until_precise(const SmmGraph *g, const SmmModel *model, guint64 family_seed,
                                   const SmmRrPool *stored, const guint32 *seeds, guint32 k,
                                   guint64 selection_sets, guint n_threads, guint64 *met,
                                   double *half)
{
    guint64 count = 0;
    if (stored != NULL) {
        g_autofree guint64 *prefix = g_new0(guint64, MAX(k, 1));
        smm_rr_pool_coverage(stored, g->n, seeds, k, prefix);
        for (guint32 i = 0; i < k; i++)
            met[i] = prefix[i] - (i > 0 ? prefix[i - 1] : 0);
        count = stored->count;
    }
    guint64 cap = MIN(MAX_SETS, MAX(selection_sets, ESTIMATE_MIN_SETS));
    guint64 target = MAX(count, ESTIMATE_MIN_SETS);
    double centre;
    for (;;) {
        smm_rr_count_met(g, model, family_seed, count, target, seeds, k, n_threads, met);
        count = target;
        guint64 covered = 0;
        for (guint32 i = 0; i < k; i++)
            covered += met[i];
        smm_wilson95(covered, count, &centre, half);
        double spread = (double)covered / (double)count;
        if (*half <= ESTIMATE_PRECISION * spread || count >= cap)
            break;
        /* The sets the precision needs at this spread (half ~ z sqrt(q(1-q)/theta)),
         * with a little margin; twice as many when nothing was hit yet. */
        double needed = covered > 0 ? 1.05 * 3.8415 * (1.0 - spread) /
                                          (spread * ESTIMATE_PRECISION * ESTIMATE_PRECISION)
                                    : 2.0 * count;
        target = (guint64)MIN((double)cap, fmax(needed, count + 1.0));
    }
    return count;
}

static void estimate(SmmSeedResult *res, const SmmGraph *g, const SmmModel *model,
                     guint64 family_seed, const SmmRrPool *stored, guint n_threads)
{
    guint32 k = res->seeds->len;
    const guint32 *seeds = (const guint32 *)(void *)res->seeds->data;
    g_autofree guint64 *met = g_new0(guint64, (gsize)k + 1);
    double half;
    guint64 count = count_until_precise(g, model, family_seed, stored, seeds, k,
                                        res->selection_sets, n_threads, met, &half);
    g_free(res->spread);
    res->spread = g_new0(double, MAX(k, 1));
    guint64 covered = 0;
    for (guint32 i = 0; i < k; i++) {
        covered += met[i];
        res->spread[i] = (double)g->n * (double)covered / (double)count;
    }
    res->spread_ci95 = (double)g->n * half;
    res->estimate_sets = count;
}

gboolean smm_seed_set_spread(const SmmGraph *graph, const SmmModel *model,
                             const SmmSeedOptions *options, const SmmSeedResult *chosen,
                             const guint32 *seeds, guint32 k, double *spread, double *ci95,
                             guint64 *sets)
{
    if (options->algorithm != SMM_ALGORITHM_IMM)
        return FALSE;
    g_autofree guint64 *met = g_new0(guint64, (gsize)k + 1);
    double half;
    guint64 count =
        count_until_precise(graph, model, family(options->seed, FAMILY_ESTIMATE), NULL, seeds, k,
                            chosen->selection_sets, options->n_threads, met, &half);
    guint64 covered = 0;
    for (guint32 i = 0; i < k; i++)
        covered += met[i];
    *spread = (double)graph->n * (double)covered / (double)count;
    *ci95 = (double)graph->n * half;
    *sets = count;
    return TRUE;
}

static gboolean opim_c(const SmmGraph *g, const SmmModel *model, const SmmSeedOptions *o, guint32 k,
                       guint32 allowed, SmmSeedResult *res, GError **error)
{
    double n = g->n;
    gboolean budget = o->rules.cost != NULL;
    double approx = budget ? (1.0 - 1.0 / M_E) / 2.0 : 1.0 - 1.0 / M_E;
    double log_inv_delta = o->ell * log(n); /* delta = 1 / n^ell */
    double alpha = sqrt(log(6.0) + log_inv_delta);
    double beta = sqrt(approx * (log_choose(allowed, k) + log(6.0) + log_inv_delta));
    double theta_max = 2.0 * n * pow(approx * alpha + beta, 2) / (o->epsilon * o->epsilon * k);
    double theta_0 = theta_max * o->epsilon * o->epsilon * k / n;
    /* Round i has theta_0 2^(i-1) sets; one round more than
     * ceil(log2(theta_max / theta_0)) makes the last one reach theta_max. */
    guint rounds = (guint)MAX(1.0, ceil(log2(theta_max / theta_0))) + 1;
    double a = log(3.0 * rounds) + log_inv_delta; /* ln(3 i_max / delta) */
    res->target = approx - o->epsilon;

    SmmRrPool r1, r2;
    smm_rr_pool_init(&r1, family(o->seed, FAMILY_R1));
    smm_rr_pool_init(&r2, family(o->seed, FAMILY_R2));
    double t0 = smm_now();
    guint64 theta = (guint64)ceil(theta_0);
    for (guint i = 1;; i++) {
        double round_start = smm_now();
        if (!smm_rr_pool_grow(&r1, g, model, theta, o->n_threads, error) ||
            !smm_rr_pool_grow(&r2, g, model, theta, o->n_threads, error)) {
            smm_rr_pool_clear(&r1);
            smm_rr_pool_clear(&r2);
            return FALSE;
        }
        smm_progress_report(o->progress, "seeds (OPIM-C)", (double)(r1.count + r2.count), 0,
                            "RR sets");
        SmmCoverage cover;
        smm_max_coverage(&r1, g->n, &o->rules, &cover);
        guint64 c2 = smm_rr_pool_coverage(&r2, g->n, (const guint32 *)(void *)cover.seeds->data,
                                          cover.seeds->len, NULL);
        double low = lower_bound((double)c2, a), high = upper_bound(cover.upper, a);
        res->certified = high > 0 ? low / high : 0.0;
        set_seeds(res, &cover);
        smm_coverage_clear(&cover);
        res->selection_sets = r1.count;
        res->total_sets = r1.count + r2.count;
        if (res->certified >= res->target)
            break;
        if (i >= rounds) {
            res->sample_bound = TRUE; /* theta >= theta_max: guaranteed by the sample size */
            break;
        }
        if (2 * theta > MAX_SETS) {
            res->set_capped = TRUE;
            break;
        }
        double now = smm_now();
        if (o->time_limit > 0 && now - t0 + 2.0 * (now - round_start) > o->time_limit) {
            res->time_capped = TRUE;
            break;
        }
        theta *= 2;
    }
    estimate(res, g, model, family(o->seed, FAMILY_R2), &r2, o->n_threads);
    res->total_sets = r1.count + res->estimate_sets; /* R2 is the estimate's beginning */
    smm_rr_pool_clear(&r1);
    smm_rr_pool_clear(&r2);
    return TRUE;
}

static gboolean imm(const SmmGraph *g, const SmmModel *model, const SmmSeedOptions *o, guint32 k,
                    guint32 allowed, SmmSeedResult *res, GError **error)
{
    double n = g->n, eps = o->epsilon;
    double eps1 = M_SQRT2 * eps;
    double ell = o->ell * (1.0 + log(2.0) / log(n));
    double log_cnk = log_choose(allowed, k);
    double lambda1 =
        (2.0 + 2.0 * eps1 / 3.0) * (log_cnk + ell * log(n) + log(log2(n))) * n / (eps1 * eps1);
    res->target = 1.0 - 1.0 / M_E - eps;
    res->certified = NAN;

    /* A lower bound on the optimum from doubling guesses x = n / 2^i. */
    SmmRrPool rounds;
    smm_rr_pool_init(&rounds, family(o->seed, FAMILY_IMM_ROUNDS));
    double lb = 1.0;
    for (guint i = 1; i < (guint)log2(n); i++) {
        double x = n / pow(2.0, i);
        guint64 theta = (guint64)MIN((double)MAX_SETS, ceil(lambda1 / x));
        if (!smm_rr_pool_grow(&rounds, g, model, theta, o->n_threads, error)) {
            smm_rr_pool_clear(&rounds);
            return FALSE;
        }
        smm_progress_report(o->progress, "seeds (IMM)", (double)rounds.count, 0, "RR sets");
        SmmCoverage cover;
        smm_max_coverage(&rounds, g->n, &o->rules, &cover);
        double spread = n * (double)cover.covered / (double)rounds.count;
        smm_coverage_clear(&cover);
        if (spread >= (1.0 + eps1) * x) {
            lb = spread / (1.0 + eps1);
            break;
        }
    }
    guint64 used = rounds.count;
    smm_rr_pool_clear(&rounds);

    /* Chen's fix: the final sets are drawn afresh. */
    double alpha = sqrt(ell * log(n) + log(2.0));
    double beta = sqrt((1.0 - 1.0 / M_E) * (log_cnk + ell * log(n) + log(2.0)));
    double lambda_star = 2.0 * n * pow((1.0 - 1.0 / M_E) * alpha + beta, 2) / (eps * eps);
    guint64 theta = (guint64)MIN((double)MAX_SETS, ceil(lambda_star / lb));
    SmmRrPool final;
    smm_rr_pool_init(&final, family(o->seed, FAMILY_IMM_FINAL));
    if (!smm_rr_pool_grow(&final, g, model, theta, o->n_threads, error)) {
        smm_rr_pool_clear(&final);
        return FALSE;
    }
    smm_progress_report(o->progress, "seeds (IMM)", (double)(used + final.count), 0, "RR sets");
    SmmCoverage cover;
    smm_max_coverage(&final, g->n, &o->rules, &cover);
    set_seeds(res, &cover);
    smm_coverage_clear(&cover);
    res->selection_sets = final.count;
    smm_rr_pool_clear(&final);

    estimate(res, g, model, family(o->seed, FAMILY_ESTIMATE), NULL, o->n_threads);
    res->total_sets = used + res->selection_sets + res->estimate_sets;
    return TRUE;
}

gboolean smm_seed_algorithm(const char *name, gboolean by_budget, double time_limit,
                            SmmAlgorithm *algorithm, GError **error)
{
    if (name == NULL) {
        *algorithm = by_budget || time_limit > 0 ? SMM_ALGORITHM_OPIM_C : SMM_ALGORITHM_IMM;
        return TRUE;
    }
    if (strcmp(name, "opim-c") == 0) {
        *algorithm = SMM_ALGORITHM_OPIM_C;
        return TRUE;
    }
    if (strcmp(name, "imm") != 0) {
        g_autofree gchar *q = smm_quote_value(name, -1);
        g_set_error(error, SMM_ERROR, SMM_ERROR_INVALID,
                    "unknown algorithm %s; choose imm or opim-c", q);
        return FALSE;
    }
    if (by_budget || time_limit > 0) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_INVALID,
                    "IMM takes neither a budget nor a time limit (OPIM-C does)");
        return FALSE;
    }
    *algorithm = SMM_ALGORITHM_IMM;
    return TRUE;
}

const char *smm_seed_algorithm_name(SmmAlgorithm algorithm)
{
    return algorithm == SMM_ALGORITHM_IMM ? "IMM" : "OPIM-C";
}

gboolean smm_seeds_select(const SmmGraph *g, const SmmModel *model, const SmmSeedOptions *o,
                          SmmSeedResult *res, GError **error)
{
    memset(res, 0, sizeof *res);
    if (!smm_model_check(model, g, error))
        return FALSE;
    if (!(o->epsilon > 0 && o->epsilon < 1) || !(o->ell > 0)) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_INVALID,
                    "epsilon must be between 0 and 1 and ell positive");
        return FALSE;
    }
    if (o->algorithm == SMM_ALGORITHM_IMM && (o->rules.cost != NULL || o->time_limit > 0)) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_INVALID,
                    "IMM takes neither a budget nor a time limit (OPIM-C does)");
        return FALSE;
    }
    guint32 allowed;
    guint32 k = max_seeds(g, &o->rules, &allowed);
    if (k == 0) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_DATA,
                    allowed == 0 ? "no account may be chosen (see --candidates and --exclude)"
                                 : "no account fits the budget (see --cost and --budget)");
        return FALSE;
    }
    if (g->n < 2) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_DATA, "the graph has fewer than 2 accounts");
        return FALSE;
    }
    return o->algorithm == SMM_ALGORITHM_IMM ? imm(g, model, o, k, allowed, res, error)
                                             : opim_c(g, model, o, k, allowed, res, error);
}

void smm_seed_result_clear(SmmSeedResult *res)
{
    if (res->seeds != NULL)
        g_array_unref(res->seeds);
    g_free(res->spread);
    memset(res, 0, sizeof *res);
}
