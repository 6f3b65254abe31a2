/* result.c - building and freeing result tables (result.h). */
#include "smm/result.h"

#include <string.h>

void smm_result_init(SmmResult *r, const char *name, guint64 n_rows, const guint32 *keys)
{
    r->name = g_strdup(name);
    r->columns = g_array_new(FALSE, TRUE, sizeof(SmmResultColumn));
    r->n_rows = n_rows;
    r->keys = keys;
    r->notes = g_array_new(FALSE, TRUE, sizeof(SmmResultNote));
    r->owned = g_ptr_array_new_with_free_func(g_free);
}

void smm_result_clear(SmmResult *r)
{
    if (r->columns != NULL) {
        for (guint i = 0; i < r->columns->len; i++)
            g_free(g_array_index(r->columns, SmmResultColumn, i).name);
        g_array_unref(r->columns);
    }
    if (r->notes != NULL) {
        for (guint i = 0; i < r->notes->len; i++) {
            SmmResultNote *n = &g_array_index(r->notes, SmmResultNote, i);
            g_free(n->key);
            g_free(n->text);
        }
        g_array_unref(r->notes);
    }
    if (r->owned != NULL)
        g_ptr_array_unref(r->owned);
    g_free(r->name);
    *r = (SmmResult){0};
}

gpointer smm_result_own(SmmResult *r, gpointer data)
{
    if (data != NULL)
        g_ptr_array_add(r->owned, data);
    return data;
}

static SmmResultColumn *add_column(SmmResult *r, const char *name, SmmResultKind kind)
{
    SmmResultColumn c = {.name = g_strdup(name), .kind = kind};
    g_array_append_val(r->columns, c);
    return &g_array_index(r->columns, SmmResultColumn, r->columns->len - 1);
}

void smm_result_add_row_number(SmmResult *r, const char *name)
{
    add_column(r, name, SMM_RESULT_ROW);
}

void smm_result_add_count(SmmResult *r, const char *name, const double *values)
{
    SmmResultColumn *c = add_column(r, name, SMM_RESULT_COUNT);
    c->values = values;
    c->format = (SmmNumberFormat){'f', 0};
}

void smm_result_add_real(SmmResult *r, const char *name, const double *values,
                         SmmNumberFormat format)
{
    SmmResultColumn *c = add_column(r, name, SMM_RESULT_REAL);
    c->values = values;
    c->format = format;
}

void smm_result_add_text(SmmResult *r, const char *name, const char *const *text)
{
    add_column(r, name, SMM_RESULT_TEXT)->text = text;
}

void smm_result_add_account(SmmResult *r, const char *name, const SmmNames *names,
                            const guint32 *ids)
{
    SmmResultColumn *c = add_column(r, name, SMM_RESULT_ACCOUNT);
    c->names = names;
    c->ids = ids;
}

void smm_result_add_labels(SmmResult *r)
{
    for (guint c = 0; c < r->columns->len; c++) {
        SmmResultColumn col = g_array_index(r->columns, SmmResultColumn, c);
        if (col.kind != SMM_RESULT_ACCOUNT || col.label || !smm_names_has_labels(col.names))
            continue;
        col.name = strcmp(col.name, "account") == 0 ? g_strdup("handle")
                                                    : g_strconcat(col.name, "_handle", NULL);
        col.label = TRUE;
        g_array_insert_val(r->columns, c + 1, col);
        c++;
    }
}

/* A note under `key`: the one there already (keys stay unique), or a new
 * one at the end. */
static SmmResultNote *add_note(SmmResult *r, const char *key, SmmNoteKind kind)
{
    for (guint i = 0; i < r->notes->len; i++) {
        SmmResultNote *n = &g_array_index(r->notes, SmmResultNote, i);
        if (strcmp(n->key, key) == 0) {
            g_clear_pointer(&n->text, g_free);
            n->kind = kind;
            return n;
        }
    }
    SmmResultNote n = {.key = g_strdup(key), .kind = kind};
    g_array_append_val(r->notes, n);
    return &g_array_index(r->notes, SmmResultNote, r->notes->len - 1);
}

void smm_result_note_count(SmmResult *r, const char *key, guint64 value)
{
    add_note(r, key, SMM_NOTE_COUNT)->count = value;
}

void smm_result_note_real(SmmResult *r, const char *key, double value)
{
    add_note(r, key, SMM_NOTE_REAL)->real = value;
}

void smm_result_note_text(SmmResult *r, const char *key, const char *value)
{
    add_note(r, key, SMM_NOTE_TEXT)->text = g_strdup(value);
}

void smm_result_note_bool(SmmResult *r, const char *key, gboolean value)
{
    add_note(r, key, SMM_NOTE_BOOL)->flag = value;
}
