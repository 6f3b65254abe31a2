/* batch_pipe.c - batches from a reader to an importer, in input order, on
 * one thread or two. Memory: IN_FLIGHT + 1 batches of at most BATCH_ROWS
 * rows (they start at 256 rows and grow, so small files allocate little). */
#include "batch_pipe.h"

#include "smm/core.h"

void smm_batch_rows_grow(Batch *b, guint cap)
{
    gsize cells = (gsize)cap * MAX(b->n_cols, 1), old = (gsize)b->rows_cap * MAX(b->n_cols, 1);
    b->start = g_renew(guint32, b->start, 2 * cells);
    memmove(b->start + cells, b->start + old, old * sizeof(guint32));
    b->len = b->start + cells;
    b->rows_cap = cap;
    b->line = g_renew(guint64, b->line, cap);
    b->hash = g_renew(guint64, b->hash, cells);
}

Batch *smm_batch_new(guint n_cols)
{
    Batch *b = g_new0(Batch, 1);
    b->n_cols = n_cols;
    smm_batch_rows_grow(b, 256);
    b->bytes_cap = 1u << 14; /* grows to what a batch needs, once */
    b->bytes = g_malloc(b->bytes_cap);
    b->bytes[0] = '\0'; /* offset 0: the empty field of absent columns */
    b->bytes_len = 1;
    return b;
}

void smm_batch_reset(Batch *b)
{
    b->n_rows = 0;
    b->bytes_len = 1;
    b->n_drops = 0;
}

void smm_batch_free(Batch *b)
{
    if (b == NULL)
        return;
    g_free(b->line);
    g_free(b->start); /* and len */
    g_free(b->hash);
    g_free(b->bytes);
    g_free(b->drops);
    g_free(b);
}

SmmRowBatch smm_batch_view(const Batch *b)
{
    return (SmmRowBatch){.n_rows = b->n_rows,
                         .n_cols = b->n_cols,
                         .line = b->line,
                         .start = b->start,
                         .len = b->len,
                         .hash = b->hash,
                         .bytes = b->bytes,
                         .input_at = b->input_at,
                         .input_size = b->input_size,
                         .drops = b->drops,
                         .n_drops = b->n_drops};
}

/* A batch pointer with this value in the queue marks the reader's end. */
static Batch end_marker;

void smm_batch_pipe_init(SmmBatchPipe *p, const char *path, guint n_cols, guint n_threads,
                         SmmBatchFunc fn, gpointer ctx, const SmmProgress *progress,
                         guint64 input_size)
{
    memset(p, 0, sizeof *p);
    p->path = path;
    p->n_cols = n_cols;
    p->fn = fn;
    p->ctx = ctx;
    p->progress = progress;
    p->input_size = input_size;
    p->threaded = n_threads > 1;
    atomic_init(&p->cancelled, FALSE);
    atomic_init(&p->bytes_read, 0);
    p->batch = smm_batch_new(n_cols);
}

/* Consumer thread: how far the reading is. */
static void report(SmmBatchPipe *p)
{
    smm_progress_report(p->progress, p->path, (double)atomic_load(&p->bytes_read),
                        (double)p->input_size, "bytes");
}

gssize smm_batch_pipe_read(SmmBatchPipe *p, SmmByteSource *src, guint64 line, const char **chunk,
                           GError **error)
{
    gssize len = smm_byte_source_read(src, chunk, line, error);
    if (len >= 0)
        atomic_store(&p->bytes_read, smm_byte_source_offset(src));
    return len;
}

GError *smm_batch_pipe_send(SmmBatchPipe *p)
{
    p->batch->input_at = atomic_load(&p->bytes_read);
    p->batch->input_size = p->input_size;
    if (!p->threaded) {
        SmmRowBatch view = smm_batch_view(p->batch);
        GError *e = NULL;
        if (!p->fn(&view, p->ctx, &e))
            atomic_store(&p->cancelled, TRUE);
        smm_batch_reset(p->batch);
        report(p);
        return e;
    }
    g_async_queue_push(p->full, p->batch);
    p->batch = g_async_queue_pop(p->empty);
    smm_batch_reset(p->batch);
    return NULL;
}

typedef struct {
    SmmBatchPipe *pipe;
    void (*read)(gpointer);
    gpointer data;
} Producer;

static gpointer producer_main(gpointer data)
{
    Producer *pr = data;
    pr->read(pr->data);
    g_async_queue_push(pr->pipe->full, &end_marker);
    return NULL;
}

/* Consumes batches until the reader's end marker; returns the first error
 * of the consumer, if any (it precedes any error of the reader in input
 * order). */
static GError *consume(SmmBatchPipe *p)
{
    GError *first = NULL;
    for (;;) {
        Batch *b = g_async_queue_pop(p->full);
        if (b == &end_marker)
            return first;
        if (first == NULL) {
            SmmRowBatch view = smm_batch_view(b);
            if (!p->fn(&view, p->ctx, &first))
                atomic_store(&p->cancelled, TRUE);
        }
        g_async_queue_push(p->empty, b);
        report(p);
    }
}

GError *smm_batch_pipe_run(SmmBatchPipe *p, void (*read)(gpointer data), gpointer data)
{
    if (!p->threaded) {
        read(data);
        return NULL;
    }
    p->full = g_async_queue_new();
    p->empty = g_async_queue_new();
    for (int i = 0; i < IN_FLIGHT; i++)
        g_async_queue_push(p->empty, smm_batch_new(p->n_cols));
    Producer pr = {p, read, data};
    GThread *producer = g_thread_new("smm-read", producer_main, &pr);
    GError *error = consume(p);
    g_thread_join(producer);
    return error;
}

void smm_batch_pipe_clear(SmmBatchPipe *p)
{
    smm_batch_free(p->batch);
    if (p->empty != NULL) {
        Batch *b;
        while ((b = g_async_queue_try_pop(p->empty)) != NULL)
            smm_batch_free(b);
        g_async_queue_unref(p->empty);
    }
    if (p->full != NULL)
        g_async_queue_unref(p->full);
    memset(p, 0, sizeof *p);
}
