#!/usr/bin/python3
"""Exact expected spread of every seed set of up to K accounts, by
enumerating live-edge worlds, for the Independent Cascade model with
weighted-cascade probabilities and for the Linear Threshold model.

Usage: /usr/bin/python3 scripts/exact_spread.py FOLLOWERS.csv --model ic|lt [--max-k K] > OUT.csv

FOLLOWERS.csv: header, then rows "A,B" meaning A follows B (influence runs
B -> A). Self-loops and duplicate rows are dropped.
- IC: follow edge v -> u is live with probability 1 / following(v); all
  2^m worlds are enumerated (m <= 22).
- LT: each account v with following(v) > 0 picks exactly one of the accounts
  it follows, each with probability 1 / following(v) (the weights sum to 1);
  all prod following(v) worlds are enumerated.
sigma(S) = expected number of accounts reachable from S along live
influence edges, S included. Output: seeds (names sorted, joined by '+'),
size, spread (repr), one row per set, sets in order of size then names.
"""
import argparse
import csv
import itertools
import sys


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    edges = []
    for a, b, *_ in rows:
        if a != b and (a, b) not in edges:
            edges.append((a, b))
    names = sorted({x for e in edges for x in e}, key=lambda s: s.encode())
    return names, edges


def reach_sets(names, live):
    """For each account, the accounts it reaches along live influence edges."""
    followers = {x: [] for x in names}
    for v, u in live:  # v follows u: influence u -> v
        followers[u].append(v)
    out = {}
    for s in names:
        seen, stack = {s}, [s]
        while stack:
            x = stack.pop()
            for y in followers[x]:
                if y not in seen:
                    seen.add(y)
                    stack.append(y)
        out[s] = frozenset(seen)
    return out


def worlds_ic(names, edges):
    following = {x: 0 for x in names}
    for v, _ in edges:
        following[v] += 1
    m = len(edges)
    if m > 22:
        sys.exit("exact_spread: too many edges for enumeration")
    for mask in range(1 << m):
        prob, live = 1.0, []
        for i, (v, u) in enumerate(edges):
            p = 1.0 / following[v]
            if mask >> i & 1:
                prob *= p
                live.append((v, u))
            else:
                prob *= 1 - p
        if prob > 0:
            yield prob, live


def worlds_lt(names, edges):
    choices = {x: [] for x in names}
    for v, u in edges:
        choices[v].append(u)
    movers = [x for x in names if choices[x]]
    for pick in itertools.product(*(choices[x] for x in movers)):
        prob = 1.0
        for x in movers:
            prob /= len(choices[x])
        yield prob, list(zip(movers, pick))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("followers")
    ap.add_argument("--model", choices=["ic", "lt"], required=True)
    ap.add_argument("--max-k", type=int, default=3)
    args = ap.parse_args()
    names, edges = read(args.followers)
    subsets = [s for k in range(1, args.max_k + 1) for s in itertools.combinations(names, k)]
    spread = dict.fromkeys(subsets, 0.0)
    total = 0.0
    worlds = worlds_ic(names, edges) if args.model == "ic" else worlds_lt(names, edges)
    for prob, live in worlds:
        total += prob
        reach = reach_sets(names, live)
        for s in subsets:
            spread[s] += prob * len(frozenset().union(*(reach[x] for x in s)))
    assert abs(total - 1.0) < 1e-9, total
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["seeds", "size", "spread"])
    for s in subsets:
        out.writerow(["+".join(s), len(s), repr(spread[s])])


if __name__ == "__main__":
    main()
