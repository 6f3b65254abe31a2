/* formats_util.h - what the tests of the other tools' formats share
 * (test_json_import.c, test_csv_presets.c): the fixtures of
 * tests/data/formats, their expected rows as the baseline wrote them, and
 * the checks of an import against them. */
#ifndef SMM_FORMATS_UTIL_H
#define SMM_FORMATS_UTIL_H

#include <glib.h>

#include "smm/import.h"
#include "smm/reshare.h"

/* A fixture of tests/data/formats, or (an absolute path) a file written
 * by the test. */
gchar *formats_fixture(const char *name);
/* The expected CSV's data rows, each split into its fields (quotes as
 * Python's csv module writes them). */
GPtrArray *formats_expected_rows(const char *name);
/* The labels the import gave are those of `handles` (id,handle rows; NULL:
 * none): every account there that the import has, and no other. */
void formats_check_handles(const SmmNames *names, GPtrArray *handles);
/* The follows of `edges` are `rows` (follower,followee) in order, but
 * their self-loops, which the importer drops and counts. */
void formats_check_follows(const SmmEdgeList *edges, GPtrArray *rows);
/* The reshare log is `rows` (retweeter,author,post,time) in order, times
 * to a microsecond. */
void formats_check_log_rows(const SmmNames *names, const SmmReshareLog *log, GPtrArray *rows);
/* How many records the reading left out for `why`. */
guint64 formats_left_out(const SmmCsvStats *s, const char *why);
/* error is set, its message holds `message` and is one line. */
void formats_check_message(const GError *error, const char *message);

#endif
