/* testutil.h - shared helpers for the unit tests: test data paths, graphs
 * loaded through the real importer, and expected values produced by the
 * independent reference scripts in scripts/. */
#ifndef SMM_TESTUTIL_H
#define SMM_TESTUTIL_H

#include <glib.h>

#include "smm/graph.h"
#include "smm/progress.h"

/* Path of a file given relative to the source tree (freed by the caller). */
gchar *test_data_path(const char *name);

/* Imports and builds a graph with default options plus the given flags. */
SmmGraph *test_load_graph(const char *name, gboolean reverse, gboolean undirected,
                          const char *p_column);

/* A reference graph, how to read it, and the file of its expected values
 * (made by a script in scripts/). */
typedef struct {
    const char *name;
    const char *graph;
    const char *expected;
    gboolean reverse, undirected;
} TestGraphCase;

/* test_load_graph() of the case's graph with its flags. */
SmmGraph *test_load_case(const TestGraphCase *c);

/* Expected values: a CSV (or .csv.gz) with a header; rows keyed by the first column.
 * Returns a table account -> GStrv of the other fields, and the header. */
typedef struct {
    GHashTable *rows; /* char * -> GStrv */
    GStrv header;     /* without the key column */
} TestExpected;

void test_expected_load(TestExpected *e, const char *name);
void test_expected_clear(TestExpected *e);
/* Index of a column in the expected file's rows, or aborts. */
guint test_expected_column(const TestExpected *e, const char *column);
/* The value of an expected numeric field for an account. */
double test_expected_value(const TestExpected *e, const char *account, guint column);

/* Asserts |a - b| <= abs_tol + rel_tol * |b|, naming what is compared. */
void test_assert_close(const char *what, const char *account, double a, double b, double abs_tol,
                       double rel_tol);

/* A progress callback that records what a stage reports: how many calls,
 * how many before the end (done < total), whether done ever fell, whether
 * every call came from the thread that set it up, and the last numbers. */
typedef struct {
    SmmProgress progress; /* hand &progress to the stage */
    GThread *thread;
    guint calls, early;
    gboolean decreased, other_thread;
    double done, total; /* the last call's */
} TestProgress;

void test_progress_init(TestProgress *t);
/* Asserts a call before the end (done < total) when total is known, done
 * never falling, every call on the thread of test_progress_init(), and a
 * last call of done of total. */
void test_progress_check(const TestProgress *t, double done, double total);

#endif
