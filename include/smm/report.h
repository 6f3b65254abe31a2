/* report.h - writing results.
 *
 * A regular output file (or one that does not exist yet) is written under a
 * temporary name in the same directory and renamed into place only when
 * complete, so a failure never leaves half a report; a symbolic link's
 * target is the file replaced. Anything else (a device, a FIFO,
 * /dev/stdout) is written directly. "-" or NULL writes to stdout.
 */
#ifndef SMM_REPORT_H
#define SMM_REPORT_H

#include <stdio.h>

#include "smm/result.h"

typedef struct SmmOutput SmmOutput;

SmmOutput *smm_output_open(const char *path, GError **error);
FILE *smm_output_file(SmmOutput *out);
/* Flushes, closes and renames into place; frees out either way. */
gboolean smm_output_commit(SmmOutput *out, GError **error);
/* Discards the temporary file; frees out. Safe on NULL. */
void smm_output_abort(SmmOutput *out);

typedef enum { SMM_FORMAT_CSV, SMM_FORMAT_TSV, SMM_FORMAT_JSON, SMM_FORMAT_JSONL } SmmFormat;

/* "csv", "tsv", "json", "jsonl". */
const char *smm_format_name(SmmFormat format);
gboolean smm_format_from_name(const char *name, SmmFormat *format);
/* By the file name's extension: .csv, .tsv or .tab, .json, .jsonl or
 * .ndjson (any case); FALSE for anything else. */
gboolean smm_format_from_path(const char *path, SmmFormat *format);

/* Writes a result table: a header of its column names (CSV, TSV), then one
 * row per row of the table (see table_report.c for each format's rules).
 * Formatting runs on n_threads threads; the bytes are the same for any
 * n_threads. */
gboolean smm_report_write(const SmmResult *result, SmmFormat format, FILE *fp, guint n_threads,
                          GError **error);

/* Appends one CSV field: as it is, or quoted by libcsv's writer when it
 * holds a comma, quote, line break or edge space. */
void smm_csv_append_field(GString *out, const char *s, gsize len);

#endif
