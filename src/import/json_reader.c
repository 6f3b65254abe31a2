/* json_reader.c - a block of JSON lines through yajl's event parser into a
 * tape of rows and steps (json_tape.h).
 *
 * yajl was measured against json-glib, jansson, json-c and yajl's own tree
 * on 1 GB of twarc2 pages and of Jetstream events (HACKING.md): its event
 * parser, which builds no tree, was 2.6 to 8 times faster than the others,
 * and the extractors only ever want a dozen fields of a page.
 *
 * One parser handle reads its blocks with yajl_allow_multiple_values; the
 * path stack here (not yajl) says where a value ends, so a line with two
 * values, or a value that runs past its line, is an error naming the line.
 */
#include "json_tape.h"

#include <string.h>
#include <yajl/yajl_parse.h>

#include "smm/core.h"
#include "smm/names.h"

#define MAX_DEPTH 256

typedef struct {
    int ctx; /* the extractor's context; 0: skipped */
    int key; /* the current key's id in a map */
    gboolean is_map;
} Level;

struct SmmJsonReader {
    const SmmJsonColumns *cols;
    const SmmJsonExtractor *ex_fn;
    gpointer ex;
    yajl_handle yajl;
    JsonTape *t; /* the block being parsed */

    guint64 line; /* the line being parsed, within the block */
    Level stack[MAX_DEPTH];
    int depth;        /* levels open */
    int skip;         /* levels open inside a skipped container */
    guint values;     /* values ended on this line */
    gboolean guarded; /* between smm_json_guard() and its end */
    SmmSeenSet named; /* ids given a first-wins handle in this block, by hash */
    GError *error;    /* the line's failure, met in a callback */
};

/* ------------------------------------------------------------------ tapes */

JsonTape *smm_json_tape_new(guint n_cols)
{
    JsonTape *t = g_new0(JsonTape, 1);
    t->rows = smm_batch_new(n_cols);
    t->steps = g_array_new(FALSE, FALSE, sizeof(Step));
    t->text = g_string_new(NULL);
    return t;
}

void smm_json_tape_reset(JsonTape *t)
{
    for (guint i = 0; i < t->steps->len; i++)
        if (g_array_index(t->steps, Step, i).error != NULL)
            g_error_free(g_array_index(t->steps, Step, i).error);
    g_array_set_size(t->steps, 0);
    g_string_truncate(t->text, 0);
    smm_batch_reset(t->rows);
    t->lines = t->records = t->blank_lines = 0;
    t->stopped = FALSE;
}

void smm_json_tape_free(JsonTape *t)
{
    if (t == NULL)
        return;
    smm_json_tape_reset(t);
    smm_batch_free(t->rows);
    g_array_unref(t->steps);
    g_string_free(t->text, TRUE);
    g_free(t);
}

static Step *step(SmmJsonReader *r, StepKind kind)
{
    g_array_set_size(r->t->steps, r->t->steps->len + 1);
    Step *s = &g_array_index(r->t->steps, Step, r->t->steps->len - 1);
    memset(s, 0, sizeof *s);
    s->kind = (guint8)kind;
    s->line = r->line;
    return s;
}

static guint32 put_text(SmmJsonReader *r, const char *s, gsize len)
{
    guint32 at = (guint32)r->t->text->len;
    g_string_append_len(r->t->text, s, (gssize)len);
    g_string_append_c(r->t->text, '\0');
    return at;
}

/* ------------------------------------------------------------------ arena */

#define ARENA_BLOCK (64u << 10)

void smm_json_arena_init(SmmJsonArena *a)
{
    a->blocks = g_ptr_array_new_with_free_func(g_free);
    a->caps = g_array_new(FALSE, FALSE, sizeof(gsize));
    smm_json_arena_reset(a);
}

void smm_json_arena_clear(SmmJsonArena *a)
{
    g_ptr_array_unref(a->blocks);
    g_array_unref(a->caps);
    a->blocks = NULL;
    a->caps = NULL;
}

const char *smm_json_arena_keep(SmmJsonArena *a, const char *s, gsize len)
{
    while (a->at < a->blocks->len && a->used + len + 1 > g_array_index(a->caps, gsize, a->at)) {
        a->at++; /* the rest of a full block is left over until the reset */
        a->used = 0;
    }
    if (a->at == a->blocks->len) {
        gsize cap = MAX(ARENA_BLOCK, len + 1);
        g_ptr_array_add(a->blocks, g_malloc(cap));
        g_array_append_val(a->caps, cap);
    }
    char *d = (char *)g_ptr_array_index(a->blocks, a->at) + a->used;
    memcpy(d, s, len);
    d[len] = '\0';
    a->used += len + 1;
    return d;
}

/* --------------------------------------------------- the extractor's calls */

G_GNUC_PRINTF(1, 0)
static GError *new_error(const char *fmt, va_list ap)
{
    g_autofree gchar *msg = g_strdup_vprintf(fmt, ap);
    return g_error_new_literal(SMM_ERROR, SMM_ERROR_PARSE, msg);
}

gboolean smm_json_fail(SmmJsonReader *r, GError **error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    GError *e = new_error(fmt, ap);
    va_end(ap);
    if (r->guarded) {
        step(r, STEP_FAIL)->error = e;
        return TRUE;
    }
    g_propagate_error(error, e);
    return FALSE;
}

void smm_json_left_out(SmmJsonReader *r, const char *why)
{
    step(r, STEP_LEFT_OUT)->why = why;
}

void smm_json_guard(SmmJsonReader *r, guint64 key, const char *why, gboolean remember)
{
    if (r->guarded)
        smm_json_guard_end(r);
    Step *s = step(r, STEP_GUARD);
    s->key = key;
    s->why = why;
    s->flag = remember;
    r->guarded = TRUE;
}

void smm_json_guard_end(SmmJsonReader *r)
{
    if (!r->guarded)
        return;
    step(r, STEP_GUARD_END);
    r->guarded = FALSE;
}

void smm_json_take_back(SmmJsonReader *r, guint64 key, const char *why)
{
    Step *s = step(r, STEP_TAKE_BACK);
    s->key = key;
    s->why = why;
}

void smm_json_handle(SmmJsonReader *r, const char *id, gsize id_len, const char *handle,
                     gsize handle_len, gboolean last)
{
    if (id_len == 0 || handle_len == 0)
        return;
    /* the blocks before this one are the consumer's to weigh; within the
     * block, a first-wins id's later handles are already losers */
    guint64 key = smm_names_hash(id, (guint32)id_len);
    if (!last && smm_seen_set_add(&r->named, key, NULL) == 0)
        return;
    guint32 a = put_text(r, id, id_len);
    put_text(r, handle, handle_len);
    Step *s = step(r, STEP_HANDLE);
    s->key = key;
    s->a = a;
    s->n = (guint32)(id_len + handle_len + 2);
    s->flag = last;
}

/* Whether field c (an account name) is one; if not, the failure is said
 * (smm_json_fail: under a guard it waits for the guard's verdict). */
static gboolean check_name(SmmJsonReader *r, guint c, const char *s, gsize len, GError **error)
{
    const char *what = r->cols->what[c];
    const char *end;
    if (len == 0)
        smm_json_fail(r, error, "the %s is empty; every record needs one", what);
    else if (memchr(s, '\0', len) != NULL)
        smm_json_fail(r, error, "the %s contains a NUL character (\\u0000)", what);
    else if (!g_utf8_validate_len(s, len, &end)) /* yajl lets overlong forms and surrogates by */
        smm_json_fail(r, error, "the %s is not valid UTF-8 (byte 0x%02X at position %u)", what,
                      (guchar)*end, (guint)(end - s) + 1);
    else if (memmem(s, len, "\xEF\xBB\xBF", 3) != NULL)
        smm_json_fail(r, error, "the %s contains a byte-order mark (U+FEFF)", what);
    else if (len > SMM_CSV_MAX_FIELD)
        smm_json_fail(r, error, "the %s is longer than %u bytes", what, SMM_CSV_MAX_FIELD);
    else
        return TRUE;
    return FALSE;
}

gboolean smm_json_emit(SmmJsonReader *r, const char *const *fields, const gsize *lens,
                       GError **error)
{
    Batch *b = r->t->rows;
    guint n = r->cols->n_cols;
    for (guint c = 0; c < n; c++)
        if (r->cols->interned[c] && !check_name(r, c, fields[c] != NULL ? fields[c] : "",
                                                fields[c] != NULL ? lens[c] : 0, error))
            return r->guarded; /* under a guard the failure waits; the row is not given */
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
    step(r, STEP_ROW);
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

/* ------------------------------------------------------------ yajl events */

static void fail(SmmJsonReader *r, GError *e)
{
    if (r->error == NULL)
        r->error = e;
    else
        g_error_free(e);
}

static void fail_text(SmmJsonReader *r, const char *msg)
{
    fail(r, g_error_new_literal(SMM_ERROR, SMM_ERROR_PARSE, msg));
}

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
        fail_text(r, "two JSON values on one line; JSON lines hold one a line");
        return 0;
    }
    if (r->ex_fn->record != NULL) {
        GError *e = NULL;
        gboolean ok = r->ex_fn->record(r->ex, r, &e);
        smm_json_guard_end(r);
        if (!ok) {
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
        g_autofree gchar *msg = g_strdup_printf("the JSON nests deeper than %d levels", MAX_DEPTH);
        fail_text(r, msg);
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
        r->ex_fn->leave(r->ex, r, ctx);
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

static void new_parser(SmmJsonReader *r)
{
    if (r->yajl != NULL)
        yajl_free(r->yajl);
    r->yajl = yajl_alloc(&callbacks, NULL, r);
    yajl_config(r->yajl, yajl_allow_multiple_values, 1);
}

SmmJsonReader *smm_json_reader_new(const SmmJsonColumns *cols, const SmmJsonExtractor *extractor,
                                   gconstpointer config)
{
    SmmJsonReader *r = g_new0(SmmJsonReader, 1);
    r->cols = cols;
    r->ex_fn = extractor;
    r->ex = extractor->create(config);
    smm_seen_set_init(&r->named);
    new_parser(r);
    return r;
}

void smm_json_reader_free(SmmJsonReader *r)
{
    if (r == NULL)
        return;
    r->ex_fn->destroy(r->ex);
    yajl_free(r->yajl);
    smm_seen_set_clear(&r->named);
    g_free(r);
}

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
    g_autofree gchar *full = g_strdup_printf("not JSON: %s (byte %zu of the line)", text,
                                             (size_t)yajl_get_bytes_consumed(r->yajl) + 1);
    fail_text(r, full);
}

/* One line, its newline left out. FALSE: it failed (the tape says how). */
static gboolean parse_line(SmmJsonReader *r, const char *s, gsize len)
{
    r->line++;
    if (blank(s, len)) {
        r->t->blank_lines++;
        return TRUE;
    }
    r->values = 0;
    if (r->ex_fn->begin != NULL)
        r->ex_fn->begin(r->ex);
    if (yajl_parse(r->yajl, (const unsigned char *)s, len) != yajl_status_ok ||
        yajl_parse(r->yajl, (const unsigned char *)"\n", 1) != yajl_status_ok)
        parse_error(r, s, len);
    else if (r->depth > 0 || r->skip > 0 || r->values == 0)
        fail_text(r, "the JSON value is cut short: it does not end on its line");
    if (r->error != NULL) {
        r->guarded = FALSE;
        step(r, STEP_FAIL)->error = r->error;
        r->error = NULL;
        return FALSE;
    }
    r->t->records++;
    return TRUE;
}

void smm_json_reader_parse(SmmJsonReader *r, const char *text, gsize len, JsonTape *t)
{
    r->t = t;
    r->line = 0;
    if (r->named.count > 0) {
        memset(r->named.slots, 0, r->named.cap * sizeof(guint64));
        r->named.count = 0;
    }
    const char *p = text, *end = len > 0 ? text + len : text;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *line_end = nl != NULL ? nl : end;
        if (!parse_line(r, p, (gsize)(line_end - p))) {
            t->stopped = TRUE;
            r->depth = r->skip = 0;
            new_parser(r); /* yajl's state after an error is of no use */
            break;
        }
        p = nl != NULL ? nl + 1 : end;
    }
    t->lines = r->line;
    r->t = NULL;
}
