/* rank.c - the score table: its columns, their names and how each is
 * written, its order, and the table as a result for report/. */
#include "smm/rank.h"

#include <string.h>

#include "smm/order.h"

static const struct {
    const char *name;
    SmmNumberFormat format; /* counts as integers, scores with 10 digits, reach with 3 decimals */
} columns[SMM_N_COLUMNS] = {
    [SMM_COL_FOLLOWERS] = {"followers", {'f', 0}},
    [SMM_COL_FOLLOWING] = {"following", {'f', 0}},
    [SMM_COL_PAGERANK] = {"pagerank", {'g', 10}},
    [SMM_COL_LEADERRANK] = {"leaderrank", {'g', 10}},
    [SMM_COL_AUTHORITY] = {"authority", {'g', 10}},
    [SMM_COL_HUB] = {"hub", {'g', 10}},
    [SMM_COL_CORENESS] = {"coreness", {'f', 0}},
    [SMM_COL_BETWEENNESS] = {"betweenness", {'g', 10}},
    [SMM_COL_REACH] = {"reach", {'f', 3}},
    [SMM_COL_REACH_CI95] = {"reach_ci95", {'f', 3}},
    [SMM_COL_RETWEETS] = {"retweets", {'f', 0}},
    [SMM_COL_RETWEETERS] = {"retweeters", {'f', 0}},
    [SMM_COL_RETWEET_PAGERANK] = {"retweet_pagerank", {'g', 10}},
};

const char *smm_column_name(SmmColumn column)
{
    return columns[column].name;
}

SmmNumberFormat smm_column_format(SmmColumn column)
{
    return columns[column].format;
}

gboolean smm_column_from_name(const char *name, SmmColumn *column)
{
    for (int c = 0; c < SMM_N_COLUMNS; c++)
        if (g_ascii_strcasecmp(name, columns[c].name) == 0) {
            *column = (SmmColumn)c;
            return TRUE;
        }
    return FALSE;
}

void smm_table_init(SmmTable *table, const SmmNames *names, guint32 n)
{
    memset(table, 0, sizeof *table);
    table->names = names;
    table->n = n;
}

double *smm_table_column(SmmTable *table, SmmColumn column)
{
    if (table->col[column] == NULL)
        table->col[column] = g_new0(double, MAX(table->n, 1));
    return table->col[column];
}

void smm_table_clear(SmmTable *table)
{
    for (int c = 0; c < SMM_N_COLUMNS; c++)
        g_free(table->col[c]);
    g_free(table->order);
    memset(table, 0, sizeof *table);
}

void smm_table_result(const SmmTable *table, SmmResult *result)
{
    smm_result_init(result, "rank", table->n_rows, table->order);
    smm_result_add_row_number(result, "rank");
    smm_result_add_account(result, "account", table->names, NULL);
    for (int c = 0; c < SMM_N_COLUMNS; c++) {
        if (table->col[c] == NULL)
            continue;
        SmmNumberFormat f = columns[c].format;
        if (f.conversion == 'f' && f.digits == 0)
            smm_result_add_count(result, columns[c].name, table->col[c]);
        else
            smm_result_add_real(result, columns[c].name, table->col[c], f);
    }
}

void smm_rank_order(SmmTable *table, SmmColumn by, const double *followers, guint32 top,
                    guint n_threads)
{
    g_return_if_fail(table->col[by] != NULL);
    SmmOrder order = {.key = {table->col[by], followers},
                      .n_keys = followers != NULL ? 2 : 1,
                      .name = smm_order_account_name,
                      .name_data = table->names};
    g_free(table->order);
    table->order = g_new(guint32, MAX(table->n, 1));
    for (guint32 v = 0; v < table->n; v++)
        table->order[v] = v;
    smm_order_sort(&order, table->order, table->n, n_threads);
    table->n_rows = top > 0 ? MIN(top, table->n) : table->n;
}
