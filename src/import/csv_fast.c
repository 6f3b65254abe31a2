/* csv_fast.c - the CSV reader's fast path: text without a quote.
 *
 * Definition: the rows libcsv (strict mode, CSV_REPALL_NL) would report
 * for the same bytes. A field ends at the delimiter, a row at CR or LF;
 * spaces (and tabs, unless one is the delimiter) around a field are
 * dropped; a row of nothing but spaces is a blank line; at the end of the
 * input a last row without a line break counts, a last line of only spaces
 * does not. Rows reach the steps libcsv's callbacks take
 * (smm_csv_take_field(), smm_csv_row_end(), the checks of
 * finish_data_row()), so header detection, line numbers, stats and errors
 * are shared; data rows skip the per-field callbacks and copy only their
 * selected fields. test_csv_reader proves the equality case by case and
 * on random inputs, with chunk boundaries anywhere.
 *
 * A piece of input with a quote goes to libcsv, as does any piece while
 * libcsv holds part of a row (a quoted field, a row longer than a piece):
 * libcsv then reads up to the first line end, and the fast path resumes
 * there once libcsv is back between rows. A row cut by the end of a piece
 * waits in `carry`, which never holds more than two pieces. A row with a
 * field longer than the limit (its spaces included: what libcsv would
 * hold) takes the steps of libcsv's callbacks instead, which find it too
 * long or not as libcsv would; with whole chunks no field reaches the
 * limit there, but a test limit can be lower.
 *
 * The caller supplies the reader (delimiter, selected columns, batch); the
 * cost is one scan that finds delimiters and line ends 64 bytes at a time
 * as a bit mask (SSE2 compares; about 3 stops a row of the bench graphs)
 * and a copy of the selected fields: on ba-r-1m (1.22M rows, callgrind,
 * import alone) about 415M instructions on the parsing side, against
 * 1,790M through libcsv.
 */
#include "csv_reader_private.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "smm/names.h"

/* libcsv.c's ROW_NOT_BEGUN: the parser holds nothing of a row. */
#define LIBCSV_ROW_NOT_BEGUN 0

static gboolean libcsv_idle(const Reader *r)
{
    return r->parser.pstate == LIBCSV_ROW_NOT_BEGUN && r->parser.entry_pos == 0 && r->field == 0;
}

static inline gboolean is_space(const Reader *r, char c)
{
    return c == r->space1 || c == r->space2;
}

/* Positions of the delimiter, CR and LF in the 64 bytes at p (fewer before end). */
static inline guint64 stop_bits(const char *p, const char *end, char delim)
{
#if defined(__SSE2__)
    if (end - p >= 64) {
        const __m128i d = _mm_set1_epi8(delim), cr = _mm_set1_epi8('\r'), lf = _mm_set1_epi8('\n');
        guint64 bits = 0;
        for (int k = 0; k < 4; k++) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
            __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, d), _mm_cmpeq_epi8(x, cr)),
                                     _mm_cmpeq_epi8(x, lf));
            bits |= (guint64)(guint32)_mm_movemask_epi8(m) << (16 * k);
        }
        return bits;
    }
#endif
    guint64 bits = 0;
    gsize n = MIN((gsize)(end - p), 64);
    for (gsize i = 0; i < n; i++)
        if (p[i] == delim || p[i] == '\r' || p[i] == '\n')
            bits |= (guint64)1 << i;
    return bits;
}

typedef struct {
    const char *block; /* the 64 bytes `bits` describes */
    const char *end;
    guint64 bits; /* stops in block not yet returned */
    char delim;
} Stops;

static inline void stops_init(Stops *st, const char *p, const char *end, char delim)
{
    st->block = p;
    st->end = end;
    st->delim = delim;
    st->bits = p < end ? stop_bits(p, end, delim) : 0;
}

/* The next delimiter or line end, or NULL at the end. */
static inline const char *stops_next(Stops *st)
{
    while (st->bits == 0) {
        st->block += 64;
        if (st->block >= st->end)
            return NULL;
        st->bits = stop_bits(st->block, st->end, st->delim);
    }
    const char *at = st->block + __builtin_ctzll(st->bits);
    st->bits &= st->bits - 1;
    return at;
}

static const char *first_line_end(const char *p, const char *end)
{
    Stops st;
    stops_init(&st, p, end, '\n');
    return stops_next(&st);
}

/* A complete row [row, q) read while the header question is open: through
 * smm_csv_take_field(), like libcsv's fields. */
static void held_row(Reader *r, const char *row, const char *q, int c)
{
    const char delim = r->stats->delimiter;
    const char *fs = row;
    for (;;) {
        while (fs < q && is_space(r, *fs))
            fs++;
        const char *fe = q > fs ? memchr(fs, delim, (gsize)(q - fs)) : NULL;
        const char *next = fe;
        if (fe == NULL)
            fe = q;
        if (G_UNLIKELY((gsize)(fe - fs) > r->max_buffered)) { /* as smm_csv_parse_libcsv() */
            if (r->field == 0)
                r->row_line = r->line + 1;
            smm_csv_field_too_long(r, r->field, r->row_line);
            break;
        }
        while (fe > fs && is_space(r, fe[-1]))
            fe--;
        smm_csv_take_field(r, fs, (gsize)(fe - fs), FALSE);
        if (r->error != NULL || next == NULL)
            break;
        fs = next + 1;
    }
    if (r->error != NULL)
        return;
    guint fields = r->field;
    r->field = 0;
    smm_csv_row_end(r, fields, c);
}

/* A data row at p with a field longer than the limit, or nearly (its
 * spaces included): the steps libcsv's callbacks take, which find it too
 * long or not as libcsv would. Returns where the next row starts; p
 * itself if the row is unfinished (taken back), NULL after the last row. */
static G_GNUC_NO_INLINE const char *long_data_row(Reader *r, const char *p, const char *end,
                                                  gboolean final)
{
    const char *t = first_line_end(p, end);
    if (t == NULL && !final)
        return p;
    r->stats->fast_rows++;
    held_row(r, p, t != NULL ? t : end, t != NULL ? (guchar)*t : -1);
    return t != NULL ? t + 1 : NULL;
}

static void carry_append(Reader *r, const char *p, gsize n)
{
    if (n == 0)
        return;
    if (r->carry_len + n > r->carry_cap) {
        r->carry_cap = MAX(r->carry_cap * 2, r->carry_len + n);
        r->carry = g_realloc(r->carry, r->carry_cap);
    }
    memcpy(r->carry + r->carry_len, p, n);
    r->carry_len += n;
}

/* Data rows, the import's hot loop: the stops of the 64-byte scan, each
 * selected field copied into the batch as it is found, then what smm_csv_row_end()
 * and finish_data_row() do with a libcsv row, inlined, with the batch's
 * counters in locals (the field copies are char stores, which may alias
 * anything in memory and would make the compiler reload it), few enough to
 * stay in registers. Errors leave through the shared functions that word
 * them. An unfinished row is taken back. */
#define LOCAL_SEL 32
static inline __attribute__((always_inline)) const char *
fast_data_rows_with(Reader *r, Stops *st, const char *p, const char *end, gboolean final,
                    guint fixed_cols, gsize fixed_max_field)
{
    const char delim = st->delim, sp1 = r->space1, sp2 = r->space2;
    const gsize max_field = fixed_max_field > 0 ? fixed_max_field : r->max_field;
    /* fixed_cols > 0: the caller knows these are n_cols, and all of them
     * account columns (constants, so the loops below unroll); likewise
     * fixed_max_field > 0 is r->max_field */
    const guint n_check = fixed_cols > 0 ? fixed_cols : r->n_check;
    const guint n_absent = fixed_cols > 0 ? 0 : r->n_absent;
    guint8 sel[LOCAL_SEL]; /* sel_of of the first fields; 0xFF: not selected */
    for (guint f = 0; f < LOCAL_SEL; f++)
        sel[f] = f < r->n_sel_of && r->sel_of[f] != NOT_SELECTED ? (guint8)r->sel_of[f] : 0xFF;
    guint check[SMM_CSV_MAX_COLUMNS], absent[SMM_CSV_MAX_COLUMNS];
    memcpy(check, r->check_col, sizeof check);
    memcpy(absent, r->absent_col, sizeof absent);
/* Space or tab: both are below '!', which names rarely start or end with. */
#define SPACE(ch) ((guchar)(ch) <= ' ' && ((ch) == sp1 || (ch) == sp2))
    const char *block = st->block;
    guint64 bits = st->bits;
    while (r->error == NULL) {
        Batch *const b = r->pipe.batch;
        gsize room = (gsize)(end - p) + 2; /* every field left, and a NUL each */
        if (G_UNLIKELY(b->bytes_len + room > b->bytes_cap)) {
            while (b->bytes_len + room > b->bytes_cap)
                b->bytes_cap *= 2;
            b->bytes = g_realloc(b->bytes, b->bytes_cap);
        }
        char *const bytes = b->bytes;
        const guint n_cols = fixed_cols > 0 ? fixed_cols : b->n_cols;
        const gsize cells = (gsize)b->rows_cap * n_cols;
        /* the row being read: its cells in the batch, and its line */
        guint64 *rline = b->line + b->n_rows;
        guint64 *const rline_end = b->line + b->rows_cap;
        const guint64 *rline_told = rline; /* rows up to here are in b->n_rows */
        guint32 *rs = b->start + (gsize)b->n_rows * n_cols;
        char *out = bytes + b->bytes_len; /* the rows taken so far end here */
        guint64 line = r->line;
        int last = r->last_term;
        const char *ret = NULL;
        gboolean long_row = FALSE; /* a field (with its spaces) beyond the limit */
/* the locals back into the reader and the batch, before anything else looks */
#define WRITE_BACK()                                                                               \
    do {                                                                                           \
        guint taken = (guint)(rline - rline_told);                                                 \
        rline_told = rline;                                                                        \
        b->n_rows += taken;                                                                        \
        b->bytes_len = (gsize)(out - bytes);                                                       \
        r->line = line;                                                                            \
        r->last_term = last;                                                                       \
        r->stats->data_rows += taken;                                                              \
        r->stats->fast_rows += taken;                                                              \
    } while (0)
        while (rline < rline_end && out - bytes <= (gssize)BATCH_BYTES) {
            const char *fs = p, *q;
            char *o = out;
            guint fields = 0;
            int c;
            for (;;) {
                while (bits == 0) {
                    block += 64;
                    if (block >= end)
                        break;
                    bits = stop_bits(block, end, delim);
                }
                if (G_LIKELY(bits != 0)) {
                    q = block + __builtin_ctzll(bits);
                    bits &= bits - 1;
                } else if (!final || p == end) {
                    ret = p;
                    goto leave;
                } else {
                    q = end;
                }
                while (fs < q && SPACE(*fs))
                    fs++;
                c = q == end ? -1 : (guchar)*q;
                if (fields == 0 && fs == q && c != delim)
                    break; /* nothing but spaces */
                const char *fe = q;
                while (fe > fs && SPACE(fe[-1]))
                    fe--;
                gsize len = (gsize)(fe - fs);
                if (G_UNLIKELY((gsize)(q - fs) > max_field)) {
                    long_row = TRUE;
                    goto leave;
                }
                guint col = fields < LOCAL_SEL ? sel[fields]
                            : fields < r->n_sel_of && r->sel_of[fields] != NOT_SELECTED
                                ? r->sel_of[fields]
                                : 0xFF;
                if (col != 0xFF) {
                    rs[col] = (guint32)(o - bytes);
                    rs[col + cells] = (guint32)len; /* b->len, see smm_batch_rows_grow() */
                    copy_field(o, fs, len);
                    o += len + 1;
                }
                fields++;
                if (c != delim)
                    break;
                fs = q + 1;
            }
            if (fields == 0) { /* smm_csv_row_end() of a row without fields */
                if (c == -1) {
                    ret = end; /* a last line of spaces: libcsv ignores it */
                    goto leave;
                }
                gboolean crlf = c == '\n' && last == '\r';
                last = crlf ? 0 : c;
                if (!crlf) {
                    line++;
                    r->stats->blank_lines++;
                }
                p = q + 1;
                continue;
            }
            /* smm_csv_row_end() and finish_data_row() of a data row */
            last = c;
            line++;
            if (G_UNLIKELY(fields < r->need_columns)) {
                WRITE_BACK();
                r->row_line = line;
                smm_csv_width_error(r, fields, line);
                return p;
            }
            guint32 *const rl = rs + cells;
            for (guint k = 0; k < n_absent; k++)
                rs[absent[k]] = rl[absent[k]] = 0;
            guint64 *const rh = b->hash + (rs - b->start);
            for (guint k = 0; k < n_check; k++) {
                guint i = fixed_cols > 0 ? k : check[k];
                const char *name = bytes + rs[i];
                if (G_UNLIKELY(!(rl[i] > 0 && plain_ascii(name, rl[i])))) {
                    WRITE_BACK();
                    r->row_line = line;
                    if (!smm_csv_check_account_slowly(r, i, name, rl[i]))
                        return p;
                }
                rh[i] = smm_names_hash(name, rl[i]);
            }
            *rline++ = line;
            rs += n_cols;
            out = o;
            if (c == -1) {
                ret = end;
                break;
            }
            p = q + 1;
        }
    leave:
        WRITE_BACK();
        if (ret != NULL)
            return ret;
        if (G_UNLIKELY(long_row)) {
            const char *next = long_data_row(r, p, end, final);
            if (next == p || r->error != NULL)
                return p;
            if (next == NULL || next == end)
                return end;
            p = block = next;
            bits = stop_bits(p, end, delim);
            continue;
        }
        /* as after finish_data_row(): more room, or the next batch */
        if (b->n_rows == b->rows_cap && b->rows_cap < BATCH_ROWS)
            smm_batch_rows_grow(b, b->rows_cap * 2);
        else
            smm_csv_send_batch(r);
    }
#undef WRITE_BACK
#undef SPACE
    return p;
}

/* Two columns, both accounts (a follower file without probabilities), and
 * the usual field limit: the common case, compiled with those numbers. */
static const char *fast_data_rows(Reader *r, Stops *st, const char *p, const char *end,
                                  gboolean final)
{
    if (r->n_cols == 2 && r->n_check == 2 && r->check_col[0] == 0 && r->check_col[1] == 1 &&
        r->max_field == SMM_CSV_MAX_FIELD)
        return fast_data_rows_with(r, st, p, end, final, 2, SMM_CSV_MAX_FIELD);
    return fast_data_rows_with(r, st, p, end, final, 0, 0);
}

/* Reads the rows of [p, end), which holds no quote, and returns where the
 * last, unfinished row starts. With `final`, end is the end of the input
 * and ends the last row. Rows before the header question is settled go
 * through held_row(), the rest through fast_data_rows(). */
static const char *fast_rows(Reader *r, const char *p, const char *end, gboolean final)
{
    const char delim = r->stats->delimiter;
    Stops st;
    stops_init(&st, p, end, delim);
    while (r->error == NULL && r->header_state != DATA) {
        const char *row = p, *fs = p, *q;
        guint fields = 0;
        int c;
        for (;;) {
            q = stops_next(&st);
            if (q == NULL) {
                if (!final || row == end)
                    return row;
                q = end;
            }
            while (fs < q && is_space(r, *fs))
                fs++;
            c = q == end ? -1 : (guchar)*q;
            if (fields == 0 && fs == q && c != delim)
                break; /* nothing but spaces */
            fields++;
            if (c != delim)
                break;
            fs = q + 1;
        }
        if (fields == 0) {
            if (c == -1)
                return end; /* a last line of spaces: libcsv ignores it */
            smm_csv_row_end(r, 0, c);
        } else {
            r->stats->fast_rows++;
            held_row(r, row, q, c);
            if (c == -1)
                return end;
        }
        p = q + 1;
    }
    if (r->error != NULL)
        return p;
    return fast_data_rows(r, &st, p, end, final);
}

static void feed_fast(Reader *r, const char *p, const char *end)
{
    if (r->carry_len > 0) {
        const char *t = first_line_end(p, end);
        if (t == NULL) {
            /* a row longer than a piece: libcsv's */
            gsize n = r->carry_len;
            r->carry_len = 0;
            if (smm_csv_parse_libcsv(r, r->carry, n))
                smm_csv_parse_libcsv(r, p, (gsize)(end - p));
            return;
        }
        carry_append(r, p, (gsize)(t + 1 - p));
        fast_rows(r, r->carry, r->carry + r->carry_len, FALSE);
        r->carry_len = 0;
        p = t + 1;
    }
    const char *rest = fast_rows(r, p, end, FALSE);
    if (r->error == NULL)
        carry_append(r, rest, (gsize)(end - rest));
}

void smm_csv_feed(Reader *r, const char *p, gsize len)
{
    const char *end = p + len;
    if (!r->fast_allowed || memchr(p, '"', len) != NULL) {
        if (r->carry_len > 0) {
            gsize n = r->carry_len;
            r->carry_len = 0;
            if (!smm_csv_parse_libcsv(r, r->carry, n))
                return;
        }
        smm_csv_parse_libcsv(r, p, len);
        return;
    }
    if (!libcsv_idle(r)) {
        const char *t = first_line_end(p, end);
        const char *upto = t != NULL ? t + 1 : end;
        if (!smm_csv_parse_libcsv(r, p, (gsize)(upto - p)))
            return;
        p = upto;
        if (!libcsv_idle(r)) {
            smm_csv_parse_libcsv(r, p, (gsize)(end - p)); /* inside a quoted field */
            return;
        }
    }
    feed_fast(r, p, end);
}

void smm_csv_feed_end(Reader *r)
{
    if (r->carry_len > 0)
        fast_rows(r, r->carry, r->carry + r->carry_len, TRUE);
}
