/* cascade_order.c - the order of the cascades report (--sort): by one of
 * its columns, then size, then post id, in order.h's total order. */
#include <math.h>
#include <string.h>

#include "smm/cascade.h"
#include "smm/order.h"

static const char *const sort_names[SMM_CASCADE_N_SORTS] = {
    [SMM_CASCADE_SORT_TWEET] = "tweet_id",
    [SMM_CASCADE_SORT_AUTHOR] = "author",
    [SMM_CASCADE_SORT_SIZE] = "size",
    [SMM_CASCADE_SORT_DEPTH] = "depth",
    [SMM_CASCADE_SORT_BREADTH] = "max_breadth",
    [SMM_CASCADE_SORT_VIRALITY] = "structural_virality",
    [SMM_CASCADE_SORT_DURATION] = "duration_s",
    [SMM_CASCADE_SORT_T50] = "t50_s",
    [SMM_CASCADE_SORT_T90] = "t90_s",
    [SMM_CASCADE_SORT_PEAK] = "peak_rate_per_h",
    [SMM_CASCADE_SORT_AMPLIFIER] = "top_amplifier",
};

const char *smm_cascade_sort_name(SmmCascadeSort key)
{
    return sort_names[key];
}

gboolean smm_cascade_sort_from_name(const char *name, SmmCascadeSort *key)
{
    for (int k = 0; k < SMM_CASCADE_N_SORTS; k++)
        if (strcmp(name, sort_names[k]) == 0) {
            *key = (SmmCascadeSort)k;
            return TRUE;
        }
    return FALSE;
}

static double numeric(const SmmCascadeShape *s, SmmCascadeSort key)
{
    switch (key) {
    case SMM_CASCADE_SORT_DEPTH: return s->depth;
    case SMM_CASCADE_SORT_BREADTH: return s->max_breadth;
    case SMM_CASCADE_SORT_VIRALITY: return s->virality;
    case SMM_CASCADE_SORT_DURATION: return s->duration;
    case SMM_CASCADE_SORT_T50: return s->t50;
    case SMM_CASCADE_SORT_T90: return s->t90;
    case SMM_CASCADE_SORT_PEAK: return s->peak_per_hour;
    default: return s->size;
    }
}

typedef struct {
    const SmmCascades *cs;
    const SmmNames *names, *items;
} Names;

static const char *cascade_name(gconstpointer data, guint32 c, guint32 *len)
{
    const Names *n = data;
    return smm_cascade_name(n->cs, c, n->names, n->items, len);
}

/* An account column as a descending key: the account's name rank negated,
 * nobody (SMM_NO_ACCOUNT) after everyone. */
static void account_key(const guint32 *account, guint32 n, const SmmNames *names, guint n_threads,
                        double *key)
{
    guint32 n_accounts = smm_names_count(names);
    g_autofree guint8 *seen = g_new0(guint8, MAX(n_accounts, 1));
    g_autofree guint32 *ids = g_new(guint32, MAX(n, 1));
    g_autofree guint32 *rank = g_new(guint32, MAX(n_accounts, 1));
    guint32 distinct = 0;
    for (guint32 c = 0; c < n; c++)
        if (account[c] != SMM_NO_ACCOUNT && !seen[account[c]]) {
            seen[account[c]] = 1;
            ids[distinct++] = account[c];
        }
    smm_order_name_ranks(smm_order_account_name, names, ids, distinct, rank, n_threads);
    for (guint32 c = 0; c < n; c++)
        key[c] = account[c] == SMM_NO_ACCOUNT ? -INFINITY : -(double)rank[account[c]];
}

guint32 *smm_cascade_order(const SmmCascades *cs, const SmmCascadeShape *shapes,
                           const SmmNames *names, const SmmNames *items, SmmCascadeSort key,
                           guint n_threads)
{
    guint32 n = cs->n;
    guint32 *order = g_new(guint32, MAX(n, 1));
    for (guint32 c = 0; c < n; c++)
        order[c] = c;
    g_autofree double *first = g_new(double, MAX(n, 1));
    g_autofree double *size = g_new(double, MAX(n, 1));
    g_autofree guint32 *account = NULL;
    for (guint32 c = 0; c < n; c++)
        size[c] = shapes[c].size;
    if (key == SMM_CASCADE_SORT_AUTHOR || key == SMM_CASCADE_SORT_AMPLIFIER) {
        account = g_new(guint32, MAX(n, 1));
        for (guint32 c = 0; c < n; c++)
            account[c] = key == SMM_CASCADE_SORT_AMPLIFIER ? shapes[c].top_amplifier
                         : cs->root_adopts                 ? SMM_NO_ACCOUNT
                                                           : cs->root[c];
        account_key(account, n, names, n_threads, first);
    } else {
        for (guint32 c = 0; c < n; c++)
            first[c] = numeric(&shapes[c], key);
    }
    Names data = {cs, names, items};
    SmmOrder o = {.name = cascade_name, .name_data = &data};
    if (key == SMM_CASCADE_SORT_SIZE) {
        o.key[o.n_keys++] = size;
    } else if (key != SMM_CASCADE_SORT_TWEET) {
        o.key[o.n_keys++] = first;
        o.key[o.n_keys++] = size;
    }
    smm_order_sort(&o, order, n, n_threads);
    return order;
}
