/* result.h - a result as a table: named, typed columns over a row order,
 * and notes (what a run's summary says), for report/ to render in any
 * format without knowing what the numbers mean.
 *
 * A column's values are indexed by a key (an account id, a cascade index,
 * a step); the table's rows are keys in report order. So a stage can hand
 * over its per-account arrays as they are and the order it sorted, with
 * no copy of a 10M-row table. Columns borrow their arrays unless the table
 * was given them to own (smm_result_own).
 */
#ifndef SMM_RESULT_H
#define SMM_RESULT_H

#include <glib.h>

#include "smm/names.h"
#include "smm/number_format.h"

typedef enum {
    SMM_RESULT_ROW,     /* the row's 1-based position (a rank): an integer */
    SMM_RESULT_COUNT,   /* integer-valued doubles, written without a fraction */
    SMM_RESULT_REAL,    /* doubles, written in the column's format ('g' or 'f') */
    SMM_RESULT_TEXT,    /* strings: text[key] */
    SMM_RESULT_ACCOUNT, /* account names: names of ids[key] (ids NULL: the key);
                           SMM_RESULT_NOBODY: an empty field, JSON null */
} SmmResultKind;

#define SMM_RESULT_NOBODY G_MAXUINT32

typedef struct {
    gchar *name; /* owned */
    SmmResultKind kind;
    SmmNumberFormat format; /* REAL */
    const double *values;   /* COUNT, REAL */
    const char *const *text;
    const guint32 *ids;
    const SmmNames *names;
    gboolean label; /* ACCOUNT: the name's label (a handle beside an id), empty when none */
} SmmResultColumn;

typedef enum { SMM_NOTE_COUNT, SMM_NOTE_REAL, SMM_NOTE_TEXT, SMM_NOTE_BOOL } SmmNoteKind;

typedef struct {
    gchar *key; /* owned */
    SmmNoteKind kind;
    guint64 count;
    double real;
    gchar *text; /* owned */
    gboolean flag;
} SmmResultNote;

typedef struct {
    gchar *name;         /* what the table is: "rank", "seeds", ... (owned) */
    GArray *columns;     /* SmmResultColumn */
    guint64 n_rows;      /* rows written */
    const guint32 *keys; /* the key of each row; NULL: row i is key i */
    GArray *notes;       /* SmmResultNote, in the order added */
    GPtrArray *owned;    /* allocations freed with the table */
} SmmResult;

void smm_result_init(SmmResult *r, const char *name, guint64 n_rows, const guint32 *keys);
void smm_result_clear(SmmResult *r);
/* The table frees `data` (g_free) when cleared; returns it. */
gpointer smm_result_own(SmmResult *r, gpointer data);

void smm_result_add_row_number(SmmResult *r, const char *name);
void smm_result_add_count(SmmResult *r, const char *name, const double *values);
void smm_result_add_real(SmmResult *r, const char *name, const double *values,
                         SmmNumberFormat format);
void smm_result_add_text(SmmResult *r, const char *name, const char *const *text);
void smm_result_add_account(SmmResult *r, const char *name, const SmmNames *names,
                            const guint32 *ids);
/* After each account column whose names carry labels (handles beside user
 * ids, smm_names_set_label), a column of those labels: "handle" after
 * "account", else NAME_handle. */
void smm_result_add_labels(SmmResult *r);

/* The key of row i. */
static inline guint32 smm_result_key(const SmmResult *r, guint64 row)
{
    return r->keys != NULL ? r->keys[row] : (guint32)row;
}

/* Notes keep the order they were first added; a key noted again takes the
 * new value. */
void smm_result_note_count(SmmResult *r, const char *key, guint64 value);
void smm_result_note_real(SmmResult *r, const char *key, double value);
void smm_result_note_text(SmmResult *r, const char *key, const char *value);
void smm_result_note_bool(SmmResult *r, const char *key, gboolean value);

/* Edges between the rows of a node table: row source[e] -> row target[e],
 * with weight[e] unless weight is NULL. */
typedef struct {
    guint64 n;
    const guint32 *source, *target;
    const double *weight;
    gboolean directed;
} SmmEdgeTable;

#endif
