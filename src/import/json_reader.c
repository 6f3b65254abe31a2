/* json_reader.c - JSON lines through yajl's event parser into row batches.
 *
 * yajl was measured against json-glib, jansson, json-c and yajl's own tree
 * on 1 GB of twarc2 pages and of Jetstream events (HACKING.md): its event
 * parser, which builds no tree, was 2.6 to 8 times faster than the others,
 * and the extractors only ever want a dozen fields of a page.
 *
 * One parser handle reads the whole input with yajl_allow_multiple_values;
 * the path stack here (not yajl) says where a value ends, so a line with
 * two values, or a value that runs past its line, is an error naming the
 * line. Lines are split here, and a line longer than SMM_JSON_MAX_LINE is
 * refused while it grows.
 */
#include "json_reader.h"

#include <string.h>
#include <yajl/yajl_parse.h>

#include "batch_pipe.h"
#include "smm/core.h"
#include "smm/names.h"

#define SMM_JSON_MAX_LINE (256u << 20)
#define MAX_DEPTH 256

typedef struct {
    int ctx; /* the extractor's context; 0: skipped */
    int key; /* the current key's id in a map */
    gboolean is_map;
} Level;

struct SmmJsonReader {
    const char *path;
    const SmmJsonColumns *cols;
    const SmmJsonExtractor *ex_fn;
    gpointer ex;
    SmmCsvStats *stats;
    SmmByteSource *src;
    gsize piece; /* >0: lines are split at most this many bytes at a time (tests) */
    SmmBatchPipe pipe;
    yajl_handle yajl;

    guint64 line; /* the line being parsed */
    guint64 rows; /* rows emitted */
    Level stack[MAX_DEPTH];
    int depth;      /* levels open */
    int skip;       /* levels open inside a skipped container */
    guint values;   /* values ended on this line */
    GString *carry; /* a line cut by the end of a chunk */
    GError *error;  /* the first problem, the reader's side */
};

void smm_json_error(const SmmJsonReader *r, GError **error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree gchar *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_set_error(error, SMM_ERROR, SMM_ERROR_PARSE, "%s:%" G_GUINT64_FORMAT ": %s", r->path, r->line,
                msg);
}

guint64 smm_json_rows(const SmmJsonReader *r)
{
    return r->rows;
}

guint64 smm_json_line(const SmmJsonReader *r)
{
    return r->line;
}

const char *smm_json_path(const SmmJsonReader *r)
{
    return r->path;
}

static void fail(SmmJsonReader *r, GError *e)
{
    if (r->error == NULL)
        r->error = e;
    else
        g_error_free(e);
}

static gboolean check_name(SmmJsonReader *r, guint c, const char *s, gsize len, GError **error)
{
    const char *what = r->cols->what[c];
    if (len == 0) {
        smm_json_error(r, error, "the %s is empty; every record needs one", what);
        return FALSE;
    }
    if (memchr(s, '\0', len) != NULL) {
        smm_json_error(r, error, "the %s contains a NUL character (\\u0000)", what);
        return FALSE;
    }
    /* yajl lets overlong forms and encoded surrogates through */
    const char *end;
    if (!g_utf8_validate_len(s, len, &end)) {
        smm_json_error(r, error, "the %s is not valid UTF-8 (byte 0x%02X at position %u)", what,
                       (guchar)*end, (guint)(end - s) + 1);
        return FALSE;
    }
    if (memmem(s, len, "\xEF\xBB\xBF", 3) != NULL) {
        smm_json_error(r, error, "the %s contains a byte-order mark (U+FEFF)", what);
        return FALSE;
    }
    if (len > SMM_CSV_MAX_FIELD) {
        smm_json_error(r, error, "the %s is longer than %u bytes", what, SMM_CSV_MAX_FIELD);
        return FALSE;
    }
    return TRUE;
}

gboolean smm_json_emit(SmmJsonReader *r, const char *const *fields, const gsize *lens,
                       GError **error)
{
    Batch *b = r->pipe.batch;
    guint n = r->cols->n_cols;
    for (guint c = 0; c < n; c++)
        if (r->cols->interned[c] && !check_name(r, c, fields[c] != NULL ? fields[c] : "",
                                                fields[c] != NULL ? lens[c] : 0, error))
            return FALSE;
    if (G_UNLIKELY(b->n_rows == b->rows_cap))
        smm_batch_rows_grow(b, b->rows_cap * 2);
    guint base = b->n_rows * b->n_cols;
    for (guint c = 0; c < n; c++) {
        gsize len = fields[c] != NULL ? lens[c] : 0;
        b->start[base + c] = len > 0 ? batch_put(b, fields[c], len) : 0;
        b->len[base + c] = (guint32)len;
        if (r->cols->interned[c])
            b->hash[base + c] = smm_names_hash(fields[c], (guint32)len);
    }
    b->line[b->n_rows++] = r->line;
    r->rows++;
    r->stats->data_rows++;
    if (batch_full(b) || b->n_rows == BATCH_ROWS) {
        GError *e = smm_batch_pipe_send(&r->pipe);
        if (e != NULL) {
            g_propagate_error(error, e);
            return FALSE;
        }
    }
    return TRUE;
}

gboolean smm_json_emit_text(SmmJsonReader *r, const char *a, const char *b, const char *c,
                            const char *d, GError **error)
{
    const char *f[4] = {a, b, c, d};
    gsize len[4];
    for (guint i = 0; i < 4; i++)
        len[i] = f[i] != NULL ? strlen(f[i]) : 0;
    return smm_json_emit(r, f, len, error);
}

void smm_json_label(GHashTable *handles, SmmNames *names)
{
    GHashTableIter it;
    gpointer name, handle;
    g_hash_table_iter_init(&it, handles);
    while (g_hash_table_iter_next(&it, &name, &handle)) {
        guint32 account;
        if (smm_names_lookup(names, name, (guint32)strlen(name), &account))
            smm_names_set_label(names, account, handle, strlen(handle));
    }
}

void smm_json_drop(SmmJsonReader *r, guint64 ordinal)
{
    Batch *b = r->pipe.batch;
    if (b->n_drops == b->drops_cap) {
        b->drops_cap = MAX(16, 2 * b->drops_cap);
        b->drops = g_renew(guint64, b->drops, b->drops_cap);
    }
    b->drops[b->n_drops++] = ordinal;
}

/* ------------------------------------------------------------ yajl events */

static Level *top(SmmJsonReader *r)
{
    return &r->stack[r->depth - 1];
}

/* The key a value at this point is met under. */
static int value_key(SmmJsonReader *r)
{
    if (r->depth == 0)
        return SMM_JSON_ROOT;
    return top(r)->is_map ? top(r)->key : SMM_JSON_ELEMENT;
}

static int parent_ctx(SmmJsonReader *r)
{
    return r->depth == 0 ? 0 : top(r)->ctx;
}

static int value_ended(SmmJsonReader *r)
{
    if (r->depth > 0)
        return 1;
    r->values++;
    if (r->values > 1) {
        GError *e = NULL;
        smm_json_error(r, &e, "two JSON values on one line; JSON lines hold one a line");
        fail(r, e);
        return 0;
    }
    if (r->ex_fn->record != NULL) {
        GError *e = NULL;
        if (!r->ex_fn->record(r->ex, r, &e)) {
            fail(r, e);
            return 0;
        }
    }
    return 1;
}

static int on_scalar(SmmJsonReader *r, SmmJsonType type, const char *s, gsize len)
{
    if (r->skip == 0) {
        int ctx = parent_ctx(r), key = value_key(r);
        if (r->depth == 0 || (ctx != 0 && key != 0))
            r->ex_fn->scalar(r->ex, ctx, key, type, s, len);
    }
    return value_ended(r);
}

static int cb_null(void *u)
{
    return on_scalar(u, SMM_JSON_NULL, "null", 4);
}

static int cb_boolean(void *u, int v)
{
    return on_scalar(u, SMM_JSON_BOOL, v ? "true" : "false", v ? 4 : 5);
}

static int cb_number(void *u, const char *s, size_t len)
{
    return on_scalar(u, SMM_JSON_NUMBER, s, len);
}

static int cb_string(void *u, const unsigned char *s, size_t len)
{
    return on_scalar(u, SMM_JSON_STRING, (const char *)s, len);
}

static int open_level(SmmJsonReader *r, gboolean is_map)
{
    if (r->skip > 0) {
        r->skip++;
        return 1;
    }
    int ctx = 0, key = value_key(r), parent = parent_ctx(r);
    if (r->depth == 0 || (parent != 0 && key != 0))
        ctx = r->ex_fn->enter(r->ex, parent, key, is_map);
    if (ctx == 0 && r->depth > 0) {
        r->skip = 1;
        return 1;
    }
    if (r->depth == MAX_DEPTH) {
        GError *e = NULL;
        smm_json_error(r, &e, "the JSON nests deeper than %d levels", MAX_DEPTH);
        fail(r, e);
        return 0;
    }
    r->stack[r->depth++] = (Level){.ctx = ctx, .key = 0, .is_map = is_map};
    return 1;
}

static int close_level(SmmJsonReader *r)
{
    if (r->skip > 0) {
        r->skip--;
        return r->skip > 0 || r->depth > 0 ? 1 : value_ended(r);
    }
    int ctx = top(r)->ctx;
    r->depth--;
    if (ctx != 0 && r->ex_fn->leave != NULL)
        r->ex_fn->leave(r->ex, ctx);
    return value_ended(r);
}

static int cb_start_map(void *u)
{
    return open_level(u, TRUE);
}

static int cb_end_map(void *u)
{
    return close_level(u);
}

static int cb_start_array(void *u)
{
    return open_level(u, FALSE);
}

static int cb_end_array(void *u)
{
    return close_level(u);
}

static int cb_map_key(void *u, const unsigned char *k, size_t len)
{
    SmmJsonReader *r = u;
    if (r->skip == 0) {
        Level *l = top(r);
        l->key = l->ctx != 0 ? r->ex_fn->key(r->ex, l->ctx, (const char *)k, len) : 0;
    }
    return 1;
}

static const yajl_callbacks callbacks = {
    .yajl_null = cb_null,
    .yajl_boolean = cb_boolean,
    .yajl_number = cb_number,
    .yajl_string = cb_string,
    .yajl_start_map = cb_start_map,
    .yajl_map_key = cb_map_key,
    .yajl_end_map = cb_end_map,
    .yajl_start_array = cb_start_array,
    .yajl_end_array = cb_end_array,
};

/* ------------------------------------------------------------------ lines */

static gboolean blank(const char *s, gsize len)
{
    for (gsize i = 0; i < len; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return FALSE;
    return TRUE;
}

/* yajl's message, on one line and without its excerpt of the text. */
static void parse_error(SmmJsonReader *r, const char *s, gsize len)
{
    if (r->error != NULL)
        return; /* a callback's own */
    unsigned char *msg = yajl_get_error(r->yajl, 0, (const unsigned char *)s, len);
    g_autofree gchar *text = g_strstrip(g_strdup((const char *)msg));
    yajl_free_error(r->yajl, msg);
    GError *e = NULL;
    smm_json_error(r, &e, "not JSON: %s (byte %zu of the line)", text,
                   (size_t)yajl_get_bytes_consumed(r->yajl) + 1);
    fail(r, e);
}

/* One line, its newline left out. */
static void parse_line(SmmJsonReader *r, const char *s, gsize len)
{
    r->line++;
    if (blank(s, len)) {
        r->stats->blank_lines++;
        return;
    }
    r->values = 0;
    if (r->ex_fn->begin != NULL)
        r->ex_fn->begin(r->ex);
    if (yajl_parse(r->yajl, (const unsigned char *)s, len) != yajl_status_ok ||
        yajl_parse(r->yajl, (const unsigned char *)"\n", 1) != yajl_status_ok) {
        parse_error(r, s, len);
        return;
    }
    if (r->depth > 0 || r->skip > 0 || r->values == 0) {
        GError *e = NULL;
        smm_json_error(r, &e, "the JSON value is cut short: it does not end on its line");
        fail(r, e);
        return;
    }
    r->stats->records++;
}

static void read_all(gpointer data)
{
    SmmJsonReader *r = data;
    for (;;) {
        if (smm_batch_pipe_cancelled(&r->pipe) || r->error != NULL)
            return;
        const char *chunk;
        GError *e = NULL;
        gssize len = smm_batch_pipe_read(&r->pipe, r->src, r->line + 1, &chunk, &e);
        if (len < 0) {
            fail(r, e);
            return;
        }
        if (len == 0)
            break;
        const char *p = chunk, *end = chunk + len, *chunk_end = end;
        if (r->piece > 0)
            end = p + MIN(r->piece, (gsize)len);
        while (p < chunk_end && r->error == NULL) {
            if (p == end) /* the next piece */
                end = p + MIN(r->piece, (gsize)(chunk_end - p));
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            if (nl == NULL) {
                if (r->carry->len + (gsize)(end - p) > SMM_JSON_MAX_LINE) {
                    r->line++;
                    smm_json_error(r, &e, "the line is longer than %u MiB",
                                   SMM_JSON_MAX_LINE >> 20);
                    fail(r, e);
                    return;
                }
                g_string_append_len(r->carry, p, end - p);
                p = end;
                continue;
            }
            if (r->carry->len > 0) {
                g_string_append_len(r->carry, p, nl - p);
                parse_line(r, r->carry->str, r->carry->len);
                g_string_truncate(r->carry, 0);
            } else {
                parse_line(r, p, (gsize)(nl - p));
            }
            p = nl + 1;
        }
    }
    if (r->error == NULL && r->carry->len > 0)
        parse_line(r, r->carry->str, r->carry->len);
    if (r->error == NULL)
        r->stats->lines = r->line;
    if (r->error == NULL && r->stats->records == 0) {
        GError *e = NULL;
        g_set_error(&e, SMM_ERROR, SMM_ERROR_DATA, "%s: no data: %s", r->path,
                    r->line > 0 ? "the file has only blank lines" : "the file is empty");
        fail(r, e);
    }
    if (r->error == NULL && (r->pipe.batch->n_rows > 0 || r->pipe.batch->n_drops > 0)) {
        GError *e = smm_batch_pipe_send(&r->pipe);
        if (e != NULL)
            fail(r, e);
    }
}

gboolean smm_json_read_from(SmmByteSource *src, const char *path, const SmmCsvOptions *options,
                            const SmmJsonColumns *cols, const SmmJsonExtractor *extractor,
                            gpointer ex, SmmBatchFunc fn, gpointer ctx, SmmCsvStats *stats,
                            GError **error)
{
    SmmJsonReader r = {0};
    r.path = smm_display_name(path);
    r.cols = cols;
    r.ex_fn = extractor;
    r.ex = ex;
    r.stats = stats;
    r.src = src;
    r.piece = options->piece_bytes;
    r.carry = g_string_new(NULL);
    r.yajl = yajl_alloc(&callbacks, NULL, &r);
    yajl_config(r.yajl, yajl_allow_multiple_values, 1);
    for (guint c = 0; c < cols->n_cols; c++)
        stats->column_index[c] = c + 1;
    smm_batch_pipe_init(&r.pipe, r.path, cols->n_cols, options->n_threads, fn, ctx,
                        options->progress, smm_byte_source_size(src));
    GError *consumer_error = smm_batch_pipe_run(&r.pipe, read_all, &r);
    smm_batch_pipe_clear(&r.pipe);
    yajl_free(r.yajl);
    g_string_free(r.carry, TRUE);
    smm_byte_source_close(src);
    if (consumer_error != NULL) {
        g_clear_error(&r.error);
        g_propagate_error(error, consumer_error);
        return FALSE;
    }
    if (r.error != NULL) {
        g_propagate_error(error, r.error);
        return FALSE;
    }
    return TRUE;
}
