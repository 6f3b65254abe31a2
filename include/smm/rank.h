/* rank.h - the table of per-account scores and its order.
 *
 * A table has one optional column per metric, in report order. Ranking sorts
 * by one column, descending; ties go to more followers, then to the account
 * name in byte order, so the order is total and reproducible.
 */
#ifndef SMM_RANK_H
#define SMM_RANK_H

#include "smm/names.h"
#include "smm/number_format.h"
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

#endif
