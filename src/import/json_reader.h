/* json_reader.h - JSON lines to rows, for the importers. Private to the
 * import stage.
 *
 * One JSON value a line (blank lines skipped), read as a stream of
 * events with yajl: the reader keeps the path of maps and arrays it is in,
 * asks an extractor which keys and containers it wants (everything else is
 * passed over without a copy), hands it the scalars it wants, and at each
 * line's end lets it emit rows. Rows go into the same batches the CSV
 * reader fills (batch_pipe.h), so the importers read both alike.
 */
#ifndef SMM_JSON_READER_H
#define SMM_JSON_READER_H

#include "byte_source.h"
#include "smm/csv_reader.h"
#include "smm/names.h"

typedef enum { SMM_JSON_STRING, SMM_JSON_NUMBER, SMM_JSON_BOOL, SMM_JSON_NULL } SmmJsonType;

typedef struct SmmJsonReader SmmJsonReader;

/* Contexts are the extractor's small integers; 0 means "not wanted". The
 * root value is entered with parent context 0 and key SMM_JSON_ROOT; an
 * array's elements with the array's context and key SMM_JSON_ELEMENT. */
enum { SMM_JSON_ROOT = -1, SMM_JSON_ELEMENT = -2 };

typedef struct {
    /* A new line: forget the last record. */
    void (*begin)(gpointer ex);
    /* The id of `key` in a map of context ctx; 0: its value is skipped. */
    int (*key)(gpointer ex, int ctx, const char *key, gsize len);
    /* The context of a map or array met as `key`'s value in ctx; 0: skip it. */
    int (*enter)(gpointer ex, int ctx, int key, gboolean is_map);
    /* A map or array of context ctx ends. */
    void (*leave)(gpointer ex, int ctx);
    /* A scalar met as `key`'s value in ctx: strings unescaped (UTF-8,
     * maybe with NUL bytes), numbers as written. */
    void (*scalar)(gpointer ex, int ctx, int key, SmmJsonType type, const char *s, gsize len);
    /* The line's value ended: emit its rows with smm_json_emit(). */
    gboolean (*record)(gpointer ex, SmmJsonReader *r, GError **error);
} SmmJsonExtractor;

/* The role's columns: which are account names (checked and hashed as the
 * CSV reader does) and how messages call them. */
typedef struct {
    guint n_cols;
    const char *what[SMM_CSV_MAX_COLUMNS];
    gboolean interned[SMM_CSV_MAX_COLUMNS];
} SmmJsonColumns;

/* Reads src (closing it) with the extractor; stats as for CSV (lines,
 * data_rows: rows emitted, blank_lines). Of the options: n_threads,
 * progress, and piece_bytes (lines split that many bytes at a time, as a
 * chunk's end splits them: tests). */
gboolean smm_json_read_from(SmmByteSource *src, const char *path, const SmmCsvOptions *options,
                            const SmmJsonColumns *cols, const SmmJsonExtractor *extractor,
                            gpointer ex, SmmBatchFunc fn, gpointer ctx, SmmCsvStats *stats,
                            GError **error);

/* One row of cols->n_cols fields (NULL or empty: empty; interned columns
 * must be non-empty names). FALSE with error set on a bad name. */
gboolean smm_json_emit(SmmJsonReader *r, const char *const *fields, const gsize *lens,
                       GError **error);
/* smm_json_emit() of up to four NUL-terminated fields (NULL: empty), as
 * many as the role has columns. */
gboolean smm_json_emit_text(SmmJsonReader *r, const char *a, const char *b, const char *c,
                            const char *d, GError **error);
/* Labels the accounts of `names` that `handles` (account name -> handle)
 * names, with those handles. */
void smm_json_label(GHashTable *handles, SmmNames *names);
/* Rows emitted so far: the next row's ordinal. */
guint64 smm_json_rows(const SmmJsonReader *r);
/* Removes row `ordinal` (emitted earlier) from the input, as a Jetstream
 * delete does: the importer is told in the next batch (SmmRowBatch.drops). */
void smm_json_drop(SmmJsonReader *r, guint64 ordinal);
/* The line being read, and the file's name, for messages. */
guint64 smm_json_line(const SmmJsonReader *r);
const char *smm_json_path(const SmmJsonReader *r);

/* "FILE:LINE: " and the message. */
G_GNUC_PRINTF(3, 4)
void smm_json_error(const SmmJsonReader *r, GError **error, const char *fmt, ...);

#endif
