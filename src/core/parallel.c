/* parallel.c - threads taking numbered blocks from a shared counter.
 *
 * Threads are created per call: smmgraph runs a handful of parallel loops,
 * each long enough that thread start-up (tens of microseconds) is noise.
 */
#include "smm/parallel.h"

#include <stdatomic.h>

typedef struct {
    guint64 n_blocks;
    atomic_uint_fast64_t next;
    SmmBlockFunc fn;
    gpointer ctx;
} Loop;

typedef struct {
    Loop *loop;
    guint thread;
} Worker;

static void run_blocks(Loop *loop, guint thread)
{
    for (;;) {
        guint64 b = atomic_fetch_add_explicit(&loop->next, 1, memory_order_relaxed);
        if (b >= loop->n_blocks)
            return;
        loop->fn(b, thread, loop->ctx);
    }
}

static gpointer worker_main(gpointer data)
{
    Worker *w = data;
    run_blocks(w->loop, w->thread);
    return NULL;
}

void smm_parallel_blocks(guint64 n_blocks, guint n_threads, SmmBlockFunc fn, gpointer ctx)
{
    Loop loop = {.n_blocks = n_blocks, .fn = fn, .ctx = ctx};
    atomic_init(&loop.next, 0);
    if (n_threads < 1)
        n_threads = 1;
    if ((guint64)n_threads > n_blocks)
        n_threads = n_blocks > 0 ? (guint)n_blocks : 1;

    g_autofree GThread **threads = g_new(GThread *, n_threads);
    g_autofree Worker *workers = g_new(Worker, n_threads);
    for (guint t = 1; t < n_threads; t++) {
        workers[t] = (Worker){.loop = &loop, .thread = t};
        threads[t] = g_thread_new("smm-worker", worker_main, &workers[t]);
    }
    run_blocks(&loop, 0);
    for (guint t = 1; t < n_threads; t++)
        g_thread_join(threads[t]);
}

guint smm_default_threads(void)
{
    guint n = g_get_num_processors();
    return n > 0 ? n : 1;
}
