#!/usr/bin/python3
"""Reference values for `smmgraph rank --retweets`, computed with networkx.

Usage: /usr/bin/python3 scripts/reference_retweets.py LOG.csv > OUT.csv

LOG.csv has a header with columns retweeter and author (others ignored).
For every account in the log (as retweeter or author), sorted by name in
byte order: retweets (rows naming it as author, rows where an account
reshares itself left out), retweeters (distinct such resharers), and
retweet_pagerank: networkx PageRank (alpha 0.85) on the directed graph
retweeter -> author weighted by the number of rows, over all the log's
accounts (dangling accounts spread their mass uniformly, as in igraph).
"""
import csv
import sys
from collections import Counter

import networkx as nx


def main():
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    accounts = set()
    pairs = Counter()
    for r in rows:
        a, b = r["retweeter"], r["author"]
        accounts.update((a, b))
        if a != b:
            pairs[(a, b)] += 1
    g = nx.DiGraph()
    g.add_nodes_from(accounts)
    for (a, b), w in pairs.items():
        g.add_edge(a, b, weight=w)
    pr = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-15 / len(accounts), max_iter=100000)
    retweets, retweeters = Counter(), Counter()
    for (a, b), w in pairs.items():
        retweets[b] += w
        retweeters[b] += 1
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["account", "retweets", "retweeters", "retweet_pagerank"])
    for name in sorted(accounts, key=lambda s: s.encode()):
        out.writerow([name, retweets[name], retweeters[name], repr(pr[name])])


if __name__ == "__main__":
    main()
