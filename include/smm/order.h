/* order.h - the one total order of every ranked report.
 *
 * Rows, named by ids, are ordered by each key in turn, numbers descending
 * (0 and -0 equal, NaN after every number), then by name ascending in byte
 * order (a shorter name before its extensions). Names are unique, so the
 * order is total: any correct sort, on any number of threads, gives the
 * same report. A name-ordered key (cascades by author) is a number too:
 * the negated rank of the name, from smm_order_name_ranks().
 */
#ifndef SMM_ORDER_H
#define SMM_ORDER_H

#include <glib.h>

#define SMM_ORDER_MAX_KEYS 4

/* The name of row `id`, its length in *len; unique among the rows. */
typedef const char *(*SmmOrderNameFunc)(gconstpointer data, guint32 id, guint32 *len);

typedef struct {
    const double *key[SMM_ORDER_MAX_KEYS]; /* indexed by id; descending */
    guint n_keys;
    SmmOrderNameFunc name; /* after every key: ascending */
    gconstpointer name_data;
} SmmOrder;

/* Sorts ids[0..n) in place, on n_threads threads. */
void smm_order_sort(const SmmOrder *order, guint32 *ids, gsize n, guint n_threads);

/* SmmOrderNameFunc for account ids; data is the SmmNames. */
const char *smm_order_account_name(gconstpointer names, guint32 id, guint32 *len);

/* rank[ids[i]] = the place of ids[i]'s name among the names of ids[0..n)
 * in byte order (ids distinct); other entries are left alone. */
void smm_order_name_ranks(SmmOrderNameFunc name, gconstpointer name_data, const guint32 *ids,
                          gsize n, guint32 *rank, guint n_threads);

#endif
