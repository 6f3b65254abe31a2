/* parallel.c - threads taking numbered blocks from a shared counter.
 *
 * The worker threads are started once and kept: an iterative kernel makes
 * two parallel calls a step, a step on a million follows takes about a
 * millisecond, and starting a thread per call (tens of microseconds, and
 * the new thread joins late) cost a quarter of the second core's share.
 * A call made while the pool is in use (from inside a block, or from
 * another thread) starts its own threads as before.
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

/* Workers 1..wanted run `loop` once per generation; the caller waits until
 * `running` is back to 0. All fields under `lock`. */
typedef struct {
    GMutex lock;
    GCond wake, done;
    guint n_workers;
    guint64 generation;
    Loop *loop;
    guint wanted, running;
} Pool;

static Pool pool;     /* zeroed statics are valid GMutex and GCond */
static GMutex in_use; /* held by the call that owns the pool */

typedef struct {
    guint thread;
    guint64 seen; /* the generation before this worker's first */
} PoolStart;

static gpointer pool_worker(gpointer data)
{
    PoolStart start = *(PoolStart *)data;
    g_free(data);
    guint64 seen = start.seen;
    g_mutex_lock(&pool.lock);
    for (;;) {
        while (pool.generation == seen)
            g_cond_wait(&pool.wake, &pool.lock);
        seen = pool.generation;
        if (start.thread > pool.wanted)
            continue;
        Loop *loop = pool.loop;
        g_mutex_unlock(&pool.lock);
        run_blocks(loop, start.thread);
        g_mutex_lock(&pool.lock);
        if (--pool.running == 0)
            g_cond_signal(&pool.done);
    }
    return NULL;
}

static void run_on_pool(Loop *loop, guint n_threads)
{
    g_mutex_lock(&pool.lock);
    for (; pool.n_workers + 1 < n_threads; pool.n_workers++) {
        PoolStart *start = g_new(PoolStart, 1);
        *start = (PoolStart){.thread = pool.n_workers + 1, .seen = pool.generation};
        g_thread_unref(g_thread_new("smm-worker", pool_worker, start));
    }
    pool.loop = loop;
    pool.wanted = pool.running = n_threads - 1;
    pool.generation++;
    g_cond_broadcast(&pool.wake);
    g_mutex_unlock(&pool.lock);

    run_blocks(loop, 0);

    g_mutex_lock(&pool.lock);
    while (pool.running > 0)
        g_cond_wait(&pool.done, &pool.lock);
    g_mutex_unlock(&pool.lock);
}

void smm_parallel_blocks(guint64 n_blocks, guint n_threads, SmmBlockFunc fn, gpointer ctx)
{
    Loop loop = {.n_blocks = n_blocks, .fn = fn, .ctx = ctx};
    atomic_init(&loop.next, 0);
    if (n_threads < 1)
        n_threads = 1;
    if ((guint64)n_threads > n_blocks)
        n_threads = n_blocks > 0 ? (guint)n_blocks : 1;
    if (n_threads == 1) {
        run_blocks(&loop, 0);
        return;
    }
    if (g_mutex_trylock(&in_use)) {
        run_on_pool(&loop, n_threads);
        g_mutex_unlock(&in_use);
        return;
    }

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
