/* json_reader.h - JSON lines to rows, for the importers. Private to the
 * import stage.
 *
 * One JSON value a line (blank lines skipped), read as a stream of
 * events with yajl: the reader keeps the path of maps and arrays it is in,
 * asks an extractor which keys and containers it wants (everything else is
 * passed over without a copy), hands it the scalars it wants, and at each
 * line's end lets it emit rows. Rows go into the same batches the CSV
 * reader fills (batch_pipe.h), so the importers read both alike.
 *
 * Lines are parsed in blocks, on several threads at once (json_lines.c).
 * An extractor's instance therefore sees some of the lines only, and keeps
 * nothing from one line to the next. What depends on the lines before
 * (a record met twice, a delete taking back an earlier row, the first or
 * last handle of an account, the counts) it says with the calls below,
 * which are carried out in input order, whatever the threads.
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
    /* An instance for one parsing thread, from the caller's `config`. */
    gpointer (*create)(gconstpointer config);
    void (*destroy)(gpointer ex);
    /* A new line: forget the last record. */
    void (*begin)(gpointer ex);
    /* The id of `key` in a map of context ctx; 0: its value is skipped. */
    int (*key)(gpointer ex, int ctx, const char *key, gsize len);
    /* The context of a map or array met as `key`'s value in ctx; 0: skip it. */
    int (*enter)(gpointer ex, int ctx, int key, gboolean is_map);
    /* A map or array of context ctx ends. */
    void (*leave)(gpointer ex, SmmJsonReader *r, int ctx);
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

/* Reads src (closing it) with instances of the extractor made from
 * `config`; stats as for CSV (lines, data_rows: rows emitted, blank_lines,
 * records, left_out). Of the options: n_threads (> 1: that many parsing
 * threads), progress, and piece_bytes (lines split that many bytes at a
 * time, as a chunk's end splits them: tests). Accounts of `names` (NULL:
 * none) that smm_json_handle() named get their handles as labels. */
gboolean smm_json_read_from(SmmByteSource *src, const char *path, const SmmCsvOptions *options,
                            const SmmJsonColumns *cols, const SmmJsonExtractor *extractor,
                            gconstpointer config, SmmBatchFunc fn, gpointer ctx, SmmCsvStats *stats,
                            SmmNames *names, GError **error);

/* Copies of the fields an extractor keeps while a line is read: its
 * blocks are kept from one line to the next, so that a line costs no
 * allocation. */
typedef struct {
    GPtrArray *blocks; /* of ARENA_BLOCK bytes, or more for a longer field */
    GArray *caps;      /* gsize, each block's size */
    guint at;          /* the block being filled */
    gsize used;        /* of it */
} SmmJsonArena;

void smm_json_arena_init(SmmJsonArena *a);
void smm_json_arena_clear(SmmJsonArena *a);
/* Forgets every copy (a new line). */
static inline void smm_json_arena_reset(SmmJsonArena *a)
{
    a->at = 0;
    a->used = 0;
}
/* A NUL-terminated copy of s, valid until the next reset. */
const char *smm_json_arena_keep(SmmJsonArena *a, const char *s, gsize len);

/* ------------------------------------------- an extractor's calls, in order */

/* One row of cols->n_cols fields (NULL or empty: empty; interned columns
 * must be non-empty names). FALSE with error set on a bad name. */
gboolean smm_json_emit(SmmJsonReader *r, const char *const *fields, const gsize *lens,
                       GError **error);
/* smm_json_emit() of up to four NUL-terminated fields (NULL: empty), as
 * many as the role has columns. */
gboolean smm_json_emit_text(SmmJsonReader *r, const char *a, const char *b, const char *c,
                            const char *d, GError **error);
/* One more record left out for `why` (a static string). */
void smm_json_left_out(SmmJsonReader *r, const char *why);
/* The record `key` (a hash) begins: what the extractor says until
 * smm_json_guard_end() (rows, left-outs, failures) happens only if no
 * earlier record had that key; else the record counts as left out for
 * `why`. With `remember`, a row it gives can be taken back later by
 * smm_json_take_back(key). */
void smm_json_guard(SmmJsonReader *r, guint64 key, const char *why, gboolean remember);
void smm_json_guard_end(SmmJsonReader *r);
/* Takes back the row of the remembered record `key` (a Jetstream delete;
 * the importer is told in a later batch, SmmRowBatch.drops); when there is
 * none (or it was taken back already), counts one left out for `why`. */
void smm_json_take_back(SmmJsonReader *r, guint64 key, const char *why);
/* Account `id` goes by `handle`: the first handle given for an id stays,
 * or with `last` the last one. */
void smm_json_handle(SmmJsonReader *r, const char *id, gsize id_len, const char *handle,
                     gsize handle_len, gboolean last);
/* The line is wrong: "FILE:LINE: " and the message. Returns FALSE with
 * error set; under a guard, the failure waits for the guard's verdict and
 * TRUE is returned (the extractor goes on as if the record were skipped). */
G_GNUC_PRINTF(3, 4)
gboolean smm_json_fail(SmmJsonReader *r, GError **error, const char *fmt, ...);

#endif
