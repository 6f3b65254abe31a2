/* seeds.h - influence maximization on reverse-reachable sets: pools of RR
 * sets, greedy maximum coverage, OPIM-C and IMM, and forward simulation.
 *
 * The problem (Kempe, Kleinberg, Tardos, KDD 2003): choose k accounts whose
 * posts together reach the most accounts in expectation. For any set S,
 * Pr[S meets an RR set] = sigma(S) / n, so the best S for a pool of RR sets
 * (maximum coverage, greedy: 1 - 1/e) is near-best for the spread once the
 * pool is large enough; the algorithms differ in how they size the pool.
 */
#ifndef SMM_SEEDS_H
#define SMM_SEEDS_H

#include "smm/import.h"
#include "smm/influence.h"
#include "smm/result.h"

/* A pool of RR sets in one flat array of 32-bit account ids: set i holds
 * members[offset[i] .. offset[i+1]) and is RR set number i of the family
 * `seed`. Pools grow by appending the next indices, so a pool of N sets is
 * the same whatever the threads and however it grew; index ranges are the
 * unit of parallel work. */
typedef struct {
    guint64 seed;
    guint64 count;
    guint64 *offset; /* count + 1 */
    guint32 *members;
    guint64 offset_cap, member_cap;
} SmmRrPool;

/* Arithmetic at the 2^32 boundaries, exposed for tests: a buffer's
 * capacity to hold `need` members from `cap` (doubling, in 64 bits), and
 * the left child 2i + 1 of heap slot i (in 64 bits). */
guint64 smm_rr_block_capacity(guint64 cap, guint64 need);
static inline guint64 smm_heap_left_child(guint32 i)
{
    return 2 * (guint64)i + 1;
}

void smm_rr_pool_init(SmmRrPool *pool, guint64 seed);
void smm_rr_pool_clear(SmmRrPool *pool);
/* Samples sets pool->count .. target - 1 and appends them, unless the
 * memory budget (smm_memory_check) refuses what that would take, estimated
 * from the sets drawn so far (the first block is drawn to have some). */
gboolean smm_rr_pool_grow(SmmRrPool *pool, const SmmGraph *graph, const SmmModel *model,
                          guint64 target, guint n_threads, GError **error);
/* Sets meeting `seeds`; prefix[i] (optional) the sets met by seeds[0..i]. */
guint64 smm_rr_pool_coverage(const SmmRrPool *pool, guint32 n, const guint32 *seeds, guint32 k,
                             guint64 *prefix);

/* Like smm_rr_pool_coverage() over sets first .. last - 1 of the family
 * `seed`, sampled and counted without being stored: met[i] (k + 1 entries,
 * added to) counts the sets whose earliest seed is seeds[i], met[k] those
 * no seed meets. For estimates far beyond what is worth keeping. */
void smm_rr_count_met(const SmmGraph *graph, const SmmModel *model, guint64 seed, guint64 first,
                      guint64 last, const guint32 *seeds, guint32 k, guint n_threads, guint64 *met);

/* Who may be chosen, and how many: k accounts, or as many as `budget`
 * buys at `cost` per account. */
typedef struct {
    guint32 k;
    const guint8 *allowed; /* NULL: every account; else allowed[v] != 0 */
    const double *cost;    /* NULL: choose k; else choose within the budget */
    double budget;
} SmmSeedRules;

/* The rules' `allowed` and `cost` from a campaign's lists (any may be
 * NULL): with candidates, only they may be chosen; with prices, only
 * priced accounts, at their price (a repeated account: its last price);
 * excluded accounts never. Both NULL when no list is given; cost NULL
 * without prices. The caller owns both (g_free). */
void smm_seed_rules_build(guint32 n, const SmmAccountList *candidates, const SmmAccountList *prices,
                          const SmmAccountList *excluded, guint8 **allowed, double **cost);

/* Greedy maximum coverage on a pool, with lazy evaluation (marginal
 * coverage only falls). With costs: cost-effective greedy (coverage per
 * unit cost among affordable accounts) or the best single affordable
 * account, whichever covers more. Also an upper bound on the coverage of
 * the best feasible set in this pool (Tang et al. 2018: the smallest over
 * greedy steps of covered + the largest marginal coverages that fit). */
typedef struct {
    GArray *seeds;   /* guint32, in the order chosen */
    guint64 covered; /* sets of the pool they meet */
    double upper;    /* >= the best feasible coverage */
} SmmCoverage;

void smm_max_coverage(const SmmRrPool *pool, guint32 n, const SmmSeedRules *rules,
                      SmmCoverage *result);
void smm_coverage_clear(SmmCoverage *result);

typedef enum { SMM_ALGORITHM_OPIM_C, SMM_ALGORITHM_IMM } SmmAlgorithm;

/* The algorithm of a run: `name` "imm" or "opim-c", or NULL to choose:
 * IMM, whose larger pools choose better seeds in practice (scripts/bench),
 * unless the run has a budget or a time limit, which only OPIM-C takes.
 * An unknown name, and IMM with either, are SMM_ERROR_INVALID. */
gboolean smm_seed_algorithm(const char *name, gboolean by_budget, double time_limit,
                            SmmAlgorithm *algorithm, GError **error);
const char *smm_seed_algorithm_name(SmmAlgorithm algorithm);

typedef struct {
    SmmSeedRules rules;
    SmmAlgorithm algorithm;
    double epsilon;              /* approximation slack, 0.1 */
    double ell;                  /* failure probability 1 / n^ell, 1 */
    double time_limit;           /* seconds, 0: none (OPIM-C only) */
    const SmmProgress *progress; /* RR sets drawn, as pools grow; NULL: none */
    guint64 seed;
    guint n_threads;
} SmmSeedOptions;

typedef struct {
    GArray *seeds;    /* guint32 */
    double target;    /* the ratio the algorithm aims to guarantee (1 - 1/e - eps, ...) */
    double certified; /* OPIM-C: the ratio proven for these seeds (w.p. 1 - 1/n^ell); NAN for IMM */
    gboolean time_capped;   /* --time-limit stopped sampling */
    gboolean sample_bound;  /* OPIM-C reached theta_max: the target holds by the sample size */
    gboolean set_capped;    /* stopped at 2^32 RR sets per pool */
    guint64 selection_sets; /* RR sets the seeds were chosen on */
    guint64 total_sets;     /* RR sets drawn in all */
    /* Estimates on RR sets independent of those that chose the seeds. */
    guint64 estimate_sets;
    double *spread;     /* spread[i]: expected reach of seeds[0..i] */
    double spread_ci95; /* 95% half-width of the spread of all seeds */
} SmmSeedResult;

gboolean smm_seeds_select(const SmmGraph *graph, const SmmModel *model,
                          const SmmSeedOptions *options, SmmSeedResult *result, GError **error);
void smm_seed_result_clear(SmmSeedResult *result);

/* The spread of any set seeds[0..k) estimated as smm_seeds_select()
 * estimated `chosen` (IMM only: FALSE for OPIM-C): on the same family of
 * RR sets, from its first, under the same precision rule and cap, so
 * `chosen`'s own seeds give its spread and interval again and other sets
 * are measured on the same sets. *spread the expected accounts reached,
 * *ci95 its 95% half-width, *sets the RR sets counted. */
gboolean smm_seed_set_spread(const SmmGraph *graph, const SmmModel *model,
                             const SmmSeedOptions *options, const SmmSeedResult *chosen,
                             const guint32 *seeds, guint32 k, double *spread, double *ci95,
                             guint64 *sets);

/* The seeds in the order chosen: rank, account, followers, marginal_gain,
 * spread, and with `cost` (per account; NULL: none) cost and
 * cumulative_cost. Borrows g and r, which must outlive `out`. */
void smm_seed_result_table(const SmmGraph *g, const SmmSeedResult *r, const double *cost,
                           SmmResult *out);

/* Forward Monte Carlo of the model from `seeds`: run r draws from the
 * stream (seed, r), so results do not depend on the threads. */
typedef struct {
    guint64 runs;
    guint64 seed;
    guint n_threads;
    const SmmProgress *progress; /* runs done, as they finish, of runs; NULL: none */
} SmmSimulateOptions;

typedef struct {
    double mean, std, mean_ci95; /* of the accounts reached, seeds included */
    guint32 p5, p50, p95;        /* nearest-rank percentiles */
    GArray *new_per_step;        /* double: mean accounts newly reached at step t (seeds: step 0) */
} SmmSimulateResult;

/* Main thread: with SMM_P_EDGE it derives the in-order probabilities first
 * (smm_graph_in_probabilities). FALSE (SMM_ERROR_MEMORY) when its buffers
 * would pass --max-memory (smm_memory_check); *result is then empty. */
gboolean smm_simulate(SmmGraph *graph, const SmmModel *model, const guint32 *seeds, guint32 k,
                      const SmmSimulateOptions *options, SmmSimulateResult *result, GError **error);
void smm_simulate_result_clear(SmmSimulateResult *result);

/* One row: seeds, runs, mean, std, mean_ci95, p5, p50, p95. */
void smm_simulate_result_table(const SmmSimulateResult *r, guint32 seeds, guint64 runs,
                               SmmResult *out);
/* One row per step: step, mean_new, mean_reached (borrows r). */
void smm_simulate_steps_table(const SmmSimulateResult *r, SmmResult *out);

#endif
