/* csv_reader_private.h - what the reader's two tokenizers share: the
 * reader's state, with the batch being filled (batch_pipe.h), and the
 * steps both take with a row. csv_reader.c owns them (libcsv, header
 * detection); csv_fast.c tokenizes quote-free text into the same steps.
 * Private to the import stage.
 */
#ifndef SMM_CSV_READER_PRIVATE_H
#define SMM_CSV_READER_PRIVATE_H

#include <csv.h>
#include <stdatomic.h>
#include <string.h>

#include "batch_pipe.h"
#include "byte_source.h"
#include "input_format_private.h"
#include "smm/core.h"
#include "smm/csv_reader.h"

#define NOT_SELECTED G_MAXUINT

typedef enum { WANT_ROW1, WANT_ROW2, DATA } HeaderState;

typedef struct {
    /* set up once */
    const char *path;
    const SmmCsvOptions *options;
    const SmmColumnSpec *cols;
    guint n_cols;
    SmmCsvStats *stats;

    struct csv_parser parser;
    SmmByteSource *src;

    gsize max_field;     /* the longest field */
    gsize max_buffered;  /* the most libcsv may hold of a field: 2 * max_field */
    gsize holding_bytes; /* of the row held back */

    /* the fast path */
    gboolean fast_allowed;
    char space1, space2; /* what libcsv trims around unquoted fields */
    char *carry;         /* the start of a row cut by the end of a piece */
    gsize carry_len;
    gsize carry_cap;

    /* column selection, known once the header question is settled */
    guint sel_of[1024]; /* file column (0-based) -> selected index */
    guint n_sel_of;     /* file columns that may be selected */
    guint need_columns; /* a data row needs this many fields */
    guint n_check;      /* selected account columns, checked and hashed in every row */
    guint check_col[SMM_CSV_MAX_COLUMNS];
    guint n_absent; /* requested columns the file lacks: empty in every row */
    guint absent_col[SMM_CSV_MAX_COLUMNS];

    /* the row being parsed */
    guint field;      /* fields seen so far in this row */
    guint64 line;     /* physical lines completed */
    guint64 row_line; /* line where this row started */
    int last_term;    /* terminator that ended the previous row */

    HeaderState header_state;
    GPtrArray *row1; /* all fields of row 1 (GString *, bytes exact), while undecided */
    GPtrArray *row2;
    GPtrArray *holding; /* the row being held back, or NULL */
    guint64 row1_line;
    guint64 row2_line;
    guint64 header_line;
    gboolean group_row_skipped; /* SmmCsvOptions.group_row: row 1 was one */

    SmmBatchPipe pipe; /* the batch being filled, and the hand-over */
    GError *error;     /* first problem seen by the parser side */
} Reader;

/* ------------------------------------------------ steps of csv_reader.c */

G_GNUC_PRINTF(4, 5)
void smm_csv_fail_at(Reader *r, SmmErrorCode code, guint64 line, const char *fmt, ...);
/* The "expected at least N columns" error of a row of `fields` fields. */
G_GNUC_NO_INLINE gboolean smm_csv_width_error(Reader *r, guint fields, guint64 line);
/* "field N is longer than ..." for field `field` (0-based) of the row at `line`. */
G_GNUC_NO_INLINE void smm_csv_field_too_long(Reader *r, guint field, guint64 line);
/* Whether a non-ASCII account name is valid UTF-8 without NUL or a
 * byte-order mark; the error names the byte otherwise. */
G_GNUC_NO_INLINE gboolean smm_csv_check_account_slowly(Reader *r, guint c, const char *s,
                                                       guint32 len);
/* A field of the current row, trimmed (libcsv's callback, and the fast
 * path's rows while the header question is open). */
void smm_csv_take_field(Reader *r, const char *s, size_t len, gboolean may_break_lines);
/* The end of a row of `fields` fields, ended by c (CR, LF, -1 at the end). */
void smm_csv_row_end(Reader *r, guint fields, int c);
/* Hands the full batch over and starts the next. */
void smm_csv_send_batch(Reader *r);
/* Feeds text to libcsv; FALSE once an error is set. */
gboolean smm_csv_parse_libcsv(Reader *r, const char *p, gsize len);

/* ------------------------------------------------ steps of csv_fast.c */

/* One piece of input, to the fast path or to libcsv. */
void smm_csv_feed(Reader *r, const char *p, gsize len);
/* The end of the input: a row the fast path still holds. */
void smm_csv_feed_end(Reader *r);

/* ------------------------------------------------ inline checks */

/* High bits of a word that has a non-ASCII byte or a zero byte (exact as a
 * yes/no answer: a borrow only reaches bytes above a zero byte). */
static inline guint64 word_bad(guint64 v)
{
    return (v | ((v - 0x0101010101010101ULL) & ~v)) & 0x8080808080808080ULL;
}

/* ASCII without NUL bytes, in overlapping words: the common case, which
 * then needs no UTF-8 decoding. */
static inline gboolean plain_ascii(const char *s, guint32 len)
{
    guint64 v, w;
    if (len >= 8 && len <= 16) {
        memcpy(&v, s, 8);
        memcpy(&w, s + len - 8, 8);
        return (word_bad(v) | word_bad(w)) == 0;
    }
    if (len >= 8) {
        guint64 bad = 0;
        for (guint32 i = 0; i + 8 < len; i += 8) {
            memcpy(&v, s + i, 8);
            bad |= word_bad(v);
        }
        memcpy(&v, s + len - 8, 8);
        return (bad | word_bad(v)) == 0;
    }
    if (len >= 4) {
        guint32 a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + len - 4, 4);
        w = (guint64)a << 32 | b;
        return word_bad(w) == 0;
    }
    for (guint32 i = 0; i < len; i++)
        if ((guchar)s[i] >= 0x80 || s[i] == '\0')
            return FALSE;
    return TRUE;
}

static inline gboolean check_width(Reader *r, guint fields, guint64 line)
{
    return fields >= r->need_columns || smm_csv_width_error(r, fields, line);
}

/* A non-empty account name that is plain ASCII, the common case, or else
 * valid UTF-8 without NUL bytes or U+FEFF; otherwise the error says which byte. */
static inline gboolean check_account(Reader *r, guint c, const char *s, guint32 len)
{
    return (len > 0 && plain_ascii(s, len)) || smm_csv_check_account_slowly(r, c, s, len);
}

/* The row being read is row n_rows of the batch. Columns the file lacks
 * are empty; a row reaches finish_data_row() only with all the others
 * given (check_width). */
static inline void row_clear(Reader *r)
{
    Batch *b = r->pipe.batch;
    guint base = b->n_rows * b->n_cols;
    for (guint k = 0; k < r->n_absent; k++) {
        b->start[base + r->absent_col[k]] = 0;
        b->len[base + r->absent_col[k]] = 0;
    }
}

#endif
