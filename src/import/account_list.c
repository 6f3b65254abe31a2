/* account_list.c - lists of known accounts from a CSV (who may or may not be
 * chosen as seeds, what they cost, where a simulation starts), through the
 * same reader as every other input. */
#include <string.h>

#include "smm/core.h"
#include "smm/import.h"

typedef struct {
    const char *path;
    const SmmNames *names;
    const char *value_what;
    SmmAccountList *list;
} Reading;

static gboolean on_batch(const SmmRowBatch *b, gpointer ctx, GError **error)
{
    Reading *rd = ctx;
    for (guint r = 0; r < b->n_rows; r++) {
        guint32 len, id;
        const char *name = smm_batch_field(b, r, 0, &len);
        double value = 0;
        if (rd->value_what != NULL) {
            guint32 vlen;
            const char *s = smm_batch_field(b, r, 1, &vlen);
            if (!smm_parse_decimal(s, vlen, &value) || value <= 0) {
                g_autofree gchar *q = smm_quote_value(s, vlen);
                g_set_error(error, SMM_ERROR, SMM_ERROR_PARSE,
                            "%s:%" G_GUINT64_FORMAT ": the %s holds %s; expected a positive "
                            "number",
                            smm_display_name(rd->path), b->line[r], rd->value_what, q);
                return FALSE;
            }
        }
        if (!smm_names_lookup(rd->names, name, len, &id)) {
            if (rd->list->unknown++ == 0)
                rd->list->first_unknown = g_strndup(name, len);
            continue;
        }
        g_array_append_val(rd->list->ids, id);
        if (rd->value_what != NULL)
            g_array_append_val(rd->list->values, value);
    }
    return TRUE;
}

gboolean smm_import_account_list(const char *path, const SmmCsvOptions *options,
                                 const SmmNames *names, const char *value_what,
                                 SmmAccountList *list, GError **error)
{
    memset(list, 0, sizeof *list);
    list->ids = g_array_new(FALSE, FALSE, sizeof(guint32));
    list->values = value_what != NULL ? g_array_new(FALSE, FALSE, sizeof(double)) : NULL;
    /* With a header, the columns are found by name (seeds' own report has
     * rank,account,...); else they are the first two. */
    static const char *const account_names[] = {"account",  "accounts",  "handle",     "user",
                                                "username", "userid",    "screenname", "name",
                                                "seed",     "candidate", "id",         NULL};
    static const char *const value_names[] = {"cost", "price", "fee", "value", NULL};
    SmmColumnSpec cols[2] = {{NULL, 1, "account column", TRUE, account_names, FALSE},
                             {NULL, 2, value_what, FALSE, value_names, FALSE}};
    Reading rd = {.path = path, .names = names, .value_what = value_what, .list = list};
    SmmCsvStats stats = {0};
    gboolean ok =
        smm_csv_read(path, options, cols, value_what != NULL ? 2 : 1, on_batch, &rd, &stats, error);
    smm_csv_stats_clear(&stats);
    if (!ok)
        smm_account_list_clear(list);
    return ok;
}

void smm_account_list_clear(SmmAccountList *list)
{
    if (list->ids != NULL)
        g_array_unref(list->ids);
    if (list->values != NULL)
        g_array_unref(list->values);
    g_free(list->first_unknown);
    memset(list, 0, sizeof *list);
}
