#!/usr/bin/python3
"""Generate the synthetic cascade test data (deterministic, fixed seed).

Usage:
    /usr/bin/python3 scripts/make_cascade_data.py [OUTDIR]   (default tests/data)

Writes OUTDIR/cascade_followers.csv (header `follower,followee`) and
OUTDIR/cascade_log.csv (header `retweeter,author,tweet_id,timestamp`).
Only the standard library is used; the output depends on SEED alone
(no set/dict iteration over strings, so not on PYTHONHASHSEED).

Follower file: ~150 handle-like accounts, ~1,500 follow rows with a skewed
followee distribution, plus self-loops and duplicate rows to be dropped.
Ten accounts follow nobody and four log accounts are absent from the file.

Reshare log: 120 posts by 40 authors.  Each post is an Independent Cascade
(p = 0.3 along followee -> follower, delays from seconds to days) truncated
at a per-post cap (0..60 reshares), plus occasional random adopters who
follow nobody relevant.  Quirks put in on purpose:
  * own-post rows (retweeter == author) for about half the posts, some of
    them placed after reshares of the post in the file;
  * ~20 repeated adoptions (one placed before the original in the file,
    one with the same second as the original);
  * a handful of rows moved out of time order in the file;
  * 3 author conflicts (one of them the post's first row in the file);
  * exact time ties within a post (one across a Unix and an ISO row);
  * one post whose adopters sit exactly 3600 s apart (half-open peak window);
  * timestamps: ~60% Unix seconds, the rest ISO 8601 with `Z`, `+02:00`,
    `-05:00` or no zone; fractional seconds are binary-exact (.5, .25, ...)
    so that every difference of times is exact in double precision;
  * a few short tweet ids so that byte order differs from numeric order.
"""
import datetime
import heapq
import math
import os
import random
import sys

SEED = 20240611
P_EDGE = 0.3
N_POSTS = 120
N_AUTHORS = 40

FIRST = """ana bob carla dev eli fatima gus hana ivan jun kai lena marco nia omar
pia quinn rosa sam tara umar vera wes xena yuri zane abby ben chen dora emil
flo gabe hugo iris jade kofi lux mina noor otto priya raj sofi theo uma vik
wren yara zoe amir bea cruz dina ezra finn gia""".split()
CAPS = ["Zoe_7", "Max_30", "Bo_21", "Lea_4"]


def make_names(rng, count):
    names = list(CAPS)
    seen = set(names)
    while len(names) < count:
        n = "%s_%d" % (rng.choice(FIRST), rng.randint(1, 99))
        if n not in seen:
            seen.add(n)
            names.append(n)
    return names


def weighted_sample(rng, items, weights, k):
    """k distinct items, probability proportional to weight (sequential)."""
    items = list(items)
    weights = list(weights)
    out = []
    for _ in range(min(k, len(items))):
        tot = sum(weights)
        x = rng.random() * tot
        acc = 0.0
        for i, w in enumerate(weights):
            acc += w
            if x < acc:
                break
        out.append(items.pop(i))
        weights.pop(i)
    return out


FRACS = [0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875]


def fmt_frac(frac, rng):
    """Fraction in (0,1), binary exact, written with 1..6 digits."""
    s = ("%.6f" % frac)[1:]          # ".500000"
    short = s.rstrip("0")
    return rng.choice([short, s, short + "0" if len(short) < 7 else short])


def fmt_time(t, rng, kind=None):
    whole = math.floor(t)
    frac = t - whole
    fs = fmt_frac(frac, rng) if frac else ""
    if kind is None:
        kind = "unix" if rng.random() < 0.6 else rng.choice(
            ["Z", "Z", "Z", "+02:00", "+02:00", "-05:00", "-05:00", "", ""])
    if kind == "unix":
        return "%d%s" % (whole, fs)
    off = {"Z": 0, "": 0, "+02:00": 7200, "-05:00": -18000}[kind]
    dt = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=whole + off)
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + fs + kind


def index_obj(seq, obj):
    return next(i for i, x in enumerate(seq) if x is obj)


def remove_obj(seq, obj):
    del seq[index_obj(seq, obj)]


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else "tests/data"
    rng = random.Random(SEED)

    # ---------------------------------------------------------------- graph
    names = make_names(rng, 154)
    ghosts = names[146:150]          # appear in the log only
    rare = names[150:]               # placed by hand, see INSERT below
    accounts = names[:146]
    order = accounts[:]
    rng.shuffle(order)
    popularity = {a: 1.0 / (r + 1) ** 1.1 for r, a in enumerate(order)}
    lonely = [a for a in accounts if a not in CAPS][:10]   # follow nobody
    follow_rows = []
    for v in accounts:
        if v in lonely:
            continue
        deg = max(1, min(45, int(rng.lognormvariate(2.27, 0.6))))
        others = [a for a in accounts if a != v]
        for u in weighted_sample(rng, others, [popularity[a] for a in others], deg):
            follow_rows.append((v, u))
    rng.shuffle(follow_rows)
    edges = list(follow_rows)
    for v in rng.sample(accounts, 4):                 # self-loops
        follow_rows.insert(rng.randrange(len(follow_rows) + 1), (v, v))
    for e in rng.sample(edges, 6):                    # duplicate rows
        follow_rows.insert(rng.randrange(len(follow_rows) + 1), e)

    followers_of = {a: [] for a in accounts}
    for v, u in edges:
        followers_of[u].append(v)

    # ---------------------------------------------------------------- posts
    by_pop = sorted(accounts, key=lambda a: -popularity[a])
    authors = by_pop[:25] + rng.sample(by_pop[25:], N_AUTHORS - 25)
    post_authors = list(authors) + [
        weighted_sample(rng, authors, [popularity[a] for a in authors], 1)[0]
        for _ in range(N_POSTS - N_AUTHORS)]
    rng.shuffle(post_authors)
    t_start = 1672531200             # 2023-01-01T00:00:00Z
    year = 365 * 86400

    posts = []   # dict(tid, author, t0, own, adopters=[(acc, t)])
    used_tids = set()
    for pi, author in enumerate(post_authors):
        t0 = t_start + rng.randrange(year - 10 * 86400)
        u = rng.random()
        if u < 0.15:
            cap = 0
        elif u < 0.62:
            cap = rng.randint(1, 4)
        elif u < 0.94:
            cap = rng.randint(4, 9)
        else:
            cap = rng.randint(20, 40)
        # three posts get hand-placed adopters (accounts `rare`, which adopt
        # nothing else) so that medians fall exactly on the category limits:
        # k=40 post: 100*1/40 = 2.5 (innovator); k=25 post: 100*4/25 = 16
        # (early_adopter) and 100*21/25 = 84 (late_majority); one account at
        # 100*3/60 = 5 and 100*8/40 = 20 (median 12.5, early_score 0.5).
        insert = {7: [(3, rare[3])], 11: [(4, rare[1]), (21, rare[2])],
                  13: [(1, rare[0]), (8, rare[3])]}.get(pi, [])
        if pi == 7:
            cap = 60
        if pi == 11:
            cap = 25
        if pi == 13:
            cap = 40
        cap -= len(insert)
        # Independent Cascade, earliest successful attempt wins
        heap = [(0.0, 0, author)]
        active = {}
        tick = 1
        tried = set()
        adopters = []
        while heap and len(adopters) < cap:
            t, _, v = heapq.heappop(heap)
            if v in active:
                continue
            active[v] = t
            if v != author:
                adopters.append([v, t])
            for f in followers_of.get(v, []):
                if f in active or (v, f) in tried:
                    continue
                tried.add((v, f))
                if rng.random() < P_EDGE:
                    delay = math.exp(rng.uniform(math.log(60), math.log(4 * 86400)))
                    heapq.heappush(heap, (t + delay, tick, f))
                    tick += 1
        # random adopters who follow nobody relevant
        if cap and not insert and rng.random() < 0.3:
            pool = [a for a in lonely + ghosts if a not in active and a != author]
            for a in rng.sample(pool, rng.randint(1, 2)):
                span = adopters[-1][1] if adopters else 3600.0
                adopters.append([a, rng.uniform(1.0, span + 600)])
            adopters.sort(key=lambda x: x[1])
        # times: integer seconds, sometimes a binary-exact fraction
        last = 0
        for a in adopters:
            s = max(last + 1, int(a[1]) + 1)
            a[1] = s + (rng.choice(FRACS) if rng.random() < 0.1 else 0.0)
            last = s
        if insert:
            assert len(adopters) == cap, (pi, len(adopters), cap)
        for j, acc in insert:        # tie with the adopter it goes before
            adopters.insert(j - 1, [acc, adopters[j - 1][1]])
        # a zero-reshare post exists only through its own row
        own = not adopters or rng.random() < 0.45
        tid_int = ((t0 * 1000 - 1288834974657) << 22) | rng.getrandbits(22)
        tid = str(tid_int)
        posts.append(dict(tid=tid, author=author, t0=t0, own=own,
                          adopters=adopters, extra=[]))

    # short tweet ids: byte order differs from numeric order
    for p, tid in zip(rng.sample(posts, 5), ["20", "987654321", "1234567890123",
                                             "3", "99"]):
        p["tid"] = tid
    assert len({p["tid"] for p in posts}) == len(posts)

    big = [p for p in posts if len(p["adopters"]) >= 5]
    # exact ties (same second) inside a post
    tie_posts = rng.sample(big, 8)
    for p in tie_posts:
        ad = p["adopters"]
        i = rng.randrange(1, len(ad))
        ad[i][1] = ad[i - 1][1]
    # half-open peak window: adopters at t, t+100, t+200, t+3600, t+9000
    five = [p for p in posts if len(p["adopters"]) == 5 and p not in tie_posts]
    peak_post = five[0]
    for a, off in zip(peak_post["adopters"], [300, 400, 500, 3900, 9300]):
        a[1] = float(off)
    peak_post["own"] = True

    # ---------------------------------------------------------------- rows
    # row: [retweeter, author, tid, abs_time, forced_format]
    rows = []
    for p in posts:
        if p["own"]:
            rows.append([p["author"], p["author"], p["tid"], float(p["t0"]), None])
        for a, t in p["adopters"]:
            rows.append([a, p["author"], p["tid"], p["t0"] + t, None])
    # repeats: a later second adoption by the same account
    cands = [r for r in rows if r[0] != r[1]]
    repeats = []
    for r in rng.sample(cands, 20):
        repeats.append([r[0], r[1], r[2], r[3] + rng.randint(30, 20000), None])
    repeats[1][3] = next(r for r in rows if r[0] == repeats[1][0]
                         and r[2] == repeats[1][2])[3]      # same second
    rows.extend(repeats)
    rows.sort(key=lambda r: r[3])     # file in time order (stable)

    def post_rows(tid):
        return [r for r in rows if r[2] == tid]

    # the cross-format tie: first tie pair written as Unix and as +02:00
    for p in tie_posts[:1]:
        pr = [r for r in post_rows(p["tid"]) if r[0] != r[1]]
        for x, y in zip(pr, pr[1:]):
            if x[3] == y[3]:
                x[4], y[4] = "unix", "+02:00"
                break

    # author conflicts: 3 rows naming another author (not first in time)
    multi = [p for p in posts if len(p["adopters"]) >= 3 and p not in tie_posts
             and p is not peak_post]
    conflict_posts = rng.sample(multi, 3)
    for ci, p in enumerate(conflict_posts):
        pr = post_rows(p["tid"])
        r = [x for x in pr if x[0] != x[1] and all(x is not y for y in repeats)][1]
        other = rng.choice([a for a in authors if a not in (p["author"], r[0])])
        r[1] = other
        if ci == 0:       # make the conflicting row the post's first in the file
            remove_obj(rows, r)
            rows.insert(index_obj(rows, pr[0]), r)

    # repeat row placed before its original in the file
    rep = repeats[0]
    orig = next(r for r in rows if r[0] == rep[0] and r[2] == rep[2] and r is not rep)
    remove_obj(rows, rep)
    rows.insert(index_obj(rows, orig), rep)

    # own rows placed after some reshares of their post
    own_posts = [p for p in posts if p["own"] and len(p["adopters"]) >= 2
                 and p not in conflict_posts]
    for p in rng.sample(own_posts, 6):
        pr = post_rows(p["tid"])
        own = next(r for r in pr if r[0] == r[1])
        remove_obj(rows, own)
        rows.insert(index_obj(rows, pr[rng.randint(1, min(3, len(pr) - 1))]) + 1, own)

    # a handful of other rows out of time order
    for _ in range(6):
        i = rng.randrange(len(rows))
        r = rows.pop(i)
        rows.insert(max(0, min(len(rows), i + rng.choice([-1, 1]) * rng.randint(3, 40))), r)

    # ---------------------------------------------------------------- write
    with open(os.path.join(outdir, "cascade_followers.csv"), "w", newline="") as fh:
        fh.write("follower,followee\n")
        for v, u in follow_rows:
            fh.write("%s,%s\n" % (v, u))
    with open(os.path.join(outdir, "cascade_log.csv"), "w", newline="") as fh:
        fh.write("retweeter,author,tweet_id,timestamp\n")
        for r, a, tid, t, kind in rows:
            fh.write("%s,%s,%s,%s\n" % (r, a, tid, fmt_time(t, rng, kind)))
    print("make_cascade_data: seed %d: %d follower rows, %d log rows"
          % (SEED, len(follow_rows), len(rows)), file=sys.stderr)


if __name__ == "__main__":
    main()
