#!/usr/bin/python3
"""reference_stats.py FOLLOWERS.csv[.gz] [--reverse] [--undirected]

Independent reference values for `smmgraph stats`, by python3-igraph and
networkx (Debian's /usr/bin/python3), each cross-checked by the other where
both have it; a disagreement stops the script with no output.

The graph is read as smmgraph reads it: row "A,B" = A follows B (the edge
A -> B); --reverse swaps the columns; --undirected reads each row as a tie;
self-loops and repeated rows are dropped. Output: CSV `metric,value`:

  accounts, follows        vertices; distinct edges (undirected: ties)
  density                  igraph density(loops=False); nx.density
  reciprocity              igraph reciprocity(ignore_loops=True) (the share of
                           edges whose reverse exists); nx.overall_reciprocity
  weak_components, largest_weak_component, strong_components,
  largest_strong_component igraph connected_components; networkx
  followers_* following_*  in- and out-degree (undirected: the degree): max,
                           mean, median, p90, p99 (numpy.percentile, linear
                           interpolation between order statistics)
  power_law_alpha, power_law_xmin, power_law_ks
                           igraph power_law_fit of the follower counts
                           (discrete, xmin chosen by the KS statistic);
  power_law_p              its p-value (p_precision 0.01: 2,500 synthetic
                           samples, drawn by Python's RNG, so it varies run to
                           run by about 0.01)
  transitivity             igraph transitivity_undirected (direction and
                           repeats ignored); nx.transitivity of the
                           undirected simple graph
  assortativity            igraph assortativity_degree(directed): the Pearson
                           correlation of the follower's out-degree and the
                           followee's in-degree over edges (undirected: the
                           usual degree assortativity);
                           nx.degree_assortativity_coefficient(x="out", y="in")
"""
import csv
import gzip
import sys

import igraph
import networkx as nx
import numpy as np


def disagree(msg):
    sys.exit("reference_stats.py: " + msg)


def read_edges(path, reverse, undirected):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    first = rows[0]
    if not all(x.strip().lstrip("-").isdigit() for x in first[:2]):
        rows = rows[1:]  # a header
    names, edges, seen = {}, [], set()
    for row in rows:
        if len(row) < 2 or not row[0].strip():
            continue
        a, b = row[0], row[1]
        if reverse:
            a, b = b, a
        for x in (a, b):
            if x not in names:
                names[x] = len(names)
        u, v = names[a], names[b]
        if u == v:
            continue
        key = (min(u, v), max(u, v)) if undirected else (u, v)
        if key in seen:
            continue
        seen.add(key)
        edges.append(key)
    return len(names), edges


def close(a, b, tol=1e-9):
    return abs(a - b) <= tol * max(1.0, abs(a), abs(b))


def main():
    args = sys.argv[1:]
    reverse = "--reverse" in args
    undirected = "--undirected" in args
    path = [a for a in args if not a.startswith("--")][0]
    n, edges = read_edges(path, reverse, undirected)
    g = igraph.Graph(n=n, edges=edges, directed=not undirected)
    G = (nx.Graph() if undirected else nx.DiGraph())
    G.add_nodes_from(range(n))
    G.add_edges_from(edges)
    out = []

    out.append(("accounts", n))
    out.append(("follows", g.ecount()))
    density = g.density(loops=False)
    if not close(density, nx.density(G)):
        disagree("density %r vs networkx %r" % (density, nx.density(G)))
    out.append(("density", density))
    rec = g.reciprocity(ignore_loops=True) if not undirected else 1.0
    if not undirected and not close(rec, nx.overall_reciprocity(G)):
        disagree("reciprocity %r vs networkx %r" % (rec, nx.overall_reciprocity(G)))
    out.append(("reciprocity", rec))

    for mode, nx_comps in (("weak", nx.connected_components if undirected else nx.weakly_connected_components),
                           ("strong", nx.connected_components if undirected else nx.strongly_connected_components)):
        sizes = sorted(len(c) for c in g.connected_components(mode=mode))
        nx_sizes = sorted(len(c) for c in nx_comps(G))
        if sizes != nx_sizes:
            disagree("%s components differ from networkx" % mode)
        out.append(("%s_components" % mode, len(sizes)))
        out.append(("largest_%s_component" % mode, sizes[-1] if sizes else 0))

    indeg = g.degree() if undirected else g.indegree()
    outdeg = g.degree() if undirected else g.outdegree()
    for name, d in (("followers", indeg), ("following", outdeg)):
        a = np.array(d, dtype=float)
        out.append(("%s_max" % name, int(a.max()) if n else 0))
        out.append(("%s_mean" % name, float(a.mean()) if n else 0.0))
        for label, q in (("median", 50), ("p90", 90), ("p99", 99)):
            out.append(("%s_%s" % (name, label), float(np.percentile(a, q)) if n else 0.0))

    fit = igraph.power_law_fit(indeg)
    out.append(("power_law_alpha", fit.alpha))
    out.append(("power_law_xmin", fit.xmin))
    out.append(("power_law_ks", fit.D))
    out.append(("power_law_p", fit.p))

    tr = g.transitivity_undirected()
    nx_tr = nx.transitivity(nx.Graph(G.to_undirected()))
    if not close(tr, nx_tr):
        disagree("transitivity %r vs networkx %r" % (tr, nx_tr))
    out.append(("transitivity", tr))
    assort = g.assortativity_degree(directed=not undirected)
    nx_assort = (nx.degree_assortativity_coefficient(G) if undirected else
                 nx.degree_assortativity_coefficient(G, x="out", y="in"))
    if not close(assort, nx_assort, 1e-7):
        disagree("assortativity %r vs networkx %r" % (assort, nx_assort))
    out.append(("assortativity", assort))

    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["metric", "value"])
    for k, v in out:
        w.writerow([k, repr(float(v)) if isinstance(v, float) else v])


if __name__ == "__main__":
    main()
