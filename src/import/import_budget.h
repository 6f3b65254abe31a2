/* import_budget.h - refusing early an input whose rows would not fit under
 * --max-memory, before reading it all. Private to the import stage. */
#ifndef SMM_IMPORT_BUDGET_H
#define SMM_IMPORT_BUDGET_H

#include <glib.h>

#include "smm/csv_reader.h"

typedef struct {
    guint64 next_check; /* rows kept at which to check next */
} SmmImportBudget;

void smm_import_budget_init(SmmImportBudget *budget);

/* After a batch, at 65,536 rows kept and at every doubling: projects the
 * rows the whole input will give, at the rate kept so far per byte read
 * (the rows kept so far when the size is unknown), and checks that the
 * rows still to come (own_bytes each) and what later stages need for all
 * of them (later_bytes each) fit. The message reads "`what` of PATH (about
 * N, projected from the first X% of it) needs about ...". */
gboolean smm_import_budget_check(SmmImportBudget *budget, const char *what, const char *path,
                                 const SmmRowBatch *batch, guint64 kept, guint64 own_bytes,
                                 guint64 later_bytes, GError **error);

/* The error at `line` where the rows kept pass what an importer holds
 * (smm_rows_room's limit): "FILE:LINE: more than N WHAT at most that
 * many", WHAT such as "follows; a graph holds". */
G_GNUC_NO_INLINE gboolean smm_import_too_many(const char *path, guint64 line, guint64 limit,
                                              const char *what, GError **error);

#endif
