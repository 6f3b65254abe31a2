/* input_format.h - the shapes of input smmgraph reads (--input-format).
 *
 * CSV edge lists and logs, and the JSON lines other tools write: twarc2
 * (Twitter API v2 pages, flattened tweets, followers/following pages),
 * Twitter v1.1 tweets, and Bluesky's Jetstream events; and three CSV
 * sheets whose columns are known (presets): twarc-csv's tweets, NodeXL's
 * edges and Gephi's edge table. SMM_INPUT_AUTO decides from the first
 * line: a JSON object whose keys say which tool wrote it, else CSV, a
 * preset when the header row names its columns.
 */
#ifndef SMM_INPUT_FORMAT_H
#define SMM_INPUT_FORMAT_H

#include <glib.h>

#include "smm/csv_reader.h"

typedef enum {
    SMM_INPUT_AUTO,
    SMM_INPUT_CSV,
    SMM_INPUT_TWARC,     /* twarc2 pages, flattened tweets, followers pages */
    SMM_INPUT_TWEETS_V1, /* Twitter v1.1 tweets, one a line */
    SMM_INPUT_JETSTREAM, /* Bluesky Jetstream events */
    SMM_INPUT_TWARC_CSV, /* twarc2 csv: one tweet a row (a reshare log only) */
    SMM_INPUT_NODEXL,    /* NodeXL's edge sheet saved as CSV */
    SMM_INPUT_GEPHI,     /* Gephi's edge table (a follower file only) */
} SmmInputFormat;

/* "auto", "csv", "twarc", "tweets-v1", "jetstream", "twarc-csv", "nodexl",
 * "gephi"; FALSE for another. */
gboolean smm_input_format_parse(const char *name, SmmInputFormat *format);
const char *smm_input_format_name(SmmInputFormat format);
/* The names, for messages: "auto, csv, twarc, tweets-v1 or jetstream". */
#define SMM_INPUT_FORMAT_NAMES "auto, csv, twarc, tweets-v1, jetstream, twarc-csv, nodexl or gephi"
static inline gboolean smm_input_format_is_json(SmmInputFormat format)
{
    return format == SMM_INPUT_TWARC || format == SMM_INPUT_TWEETS_V1 ||
           format == SMM_INPUT_JETSTREAM;
}
/* A CSV sheet read by its known columns (csv_presets.c). */
static inline gboolean smm_input_format_is_preset(SmmInputFormat format)
{
    return format == SMM_INPUT_TWARC_CSV || format == SMM_INPUT_NODEXL || format == SMM_INPUT_GEPHI;
}
/* What a summary line calls the format a SmmCsvStats.format names, and
 * whether it is JSON lines (else a preset's CSV): "twarc" -> "twarc JSON
 * lines", "NodeXL edges" stays. */
gboolean smm_input_format_label_is_json(const char *label);

#endif
