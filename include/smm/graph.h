/* graph.h - the follower graph: compact CSR arrays for our own kernels and,
 * on demand, an igraph_t for igraph's.
 *
 * Vertices are account ids 0..n-1 (from SmmNames). Edge v -> u means v follows
 * u. out_* lists each account's followees, in_* its followers, both sorted by
 * id. An undirected import stores each tie as two directed edges.
 */
#ifndef SMM_GRAPH_H
#define SMM_GRAPH_H

#include <igraph.h>

#include "smm/import.h"
#include "smm/progress.h"

typedef struct {
    guint32 n; /* accounts */
    guint64 m; /* directed edges */
    gboolean undirected;
    SmmNames *names;      /* owned */
    guint64 *out_off;     /* n + 1 */
    guint32 *out_adj;     /* followees of v: out_adj[out_off[v] .. out_off[v+1]) */
    float *out_p;         /* per-edge probability in out order, or NULL */
    guint64 *in_off;      /* n + 1 */
    guint32 *in_adj;      /* followers of u: in_adj[in_off[u] .. in_off[u+1]) */
    float *in_p;          /* out_p in in order: built by smm_graph_in_probabilities() */
    igraph_t *ig;         /* built by smm_graph_igraph(), owned */
    GMappedFile *mapping; /* a graph file the arrays point into (owned), or NULL */
} SmmGraph;

typedef struct {
    guint64 duplicates;          /* rows dropped as repeats of an earlier row */
    guint64 duplicates_p_differ; /* of those, rows whose probability differed */
    guint64 edges;               /* distinct follows (undirected: distinct ties) */
} SmmGraphStats;

/* Memory the build needs on top of its edge list (checked against
 * --max-memory before it starts): per follow, and for n accounts and m
 * follows. The follower import projects it from the file's size. */
guint64 smm_graph_build_bytes_per_follow(gboolean has_p);
guint64 smm_graph_build_bytes(guint64 n_accounts, guint64 m_follows, gboolean has_p);

/* Builds the graph from `edges` on n_threads threads, taking its names and
 * arrays (its counts stay for the summary). Duplicates keep the first row's
 * probability. The same graph for any n_threads. Reports its steps (sort,
 * rows, transpose) to `progress` (NULL: none) on the calling thread. */
SmmGraph *smm_graph_build(SmmEdgeList *edges, guint n_threads, const SmmProgress *progress,
                          SmmGraphStats *stats, GError **error);

/* A graph from a CSR whose rows are sorted and free of repeats (arrays
 * taken over); no names. For graphs that are not follower graphs, such as
 * who-retweets-whom. */
SmmGraph *smm_graph_from_csr(guint32 n, guint64 *out_off, guint32 *out_adj);

void smm_graph_free(SmmGraph *graph);

/* Grows the graph to n accounts (n >= graph->n), the new ones without
 * follows: accounts a reshare log names that the follower file does not. */
void smm_graph_add_accounts(SmmGraph *graph, guint32 n);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(SmmGraph, smm_graph_free)

static inline guint64 smm_graph_out_degree(const SmmGraph *g, guint32 v)
{
    return g->out_off[v + 1] - g->out_off[v];
}

static inline guint64 smm_graph_in_degree(const SmmGraph *g, guint32 v)
{
    return g->in_off[v + 1] - g->in_off[v];
}

/* Per-edge values given in out_adj order, copied into in_adj order (owned
 * by the caller). */
double *smm_graph_in_order(const SmmGraph *graph, const double *out_values);

/* Replaces the per-edge probabilities with out_p (in out order, taken
 * over). Probabilities are floats: 4 bytes a follow, stored only when a
 * model reads them. */
void smm_graph_set_probabilities(SmmGraph *graph, float *out_p);

/* The probabilities in in-list order (what forward simulation reads), derived
 * on first use and kept; NULL when the graph has none. Main thread only. */
const float *smm_graph_in_probabilities(SmmGraph *graph);

/* The igraph view of the graph (directed, same vertex ids), built on first
 * use: the tests' oracle (rank never builds it; it costs 32 bytes per
 * follow). Main thread only. */
const igraph_t *smm_graph_igraph(SmmGraph *graph, GError **error);

#endif
