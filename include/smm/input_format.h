/* input_format.h - the shapes of input smmgraph reads (--input-format).
 *
 * CSV edge lists and logs, and the JSON lines other tools write: twarc2
 * (Twitter API v2 pages, flattened tweets, followers/following pages),
 * Twitter v1.1 tweets, and Bluesky's Jetstream events. SMM_INPUT_AUTO
 * decides from the first line: a JSON object whose keys say which tool
 * wrote it, else CSV.
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
} SmmInputFormat;

/* "auto", "csv", "twarc", "tweets-v1", "jetstream"; FALSE for another. */
gboolean smm_input_format_parse(const char *name, SmmInputFormat *format);
const char *smm_input_format_name(SmmInputFormat format);
/* The names, for messages: "auto, csv, twarc, tweets-v1 or jetstream". */
#define SMM_INPUT_FORMAT_NAMES "auto, csv, twarc, tweets-v1 or jetstream"
static inline gboolean smm_input_format_is_json(SmmInputFormat format)
{
    return format == SMM_INPUT_TWARC || format == SMM_INPUT_TWEETS_V1 ||
           format == SMM_INPUT_JETSTREAM;
}

#endif
