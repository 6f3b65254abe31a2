#!/usr/bin/python3
"""Independent reference values for smmgraph's reshare-cascade analysis.

Usage:
    /usr/bin/python3 scripts/reference_cascades.py FOLLOWERS.csv LOG.csv
        [--attribution last|first] [--via VIA.csv]
        --what cascades|adopters|learned|via > OUT.csv

Needs Debian's python3 with python3-networkx (hence /usr/bin/python3 rather
than whatever `python3` is first on PATH).  Written from the definitions only
(not ported from the C code) so that it is an independent check of it.

Inputs
  FOLLOWERS  CSV, header `follower,followee`; row `v,u` = follow edge v -> u
             (v follows u).  Self-loops and duplicate rows are dropped.
  LOG        CSV, header `retweeter,author,tweet_id,timestamp`.  Timestamps
             are Unix seconds (digits, optional fraction) or ISO 8601
             `YYYY-MM-DDTHH:MM:SS[.ffffff][Z|+HH:MM|-HH:MM]` (no zone = UTC).
             Each is parsed exactly (fractions.Fraction) and rounded once to
             a double, seconds since the epoch (UTC); rows are ordered by the
             double (asserted to agree with the exact order).
  VIA        CSV, header `retweeter,tweet_id,via` (json_baseline.py --via):
             the account through whose reshare the retweeter saw the post
             (Bluesky's record.via).  Rows not named there have no via.

Cascades (one per tweet_id)
  rows of a post ordered by (time, file row); root = author of the first row;
  a later row naming another author is an author conflict (counted, processed
  with the first author as root); retweeter == root is the author's own post
  (not a reshare; the first one's time is post_time, and the cascade's origin
  is the earlier of post_time and the first reshare); a retweeter already
  adopted earlier in the order is a repeat (dropped).  The rest, in order,
  are adopters 1..k.
  Parent of adopter j (account v): among the accounts v follows that adopted
  before j (root = position 0, adopter i = position i) the one with the
  largest (--attribution last) or smallest (--attribution first) position;
  the root when v follows none of them.

Outputs (sorted in byte order; floats with repr())
  cascades  tweet_id,author,size,depth,max_breadth,structural_virality,
            duration_s,t50_s,t90_s,peak_rate_per_h,top_amplifier
            structural virality = networkx average_shortest_path_length of the
            undirected tree, checked against the Wiener-index formula
            sum_edges s(n-s) / (n(n-1)/2); depth checked against networkx
            shortest_path_length from the root.
  adopters  account,cascades,median_percentile,category,early_score,led
            position = 100 j / k; median computed exactly and rounded once;
            categories compare the exact median with 2.5/16/50/84 (<=).
  learned   follower,followee,p   p(u -> v) = credit(v,u) / acted(u)
            (Goyal, Bonchi, Lakshmanan, WSDM 2010, Bernoulli); empty p when
            acted(u) == 0.
  via       with_via,agree,not_before,not_followed,passed_over: over the
            adopters (not the root) whose row has a via account w, whether
            the parent above is w (agree); else whether w is neither the root
            nor an earlier adopter (not_before); else whether the adopter
            does not follow w (not_followed); else the rule chose another
            followee (passed_over).

Counts (posts, adoptions kept, repeats, own posts, author conflicts,
follower-file self-loops and duplicates) go to stderr.
"""
import argparse
import csv
import datetime
import math
import re
import sys
from fractions import Fraction

import networkx as nx

UNIX_RE = re.compile(r"^([0-9]+)(?:\.([0-9]+))?$")
ISO_RE = re.compile(
    r"^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})"
    r"(?:\.([0-9]{1,6}))?(Z|[+-][0-9]{2}:[0-9]{2})?$")
EPOCH_ORD = datetime.date(1970, 1, 1).toordinal()


def parse_time(text):
    """Exact seconds since the epoch (UTC) as a Fraction."""
    m = UNIX_RE.match(text)
    if m:
        whole, frac = m.groups()
        val = Fraction(int(whole))
        if frac:
            val += Fraction(int(frac), 10 ** len(frac))
        return val
    m = ISO_RE.match(text)
    if not m:
        raise ValueError("bad timestamp %r" % text)
    y, mo, d, hh, mi, ss = (int(g) for g in m.groups()[:6])
    frac, zone = m.group(7), m.group(8)
    days = datetime.date(y, mo, d).toordinal() - EPOCH_ORD
    if not (hh < 24 and mi < 60 and ss < 60):
        raise ValueError("bad time of day %r" % text)
    secs = days * 86400 + hh * 3600 + mi * 60 + ss
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        secs -= sign * (int(zone[1:3]) * 3600 + int(zone[4:6]) * 60)
    val = Fraction(secs)
    if frac:
        val += Fraction(int(frac), 10 ** len(frac))
    return val


def read_followers(path):
    edges = {}          # (follower, followee) -> None, first-seen order
    self_loops = dups = 0
    with open(path, encoding="utf-8", newline="") as fh:
        rd = csv.reader(fh)
        header = next(rd)
        assert header[:2] == ["follower", "followee"], header
        for row in rd:
            v, u = row[0], row[1]
            if v == u:
                self_loops += 1
            elif (v, u) in edges:
                dups += 1
            else:
                edges[(v, u)] = None
    return list(edges), self_loops, dups


def read_via(path):
    via = {}
    with open(path, encoding="utf-8", newline="") as fh:
        rd = csv.reader(fh)
        assert next(rd) == ["retweeter", "tweet_id", "via"]
        for r, tid, w in rd:
            assert (r, tid) not in via, (r, tid)
            via[(r, tid)] = w
    return via


def read_log(path):
    rows = []
    with open(path, encoding="utf-8", newline="") as fh:
        rd = csv.reader(fh)
        header = next(rd)
        assert header == ["retweeter", "author", "tweet_id", "timestamp"], header
        for idx, row in enumerate(rd):
            r, a, tid, ts = row
            exact = parse_time(ts)
            rows.append((r, a, tid, exact, float(exact), idx))
    return rows


VIA = {}   # (retweeter, tweet_id) -> via account (--via)


class Post:
    pass


def build_posts(rows):
    by_tid = {}
    for row in rows:
        by_tid.setdefault(row[2], []).append(row)
    counts = dict(repeats=0, own=0, conflicts=0)
    posts = {}
    for tid, prow in by_tid.items():
        prow.sort(key=lambda r: (r[4], r[5]))     # double time, file row
        # the data should not depend on how the parser rounds: distinct
        # exact times must stay distinct (and in order) as doubles
        assert sorted(prow, key=lambda r: (r[3], r[5])) == prow, tid
        p = Post()
        p.tid = tid
        p.root = prow[0][1]
        p.post_time = None
        p.adopters = []     # account names, in order (index 0 = adopter 1)
        p.times = []        # float times
        p.vias = []         # the via account of each adopter's row, or None
        seen = set()
        for r, a, _tid, _exact, t, _idx in prow:
            if a != p.root:
                counts["conflicts"] += 1
            if r == p.root:
                counts["own"] += 1
                if p.post_time is None:
                    p.post_time = t
                continue
            if r in seen:
                counts["repeats"] += 1
                continue
            seen.add(r)
            p.adopters.append(r)
            p.vias.append(VIA.get((r, tid)))
            p.times.append(t)
        posts[tid] = p
    return posts, counts


def tree_parents(post, follows, attribution):
    """parent[j] for nodes 1..k (node 0 = root); parent[0] = None."""
    pos = {post.root: 0}
    parent = [None]
    for j, v in enumerate(post.adopters, start=1):
        cands = [pos[u] for u in follows.get(v, ()) if u in pos]
        if not cands:
            parent.append(0)
        elif attribution == "last":
            parent.append(max(cands))
        else:
            parent.append(min(cands))
        pos[v] = j
    return parent


def via_counts(posts, follows, attribution):
    n = dict(with_via=0, agree=0, not_before=0, not_followed=0, passed_over=0)
    for tid in sorted(posts):
        p = posts[tid]
        parent = tree_parents(p, follows, attribution)
        nodes = [p.root] + p.adopters
        for j, (v, w) in enumerate(zip(p.adopters, p.vias), start=1):
            if w is None:
                continue
            n["with_via"] += 1
            if nodes[parent[j]] == w:
                n["agree"] += 1
            elif w not in nodes[:j]:
                n["not_before"] += 1
            elif w not in follows.get(v, ()):
                n["not_followed"] += 1
            else:
                n["passed_over"] += 1
    assert n["with_via"] == n["agree"] + n["not_before"] + n["not_followed"] + n["passed_over"]
    return n


def ceil_div(a, b):
    return -(-a // b)


def cascade_row(post, follows, attribution):
    k = len(post.adopters)
    n = k + 1
    parent = tree_parents(post, follows, attribution)
    # own depth via parent chain (parents always precede children)
    depth = [0] * n
    for j in range(1, n):
        depth[j] = depth[parent[j]] + 1
    g = nx.Graph()
    g.add_nodes_from(range(n))
    g.add_edges_from((j, parent[j]) for j in range(1, n))
    assert nx.is_tree(g)
    nxdepth = nx.shortest_path_length(g, source=0)
    assert all(nxdepth[j] == depth[j] for j in range(n))
    maxdepth = max(nxdepth.values())
    level = {}
    for d in nxdepth.values():
        level[d] = level.get(d, 0) + 1
    max_breadth = max(level.values())
    if n == 1:
        sv = 0.0
    else:
        sv = nx.average_shortest_path_length(g)
        sub = [1] * n
        for j in range(n - 1, 0, -1):
            sub[parent[j]] += sub[j]
        wiener = sum(sub[j] * (n - sub[j]) for j in range(1, n))
        sv2 = wiener / (n * (n - 1) / 2)
        assert abs(sv - sv2) <= 1e-12, (post.tid, sv, sv2)
    if k == 0:
        duration = t50 = t90 = 0.0
        peak = 0
    else:
        # a reshare before the post's own row starts the cascade
        origin = post.times[0] if post.post_time is None else min(post.post_time, post.times[0])
        duration = post.times[k - 1] - origin
        t50 = post.times[ceil_div(k, 2) - 1] - origin
        t90 = post.times[ceil_div(9 * k, 10) - 1] - origin
        peak = max(sum(1 for s in post.times if t <= s < t + 3600.0)
                   for t in post.times)
    children = [0] * n
    for j in range(1, n):
        children[parent[j]] += 1
    best = 0
    for j in range(1, n):
        if children[j] > 0 and (best == 0 or children[j] > children[best]):
            best = j
    top = post.adopters[best - 1] if best else ""
    return [post.tid, post.root, n, maxdepth, max_breadth, repr(float(sv)),
            repr(duration), repr(t50), repr(t90), peak, top]


def category(med):
    if med <= Fraction(5, 2):
        return "innovator"
    if med <= 16:
        return "early_adopter"
    if med <= 50:
        return "early_majority"
    if med <= 84:
        return "late_majority"
    return "laggard"


def median(vals):
    s = sorted(vals)
    m = len(s)
    if m % 2:
        return s[m // 2]
    return (s[m // 2 - 1] + s[m // 2]) / 2


def adopter_rows(posts, followers_of):
    pos_exact = {}
    pos_float = {}
    led = {}
    for tid in sorted(posts):
        p = posts[tid]
        k = len(p.adopters)
        index = {v: j for j, v in enumerate(p.adopters, start=1)}
        for j, v in enumerate(p.adopters, start=1):
            pos_exact.setdefault(v, []).append(Fraction(100 * j, k))
            pos_float.setdefault(v, []).append(100.0 * j / k)
            led[v] = led.get(v, 0) + sum(
                1 for f in followers_of.get(v, ()) if index.get(f, 0) > j)
    out = []
    worst = 0.0
    for acc in sorted(pos_exact):
        ex = pos_exact[acc]
        med = median(ex)
        medf = float(med)
        fl = median(pos_float[acc])   # the naive double path, for comparison
        worst = max(worst, abs(fl - medf))
        early = sum(1 for x in ex if x <= 16)
        out.append([acc, len(ex), repr(medf), category(med),
                    repr(early / len(ex)), led[acc]])
    return out, worst


def learned_rows(posts, edges):
    acted = {}
    # before[v] = {u: number of posts where v adopted and u acted before v}
    credit = {}
    for tid in sorted(posts):
        p = posts[tid]
        acted[p.root] = acted.get(p.root, 0) + 1
        for v in p.adopters:
            acted[v] = acted.get(v, 0) + 1
        earlier = [p.root]
        for v in p.adopters:
            c = credit.setdefault(v, {})
            for u in earlier:
                c[u] = c.get(u, 0) + 1
            earlier.append(v)
    out = []
    for v, u in sorted(edges):
        a = acted.get(u, 0)
        if a == 0:
            out.append([v, u, ""])
        else:
            out.append([v, u, repr(credit.get(v, {}).get(u, 0) / a)])
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("followers")
    ap.add_argument("log")
    ap.add_argument("--attribution", choices=["last", "first"], default="last")
    ap.add_argument("--via", help="retweeter,tweet_id,via: the observed parents")
    ap.add_argument("--what", choices=["cascades", "adopters", "learned", "via"],
                    required=True)
    args = ap.parse_args()
    if args.via:
        VIA.update(read_via(args.via))

    edges, self_loops, dups = read_followers(args.followers)
    follows = {}
    followers_of = {}
    for v, u in edges:
        follows.setdefault(v, []).append(u)
        followers_of.setdefault(u, []).append(v)
    rows = read_log(args.log)
    posts, counts = build_posts(rows)
    kept = sum(len(p.adopters) for p in posts.values())
    print("info: follower file: %d edges kept, %d self-loops and %d duplicates "
          "dropped" % (len(edges), self_loops, dups), file=sys.stderr)
    print("info: log: %d rows, %d posts, %d adoptions kept, %d repeats, "
          "%d own posts, %d author conflicts"
          % (len(rows), len(posts), kept, counts["repeats"], counts["own"],
             counts["conflicts"]), file=sys.stderr)
    assert len(rows) == kept + counts["repeats"] + counts["own"]

    out = csv.writer(sys.stdout, lineterminator="\n")
    if args.what == "cascades":
        out.writerow(["tweet_id", "author", "size", "depth", "max_breadth",
                      "structural_virality", "duration_s", "t50_s", "t90_s",
                      "peak_rate_per_h", "top_amplifier"])
        for tid in sorted(posts, key=lambda s: s.encode("utf-8")):
            out.writerow(cascade_row(posts[tid], follows, args.attribution))
    elif args.what == "adopters":
        res, worst = adopter_rows(posts, followers_of)
        print("info: median_percentile: exact vs naive double path differ by "
              "at most %g" % worst, file=sys.stderr)
        out.writerow(["account", "cascades", "median_percentile", "category",
                      "early_score", "led"])
        res.sort(key=lambda r: r[0].encode("utf-8"))
        out.writerows(res)
    elif args.what == "via":
        n = via_counts(posts, follows, args.attribution)
        keys = ["with_via", "agree", "not_before", "not_followed", "passed_over"]
        out.writerow(keys)
        out.writerow([n[k] for k in keys])
    else:
        out.writerow(["follower", "followee", "p"])
        res = learned_rows(posts, edges)
        res.sort(key=lambda r: (r[0].encode("utf-8"), r[1].encode("utf-8")))
        out.writerows(res)


if __name__ == "__main__":
    main()
