/* csv_presets.h - CSV sheets other tools write, read by the columns each
 * is known to have: twarc-csv's tweets (a reshare log), NodeXL's edge
 * sheet (follows and reshares) and Gephi's edge table (follows). Private
 * to the import stage.
 */
#ifndef SMM_CSV_PRESETS_H
#define SMM_CSV_PRESETS_H

#include "byte_source.h"
#include "json_twitter.h"
#include "smm/input_format.h"
#include "smm/names.h"

/* The label of a preset's format in SmmCsvStats.format and the summary
 * line: "twarc-csv", "NodeXL edges", "Gephi edges". */
const char *smm_csv_preset_label(SmmInputFormat format);

/* Reads src (closing it) as the preset `format` for `role`, through the
 * CSV reader, and hands fn batches of the rows the role takes: follows
 * (follower, followee), reshares (resharer, author, post id, time) of the
 * kinds in `want` (SMM_TWEET_*). The account and post columns are checked
 * and hashed as the CSV reader does its own. stats: format (the label),
 * records (the sheet's data rows), data_rows (rows handed over), the rows
 * left out and why, column_index 1, 2, ... for the rows' columns, and the
 * CSV's lines, delimiter and encoding. twarc-csv's handles (author.username
 * beside author_id, ...) label the accounts of `names` they name, the
 * first one seen for an id. A role the format holds nothing of (twarc-csv
 * as follows, Gephi as reshares), or no row for it, is an error. */
gboolean smm_csv_preset_read(SmmByteSource *src, const char *path, const SmmCsvOptions *options,
                             SmmInputFormat format, SmmTwitterRole role, guint want,
                             SmmBatchFunc fn, gpointer ctx, SmmCsvStats *stats, SmmNames *names,
                             GError **error);

#endif
