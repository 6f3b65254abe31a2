#!/usr/bin/python3
"""Turn social-media tool output into smmgraph's CSV inputs, the way a user does it today.

The peer of smmgraph's importer in benchmarks, and an independent reference
for the expected outputs in tests/data/formats/.  It reads, line by line with
the json (or csv) module:

  twarc2 pages and flattened tweets (also mixed in one file), twarc2
  followers/following pages, Twitter v1.1 tweets, Jetstream events,
  twarc-csv, NodeXL edge CSV and Gephi edge tables

from files, gzip files or stdin ("-"), and writes the reshare log
(retweeter,author,tweet_id,timestamp) and the follower list
(follower,followee).  Times are written as Unix seconds, with the exact
fraction when there is one.

Rules (tests/data/README.md, "formats/", says why):
  - a retweet/repost is a row; an original post is a row whose retweeter is
    its author; quotes, replies and likes are skipped and counted;
  - a retweet whose original is not in the data (deleted, protected) is
    counted and skipped; an author known only by id is written as the id;
  - ids are resolved to handles with every user object (or Jetstream
    identity event) in the input; the last handle seen wins for Jetstream,
    the first for Twitter (a user object seen with the tweet wins over both);
  - with --accounts ids, accounts are written as the platform's stable id
    instead (Twitter user id, Jetstream DID; twarc-csv author_id and
    retweeted_user_id; NodeXL and Gephi have only names and keep them), and
    --handles writes id,handle for every written account whose handle the
    input gives (Twitter: the first user object seen, Jetstream: the last
    identity handle), sorted by id;
  - a tweet id, or a Jetstream (did, collection, rkey) create, seen twice is
    one record (the second is counted as a duplicate);
  - a Jetstream follow delete removes the follow created under the same
    (did, rkey); a repost or post delete removes nothing (the reshare was seen);
  - Jetstream time is record.createdAt, time_us when createdAt is missing or
    unreadable.

Usage: json_baseline.py [-o RESHARES.csv] [--follows FOLLOWS.csv] [--via VIA.csv]
                        [--accounts handles|ids] [--handles HANDLES.csv]
                        [--format auto|...] [--stats STATS.json] INPUT...
"""
import argparse
import calendar
import csv
import gzip
import io
import json
import re
import sys
from collections import OrderedDict

FORMATS = ["auto", "json", "twarc-csv", "nodexl", "gephi"]


# ---------------------------------------------------------------- times

TIME_RE = re.compile(r"(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(?:\.(\d+))?\s*(Z|[+-]\d\d:?\d\d)?$")
V1_RE = re.compile(r"\w{3} (\w{3}) (\d\d) (\d\d):(\d\d):(\d\d) ([+-]\d{4}) (\d{4})$")
MONTHS = {m: i + 1 for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split())}


def fmt_seconds(sec, frac):
    """Unix seconds as text: integer, or with the fraction's digits, trailing zeros dropped."""
    frac = frac.rstrip("0")
    return "%d.%s" % (sec, frac) if frac else "%d" % sec


def iso_time(s):
    m = TIME_RE.match(s.strip())
    if not m:
        return None
    y, mo, d, h, mi, se = (int(g) for g in m.groups()[:6])
    sec = calendar.timegm((y, mo, d, h, mi, se, 0, 0, 0))
    z = m.group(8)
    if z and z != "Z":
        z = z.replace(":", "")
        off = int(z[1:3]) * 3600 + int(z[3:5]) * 60
        sec -= off if z[0] == "+" else -off
    return fmt_seconds(sec, m.group(7) or "")


def v1_created(s):
    m = V1_RE.match(s)
    if not m:
        return None
    mon, d, h, mi, se, z, y = m.groups()
    sec = calendar.timegm((int(y), MONTHS[mon], int(d), int(h), int(mi), int(se), 0, 0, 0))
    off = int(z[1:3]) * 3600 + int(z[3:5]) * 60
    return fmt_seconds(sec - (off if z[0] == "+" else -off), "")


def units_time(n, digits):
    """An integer count of 10**-digits seconds (timestamp_ms, time_us)."""
    sec, frac = divmod(int(n), 10 ** digits)
    return fmt_seconds(sec, "%0*d" % (digits, frac))


# ---------------------------------------------------------------- input

def open_text(path):
    """A file, a gzip file or stdin, as text; a UTF-8 byte-order mark is dropped."""
    raw = sys.stdin.buffer if path == "-" else open(path, "rb")
    buf = io.BufferedReader(raw) if not hasattr(raw, "peek") else raw
    if buf.peek(2)[:2] == b"\x1f\x8b":
        buf = io.BufferedReader(gzip.GzipFile(fileobj=buf))
    return io.TextIOWrapper(buf, encoding="utf-8-sig", newline="")


class Reader:
    """Everything read so far: rows waiting for names, follows, and the counts."""

    def __init__(self, ids=False):
        self.ids = ids             # --accounts ids: write ids and DIDs, keep handles on the side
        self.counts = OrderedDict()
        self.rows = []             # [retweeter, author, post, time]; names may be ("id", x) or ("did", x)
        self.via = []              # [retweeter, post, via account]
        self.follows = OrderedDict()   # key -> [follower, followee]
        self.twitter_names = {}    # user id -> username (first seen; v1.1 and twarc-csv too with ids)
        self.handles = {}          # did -> handle (last seen)
        self.seen = set()
        self.nkeys = 0

    def new_key(self):
        self.nkeys += 1
        return ("row", self.nkeys)

    def count(self, what, n=1):
        self.counts[what] = self.counts.get(what, 0) + n

    # -- names --------------------------------------------------------
    def learn_user(self, u):
        if isinstance(u, dict) and u.get("id") and u.get("username"):
            self.twitter_names.setdefault(u["id"], u["username"])

    def twitter_name(self, uid, local):
        """The username from the same page or tweet, else ("id", uid) for the end."""
        if self.ids:
            return ("id", uid)
        u = local.get(uid) if local else None
        if u and u.get("username"):
            return u["username"]
        return ("id", uid)

    def learn_pair(self, uid, handle):
        """An id and handle side by side (v1.1 user object, twarc-csv columns); --accounts ids only."""
        if uid and handle:
            self.twitter_names.setdefault(uid, handle)

    def handle_of(self, name):
        """The handle kept on the side for an id or DID, or None (a plain name has none)."""
        if isinstance(name, tuple):
            kind, key = name
            return self.twitter_names.get(key) if kind == "id" else self.handles.get(key)
        return None

    def handle_rows(self):
        """id,handle for every written account whose handle is known, sorted by id (bytes)."""
        known, missing = {}, set()
        names = [n for r in self.rows for n in r[:2]] + [n for f in self.follows.values() for n in f]
        names += [n for v in self.via for n in (v[0], v[2])]
        for n in names:
            if isinstance(n, tuple) and n[1]:
                h = self.handle_of(n)
                if h is None:
                    missing.add(n[1])
                else:
                    known[n[1]] = h
        self.counts["accounts_without_handle"] = len(missing)
        return sorted(known.items(), key=lambda kv: kv[0].encode("utf-8"))

    def resolve(self, name):
        if isinstance(name, tuple):
            kind, key = name
            if self.ids:
                return key
            if kind == "id":
                if key in self.twitter_names:
                    return self.twitter_names[key]
                self.count("names_left_as_ids")
                return key
            return self.handles.get(key, key)
        return name

    # -- twitter v2 ---------------------------------------------------
    def v2_tweet(self, tw, users, tweets, flattened):
        """One v2 tweet; users/tweets are the page's includes (None when flattened)."""
        tid = tw.get("id")
        if not tid:
            self.count("records_without_id")
            return
        if tid in self.seen:
            self.count("duplicate_tweets")
            return
        self.seen.add(tid)
        if flattened:
            self.learn_user(tw.get("author"))
            local = {tw["author"]["id"]: tw["author"]} if tw.get("author", {}).get("id") else {}
        else:
            local = users
        refs = tw.get("referenced_tweets") or []
        kinds = {r.get("type") for r in refs}
        when = iso_time(tw.get("created_at", ""))
        if when is None:
            self.count("unreadable_times")
            return
        actor = self.twitter_name(tw.get("author_id"), local)
        if "retweeted" in kinds:
            ref = [r for r in refs if r.get("type") == "retweeted"][-1]
            orig = ref if flattened else tweets.get(ref.get("id"))
            if not orig or not orig.get("author_id"):
                self.count("missing_originals")
                return
            if flattened:
                self.learn_user(orig.get("author"))
                olocal = {orig["author_id"]: orig.get("author", {})}
            else:
                olocal = users
            self.rows.append([actor, self.twitter_name(orig["author_id"], olocal), ref["id"], when])
            self.count("reshares")
        elif "quoted" in kinds:
            self.count("quotes")
        elif "replied_to" in kinds:
            self.count("replies")
        else:
            self.rows.append([actor, actor, tid, when])
            self.count("own_posts")

    def v2_page(self, page):
        self.count("pages")
        inc = page.get("includes") or {}
        users = {u.get("id"): u for u in inc.get("users", []) if isinstance(u, dict)}
        for u in users.values():
            self.learn_user(u)
        data = page.get("data") or []
        if isinstance(data, dict):
            data = [data]
        url = (page.get("__twarc") or {}).get("url", "")
        m = re.search(r"/2/users/(\d+)/(followers|following)\b", url)
        if m or (data and "username" in data[0] and "text" not in data[0]):
            for u in data:
                self.learn_user(u)
            if m:
                self.count("follow_pages")
                for u in data:
                    a, b = (u.get("id"), m.group(1)) if m.group(2) == "followers" else (m.group(1), u.get("id"))
                    self.follows[self.new_key()] = [("id", a), ("id", b)]
            else:
                self.count("user_pages")
            return
        tweets = {t.get("id"): t for t in inc.get("tweets", []) if isinstance(t, dict)}
        for tw in data:
            self.v2_tweet(tw, users, tweets, False)

    # -- twitter v1.1 -------------------------------------------------
    def v1_tweet(self, st):
        tid = st.get("id_str") or str(st.get("id"))
        if tid in self.seen:
            self.count("duplicate_tweets")
            return
        self.seen.add(tid)
        when = units_time(st["timestamp_ms"], 3) if st.get("timestamp_ms") else v1_created(st.get("created_at", ""))
        if when is None:
            self.count("unreadable_times")
            return
        rs = st.get("retweeted_status")
        actor, author = self.v1_user(st.get("user")), self.v1_user((rs or {}).get("user"))
        if rs:
            if not author or not rs.get("id_str"):
                self.count("missing_originals")
                return
            self.rows.append([actor, author, rs["id_str"], when])
            self.count("reshares")
        elif st.get("quoted_status_id_str") or st.get("is_quote_status"):
            self.count("quotes")
        elif st.get("in_reply_to_status_id_str"):
            self.count("replies")
        else:
            self.rows.append([actor, actor, tid, when])
            self.count("own_posts")

    def v1_user(self, u):
        """screen_name, or with --accounts ids ("id", id_str) (the screen_name kept on the side)."""
        u = u if isinstance(u, dict) else {}
        if not self.ids:
            return u.get("screen_name")
        uid = u.get("id_str") or (str(u["id"]) if isinstance(u.get("id"), int) else None)
        if not uid:
            return None
        self.learn_pair(uid, u.get("screen_name"))
        return ("id", uid)

    # -- jetstream ----------------------------------------------------
    def jet_event(self, ev):
        kind = ev.get("kind")
        did = ev.get("did")
        if kind == "identity":
            self.count("identity_events")
            h = (ev.get("identity") or {}).get("handle")
            if h and h != "handle.invalid":
                self.handles[did] = h
            return
        if kind != "commit":
            self.count("%s_events" % kind if kind in ("account", "sync") else "other_events")
            return
        c = ev.get("commit") or {}
        coll, op, rkey = c.get("collection"), c.get("operation"), c.get("rkey")
        key = (did, coll, rkey)
        short = coll.rsplit(".", 1)[-1] if coll and coll.startswith("app.bsky.") else "other"
        if op == "delete":
            if coll == "app.bsky.graph.follow" and key in self.follows:
                del self.follows[key]
                self.count("follow_deletes")
            else:
                self.count("%s_deletes_kept" % short if short in ("repost", "post") else
                           "unmatched_follow_deletes" if short == "follow" else "other_deletes")
            return
        if op != "create":
            self.count("updates")
            return
        if key in self.seen:
            self.count("duplicate_events")
            return
        self.seen.add(key)
        rec = c.get("record") or {}
        if coll == "app.bsky.feed.repost":
            uri = (rec.get("subject") or {}).get("uri", "")
            m = re.match(r"at://([^/]+)/app\.bsky\.feed\.post/[^/]+$", uri)
            if not m:
                self.count("reposts_of_unknown_subject")
                return
            self.rows.append([("did", did), ("did", m.group(1)), uri, self.jet_time(rec, ev)])
            self.count("reshares")
            via = (rec.get("via") or {}).get("uri", "")
            vm = re.match(r"at://([^/]+)/", via)
            if vm:
                self.via.append([("did", did), uri, ("did", vm.group(1))])
        elif coll == "app.bsky.feed.post":
            emb = (rec.get("embed") or {}).get("$type", "")
            if rec.get("reply"):
                self.count("replies")
            elif emb in ("app.bsky.embed.record", "app.bsky.embed.recordWithMedia"):
                self.count("quotes")
            else:
                uri = "at://%s/app.bsky.feed.post/%s" % (did, rkey)
                self.rows.append([("did", did), ("did", did), uri, self.jet_time(rec, ev)])
                self.count("own_posts")
        elif coll == "app.bsky.graph.follow":
            subj = rec.get("subject")
            if isinstance(subj, str) and subj.startswith("did:"):
                self.follows[key] = [("did", did), ("did", subj)]
            else:
                self.count("follows_of_unknown_subject")
        elif coll == "app.bsky.feed.like":
            self.count("likes")
        else:
            self.count("other_records")

    def jet_time(self, rec, ev):
        t = iso_time(rec.get("createdAt", "")) if isinstance(rec.get("createdAt"), str) else None
        if t is None:
            self.count("times_from_time_us")
            t = units_time(ev["time_us"], 6)
        return t

    # -- one JSON line ------------------------------------------------
    def json_line(self, line):
        line = line.strip()
        if not line:
            return
        try:
            obj = json.loads(line)
        except ValueError:
            self.count("unreadable_lines")
            return
        if not isinstance(obj, dict):
            self.count("unreadable_lines")
        elif "kind" in obj and "did" in obj:
            self.jet_event(obj)
        elif "data" in obj:
            self.v2_page(obj)
        elif "id_str" in obj or "retweeted_status" in obj:
            self.v1_tweet(obj)
        elif "delete" in obj:
            self.count("status_deletes_kept")
        elif any(k in obj for k in ("limit", "scrub_geo", "status_withheld", "user_withheld", "warning")):
            self.count("stream_notices")
        elif "errors" in obj and "id" not in obj:
            self.count("error_pages")
        elif "id" in obj and ("author_id" in obj or "text" in obj):
            self.v2_tweet(obj, None, None, True)
        else:
            self.count("unknown_records")

    # -- CSV forms ----------------------------------------------------
    def twarc_csv(self, rows):
        for r in rows:
            tid = r.get("id", "")
            if tid in self.seen:
                self.count("duplicate_tweets")
                continue
            self.seen.add(tid)
            when = iso_time(r.get("created_at", ""))
            if self.ids:
                self.learn_pair(r.get("author_id"), r.get("author.username"))
                self.learn_pair(r.get("retweeted_user_id"), r.get("retweeted_username"))
                actor = r.get("author_id") and ("id", r["author_id"])
            else:
                actor = r.get("author.username") or r.get("author_id")
            if when is None or not actor:
                self.count("unreadable_rows")
                continue
            rt = r.get("referenced_tweets.retweeted.id")
            if rt:
                if self.ids:
                    author = r.get("retweeted_user_id") and ("id", r["retweeted_user_id"])
                else:
                    author = r.get("retweeted_username") or r.get("retweeted_user_id")
                if not author:
                    self.count("missing_originals")
                    continue
                if not self.ids and not r.get("retweeted_username"):
                    self.count("names_left_as_ids")
                self.rows.append([actor, author, rt, when])
                self.count("reshares")
            elif r.get("referenced_tweets.quoted.id"):
                self.count("quotes")
            elif r.get("referenced_tweets.replied_to.id"):
                self.count("replies")
            else:
                self.rows.append([actor, actor, tid, when])
                self.count("own_posts")

    def nodexl(self, rows):
        """Vertex 1 is the tweeter (retweeter, replier, follower); see the README for the source."""
        for r in rows:
            rel = (r.get("Relationship") or "").strip()
            v1, v2 = r.get("Vertex 1", ""), r.get("Vertex 2", "")
            when = iso_time(r.get("Relationship Date (UTC)") or r.get("Tweet Date (UTC)") or "")
            if rel == "Retweet":
                post = (r.get("Retweet ID") or "").strip()
                if not re.fullmatch(r"\d+", post):
                    self.count("retweets_without_usable_id")
                    continue
                if when is None:
                    self.count("unreadable_times")
                    continue
                self.rows.append([v1, v2, post, when])
                self.count("reshares")
            elif rel == "Tweet" and v1 == v2:
                post = (r.get("Imported ID") or "").strip().lstrip("'")
                if not re.fullmatch(r"\d+", post) or when is None:
                    self.count("tweets_without_usable_id")
                    continue
                self.rows.append([v1, v1, post, when])
                self.count("own_posts")
            elif rel in ("Follows", "Followed", "Follower"):
                self.follows[self.new_key()] = [v1, v2]
            else:
                self.count("skipped_%s" % re.sub(r"\W+", "_", rel.lower()).strip("_") if rel else "skipped_blank")

    def gephi(self, rows):
        for r in rows:
            low = {k.lower(): v for k, v in r.items() if k}
            a, b, kind = low.get("source", ""), low.get("target", ""), (low.get("type") or "directed").lower()
            if not a or not b:
                self.count("rows_without_ends")
            elif kind == "directed":
                self.follows[self.new_key()] = [a, b]
            elif kind == "undirected":
                self.follows[self.new_key()] = [a, b]
                self.follows[self.new_key()] = [b, a]
                self.count("undirected_rows")
            else:
                self.count("rows_of_type_%s" % kind)

    # -- a whole input ------------------------------------------------
    def read(self, path, fmt):
        with open_text(path) as f:
            first = f.readline()
            while first and not first.strip():
                first = f.readline()
            if fmt in ("auto", "json") and first.lstrip().startswith("{"):
                self.json_line(first)
                for line in f:
                    self.json_line(line)
                return
            lines = [first] if first else []
            rest = csv.reader(_chain(lines, f))
            header = next(rest, [])
            if "Visual Properties" in header:   # NodeXL's column-group row comes first
                header = next(rest, [])
            cols = [h.strip() for h in header]
            dict_rows = (dict(zip(cols, r)) for r in rest if any(x.strip() for x in r))
            lower = {c.lower() for c in cols}
            if fmt == "nodexl" or (fmt == "auto" and "Vertex 1" in cols):
                self.nodexl(dict_rows)
            elif fmt == "twarc-csv" or (fmt == "auto" and "referenced_tweets.retweeted.id" in cols):
                self.twarc_csv(dict_rows)
            elif fmt == "gephi" or (fmt == "auto" and {"source", "target"} <= lower):
                self.gephi(dict_rows)
            else:
                raise SystemExit("%s: not a format this script knows (header %r)" % (path, cols[:5]))


def _chain(first, rest):
    for x in first:
        yield x
    for x in rest:
        yield x


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+", help="files, .gz files, or - for stdin")
    ap.add_argument("-o", "--output", default="-", help="reshare log CSV (default stdout)")
    ap.add_argument("--follows", help="follower list CSV")
    ap.add_argument("--via", help="Jetstream repost parents: retweeter,tweet_id,via")
    ap.add_argument("--accounts", choices=["handles", "ids"], default="handles",
                    help="name accounts by handle where the input gives one (default), or by the "
                         "platform's stable id (Twitter user id, DID)")
    ap.add_argument("--handles", help="with --accounts ids: id,handle of every account whose handle is known")
    ap.add_argument("--format", choices=FORMATS, default="auto")
    ap.add_argument("--stats", help="write the counts as JSON here")
    ap.add_argument("-q", "--quiet", action="store_true", help="no counts on stderr")
    args = ap.parse_args()
    if args.handles and args.accounts != "ids":
        ap.error("--handles needs --accounts ids")

    rd = Reader(ids=args.accounts == "ids")
    for path in args.inputs:
        rd.read(path, args.format)

    res = rd.resolve
    out = sys.stdout if args.output == "-" else open(args.output, "w", newline="", encoding="utf-8")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["retweeter", "author", "tweet_id", "timestamp"])
    for a, b, post, when in rd.rows:
        w.writerow([res(a), res(b), post, when])
    if out is not sys.stdout:
        out.close()
    if args.follows:
        with open(args.follows, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["follower", "followee"])
            for a, b in rd.follows.values():
                w.writerow([res(a), res(b)])
    if args.via:
        with open(args.via, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["retweeter", "tweet_id", "via"])
            for a, post, v in rd.via:
                w.writerow([res(a), post, res(v)])
    if rd.ids:
        hrows = rd.handle_rows()
    if args.handles:
        with open(args.handles, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["id", "handle"])
            w.writerows(hrows)
    rd.counts["follows"] = len(rd.follows)
    if args.stats:
        with open(args.stats, "w", encoding="utf-8") as f:
            json.dump(rd.counts, f, indent=1)
            f.write("\n")
    if not args.quiet:
        print(" ".join("%s=%d" % kv for kv in rd.counts.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
