/* parallel.h - a parallel loop over numbered blocks of work.
 *
 * Work is cut into blocks whose content does not depend on the number of
 * threads; threads take blocks in turn. A kernel stays deterministic as long
 * as it writes per-block results, or per-thread results that are combined
 * with an order-free operation (integer sums). Never call igraph inside.
 */
#ifndef SMM_PARALLEL_H
#define SMM_PARALLEL_H

#include <glib.h>

typedef void (*SmmBlockFunc)(guint64 block, guint thread, gpointer ctx);

/* Runs fn(block, thread, ctx) once for every block in [0, n_blocks), on
 * n_threads threads (the caller's thread is thread 0). Returns when all
 * blocks are done. */
void smm_parallel_blocks(guint64 n_blocks, guint n_threads, SmmBlockFunc fn, gpointer ctx);

/* The number of threads to use by default: the processors available. */
guint smm_default_threads(void);

#endif
