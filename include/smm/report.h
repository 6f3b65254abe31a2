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

#include "smm/cascade.h"
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

/* Appends one CSV field: as it is, or quoted by libcsv's writer when it
 * holds a comma, quote, line break or edge space. */
void smm_csv_append_field(GString *out, const char *s, gsize len);

/* Appends ",V": reals with 10 significant digits (-0 as 0). */
void smm_csv_append_real(GString *out, double v);

/* One row per cascade, in the order given: tweet_id,author,size,depth,
 * max_breadth,structural_virality,duration_s,t50_s,t90_s,peak_rate_per_h,
 * top_amplifier. `names` holds accounts, `items` post ids (NULL unless the
 * cascades are by item). */
gboolean smm_report_cascades(FILE *fp, const SmmCascades *cs, const SmmNames *names,
                             const SmmNames *items, const SmmCascadeShape *shapes,
                             const guint32 *order, guint32 count, GError **error);

/* The cascade's name in reports: its post id, its author, or "topic". */
const char *smm_cascade_name(const SmmCascades *cs, guint32 c, const SmmNames *names,
                             const SmmNames *items, guint32 *len);

/* The tree edges of cascade c, appended as rows tweet_id,parent,child,delay_s
 * (delay: the child's adoption minus the parent's, the root adopting at the
 * post's time). */
void smm_report_tree_edges(GString *out, const SmmCascades *cs, guint32 c, const guint32 *parent,
                           const SmmNames *names, const SmmNames *items);

/* One row per account in `order`: rank,account,cascades,median_percentile,
 * category,early_score[,led]. */
gboolean smm_report_adopters(FILE *fp, const SmmAdopters *ad, const SmmNames *names,
                             const guint32 *order, guint32 count, GError **error);

#endif
