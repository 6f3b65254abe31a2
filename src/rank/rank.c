/* rank.c - the score table and its total order.
 *
 * Order: the chosen column descending; ties to more followers, then to the
 * account name in byte order. Names are unique,
 * so the order is total and any correct sort gives the same report.
 */
#include "smm/rank.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    gboolean integer;
} columns[SMM_N_COLUMNS] = {
    [SMM_COL_FOLLOWERS] = {"followers", TRUE},
    [SMM_COL_FOLLOWING] = {"following", TRUE},
    [SMM_COL_PAGERANK] = {"pagerank", FALSE},
    [SMM_COL_LEADERRANK] = {"leaderrank", FALSE},
    [SMM_COL_AUTHORITY] = {"authority", FALSE},
    [SMM_COL_HUB] = {"hub", FALSE},
    [SMM_COL_CORENESS] = {"coreness", TRUE},
    [SMM_COL_BETWEENNESS] = {"betweenness", FALSE},
    [SMM_COL_REACH] = {"reach", FALSE},
    [SMM_COL_REACH_CI95] = {"reach_ci95", FALSE},
    [SMM_COL_RETWEETS] = {"retweets", TRUE},
    [SMM_COL_RETWEETERS] = {"retweeters", TRUE},
    [SMM_COL_RETWEET_PAGERANK] = {"retweet_pagerank", FALSE},
};

const char *smm_column_name(SmmColumn column)
{
    return columns[column].name;
}

gboolean smm_column_is_integer(SmmColumn column)
{
    return columns[column].integer;
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

/* What the comparison needs, packed together so that sorting touches one
 * array: the names' first 8 bytes (big-endian, so integer order is byte
 * order) settle almost every name tie without reading the names. */
typedef struct {
    double key;
    double followers;
    guint64 prefix;
    guint32 id;
} Row;

/* NaN never occurs in our metrics; if it did, it would sort last. */
static int compare_desc(double a, double b)
{
    if (a > b || (!isnan(a) && isnan(b)))
        return -1;
    if (a < b || (isnan(a) && !isnan(b)))
        return 1;
    return 0;
}

static int compare_rows(const void *pa, const void *pb, void *ctx)
{
    const Row *a = pa, *b = pb;
    int c = compare_desc(a->key, b->key);
    if (c == 0)
        c = compare_desc(a->followers, b->followers);
    if (c == 0)
        c = a->prefix < b->prefix ? -1 : a->prefix > b->prefix;
    if (c == 0)
        c = smm_names_compare(ctx, a->id, b->id);
    return c;
}

static guint64 name_prefix(const char *name, guint32 len)
{
    guint64 p = 0;
    for (guint32 i = 0; i < 8; i++)
        p = (p << 8) | (i < len ? (guchar)name[i] : 0);
    return p;
}

void smm_rank_order(SmmTable *table, SmmColumn by, const double *followers, guint32 top)
{
    g_return_if_fail(table->col[by] != NULL);
    g_autofree Row *rows = g_new(Row, MAX(table->n, 1));
    for (guint32 i = 0; i < table->n; i++) {
        guint32 len;
        const char *name = smm_names_get(table->names, i, &len);
        rows[i] = (Row){.key = table->col[by][i],
                        .followers = followers != NULL ? followers[i] : 0.0,
                        .prefix = name_prefix(name, len),
                        .id = i};
    }
    qsort_r(rows, table->n, sizeof(Row), compare_rows, (void *)table->names);
    g_free(table->order);
    table->order = g_new(guint32, MAX(table->n, 1));
    for (guint32 i = 0; i < table->n; i++)
        table->order[i] = rows[i].id;
    table->n_rows = top > 0 ? MIN(top, table->n) : table->n;
}
