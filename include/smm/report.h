/* report.h - writing results.
 *
 * Output files are written under a temporary name in the same directory and
 * renamed into place only when complete, so a failure never leaves half a
 * report; "-" or NULL writes to stdout.
 */
#ifndef SMM_REPORT_H
#define SMM_REPORT_H

#include <stdio.h>

#include "smm/rank.h"

typedef struct SmmOutput SmmOutput;

SmmOutput *smm_output_open(const char *path, GError **error);
FILE *smm_output_file(SmmOutput *out);
/* Flushes, closes and renames into place; frees out either way. */
gboolean smm_output_commit(SmmOutput *out, GError **error);
/* Discards the temporary file; frees out. Safe on NULL. */
void smm_output_abort(SmmOutput *out);

/* Writes the ranked table as RFC 4180 CSV: rank,account, then the computed
 * columns in report order. Formatting runs on n_threads threads; the bytes
 * are the same for any n_threads. */
gboolean smm_report_csv(const SmmTable *table, FILE *fp, guint n_threads, GError **error);

#endif
