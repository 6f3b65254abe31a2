/* graph_file.h - the binary graph file (.smmg): a follower graph imported
 * once and mapped by every later run.
 *
 * `smmgraph import FOLLOWERS.csv -o graph.smmg` writes the CSR of both
 * directions, the probabilities when the import read some, the account
 * names and the import's summary; every command then takes graph.smmg
 * where it takes a follower CSV and maps it instead of parsing, so a second
 * run on a large graph starts in seconds and pages are read as used. The
 * format is documented in README ("The binary graph file"); version 1,
 * little-endian, every section checksummed.
 */
#ifndef SMM_GRAPH_FILE_H
#define SMM_GRAPH_FILE_H

#include <stdio.h>

#include "smm/graph.h"

/* What the import of a follower file saw: the summary line's facts, and
 * the options that shaped the graph. A graph file records it. */
typedef struct {
    gchar *source; /* the CSV as named in messages */
    guint64 rows_read;
    guint64 edges; /* distinct follows (undirected: ties) */
    guint64 self_loops, duplicates, duplicates_p_differ, blank_lines;
    guint64 deleted; /* follows a later delete in the input took back (Jetstream) */
    char delimiter;
    gboolean delimiter_detected, header, header_detected;
    gchar *encoding; /* converted from, or NULL for UTF-8 */
    gboolean reverse, undirected;
    gchar *source_column, *target_column, *p_column; /* as given; NULL: the default */
    guint p_column_index; /* 1-based column the probabilities were read from; 0: none */
    gchar *created;       /* when the graph file was written (ISO 8601 UTC); NULL: not a file */
    gchar *format;        /* the JSON format read ("twarc"); NULL: CSV */
    guint64 records;      /* JSON records read */
    gchar *left_out;      /* JSON records left out, "2 quotes, 1 reply"; NULL: none */
} SmmImportSummary;

/* "2 quotes, 1 replies": what a JSON input left out; NULL when nothing. */
gchar *smm_csv_stats_left_out_text(const SmmCsvStats *stats);

/* The summary of a CSV import (edges as smm_import_followers left it, the
 * build's counts, and the options used). */
void smm_import_summary_from_csv(SmmImportSummary *summary, const char *path,
                                 const SmmFollowerImportOptions *options, const SmmEdgeList *edges,
                                 const SmmGraphStats *stats);
void smm_import_summary_clear(SmmImportSummary *summary);

/* Writes the graph and its summary to fp (checksums computed on n_threads
 * threads first, then one sequential pass). `display` names the file in
 * messages. The caller flushes and closes fp. */
gboolean smm_graph_file_write(const SmmGraph *graph, const SmmImportSummary *summary, FILE *fp,
                              const char *display, guint n_threads, GError **error);

/* TRUE when path is a regular file that starts like a graph file. */
gboolean smm_graph_file_sniff(const char *path);

/* Maps a graph file and checks it: header, sizes, every section's checksum,
 * and the structure the kernels rely on (offsets, ids below n, sorted rows,
 * name entries), on n_threads threads, so a damaged or foreign file is an
 * error, never a crash. The graph's arrays point into the mapping, which
 * the graph owns. Fills *summary (clear it with smm_import_summary_clear). */
SmmGraph *smm_graph_file_open(const char *path, guint n_threads, SmmImportSummary *summary,
                              GError **error);

#endif
