/* test_parallel.c - the block loop: every block runs exactly once, on a
 * thread numbered below the count asked for, across many calls that reuse
 * the kept workers, with the thread count changing between calls, from
 * inside a block (nested) and from two threads at once. */
#include <stdatomic.h>

#include "smm/parallel.h"

typedef struct {
    guint64 n_blocks;
    guint n_threads;
    atomic_uint *runs;        /* per block */
    atomic_uint bad_thread;   /* blocks run on a thread >= n_threads */
    atomic_uint threads_seen; /* bit t set when thread t ran a block */
    gboolean nest;            /* each block runs a small loop itself */
} Count;

static void check_runs(const Count *c)
{
    for (guint64 b = 0; b < c->n_blocks; b++)
        g_assert_cmpuint(atomic_load(&c->runs[b]), ==, 1);
    g_assert_cmpuint(atomic_load(&c->bad_thread), ==, 0);
}

static void count_block(guint64 block, guint thread, gpointer data);

static Count *count_new(guint64 n_blocks, guint n_threads)
{
    Count *c = g_new0(Count, 1);
    c->n_blocks = n_blocks;
    c->n_threads = n_threads;
    c->runs = g_new0(atomic_uint, MAX(n_blocks, 1));
    return c;
}

static void count_free(Count *c)
{
    g_free(c->runs);
    g_free(c);
}

static void count_run(Count *c)
{
    smm_parallel_blocks(c->n_blocks, c->n_threads, count_block, c);
    check_runs(c);
}

static void count_block(guint64 block, guint thread, gpointer data)
{
    Count *c = data;
    atomic_fetch_add(&c->runs[block], 1);
    if (thread >= c->n_threads)
        atomic_fetch_add(&c->bad_thread, 1);
    if (thread < 32)
        atomic_fetch_or(&c->threads_seen, 1u << thread);
    if (c->nest) {
        Count *inner = count_new(7, 2);
        count_run(inner);
        count_free(inner);
    }
}

static void test_many_calls(void)
{
    static const guint threads[] = {2, 3, 1, 5, 2, 4, 2};
    for (guint round = 0; round < 2000; round++) {
        guint t = threads[round % G_N_ELEMENTS(threads)];
        Count *c = count_new(round % 17, t); /* 0 blocks included */
        count_run(c);
        count_free(c);
    }
}

/* With enough slow blocks every thread asked for takes part. */
static void spin_block(guint64 block, guint thread, gpointer data)
{
    count_block(block, thread, data);
    g_usleep(2000);
}

static void test_all_threads_work(void)
{
    Count *c = count_new(64, 4);
    smm_parallel_blocks(c->n_blocks, c->n_threads, spin_block, c);
    check_runs(c);
    g_assert_cmpuint(atomic_load(&c->threads_seen), ==, 0xfu);
    count_free(c);
}

static void test_nested(void)
{
    Count *c = count_new(40, 3);
    c->nest = TRUE;
    count_run(c);
    count_free(c);
}

static gpointer caller(gpointer data)
{
    (void)data;
    for (guint round = 0; round < 300; round++) {
        Count *c = count_new(33, 2 + round % 3);
        count_run(c);
        count_free(c);
    }
    return NULL;
}

static void test_two_callers(void)
{
    GThread *a = g_thread_new("caller-a", caller, NULL);
    GThread *b = g_thread_new("caller-b", caller, NULL);
    g_thread_join(a);
    g_thread_join(b);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/parallel/many-calls", test_many_calls);
    g_test_add_func("/parallel/all-threads-work", test_all_threads_work);
    g_test_add_func("/parallel/nested", test_nested);
    g_test_add_func("/parallel/two-callers", test_two_callers);
    return g_test_run();
}
