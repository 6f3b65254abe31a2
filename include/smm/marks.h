/* marks.h - membership of accounts in one set after another (an RR set, a
 * cascade's adopters) with O(1) reset: a stamp per account, equal to the
 * current epoch when the account is in the current set. */
#ifndef SMM_MARKS_H
#define SMM_MARKS_H

#include <glib.h>
#include <string.h>

typedef struct {
    guint32 *stamp;
    guint32 epoch;
    guint32 n;
} SmmMarks;

static inline void smm_marks_init(SmmMarks *m, guint32 n)
{
    m->stamp = g_new0(guint32, MAX(n, 1));
    m->epoch = 0;
    m->n = n;
}

static inline void smm_marks_clear(SmmMarks *m)
{
    g_free(m->stamp);
    m->stamp = NULL;
}

/* Starts a new, empty set. */
static inline void smm_marks_next(SmmMarks *m)
{
    if (++m->epoch == 0) { /* wrapped after 2^32 sets: stamps are stale */
        memset(m->stamp, 0, sizeof(guint32) * m->n);
        m->epoch = 1;
    }
}

static inline gboolean smm_marks_has(const SmmMarks *m, guint32 v)
{
    return m->stamp[v] == m->epoch;
}

static inline void smm_marks_set(SmmMarks *m, guint32 v)
{
    m->stamp[v] = m->epoch;
}

#endif
