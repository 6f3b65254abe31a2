/* import.h - follower CSV to an edge list of interned account ids.
 *
 * A row "A,B" means A follows B: the edge A -> B (follower -> followee).
 * Influence flows the other way, B -> A. --reverse swaps the columns for
 * exports written followee-first; --undirected reads a row as a mutual tie.
 * Self-loops are dropped here and counted; duplicates are dropped when the
 * graph is built (that needs the edges sorted).
 */
#ifndef SMM_IMPORT_H
#define SMM_IMPORT_H

#include "smm/csv_reader.h"
#include "smm/input_format.h"
#include "smm/names.h"

typedef struct {
    SmmCsvOptions csv;
    SmmInputFormat format;     /* AUTO: decided from the first line */
    const char *source_column; /* NULL: column 1 */
    const char *target_column; /* NULL: column 2 */
    const char *p_column;      /* NULL: no per-edge probability */
    gboolean reverse;          /* rows are followee,follower */
    gboolean undirected;       /* rows are mutual ties */
    /* What each follow will cost the stages after the import (the graph
     * build's smm_graph_build_bytes_per_follow), so that a file whose
     * follows could not be built under --max-memory is refused early: its
     * follows are projected from its size and the part read. 0: the
     * import's own arrays only. */
    guint64 later_bytes_per_follow;
} SmmFollowerImportOptions;

typedef struct {
    SmmNames *names; /* owned */
    GArray *src;     /* guint32 follower ids, file order; owned */
    GArray *dst;     /* guint32 followee ids */
    GArray *p;       /* float per edge, or NULL without a p column */
    gboolean undirected;
    SmmCsvStats csv;    /* what the reader saw */
    guint64 self_loops; /* rows dropped because both ends are the same account */
    guint64 deleted;    /* rows a later delete in the input took back (Jetstream) */
} SmmEdgeList;

void smm_edge_list_clear(SmmEdgeList *edges);

/* Reads a follower CSV into `edges`. Account names go into `names` (taken
 * over: pass the table another input already filled, so ids agree), or a
 * new table when NULL. On failure `edges` is left empty (names freed) and
 * error says file, line and what was expected. */
gboolean smm_import_followers(const char *path, const SmmFollowerImportOptions *options,
                              SmmNames *names, SmmEdgeList *edges, GError **error);

/* A list of accounts (and a number each, such as a price), read from a
 * CSV's account (and cost) column, found by header name or else the first
 * (and second), looked up among known accounts without adding any. Accounts not known are counted,
 * the first one kept for messages. */
typedef struct {
    GArray *ids;     /* guint32, in file order */
    GArray *values;  /* double per id, or NULL */
    guint64 unknown; /* rows naming an account not in `names` */
    gchar *first_unknown;
} SmmAccountList;

/* Reads `path`; with `value_what` (e.g. "cost column"), the second column
 * must hold a positive number in every row. */
gboolean smm_import_account_list(const char *path, const SmmCsvOptions *options,
                                 const SmmNames *names, const char *value_what,
                                 SmmAccountList *list, GError **error);
void smm_account_list_clear(SmmAccountList *list);

#endif
