/* network_stats.h - the whole-graph summary researchers quote: size,
 * density, reciprocity, components, degree distributions, the power-law
 * fit of follower counts, transitivity and degree assortativity, as
 * python3-igraph defines each (scripts/reference_stats.py). */
#ifndef SMM_NETWORK_STATS_H
#define SMM_NETWORK_STATS_H

#include "smm/graph.h"
#include "smm/graph_file.h"
#include "smm/result.h"

typedef struct {
    double max, mean, median, p90, p99; /* percentiles: linear between order statistics */
} SmmDegreeSummary;

typedef struct {
    guint32 accounts;
    guint64 follows;    /* distinct follows (undirected: ties) */
    double density;     /* follows / possible ones, no loops */
    double reciprocity; /* share of follows whose reverse is a follow too */
    guint64 weak_components, largest_weak, strong_components, largest_strong;
    SmmDegreeSummary followers, following;
    double alpha, xmin, ks, p; /* discrete power-law fit of follower counts; p NAN if not asked */
    double transitivity;       /* global, of the undirected simple graph */
    double assortativity;      /* out-degree of follower vs in-degree of followee */
} SmmNetworkStats;

typedef struct {
    double p_precision; /* 0: no p-value; else its target precision (0.01: 2500 samples) */
} SmmNetworkStatsOptions;

/* Main thread (calls igraph on the graph's igraph view). The p-value's
 * synthetic samples come from igraph's plfit, whose generator starts from
 * its own fixed seed in each process (igraph 0.10 does not let it take
 * igraph's): one call per process gives the same p every run, later calls
 * in the same process other draws. */
gboolean smm_network_stats(SmmGraph *graph, const SmmNetworkStatsOptions *options,
                           SmmNetworkStats *stats, GError **error);

/* The stats with the import's counts as a table of rows metric,value. */
void smm_network_stats_table(const SmmNetworkStats *stats, const SmmImportSummary *summary,
                             SmmResult *out);

#endif
