/* rank.h - the table of per-account scores and its order.
 *
 * A table has one optional column per metric, in report order. Ranking sorts
 * by one column, descending; ties go to more followers, then to the account
 * name in byte order, so the order is total and reproducible.
 */
#ifndef SMM_RANK_H
#define SMM_RANK_H

#include "smm/graph.h"
#include "smm/influence.h"
#include "smm/metrics.h"
#include "smm/names.h"
#include "smm/number_format.h"
#include "smm/order.h"
#include "smm/reshare.h"
#include "smm/result.h"

typedef enum {
    SMM_COL_FOLLOWERS,
    SMM_COL_FOLLOWING,
    SMM_COL_PAGERANK,
    SMM_COL_LEADERRANK,
    SMM_COL_AUTHORITY,
    SMM_COL_HUB,
    SMM_COL_CORENESS,
    SMM_COL_BETWEENNESS,
    SMM_COL_REACH,
    SMM_COL_REACH_CI95,
    SMM_COL_RETWEETS,
    SMM_COL_RETWEETERS,
    SMM_COL_RETWEET_PAGERANK,
    SMM_N_COLUMNS
} SmmColumn;

typedef struct {
    guint32 n;
    const SmmNames *names;      /* borrowed */
    double *col[SMM_N_COLUMNS]; /* owned; NULL where not computed */
    guint32 *order;             /* owned; ranked account ids, n_rows of them */
    guint32 n_rows;
} SmmTable;

const char *smm_column_name(SmmColumn column);
gboolean smm_column_from_name(const char *name, SmmColumn *column);
/* How the column's values are written: integer-valued columns without a
 * fraction ("%.0f"), scores with 10 significant digits ("%.10g"), reach
 * with 3 decimals ("%.3f"). */
SmmNumberFormat smm_column_format(SmmColumn column);

void smm_table_init(SmmTable *table, const SmmNames *names, guint32 n);
/* The column's storage, allocated (zeroed) on first use. */
double *smm_table_column(SmmTable *table, SmmColumn column);
void smm_table_clear(SmmTable *table);

/* Orders the accounts by `by` (descending; ties: higher `followers`, then
 * name ascending in byte order) and keeps the first `top` (0: all).
 * `followers` is the tie-break key whether or not it is a report column;
 * NULL skips that step. Sorts on n_threads threads; the order is the same
 * for any number. */
void smm_rank_order(SmmTable *table, SmmColumn by, const double *followers, guint32 top,
                    guint n_threads);

/* The ranked rows as a result table (rank, account, then the computed
 * columns in report order), borrowing the table's arrays: `table` must
 * outlive `result`. */
void smm_table_result(const SmmTable *table, SmmResult *result);

/* --- the metric plan (metric_plan.c) ------------------------------------ */

/* Called after each kernel with its name (pagerank, hits, reach, ...) and
 * wall time, for timings. */
typedef void (*SmmRankStageFunc)(gpointer data, const char *stage, double seconds);

typedef struct {
    double damping;                    /* PageRank, retweet PageRank (0.85) */
    SmmIterOptions iter;               /* PageRank, LeaderRank, HITS */
    SmmBetweennessOptions betweenness; /* its n_threads is n_threads */
    SmmReachOptions reach;             /* its n_threads is n_threads */
    guint n_threads;
    SmmRankStageFunc stage_done; /* NULL: nobody keeps time */
    gpointer stage_data;
} SmmRankOptions;

void smm_rank_options_init(SmmRankOptions *options);

/* How an iterative kernel stopped, with the tolerance that applied. */
typedef struct {
    const char *name; /* pagerank, leaderrank, hits, retweet_pagerank */
    SmmIterResult result;
    double tolerance;
} SmmRankIteration;

/* What the kernels of one run report, beyond their columns. */
typedef struct {
    SmmRankIteration iteration[4];
    guint n_iterations;
    gboolean betweenness_done;
    SmmBetweennessResult betweenness;
    gboolean reach_done;
    SmmReachResult reach;
    guint64 retweet_self_rows; /* log rows of accounts resharing themselves, left out */
} SmmRankRun;

/* The columns a comma-separated list of metric names asks for; NULL or
 * "all": every metric the data allows (retweets, retweeters and
 * retweet_pagerank need a log). reach brings reach_ci95. Unknown names
 * and log metrics without a log are SMM_ERROR_INVALID. */
gboolean smm_rank_plan(const char *list, gboolean have_log, gboolean want[SMM_N_COLUMNS],
                       GError **error);
/* The order of a report when none is asked for: the first computed of
 * reach, leaderrank, pagerank, authority, betweenness, coreness,
 * retweet_pagerank, followers, retweets, hub, following, retweeters. */
SmmColumn smm_rank_default_by(const gboolean want[SMM_N_COLUMNS]);
/* Fills the wanted columns of `table` (made for g's accounts), each by its
 * kernel, in report order; `model` is reach's, `log` (NULL: none) the
 * retweet metrics'. */
gboolean smm_rank_compute(const SmmGraph *g, const SmmModel *model, const SmmReshareLog *log,
                          const gboolean want[SMM_N_COLUMNS], const SmmRankOptions *options,
                          SmmTable *table, SmmRankRun *run, GError **error);
/* smm_rank_order() with g's follower counts as the tie-break, whether or
 * not they are a column. */
void smm_rank_accounts(SmmTable *table, const SmmGraph *g, SmmColumn by, guint32 top,
                       guint n_threads);

/* --- the ranked graph (ranked_graph.c) ----------------------------------- */

/* The follows among the table's ranked rows, as edges between row numbers
 * (an undirected graph's ties once), weighted by the model's probability
 * that the followee's post reaches the follower where that is one number
 * per edge (not for weighted cascade or LT on undirected ties, whose two
 * directions differ). Owns its arrays. */
typedef struct {
    SmmEdgeTable edges; /* points into the arrays below */
    GArray *source, *target, *weight;
} SmmRankedGraph;

void smm_ranked_graph(const SmmTable *table, const SmmGraph *g, const SmmModel *model,
                      SmmRankedGraph *out);
void smm_ranked_graph_clear(SmmRankedGraph *rg);

/* --- agreement between rankings (agreement.c) ---------------------------- */

#define SMM_AGREEMENT_MAX 8
#define SMM_AGREEMENT_TOP 100

/* How far rankings agree, for each pair of metrics a, b:
 * spearman[a][b]: Spearman's rank correlation, the Pearson correlation of
 *   the two metrics' ranks, tied values taking the average of the ranks
 *   they span; NaN where undefined (a metric constant over every account,
 *   or fewer than 2 accounts).
 * overlap[a][b]: |top(a) & top(b)| / top, where top(m) is the first `top`
 *   accounts by m in the order of every ranked report (m descending, then
 *   more followers, then name: order.h), top = min(SMM_AGREEMENT_TOP, n).
 * The diagonal is each metric with itself (spearman 1 or NaN, overlap 1). */
typedef struct {
    guint n_metrics;
    guint32 top;
    double spearman[SMM_AGREEMENT_MAX][SMM_AGREEMENT_MAX];
    double overlap[SMM_AGREEMENT_MAX][SMM_AGREEMENT_MAX];
} SmmAgreement;

/* The agreement of n_metrics (at most SMM_AGREEMENT_MAX) metric columns
 * over all n accounts; `followers` (NULL: none) and then the names break
 * ties for the top sets. formats (NULL: the values as they are): each
 * metric's values are compared as written in its format (values printed
 * alike are tied), as a report shows them. One sort per metric,
 * O(n log n), on n_threads threads. Memory: 9 bytes an account a metric
 * (its ranks and top set), and while a metric is sorted 76 bytes an
 * account more (smm_order_sort's 64, the ids, the printed values). */
void smm_agreement(const double *const *metrics, const SmmNumberFormat *formats, guint n_metrics,
                   guint32 n, const double *followers, SmmOrderNameFunc name,
                   gconstpointer name_data, guint n_threads, SmmAgreement *out);

/* The agreement as one square table: a text column "metric" with the
 * labels, then one column per metric; row a, column b holds spearman[a][b]
 * below the diagonal and on it (b <= a), overlap[a][b] above it (b > a).
 * The table owns its arrays. */
void smm_agreement_result(const SmmAgreement *a, const char *const *labels, SmmResult *result);

#endif
