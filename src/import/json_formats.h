/* json_formats.h - a JSON input read by the extractor of its format, its
 * handles given to the names. Private to the import stage. */
#ifndef SMM_JSON_FORMATS_H
#define SMM_JSON_FORMATS_H

#include "json_twitter.h"
#include "smm/input_format.h"

/* Reads src (closing it) as `format` (twarc, tweets-v1 or jetstream) for
 * `role`, keeping the posts in `want` (reshares), and labels the accounts
 * of `names` with the handles the input gave. */
gboolean smm_json_read_format(SmmByteSource *src, const char *path, const SmmCsvOptions *options,
                              SmmInputFormat format, SmmTwitterRole role, guint want,
                              const SmmJsonColumns *cols, SmmBatchFunc fn, gpointer ctx,
                              SmmCsvStats *stats, SmmNames *names, GError **error);

#endif
