/* cascades.c - a reshare log grouped into cascades in adoption order.
 *
 * A stable counting sort by cascade key keeps file order within a key; each
 * group is then put in time order (skipped when already sorted, as logs
 * usually are) with file order breaking ties. One pass per group drops
 * repeats and the author's own rows. O(rows + keys), plus the sorting of
 * groups that arrive out of time order.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "smm/cascade.h"
#include "smm/core.h"
#include "smm/marks.h"

typedef struct {
    double time;
    guint64 row;
} Timed;

static int compare_timed(const void *pa, const void *pb)
{
    const Timed *a = pa, *b = pb;
    if (a->time != b->time)
        return a->time < b->time ? -1 : 1;
    return a->row < b->row ? -1 : a->row > b->row;
}

/* Puts rows[0..k) (file order) into (time, file order) order. */
static void sort_by_time(guint64 *rows, guint64 k, const double *time)
{
    gboolean sorted = TRUE;
    for (guint64 i = 1; i < k && sorted; i++)
        sorted = time[rows[i - 1]] <= time[rows[i]];
    if (sorted)
        return;
    Timed *t = g_new(Timed, k);
    for (guint64 i = 0; i < k; i++)
        t[i] = (Timed){time[rows[i]], rows[i]};
    qsort(t, k, sizeof(Timed), compare_timed);
    for (guint64 i = 0; i < k; i++)
        rows[i] = t[i].row;
    g_free(t);
}

gboolean smm_cascades_check_log(const SmmReshareLog *log, SmmCascadeBy by, GError **error)
{
    if (log->time == NULL) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_DATA,
                    "the reshare log has no time column; cascades need adoption times "
                    "(see --time)");
        return FALSE;
    }
    if (by == SMM_CASCADE_BY_ITEM && log->item == NULL) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_DATA,
                    "the reshare log has no item (post id) column; give one with --item, or "
                    "group reshares with --cascade-by author or --cascade-by topic");
        return FALSE;
    }
    if (by == SMM_CASCADE_BY_AUTHOR && log->author == NULL) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_DATA,
                    "--cascade-by author needs an author column (see --author)");
        return FALSE;
    }
    return TRUE;
}

SmmCascades *smm_cascades_build(const SmmReshareLog *log, SmmCascadeBy by, GError **error)
{
    if (!smm_cascades_check_log(log, by, error))
        return NULL;
    guint64 m = smm_reshare_log_size(log);
    const guint32 *account = (const guint32 *)(void *)log->account->data;
    const guint32 *author = log->author ? (const guint32 *)(void *)log->author->data : NULL;
    const guint32 *item = log->item ? (const guint32 *)(void *)log->item->data : NULL;
    const double *time = (const double *)(void *)log->time->data;
    const guint32 *via = log->via ? (const guint32 *)(void *)log->via->data : NULL;
    guint32 n_accounts = smm_names_count(log->names);
    guint32 n_keys = by == SMM_CASCADE_BY_ITEM     ? smm_names_count(log->items)
                     : by == SMM_CASCADE_BY_AUTHOR ? n_accounts
                                                   : 1;
#define KEY(i) (by == SMM_CASCADE_BY_ITEM ? item[i] : by == SMM_CASCADE_BY_AUTHOR ? author[i] : 0)

    /* Stable counting sort of rows by key. */
    g_autofree guint64 *start = g_new0(guint64, (gsize)n_keys + 1);
    for (guint64 i = 0; i < m; i++)
        start[KEY(i) + 1]++;
    for (guint32 k = 0; k < n_keys; k++)
        start[k + 1] += start[k];
    g_autofree guint64 *rows = g_new(guint64, MAX(m, 1));
    {
        g_autofree guint64 *next = g_memdup2(start, sizeof(guint64) * n_keys);
        for (guint64 i = 0; i < m; i++)
            rows[next[KEY(i)]++] = i;
    }

    SmmCascades *cs = g_new0(SmmCascades, 1);
    cs->by = by;
    cs->root_adopts = by == SMM_CASCADE_BY_TOPIC || author == NULL;
    guint32 n = 0;
    for (guint32 k = 0; k < n_keys; k++)
        n += start[k + 1] > start[k];
    cs->n = n;
    cs->off = g_new(guint64, (gsize)n + 1);
    cs->adopter = g_new(guint32, MAX(m, 1));
    cs->time = g_new(double, MAX(m, 1));
    cs->via = via != NULL ? g_new(guint32, MAX(m, 1)) : NULL;
    cs->root = g_new(guint32, MAX(n, 1));
    cs->post_time = g_new(double, MAX(n, 1));
    cs->key = g_new(guint32, MAX(n, 1));

    SmmMarks seen; /* accounts that already adopted the current cascade */
    smm_marks_init(&seen, n_accounts);
    guint64 w = 0;
    guint32 c = 0;
    for (guint32 k = 0; k < n_keys; k++) {
        guint64 a = start[k], b = start[k + 1];
        if (a == b)
            continue;
        sort_by_time(rows + a, b - a, time);
        smm_marks_next(&seen);
        cs->off[c] = w;
        cs->key[c] = k;
        cs->post_time[c] = NAN;
        guint32 root = cs->root_adopts               ? account[rows[a]]
                       : by == SMM_CASCADE_BY_AUTHOR ? k
                                                     : author[rows[a]];
        cs->root[c] = root;
        for (guint64 r = a; r < b; r++) {
            guint64 i = rows[r];
            if (by == SMM_CASCADE_BY_ITEM && author != NULL && author[i] != root)
                cs->author_conflicts++;
            if (!cs->root_adopts && account[i] == root) {
                cs->own_posts++;
                if (by == SMM_CASCADE_BY_ITEM && isnan(cs->post_time[c]))
                    cs->post_time[c] = time[i];
                continue;
            }
            if (smm_marks_has(&seen, account[i])) {
                cs->repeats++;
                continue;
            }
            smm_marks_set(&seen, account[i]);
            cs->adopter[w] = account[i];
            cs->time[w] = time[i];
            if (via != NULL)
                cs->via[w] = via[i];
            w++;
        }
        for (guint64 j = cs->off[c]; j < w && cs->time[j] < cs->post_time[c]; j++)
            cs->before_post++; /* adopters are in time order; NAN compares false */
        c++;
    }
    cs->off[n] = w;
    smm_marks_clear(&seen);
#undef KEY
    return cs;
}

void smm_cascades_free(SmmCascades *cs)
{
    if (cs == NULL)
        return;
    g_free(cs->off);
    g_free(cs->adopter);
    g_free(cs->time);
    g_free(cs->via);
    g_free(cs->root);
    g_free(cs->post_time);
    g_free(cs->key);
    g_free(cs);
}
