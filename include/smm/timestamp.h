/* timestamp.h - points in time as found in social-media exports.
 *
 * Accepted, detected per value:
 *  - Unix seconds, with an optional fraction: 1341100972, 1341100972.25
 *  - ISO 8601 date and time, parsed by GDateTime, with or without a zone
 *    (no zone means UTC): 2012-07-04T08:00:00Z, 2012-07-04 08:00:00+02:00,
 *    2012-07-04T08:00:00.5; a date alone means its midnight UTC
 *  - the Twitter API's created_at: Wed Jul 04 08:00:00 +0000 2012
 * Times are seconds since 1970-01-01 UTC as a double (microseconds kept).
 */
#ifndef SMM_TIMESTAMP_H
#define SMM_TIMESTAMP_H

#include <glib.h>

/* Parses s (len bytes, not necessarily NUL-terminated); FALSE if it is none
 * of the accepted forms. */
gboolean smm_time_parse(const char *s, gsize len, double *seconds);

/* What smm_time_parse accepts, for error messages. */
#define SMM_TIME_FORMATS                                                                           \
    "Unix seconds, ISO 8601 (2012-07-04T08:00:00Z, zone optional: UTC) or Twitter's "              \
    "created_at (Wed Jul 04 08:00:00 +0000 2012)"

#endif
