#!/usr/bin/python3
"""graph_agrees.py GRAPH FORMAT RANK.csv FOLLOWERS.csv [--reverse] [--undirected]
                  [--p-column N]

Is GRAPH (smmgraph export's GraphML or GEXF) the same graph and numbers as
RANK.csv (smmgraph rank with the same options) and FOLLOWERS.csv (its input,
a header row first)? Read back with python3-igraph (GraphML) and networkx
(GraphML and GEXF), each checked on its own:

- one node per row of RANK.csv, labelled with its account (characters that
  XML 1.0 forbids left out), every column of RANK.csv a node attribute with
  the same value (doubles read back equal the CSV's digits);
- the edges are exactly the follows among those accounts in FOLLOWERS.csv
  (after --reverse; --undirected: each tie once), read here from the CSV;
- each edge's weight is the model's probability, computed here: 1 /
  following(A) for A -> B (weighted cascade), or the CSV's --p-column
  (stored as a float by smmgraph, so within 1e-6); undirected weighted
  cascade: no weight.

networkx 2.8 reads GEXF only up to 1.2draft; our GEXF 1.3 uses no element
that differs, so its namespace is rewritten to 1.2draft for that reader.
Exit 0 when every reader agrees; 77 (skip) when python3-igraph or networkx
is missing; else the first difference on stderr.
"""
import csv
import math
import re
import sys
import tempfile

try:
    import igraph
    import networkx as nx
except ImportError as e:
    print("graph_agrees: %s" % e, file=sys.stderr)
    sys.exit(77)


def fail(msg):
    sys.exit("graph_agrees: " + msg)


XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def main():
    args = sys.argv[1:]
    reverse = "--reverse" in args
    undirected = "--undirected" in args
    p_column = None
    if "--p-column" in args:
        p_column = int(args[args.index("--p-column") + 1]) - 1
        del args[args.index("--p-column"):args.index("--p-column") + 2]
    path, fmt, rank_csv, followers_csv = [a for a in args if not a.startswith("--")]

    with open(rank_csv, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    columns = [c for c in rows[0].keys() if c != "account"]
    expect = {XML_BAD.sub("", r["account"]): r for r in rows}
    if len(expect) != len(rows):
        fail("labels are not unique once XML's forbidden characters are left out")

    following, pairs = {}, {}
    with open(followers_csv, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        next(reader)
        for row in reader:
            a, b = (row[1], row[0]) if reverse else (row[0], row[1])
            if a == b:
                continue
            a, b = XML_BAD.sub("", a), XML_BAD.sub("", b)
            key = tuple(sorted((a, b))) if undirected else (a, b)
            if key in pairs:
                continue
            pairs[key] = float(row[p_column]) if p_column is not None else None
            following.setdefault(a, set()).add(b)
            if undirected:
                following.setdefault(b, set()).add(a)
    want_edges = {}
    for (a, b), p in pairs.items():
        if a in expect and b in expect:
            if p is not None:
                w = p
            elif undirected:
                w = None
            else:
                w = 1.0 / len(following[a])
            want_edges[(a, b)] = w

    def check_nodes(reader, nodes):
        """nodes: {label: {attribute: value}}"""
        if set(nodes) != set(expect):
            fail("%s: labels differ: %r" % (reader, sorted(set(nodes) ^ set(expect))[:5]))
        for label, attrs in nodes.items():
            for c in columns:
                if c not in attrs:
                    fail("%s: %s has no attribute %s" % (reader, label, c))
                want = float(expect[label][c])
                got = float(attrs[c])
                if not (got == want or (math.isnan(got) and math.isnan(want))):
                    fail("%s: %s %s = %r, CSV %r" % (reader, label, c, got, expect[label][c]))

    def check_edges(reader, edges):
        """edges: {(source label, target label): weight or None}"""
        norm = {(tuple(sorted(k)) if undirected else k): w for k, w in edges.items()}
        if len(norm) != len(edges) or set(norm) != set(want_edges):
            fail("%s: %d edges, want %d; differ: %r" % (
                reader, len(edges), len(want_edges), sorted(set(norm) ^ set(want_edges))[:5]))
        for k, w in norm.items():
            want = want_edges[k]
            if (want is None) != (w is None):
                fail("%s: edge %r weight %r, want %r" % (reader, k, w, want))
            if want is not None and abs(w - want) > 1e-6 * want + 1e-12:
                fail("%s: edge %r weight %r, want %r" % (reader, k, w, want))

    if fmt == "graphml":
        g = igraph.Graph.Read_GraphML(path)
        if g.is_directed() == undirected:
            fail("igraph: directed is %r" % g.is_directed())
        nodes = {v["label"]: v.attributes() for v in g.vs}
        check_nodes("igraph", nodes)
        has_w = "weight" in g.es.attributes()
        check_edges("igraph", {(g.vs[e.source]["label"], g.vs[e.target]["label"]):
                               (e["weight"] if has_w else None) for e in g.es})
        G = nx.read_graphml(path)
        check_nodes("networkx graphml", {d["label"]: d for _, d in G.nodes(data=True)})
        check_edges("networkx graphml", {(G.nodes[u]["label"], G.nodes[v]["label"]): d.get("weight")
                                         for u, v, d in G.edges(data=True)})
    elif fmt == "gexf":
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if 'xmlns="http://gexf.net/1.3" version="1.3"' not in text:
            fail("not GEXF 1.3")
        text = text.replace('xmlns="http://gexf.net/1.3" version="1.3"',
                            'xmlns="http://www.gexf.net/1.2draft" version="1.2"')
        with tempfile.NamedTemporaryFile("w", suffix=".gexf", encoding="utf-8") as tmp:
            tmp.write(text)
            tmp.flush()
            G = nx.read_gexf(tmp.name)
        if G.is_directed() == undirected:
            fail("networkx gexf: directed is %r" % G.is_directed())
        check_nodes("networkx gexf", {d["label"]: d for _, d in G.nodes(data=True)})
        # read_gexf gives edges without a weight attribute weight 1.0
        check_edges("networkx gexf", {(G.nodes[u]["label"], G.nodes[v]["label"]):
                                      (d.get("weight") if 'weight="' in text else None)
                                      for u, v, d in G.edges(data=True)})
    else:
        fail("unknown format %r" % fmt)


if __name__ == "__main__":
    main()
