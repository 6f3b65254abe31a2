/* batch_pipe.h - rows handed to an importer in batches, in input order.
 *
 * The CSV reader fills the current batch with the selected fields of each
 * row and sends it when full; the importer's SmmBatchFunc consumes it.
 * With two threads the reader runs on a second one and batches cross over
 * a queue (IN_FLIGHT of them), so the importer sees them in input order
 * either way. The JSON reader (json_lines.c) fills the same Batch and has
 * its own threads. Private to the import stage.
 */
#ifndef SMM_BATCH_PIPE_H
#define SMM_BATCH_PIPE_H

#include <stdatomic.h>
#include <string.h>

#include "byte_source.h"
#include "smm/csv_reader.h"

#define BATCH_ROWS 16384
#define BATCH_BYTES (1u << 30) /* keeps offsets far from 2^32 whatever the field sizes */
#define IN_FLIGHT 4

typedef struct {
    guint n_rows;
    guint rows_cap; /* grows to BATCH_ROWS: small files allocate little */
    guint n_cols;
    guint64 *line;
    guint32 *start;
    guint32 *len;
    guint64 *hash;
    char *bytes;
    gsize bytes_len;
    gsize bytes_cap;
    guint64 input_at, input_size; /* bytes of the input read when the batch was sent, of all */
    guint64 *drops;               /* ordinals of earlier rows the input took back */
    guint n_drops, drops_cap;
} Batch;

Batch *smm_batch_new(guint n_cols);
/* Empties b for the next rows. */
void smm_batch_reset(Batch *b);
void smm_batch_free(Batch *b);
/* The importer's view of b. */
SmmRowBatch smm_batch_view(const Batch *b);

/* Room for `cap` rows. Starts and lengths share one array, lengths after
 * the starts at a distance of cap * n_cols, which hot loops rely on. */
void smm_batch_rows_grow(Batch *b, guint cap);

/* A NUL-terminated copy of a field at d (len + 1 bytes). Fields of 8 to 16
 * bytes (most names) are copied as two overlapping words. */
static inline void copy_field(char *d, const char *s, gsize len)
{
    if (len >= 8 && len <= 16) {
        memcpy(d, s, 8);
        memcpy(d + len - 8, s + len - 8, 8);
    } else {
        memcpy(d, s, len);
    }
    d[len] = '\0';
}

/* Appends a NUL-terminated copy of the field; returns its offset. Offset 0
 * is the empty field. */
static inline guint32 batch_put(Batch *b, const char *s, gsize len)
{
    if (G_UNLIKELY(b->bytes_len + len + 1 > b->bytes_cap)) {
        while (b->bytes_len + len + 1 > b->bytes_cap)
            b->bytes_cap *= 2;
        b->bytes = g_realloc(b->bytes, b->bytes_cap);
    }
    guint32 at = (guint32)b->bytes_len;
    copy_field(b->bytes + at, s, len);
    b->bytes_len += len + 1;
    return at;
}

static inline gboolean batch_full(const Batch *b)
{
    return b->n_rows == BATCH_ROWS || b->bytes_len > BATCH_BYTES;
}

typedef struct {
    const char *path; /* for progress */
    guint n_cols;
    SmmBatchFunc fn;
    gpointer ctx;
    const SmmProgress *progress;
    guint64 input_size; /* 0: unknown */

    Batch *batch; /* the one the reader fills */
    gboolean threaded;
    GAsyncQueue *full;
    GAsyncQueue *empty;
    atomic_bool cancelled;           /* the consumer failed: the reader may stop */
    atomic_uint_fast64_t bytes_read; /* the reader's position in the input */
} SmmBatchPipe;

/* n_threads > 1: smm_batch_pipe_run() runs the reader on a second thread. */
void smm_batch_pipe_init(SmmBatchPipe *p, const char *path, guint n_cols, guint n_threads,
                         SmmBatchFunc fn, gpointer ctx, const SmmProgress *progress,
                         guint64 input_size);
/* Runs read(data) (on a second thread when threaded) while this thread
 * consumes; returns the consumer's first error, or NULL. The reader sends
 * its last batch itself. */
GError *smm_batch_pipe_run(SmmBatchPipe *p, void (*read)(gpointer data), gpointer data);
/* Reader side: hands the current batch over and starts the next. Without
 * a second thread the consumer runs now, and its error is returned (the
 * reader keeps it as its own); NULL otherwise. */
GError *smm_batch_pipe_send(SmmBatchPipe *p);
static inline gboolean smm_batch_pipe_cancelled(SmmBatchPipe *p)
{
    return atomic_load(&p->cancelled);
}
/* Reader side: the next chunk of src (its length; 0 at the end, -1 with
 * error set), the pipe told how far the reading is (for progress and the
 * memory projection). `line` is the current line, for messages. */
gssize smm_batch_pipe_read(SmmBatchPipe *p, SmmByteSource *src, guint64 line, const char **chunk,
                           GError **error);
void smm_batch_pipe_clear(SmmBatchPipe *p);

#endif
