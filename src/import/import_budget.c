/* import_budget.c - the rows an input will give, projected from the part
 * read, against --max-memory.
 *
 * Checking at every doubling of the rows kept costs nothing and sharpens
 * the projection as more is read. Account names are left out: the
 * estimate errs low, never refusing a run that fits by its count of rows.
 */
#include "import_budget.h"

#include "smm/core.h"

#define FIRST_CHECK (1u << 16)

gboolean smm_import_too_many(const char *path, guint64 line, guint64 limit, const char *what,
                             GError **error)
{
    g_set_error(error, SMM_ERROR, SMM_ERROR_LIMIT,
                "%s:%" G_GUINT64_FORMAT ": more than %" G_GUINT64_FORMAT " %s at most that many",
                smm_display_name(path), line, smm_rows_room(0, G_MAXUINT64, limit), what);
    return FALSE;
}

void smm_import_budget_init(SmmImportBudget *budget)
{
    budget->next_check = FIRST_CHECK;
}

gboolean smm_import_budget_check(SmmImportBudget *budget, const char *what, const char *path,
                                 const SmmRowBatch *b, guint64 kept, guint64 own_bytes,
                                 guint64 later_bytes, GError **error)
{
    if (kept < budget->next_check)
        return TRUE;
    budget->next_check = 2 * kept;
    guint64 rows = kept;
    g_autofree gchar *basis = NULL;
    if (b->input_size > 0 && b->input_at > 0 && b->input_at < b->input_size) {
        double share = (double)b->input_at / (double)b->input_size;
        rows = MAX(kept, (guint64)((double)kept / share));
        basis =
            g_strdup_printf("about %" G_GUINT64_FORMAT ", projected from the first %.2g%% of it",
                            rows, 100.0 * share);
    } else {
        basis = g_strdup_printf("%" G_GUINT64_FORMAT " read so far", kept);
    }
    guint64 need = (rows - kept) * own_bytes + rows * later_bytes;
    g_autofree gchar *message =
        g_strdup_printf("%s of %s (%s)", what, smm_display_name(path), basis);
    return smm_memory_check(message, need, error);
}
