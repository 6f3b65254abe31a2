/* progress.h - how work that takes long says how far it is: a callback a
 * stage is given in its options and calls on the main thread only, with
 * what it is doing, how much is done, of how much (0: not known) and in
 * which unit. The stage states the numbers; drawing them is the CLI's. */
#ifndef SMM_PROGRESS_H
#define SMM_PROGRESS_H

#include <glib.h>

typedef void (*SmmProgressFunc)(gpointer data, const char *what, double done, double total,
                                const char *unit);

typedef struct {
    SmmProgressFunc fn;
    gpointer data;
} SmmProgress;

/* Safe with p NULL (no one is watching). */
static inline void smm_progress_report(const SmmProgress *p, const char *what, double done,
                                       double total, const char *unit)
{
    if (p != NULL && p->fn != NULL)
        p->fn(p->data, what, done, total, unit);
}

#endif
