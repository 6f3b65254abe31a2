/* json_lines.c - JSON lines read in blocks, parsed on several threads,
 * carried out in input order.
 *
 * yajl is most of a JSON import's time, and one line never needs another
 * to be parsed. So a reader thread cuts the input into blocks of whole
 * lines, parser threads turn blocks into tapes (json_tape.h) in any order,
 * and the calling thread takes the tapes in input order and does what
 * depends on order: records met twice, deletes, first or last handles,
 * counts, line numbers, and the batches to the importer. The result is the
 * same for any number of threads; with one, the same steps run in turn on
 * the calling thread.
 *
 * Memory: 2 * parsers + 2 blocks of about BLOCK_BYTES and their tapes. A
 * block holds at least one line, and lines may be long (up to
 * SMM_JSON_MAX_LINE): the reader waits while the blocks not yet carried
 * out hold more than HELD_MAX, and a block grown past 4 * BLOCK_BYTES gives
 * its buffer back once used.
 */
#include <string.h>

#include "handle_book.h"
#include "json_tape.h"
#include "smm/core.h"

#define BLOCK_BYTES (2u << 20)
#define SMM_JSON_MAX_LINE (256u << 20)
#define MAX_PARSERS 16
#define HELD_MAX ((guint64)SMM_JSON_MAX_LINE)

typedef struct {
    char *text;
    gsize len, cap;
    guint64 input_at;  /* bytes of the input read when the block was cut */
    gboolean too_long; /* the line after these is longer than SMM_JSON_MAX_LINE */
    GError *error;     /* reading failed after these lines */
    gboolean last;     /* the input ends here */
    JsonTape *tape;
    gboolean done; /* parsed (under Lines.lock) */
    gsize held;    /* its buffer's size when cut, counted in Lines.held */
} Block;

typedef struct {
    const char *path;
    const SmmCsvOptions *options;
    const SmmJsonColumns *cols;
    SmmByteSource *src;
    gsize target; /* a block's size */
    gsize piece;  /* > 0: the input is read this many bytes at a time (tests) */
    atomic_bool cancelled;
    atomic_uint_fast64_t bytes_read;

    /* the reader's */
    const char *chunk; /* what is left of the last chunk read */
    gsize chunk_len;
    guint64 newlines; /* in the input read so far: for the byte source's messages */
    gboolean eof;
    char *carry; /* a line begun at a block's end, for the next */
    gsize carry_len, carry_cap;

    /* with parser threads */
    GAsyncQueue *free_blocks, *work, *order;
    GMutex lock;
    GCond parsed;
    GCond room;   /* held went down */
    guint64 held; /* bytes of the blocks cut and not yet carried out (under lock) */

    /* the calling thread's */
    SmmCsvStats *stats;
    SmmBatchFunc fn;
    gpointer ctx;
    Batch *out;
    guint64 lines_before; /* lines of the blocks carried out */
    guint64 rows_out;     /* rows handed over */
    SmmSeenSet seen;      /* guards without remember */

    SmmKeyMap kept; /* guards with remember: key -> row ordinal + 1, 0 once taken back */
    SmmHandleBook handles;
    SmmNames *names;
} Lines;

static Block stop_marker;

/* ------------------------------------------------------------ the reader */

/* Room for len more bytes. */
static void block_reserve(Block *b, gsize len)
{
    if (b->len + len > b->cap) {
        b->cap = MAX(b->cap * 2, b->len + len);
        b->text = g_realloc(b->text, b->cap);
    }
}

static void block_append(Block *b, const char *s, gsize len)
{
    if (len == 0)
        return;
    block_reserve(b, len);
    memcpy(b->text + b->len, s, len);
    b->len += len;
}

static guint64 count_newlines(const char *s, gsize len)
{
    guint64 n = 0;
    for (const char *end = s + len; (s = memchr(s, '\n', (size_t)(end - s))) != NULL; s++)
        n++;
    return n;
}

/* The next stretch of input (piece-sized in tests); FALSE at the end or on
 * an error (in b). */
static gboolean next_input(Lines *L, Block *b)
{
    if (L->chunk_len == 0) {
        if (L->eof)
            return FALSE;
        GError *e = NULL;
        gssize got = smm_byte_source_read(L->src, &L->chunk, L->newlines + 1, &e);
        if (got < 0) {
            b->error = e;
            L->eof = TRUE;
            return FALSE;
        }
        atomic_store(&L->bytes_read, smm_byte_source_offset(L->src));
        if (got == 0) {
            L->eof = TRUE;
            return FALSE;
        }
        L->chunk_len = (gsize)got;
        L->newlines += count_newlines(L->chunk, L->chunk_len);
    }
    return TRUE;
}

/* Fills b with whole lines: the carry, then input until the block is big
 * enough and a line ends. */
static void cut_block(Lines *L, Block *b)
{
    if (b->cap > 4 * (gsize)L->target) { /* a long line's: not kept for short ones */
        g_free(b->text);
        b->text = NULL;
        b->cap = 0;
    }
    b->len = 0;
    b->too_long = b->last = FALSE;
    b->error = NULL;
    b->done = FALSE;
    block_append(b, L->carry, L->carry_len);
    L->carry_len = 0;
    gsize scanned = 0; /* bytes of b known to hold no newline, from the last one found */
    const char *last_nl = NULL;
    for (;;) {
        if (b->len >= L->target) {
            const char *nl = memrchr(b->text + scanned, '\n', b->len - scanned);
            if (nl != NULL) {
                last_nl = nl;
                break;
            }
            scanned = b->len;
            if (b->len > SMM_JSON_MAX_LINE) {
                b->len = 0;
                b->too_long = TRUE;
                return;
            }
        }
        if (L->chunk_len == 0 && !L->eof && L->piece == 0 && smm_byte_source_direct(L->src)) {
            /* straight into the block, without a copy */
            gsize want = b->len < L->target ? L->target - b->len : L->target;
            block_reserve(b, want);
            GError *e = NULL;
            gssize got =
                smm_byte_source_read_into(L->src, b->text + b->len, want, L->newlines + 1, &e);
            if (got < 0)
                b->error = e;
            if (got <= 0) {
                L->eof = TRUE;
                break;
            }
            atomic_store(&L->bytes_read, smm_byte_source_offset(L->src));
            L->newlines += count_newlines(b->text + b->len, (gsize)got);
            b->len += (gsize)got;
            continue;
        }
        if (!next_input(L, b))
            break;
        gsize take = L->piece > 0 ? MIN(L->piece, L->chunk_len) : L->chunk_len;
        if (b->len < L->target)
            take = MIN(take, L->target - b->len);
        block_append(b, L->chunk, take);
        L->chunk += take;
        L->chunk_len -= take;
    }
    b->input_at = atomic_load(&L->bytes_read);
    if (b->error != NULL) {
        /* the lines read whole are parsed; the one cut by the error is not */
        const char *nl = b->len > 0 ? memrchr(b->text, '\n', b->len) : NULL;
        b->len = nl != NULL ? (gsize)(nl - b->text) + 1 : 0;
        return;
    }
    if (last_nl == NULL) { /* the end of the input: the rest is its last lines */
        b->last = TRUE;
        return;
    }
    gsize keep = (gsize)(last_nl - b->text) + 1;
    gsize rest = b->len - keep;
    if (rest > L->carry_cap) {
        L->carry_cap = MAX(2 * L->carry_cap, rest);
        L->carry = g_realloc(L->carry, L->carry_cap);
    }
    if (rest > 0)
        memcpy(L->carry, b->text + keep, rest);
    L->carry_len = rest;
    b->len = keep;
}

/* ------------------------------------------------------- carrying it out */

static gboolean send_out(Lines *L, GError **error)
{
    SmmRowBatch view = smm_batch_view(L->out);
    gboolean ok = L->fn(&view, L->ctx, error);
    smm_batch_reset(L->out);
    return ok;
}

static void copy_row(Lines *L, const Batch *in, guint r, guint64 base)
{
    Batch *o = L->out;
    if (G_UNLIKELY(o->n_rows == o->rows_cap))
        smm_batch_rows_grow(o, o->rows_cap * 2);
    guint n = o->n_cols, from = r * n, to = o->n_rows * n;
    for (guint c = 0; c < n; c++) {
        guint32 len = in->len[from + c];
        o->start[to + c] = len > 0 ? batch_put(o, in->bytes + in->start[from + c], len) : 0;
        o->len[to + c] = len;
        o->hash[to + c] = in->hash[from + c];
    }
    o->line[o->n_rows++] = base + in->line[r];
}

static void add_drop(Batch *b, guint64 ordinal)
{
    if (b->n_drops == b->drops_cap) {
        b->drops_cap = MAX(16, 2 * b->drops_cap);
        b->drops = g_renew(guint64, b->drops, b->drops_cap);
    }
    b->drops[b->n_drops++] = ordinal;
}

static gboolean add_handle(Lines *L, const Step *s, const char *text, GError **error)
{
    const char *id = text + s->a; /* "ID\0HANDLE\0", s->n bytes */
    gsize id_len = strlen(id);
    return smm_handle_book_add(&L->handles, s->key, id, id_len, id + id_len + 1, s->n - id_len - 2,
                               s->flag, error);
}

/* A guard's verdict: TRUE when its record is new. */
static gboolean guard_passes(Lines *L, const Step *s, gboolean *ok, GError **error)
{
    if (s->flag) {
        gboolean added;
        SmmKeySlot *slot = smm_key_map_put(&L->kept, s->key, &added, error);
        if (slot == NULL)
            return *ok = FALSE;
        if (added)
            slot->value = L->rows_out + 1;
        return added;
    }
    int added = smm_seen_set_add(&L->seen, s->key, error);
    if (added < 0)
        return *ok = FALSE;
    return added == 1;
}

/* Carries out block b's tape, after the blocks before it. */
static gboolean carry_out(Lines *L, Block *b, GError **error)
{
    const JsonTape *t = b->tape;
    const guint64 base = L->lines_before;
    const Step *steps = (const Step *)(void *)t->steps->data;
    guint row = 0;
    gboolean skipping = FALSE, ok = TRUE;
    L->out->input_at = b->input_at;
    L->out->input_size = smm_byte_source_size(L->src);
    for (guint i = 0; i < t->steps->len; i++) {
        const Step *s = &steps[i];
        switch ((StepKind)s->kind) {
        case STEP_ROW:
            if (!skipping) {
                copy_row(L, t->rows, row, base);
                L->rows_out++;
                L->stats->data_rows++;
                if (batch_full(L->out) && !send_out(L, error))
                    return FALSE;
            }
            row++;
            break;
        case STEP_LEFT_OUT:
            if (!skipping)
                smm_csv_stats_left_out(L->stats, s->why);
            break;
        case STEP_GUARD:
            skipping = !guard_passes(L, s, &ok, error);
            if (!ok)
                return FALSE;
            if (skipping)
                smm_csv_stats_left_out(L->stats, s->why);
            break;
        case STEP_GUARD_END: skipping = FALSE; break;
        case STEP_TAKE_BACK: {
            SmmKeySlot *slot = smm_key_map_get(&L->kept, s->key);
            if (slot == NULL || slot->value == 0) {
                smm_csv_stats_left_out(L->stats, s->why);
            } else {
                add_drop(L->out, slot->value - 1);
                slot->value = 0;
            }
            break;
        }
        case STEP_HANDLE:
            if (!skipping && !add_handle(L, s, t->text->str, error))
                return FALSE;
            break;
        case STEP_FAIL:
            if (!skipping) {
                g_set_error(error, SMM_ERROR, s->error->code, "%s:%" G_GUINT64_FORMAT ": %s",
                            L->path, base + s->line, s->error->message);
                return FALSE;
            }
            break;
        }
    }
    L->lines_before += t->lines;
    L->stats->records += t->records;
    L->stats->blank_lines += t->blank_lines;
    if (b->too_long) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_PARSE,
                    "%s:%" G_GUINT64_FORMAT ": the line is longer than %u MiB", L->path,
                    L->lines_before + 1, SMM_JSON_MAX_LINE >> 20);
        return FALSE;
    }
    if (b->error != NULL) {
        g_propagate_error(error, b->error);
        b->error = NULL;
        return FALSE;
    }
    smm_progress_report(L->options->progress, L->path, (double)atomic_load(&L->bytes_read),
                        (double)smm_byte_source_size(L->src), "bytes");
    return TRUE;
}

static gboolean finish(Lines *L, GError **error)
{
    L->stats->lines = L->lines_before;
    if (L->stats->records == 0) {
        g_set_error(error, SMM_ERROR, SMM_ERROR_DATA, "%s: no data: %s", L->path,
                    L->lines_before > 0 ? "the file has only blank lines" : "the file is empty");
        return FALSE;
    }
    if (L->out->n_rows > 0 || L->out->n_drops > 0)
        return send_out(L, error);
    return TRUE;
}

/* --------------------------------------------------------------- threads */

typedef struct {
    Lines *L;
    const SmmJsonExtractor *extractor;
    gconstpointer config;
} ParserArgs;

static gpointer parser_main(gpointer data)
{
    ParserArgs *a = data;
    Lines *L = a->L;
    SmmJsonReader *r = smm_json_reader_new(L->cols, a->extractor, a->config);
    for (;;) {
        Block *b = g_async_queue_pop(L->work);
        if (b == &stop_marker)
            break;
        if (!atomic_load(&L->cancelled))
            smm_json_reader_parse(r, b->text, b->len, b->tape);
        g_mutex_lock(&L->lock);
        b->done = TRUE;
        g_cond_broadcast(&L->parsed);
        g_mutex_unlock(&L->lock);
    }
    smm_json_reader_free(r);
    return NULL;
}

static gpointer reader_main(gpointer data)
{
    Lines *L = data;
    for (;;) {
        Block *b = g_async_queue_pop(L->free_blocks);
        g_mutex_lock(&L->lock);
        while (L->held > HELD_MAX && !atomic_load(&L->cancelled))
            g_cond_wait(&L->room, &L->lock);
        g_mutex_unlock(&L->lock);
        if (atomic_load(&L->cancelled)) {
            b->len = 0;
            b->last = TRUE;
            b->done = FALSE;
        } else {
            cut_block(L, b);
        }
        g_mutex_lock(&L->lock);
        b->held = b->cap;
        L->held += b->held;
        g_mutex_unlock(&L->lock);
        g_async_queue_push(L->order, b);
        g_async_queue_push(L->work, b);
        if (b->last || b->too_long || b->error != NULL)
            return NULL;
    }
}

static Block *block_new(guint n_cols)
{
    Block *b = g_new0(Block, 1);
    b->tape = smm_json_tape_new(n_cols);
    return b;
}

static void block_free(Block *b)
{
    if (b == NULL)
        return;
    g_free(b->text);
    if (b->error != NULL)
        g_error_free(b->error);
    smm_json_tape_free(b->tape);
    g_free(b);
}

static gboolean run_threaded(Lines *L, guint n_parsers, const SmmJsonExtractor *extractor,
                             gconstpointer config, GError **error)
{
    L->free_blocks = g_async_queue_new();
    L->work = g_async_queue_new();
    L->order = g_async_queue_new();
    g_mutex_init(&L->lock);
    g_cond_init(&L->parsed);
    g_cond_init(&L->room);
    guint n_blocks = 2 * n_parsers + 2;
    Block **blocks = g_new0(Block *, n_blocks);
    for (guint i = 0; i < n_blocks; i++) {
        blocks[i] = block_new(L->cols->n_cols);
        g_async_queue_push(L->free_blocks, blocks[i]);
    }
    ParserArgs args = {L, extractor, config};
    GThread **parsers = g_new0(GThread *, n_parsers);
    for (guint i = 0; i < n_parsers; i++)
        parsers[i] = g_thread_new("smm-json", parser_main, &args);
    GThread *reader = g_thread_new("smm-read", reader_main, L);

    gboolean ok = TRUE, more = TRUE;
    while (more) {
        Block *b = g_async_queue_pop(L->order);
        g_mutex_lock(&L->lock);
        while (!b->done)
            g_cond_wait(&L->parsed, &L->lock);
        g_mutex_unlock(&L->lock);
        more = !(b->last || b->too_long || b->error != NULL);
        if (ok && !carry_out(L, b, error)) {
            ok = FALSE;
            atomic_store(&L->cancelled, TRUE);
        }
        smm_json_tape_reset(b->tape);
        g_mutex_lock(&L->lock);
        L->held -= b->held;
        g_cond_signal(&L->room);
        g_mutex_unlock(&L->lock);
        g_async_queue_push(L->free_blocks, b);
    }
    if (ok)
        ok = finish(L, error);
    g_thread_join(reader);
    for (guint i = 0; i < n_parsers; i++)
        g_async_queue_push(L->work, &stop_marker);
    for (guint i = 0; i < n_parsers; i++)
        g_thread_join(parsers[i]);
    g_free(parsers);
    for (guint i = 0; i < n_blocks; i++)
        block_free(blocks[i]);
    g_free(blocks);
    g_async_queue_unref(L->free_blocks);
    g_async_queue_unref(L->work);
    g_async_queue_unref(L->order);
    g_mutex_clear(&L->lock);
    g_cond_clear(&L->parsed);
    g_cond_clear(&L->room);
    return ok;
}

static gboolean run_inline(Lines *L, const SmmJsonExtractor *extractor, gconstpointer config,
                           GError **error)
{
    SmmJsonReader *r = smm_json_reader_new(L->cols, extractor, config);
    Block *b = block_new(L->cols->n_cols);
    gboolean ok = TRUE, more = TRUE;
    while (ok && more) {
        cut_block(L, b);
        more = !(b->last || b->too_long || b->error != NULL);
        smm_json_reader_parse(r, b->text, b->len, b->tape);
        ok = carry_out(L, b, error);
        smm_json_tape_reset(b->tape);
    }
    if (ok)
        ok = finish(L, error);
    block_free(b);
    smm_json_reader_free(r);
    return ok;
}

gboolean smm_json_read_from(SmmByteSource *src, const char *path, const SmmCsvOptions *options,
                            const SmmJsonColumns *cols, const SmmJsonExtractor *extractor,
                            gconstpointer config, SmmBatchFunc fn, gpointer ctx, SmmCsvStats *stats,
                            SmmNames *names, GError **error)
{
    Lines L = {
        .path = smm_display_name(path),
        .options = options,
        .cols = cols,
        .src = src,
        .piece = options->piece_bytes,
        .stats = stats,
        .fn = fn,
        .ctx = ctx,
        .names = names,
    };
    L.target = L.piece > 0 ? L.piece : BLOCK_BYTES;
    atomic_init(&L.cancelled, FALSE);
    atomic_init(&L.bytes_read, 0);
    L.out = smm_batch_new(cols->n_cols);
    smm_handle_book_init(&L.handles);
    smm_seen_set_init(&L.seen);
    for (guint c = 0; c < cols->n_cols; c++)
        stats->column_index[c] = c + 1;
    guint n_parsers = MIN(options->n_threads, MAX_PARSERS);
    gboolean ok = n_parsers > 1 ? run_threaded(&L, n_parsers, extractor, config, error)
                                : run_inline(&L, extractor, config, error);
    if (ok)
        smm_handle_book_label(&L.handles, L.names);
    smm_batch_free(L.out);
    smm_handle_book_clear(&L.handles);
    smm_seen_set_clear(&L.seen);
    smm_key_map_clear(&L.kept);
    g_free(L.carry);
    smm_byte_source_close(src);
    return ok;
}
