/* csv_reader.h - streaming CSV input shared by every importer.
 *
 * Reads a file ("-" for stdin; gzip detected by content) through an optional
 * encoding conversion, drops a UTF-8 byte-order mark, detects the delimiter
 * and a header row, and hands the selected columns of each data row to the
 * caller in batches. Never holds the whole file: memory is a few batches.
 * libcsv in strict mode is the parser of record; stretches of text without
 * a quote character are read by a faster tokenizer that gives the same
 * rows, stats and errors (SmmCsvParser).
 *
 * With n_threads > 1 the parsing runs on a second thread while the caller's
 * thread consumes batches; batches always arrive in file order, so the
 * result does not depend on threading.
 */
#ifndef SMM_CSV_READER_H
#define SMM_CSV_READER_H

#include <glib.h>
#include <stdint.h>

#include "smm/progress.h"

#define SMM_CSV_MAX_COLUMNS 16
#define SMM_CSV_MAX_LEFT_OUT 16

typedef enum { SMM_HEADER_AUTO, SMM_HEADER_YES, SMM_HEADER_NO } SmmHeaderMode;

/* Which tokenizer reads the text. The default runs a fast path over
 * stretches of input without a quote character and libcsv over the rest;
 * both give the same rows, stats and errors (tests/unit/test_csv_reader.c
 * runs every case both ways). SMM_CSV_PARSER_LIBCSV is for those tests. */
typedef enum { SMM_CSV_PARSER_AUTO, SMM_CSV_PARSER_LIBCSV } SmmCsvParser;

typedef struct {
    SmmHeaderMode header;
    char delimiter;       /* 0: detect among , ; tab (and space when none of those) */
    const char *encoding; /* NULL: UTF-8 (UTF-16 with a BOM is recognised) */
    guint n_threads;      /* >1: parse on a second thread */
    SmmCsvParser parser;
    guint piece_bytes;           /* >0: feed the tokenizer at most this many bytes at a time (tests:
                                    chunk boundaries anywhere); 0: chunks as read (1 MiB) */
    const SmmProgress *progress; /* bytes of the file read, of its size (0: a pipe) */
    guint max_field;             /* >0: the longest field, in bytes (tests); 0: SMM_CSV_MAX_FIELD */
    guint64 max_kept_rows; /* >0: fewer rows an importer may keep (tests); 0: SMM_MAX_KEPT_ROWS */
    /* Non-NULL: the input is these data_len bytes (gzip and encodings as for
     * a file) and the path only names it in messages; the fuzz targets read
     * this way. The bytes must outlive the reading. */
    const void *data;
    gsize data_len;
    /* Non-NULL: a first row with a field equal to this is not the header
     * but a row above it, skipped (NodeXL's column groups: "Visual
     * Properties"). */
    const char *group_row;
} SmmCsvOptions;

/* The longest field (after the spaces around it are trimmed). A field is
 * refused as soon as the parser would hold more than twice this (its text
 * and the spaces after it), before it ends: one huge field costs a few
 * tens of MiB, not its size. The first two rows are held whole to decide
 * on a header: each at most SMM_CSV_HELD_FIELDS times the limit. */
#define SMM_CSV_MAX_FIELD (16u << 20)
#define SMM_CSV_HELD_FIELDS 4

/* One column the caller wants: `spec` as the user gave it (a 1-based index,
 * a header name, or "none" for a column the file lacks), or NULL for the
 * default: the first header field matching one of `aliases` (compared in
 * lower case without punctuation, so "Retweeter ID" matches "retweeterid"),
 * else `default_index` (1-based; 0: absent) unless the file has a header and
 * the column is `optional`. `what` names it in messages
 * ("source column"). An `interned` column holds a name (an account, a post
 * id) in every row: the reader checks it is non-empty UTF-8 and computes its
 * smm_names_hash() on the parsing thread, taking that work off the
 * consumer's. */
typedef struct {
    const char *spec;
    guint default_index;
    const char *what;
    gboolean interned;
    const char *const *aliases;
    gboolean optional; /* with a header, absent unless given or found by alias */
} SmmColumnSpec;

/* The selected fields of a run of consecutive data rows. Field c of row r is
 * the NUL-terminated string bytes + start[r * n_cols + c] of length
 * len[r * n_cols + c]. A field of an optional absent column is empty. */
typedef struct {
    guint n_rows;
    guint n_cols;
    const guint64 *line;  /* 1-based line where each row starts */
    const guint32 *start; /* n_rows * n_cols entries */
    const guint32 *len;
    const guint64 *hash; /* smm_names_hash of account columns, same indexing */
    const char *bytes;
    /* How far the reading was when the batch was cut, of the input's size
     * (0: unknown, a pipe); compressed bytes for gzip. Ahead of the batch's
     * last row by up to a chunk: a projection from it errs low. */
    guint64 input_at;
    guint64 input_size;
    /* Rows of earlier batches the input took back (a Jetstream follow
     * deleted), by ordinal: the count of rows handed over before it. */
    const guint64 *drops;
    guint n_drops;
} SmmRowBatch;

static inline const char *smm_batch_field(const SmmRowBatch *b, guint row, guint col, guint32 *len)
{
    guint i = row * b->n_cols + col;
    *len = b->len[i];
    return b->bytes + b->start[i];
}

/* What the reader saw, for the summary line. */
typedef struct {
    guint64 lines;       /* physical lines read */
    guint64 data_rows;   /* rows handed to the caller */
    guint64 blank_lines; /* empty or whitespace-only lines skipped */
    gboolean header;     /* row 1 was taken as the header */
    char delimiter;      /* the delimiter used */
    gboolean delimiter_detected;
    gboolean header_detected; /* the header decision was automatic */
    gchar *encoding;          /* the encoding converted from, NULL for UTF-8 */
    guint64 fast_rows; /* rows (header included) the fast path read; the rest were libcsv's */
    guint column_index[SMM_CSV_MAX_COLUMNS]; /* 1-based index each requested column resolved to (0
                                                absent) */
    /* JSON lines: the format read, records read, and those left out by why
     * ("quotes", static strings), in the order first met. */
    const char *format; /* NULL: CSV */
    guint64 records;
    struct {
        const char *why;
        guint64 n;
    } left_out[SMM_CSV_MAX_LEFT_OUT];
    guint n_left_out;
} SmmCsvStats;

/* Counts one more record left out for `why` (a static string). */
void smm_csv_stats_left_out(SmmCsvStats *stats, const char *why);

void smm_csv_stats_clear(SmmCsvStats *stats);

/* The most rows an importer keeps (follows, reshares): their arrays have
 * 32-bit lengths, and a graph at most 2^32 - 1 follows. */
#define SMM_MAX_KEPT_ROWS ((guint64)G_MAXUINT32)

/* How many of `more` rows still fit after `kept` under `limit` (0:
 * SMM_MAX_KEPT_ROWS): all of them, or what is left, never wrapping. */
static inline guint64 smm_rows_room(guint64 kept, guint64 more, guint64 limit)
{
    guint64 max = limit > 0 ? MIN(limit, SMM_MAX_KEPT_ROWS) : SMM_MAX_KEPT_ROWS;
    return kept >= max ? 0 : MIN(more, max - kept);
}

/* Called on the caller's thread for each batch, in file order. Returning
 * FALSE (with error set) stops the reading. */
typedef gboolean (*SmmBatchFunc)(const SmmRowBatch *batch, gpointer ctx, GError **error);

/* Reads `path` (or options->data), resolving n_cols (<= 16) column specs,
 * and calls fn on every batch. Returns FALSE with error set on the first problem in file order:
 * messages start with "FILE:LINE: ". A file without data rows is an error.
 *
 * Header detection (SMM_HEADER_AUTO): row 1 is a header when a column is
 * chosen by name, when every field of row 1 is made of column-name words
 * ("follower_id", "Target", "screen name"), or when some column is a number
 * in row 2 but not in row 1. */
gboolean smm_csv_read(const char *path, const SmmCsvOptions *options, const SmmColumnSpec *cols,
                      guint n_cols, SmmBatchFunc fn, gpointer ctx, SmmCsvStats *stats,
                      GError **error);

#endif
