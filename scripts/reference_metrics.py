#!/usr/bin/python3
"""Independent reference values for `smmgraph rank` metrics.

Usage:
    /usr/bin/python3 scripts/reference_metrics.py INPUT.csv [--reverse] [--undirected]
        [--no-betweenness] > OUT.csv

Needs Debian's python3 with python3-networkx, python3-igraph, numpy and scipy
(hence /usr/bin/python3 rather than whatever `python3` is first on PATH).

Input: CSV with a header row; the first two columns are account ids (kept as
strings); further columns are ignored.  A name ending in .gz is gunzipped.
Edge semantics (same as smmgraph):
  * row "A,B"            -> follow edge A -> B (A follows B; follower -> followee)
  * --reverse            -> row "B,A" means A -> B, i.e. the edge is col2 -> col1
  * --undirected         -> every row is a mutual tie (both directions)
Self-loops and duplicate edges are dropped (undirected: "A,B" and "B,A" are the
same tie).  An account that occurs only in a self-loop row is still listed (as
an isolated account).

Output: CSV `account,followers,following,pagerank,leaderrank,authority,hub,
coreness,betweenness`, one row per account sorted by account name in byte
order; floats printed with repr() (full double precision).

Every metric is computed by two independent implementations; a disagreement
stops the script with a message and no output (the printed value is the
first one named below; for coreness the one that is not igraph's, since
igraph is what smmgraph is also compared with).
  followers/following  in-/out-degree (undirected: both = degree)
  pagerank     networkx pagerank(alpha=0.85, tol=min(1e-14, 1e-13/n),
               max_iter=10000);
               checked against igraph pagerank(damping=0.85) (PRPACK) and
               against a sparse direct solve of (I - 0.85 P^T) x = const.
               Dangling accounts (following nobody) spread their mass uniformly.
  authority/hub  HITS principal eigenvectors of A^T A / A A^T scaled to max 1
               (igraph convention), via networkx hits (svds); checked against
               igraph authority_score/hub_score(scale=True).  Values below
               1e-13 (pure round-off around an exact zero) are printed as 0.0.
  coreness     an own Batagelj-Zaversnik peeling on follower counts
               (directed) / networkx core_number (undirected); checked
               against igraph coreness(mode="in") / coreness().
  betweenness  networkx betweenness_centrality(normalized=False) (undirected:
               each unordered pair counted once); checked against igraph.
  leaderrank   Lu, Zhang, Yeung, Zhou, PLoS ONE 6(6): e21202 (2011): ground
               node g linked both ways to every account; s_i(0)=1, s_g(0)=0;
               s_i(t+1) = sum_{j->i} s_j(t)/outdeg(j); LR_i = s_i + s_g/n.
               Checked against n*pi_i + pi_g where pi is the stationary
               distribution of the random walk on the augmented graph, from an
               eigen solver (scipy.linalg.eig dense for n <= 3000,
               scipy.sparse.linalg.eigs/ARPACK otherwise).
"""
import argparse
import csv
import gzip
import io
import sys
import warnings

warnings.filterwarnings("ignore", category=FutureWarning)

import igraph
import networkx as nx
import numpy as np
import scipy.linalg
import scipy.sparse
import scipy.sparse.linalg

ZERO_SNAP = 1e-13


def warn(msg):
    print("WARNING: " + msg, file=sys.stderr)


def disagree(msg):
    """Two independent computations of a reference differ: no file."""
    sys.exit("reference_metrics.py: " + msg)


def info(msg):
    print("info: " + msg, file=sys.stderr)


def read_edges(path, reverse, undirected):
    """Return (sorted account list, list of (u, v) index pairs, stats)."""
    if path.endswith(".gz"):
        fh = io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    else:
        fh = open(path, encoding="utf-8", newline="")
    with fh:
        reader = csv.reader(fh)
        next(reader)  # header
        names = set()
        raw = []
        nrows = 0
        for row in reader:
            if not row:
                continue
            nrows += 1
            a, b = row[0], row[1]
            names.add(a)
            names.add(b)
            raw.append((b, a) if reverse else (a, b))
    accounts = sorted(names, key=lambda s: s.encode("utf-8"))
    index = {a: i for i, a in enumerate(accounts)}
    seen = set()
    edges = []
    loops = dups = 0
    for a, b in raw:
        if a == b:
            loops += 1
            continue
        key = (min(a, b), max(a, b)) if undirected else (a, b)
        if key in seen:
            dups += 1
            continue
        seen.add(key)
        edges.append((index[a], index[b]))
    stats = dict(rows=nrows, accounts=len(accounts), self_loops=loops,
                 duplicates=dups, edges=len(edges))
    return accounts, edges, stats


def maxdiff(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    return float(np.max(np.abs(x - y))) if len(x) else 0.0


# ---------------------------------------------------------------- PageRank
def pagerank_direct(n, dedges, alpha=0.85):
    """Solve x = alpha P^T x + c 1 (c scalar absorbs dangling + teleport)."""
    if n == 0:
        return np.zeros(0)
    src = np.array([u for u, _ in dedges], dtype=np.int64)
    dst = np.array([v for _, v in dedges], dtype=np.int64)
    outdeg = np.bincount(src, minlength=n).astype(float)
    w = 1.0 / outdeg[src] if len(src) else np.zeros(0)
    PT = scipy.sparse.csc_matrix((w, (dst, src)), shape=(n, n))
    M = scipy.sparse.identity(n, format="csc") - alpha * PT
    x = scipy.sparse.linalg.spsolve(M, np.ones(n))
    return x / x.sum()


# --------------------------------------------------------------- LeaderRank
def leaderrank_iter(n, dedges, tol=1e-15, cap=100000):
    """Power iteration exactly as defined by Lu et al. (2011)."""
    N = n + 1
    g = n
    src = [u for u, _ in dedges] + list(range(n)) + [g] * n
    dst = [v for _, v in dedges] + [g] * n + list(range(n))
    src = np.array(src, dtype=np.int64)
    dst = np.array(dst, dtype=np.int64)
    outdeg = np.bincount(src, minlength=N).astype(float)
    # Column-stochastic transfer: s(t+1)[i] = sum_{j->i} s_j / outdeg(j)
    T = scipy.sparse.csr_matrix((1.0 / outdeg[src], (dst, src)), shape=(N, N))
    s = np.ones(N)
    s[g] = 0.0
    it = 0
    delta = float("inf")
    best = float("inf")
    since_best = 0
    while it < cap:
        s_new = T @ s
        delta = float(np.max(np.abs(s_new - s)))
        s = s_new
        it += 1
        if delta < tol:
            break
        # With scores of order 10..1000 an absolute change below 1e-15 is
        # below one ulp and may never be reached; stop once the change has
        # reached round-off level and stopped decreasing for 2000 steps.
        if delta < best:
            best = delta
            since_best = 0
        else:
            since_best += 1
            if since_best >= 2000 and delta < 1e-12 * max(1.0, float(np.max(s))):
                break
    info("leaderrank: %d iterations, last max change %.3g" % (it, delta))
    if it >= cap:
        warn("leaderrank hit the iteration cap (%d), last change %g" % (cap, delta))
    # The total mass sum(s) = n is invariant in exact arithmetic; remove the
    # round-off drift (about 3e-12 relative after 662 steps on Higgs).
    if n:
        s = s * (n / s.sum())
    return s[:n] + s[g] / n, s, T


def leaderrank_eigen(n, T):
    """n * pi_i + pi_g, pi = stationary distribution (T pi = pi, sum pi = 1)."""
    N = n + 1
    if N <= 3001:
        vals, vecs = scipy.linalg.eig(T.toarray())
        k = int(np.argmin(np.abs(vals - 1.0)))
        method = "numpy/scipy dense eig"
    else:
        # ARPACK, largest-magnitude eigenvalue (= 1; |lambda_2| < 1 because
        # the ground node makes the walk irreducible and aperiodic).
        vals, vecs = scipy.sparse.linalg.eigs(T.tocsc(), k=1, which="LM", tol=0)
        k = 0
        method = "scipy.sparse.linalg.eigs (ARPACK, which=LM)"
    if abs(vals[k] - 1.0) > 1e-9:
        disagree("leaderrank eigenvalue nearest 1 is %r" % (vals[k],))
    pi = np.real(vecs[:, k])
    pi = pi / pi.sum()
    info("leaderrank eigen check via " + method)
    return n * pi[:n] + pi[n]


# -------------------------------------------------------------- coreness
def in_coreness_peel(n, dedges):
    """Batagelj-Zaversnik peeling on in-degree (directed k-core, mode=in)."""
    indeg = [0] * n
    outs = [[] for _ in range(n)]
    for u, v in dedges:
        indeg[v] += 1
        outs[u].append(v)
    deg = indeg[:]
    core = [0] * n
    maxd = max(deg) if n else 0
    buckets = [set() for _ in range(maxd + 1)]
    for i, d in enumerate(deg):
        buckets[d].add(i)
    removed = [False] * n
    k = 0
    d = 0
    for _ in range(n):
        d = 0
        while not buckets[d]:
            d += 1
        k = max(k, d)
        v = buckets[d].pop()
        removed[v] = True
        core[v] = k
        for w in outs[v]:
            if not removed[w]:
                buckets[deg[w]].discard(w)
                deg[w] -= 1
                buckets[deg[w]].add(w)
    return core


def snap(x):
    return 0.0 if abs(x) < ZERO_SNAP else x


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input")
    ap.add_argument("--reverse", action="store_true")
    ap.add_argument("--undirected", action="store_true")
    ap.add_argument("--no-betweenness", action="store_true")
    args = ap.parse_args()

    accounts, edges, st = read_edges(args.input, args.reverse, args.undirected)
    n = len(accounts)
    info("rows=%(rows)d accounts=%(accounts)d self_loops=%(self_loops)d "
         "duplicates=%(duplicates)d kept=%(edges)d" % st)
    directed = not args.undirected
    # directed follow edges (for LeaderRank / direct PageRank solve)
    if directed:
        dedges = list(edges)
    else:
        dedges = list(edges) + [(v, u) for u, v in edges]

    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(n))
    G.add_edges_from(edges)
    ig = igraph.Graph(n=n, edges=edges, directed=directed)

    # degrees
    if directed:
        followers = [G.in_degree(i) for i in range(n)]
        following = [G.out_degree(i) for i in range(n)]
        assert followers == ig.indegree() and following == ig.outdegree()
    else:
        followers = following = [G.degree(i) for i in range(n)]
        assert followers == ig.degree()

    # PageRank
    # networkx stops when the L1 change < n*tol, so tol=1e-14 leaves a
    # relative error of ~6e-8 on the 76,851-account Higgs graph.  Use
    # tol = min(1e-14, 1e-13/n) (L1 change < 1e-13) instead.
    try:
        pr_nx = nx.pagerank(G, alpha=0.85, tol=min(1e-14, 1e-13 / max(n, 1)),
                            max_iter=10000)
    except nx.PowerIterationFailedConvergence:
        warn("pagerank: tight tolerance not reached, using tol=1e-14")
        pr_nx = nx.pagerank(G, alpha=0.85, tol=1e-14, max_iter=10000)
    pr = [pr_nx[i] for i in range(n)]
    pr_ig = ig.pagerank(damping=0.85, directed=directed)
    pr_ds = pagerank_direct(n, dedges)
    d1, d2 = maxdiff(pr, pr_ig), maxdiff(pr, pr_ds)
    r2 = float(np.max(np.abs(np.array(pr) - pr_ds) / pr_ds)) if n else 0.0
    info("pagerank: max|nx-igraph|=%.3g max|nx-direct solve|=%.3g "
         "(relative %.3g)" % (d1, d2, r2))
    if d1 > 1e-9:
        disagree("pagerank networkx vs igraph differ by %g" % d1)
    if d2 > 1e-9:
        disagree("pagerank networkx vs direct solve differ by %g" % d2)

    # HITS
    # nstart (passed to svds as v0) fixes ARPACK's otherwise random start
    # vector, so the output is reproducible to the last digit.
    h_nx, a_nx = nx.hits(G, max_iter=1000000, tol=1e-14, normalized=True,
                         nstart={i: 1.0 for i in range(n)})
    hub = np.array([h_nx[i] for i in range(n)])
    auth = np.array([a_nx[i] for i in range(n)])
    if directed:
        hub = hub / hub.max()
        auth = auth / auth.max()
    else:
        # A symmetric: hub and authority are the same eigenvector
        auth = auth / auth.max()
        hub = auth.copy()
    hub_ig = np.array(ig.hub_score(scale=True))
    auth_ig = np.array(ig.authority_score(scale=True))
    dh, da = maxdiff(hub, hub_ig), maxdiff(auth, auth_ig)
    info("hits: max|nx-igraph| hub=%.3g authority=%.3g" % (dh, da))
    if dh > 1e-6:
        disagree("hub networkx vs igraph differ by %g" % dh)
    if da > 1e-6:
        disagree("authority networkx vs igraph differ by %g" % da)

    # coreness
    if directed:
        core = ig.coreness(mode="in")
        core_chk = in_coreness_peel(n, edges)
        name = "own in-degree peeling"
    else:
        core = ig.coreness()
        cn = nx.core_number(G)
        core_chk = [cn[i] for i in range(n)]
        name = "networkx core_number"
    if core != core_chk:
        bad = sum(1 for x, y in zip(core, core_chk) if x != y)
        disagree("coreness igraph vs %s differ for %d accounts" % (name, bad))
    else:
        info("coreness: igraph == %s" % name)
    core = core_chk  # the reference written is the independent one

    # betweenness
    if args.no_betweenness:
        btw = None
    else:
        b_nx = nx.betweenness_centrality(G, normalized=False)
        btw = [b_nx[i] for i in range(n)]
        b_ig = ig.betweenness(directed=directed)
        db = maxdiff(btw, b_ig)
        rel = db / max(1.0, max(btw) if btw else 1.0)
        info("betweenness: max|nx-igraph|=%.3g (relative %.3g)" % (db, rel))
        if rel > 1e-9:
            disagree("betweenness networkx vs igraph differ by %g" % db)

    # LeaderRank
    lr, _s, T = leaderrank_iter(n, dedges)
    lr_eig = leaderrank_eigen(n, T)
    dl = float(np.max(np.abs(lr - lr_eig) / np.maximum(1.0, np.abs(lr)))) if n else 0.0
    info("leaderrank: max relative |iter-eigen|=%.3g, sum=%r (expect n=%d)"
         % (dl, float(lr.sum()), n))
    assert dl < 1e-9, "leaderrank iteration vs eigenvector differ by %g" % dl

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["account", "followers", "following", "pagerank", "leaderrank",
                  "authority", "hub", "coreness", "betweenness"])
    for i, acc in enumerate(accounts):
        out.writerow([acc, followers[i], following[i], repr(float(pr[i])),
                      repr(float(lr[i])), repr(snap(float(auth[i]))),
                      repr(snap(float(hub[i]))), core[i],
                      "" if btw is None else repr(float(btw[i]))])


if __name__ == "__main__":
    main()
