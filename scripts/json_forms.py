#!/usr/bin/python3
"""Write a reshare log and a follower list the way social-media tools write them.

Test data for smmgraph's importers of other formats (issue 10).  The input is
smmgraph's own CSV: a reshare log (retweeter,author,tweet_id,timestamp; a row
whose retweeter is its author is the original post) and optionally a follower
list (follower,followee: the first follows the second).  The output is one of

  twarc2            twarc2 search pages: {"data","includes","meta","__twarc"}
  twarc2-flat       the same after `twarc2 flatten`: one tweet a line
  twarc2-followers  `twarc2 followers` pages (the follower list)
  v1                Twitter API v1.1 tweets, one a line (streaming form)
  twarc-csv         `twarc2 csv` output (DocNow/twarc-csv default columns)
  jetstream         Bluesky Jetstream v1 events (posts, reposts, likes,
                    follows, identity and account events)
  nodexl            a NodeXL Edges worksheet saved as CSV by Excel
  gephi             a Gephi spreadsheet edge table (the follower list)

Field names and shapes follow the tools' source and docs; tests/data/README.md
cites them.  Output is deterministic: every id, text and count comes from a
seeded hash of the account or row, never from the clock or dict order.

Usage:
  json_forms.py --format FMT [--log CSV] [--followers CSV] [--tweets ID,...] [-o OUT]
  json_forms.py --all DIR [--log CSV] [--followers CSV] [--tweets ID,...]
  json_forms.py --bench FMT --size 1G -o OUT     (twarc2 or jetstream, from Higgs)

This script shares no code with scripts/json_baseline.py on purpose: the
baseline is an independent reader of what this writes.
"""
import argparse
import calendar
import csv
import gzip
import hashlib
import io
import json
import os
import random
import re
import sys
import time
from decimal import Decimal
from urllib.parse import quote

SEED = 20240917
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HIGGS = "/work/shared/data/higgs-twitter/higgs-activity_time.csv.gz"
HIGGS_SOCIAL = "/work/shared/data/higgs-twitter/higgs-social_network.PARTIAL-5394-complete-sources.csv.gz"
TWITTER_EPOCH_MS = 1288834974657
B32 = "abcdefghijklmnopqrstuvwxyz234567"
B32_SORT = "234567abcdefghijklmnopqrstuvwxyz"   # atproto TIDs sort as text


# ---------------------------------------------------------------- hashing

def hnum(*parts):
    """A 64-bit number from the seed and parts: the same on every run and machine."""
    d = hashlib.sha256(("%d|" % SEED + "|".join(str(p) for p in parts)).encode()).digest()
    return int.from_bytes(d[:8], "big")


def hrng(*parts):
    return random.Random(hnum(*parts))


def b32(n, length):
    out = []
    for _ in range(length):
        out.append(B32[n & 31])
        n >>= 5
    return "".join(out)


def token(*parts, length=45):
    r = hrng("token", *parts)
    return "".join(r.choice("0123456789abcdefghijklmnopqrstuvwxyz") for _ in range(length))


# ---------------------------------------------------------------- time

ISO_RE = re.compile(r"(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d):(\d\d)(\.\d+)?(Z|[+-]\d\d:?\d\d)?$")
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def parse_time(s):
    """Seconds since the epoch, exact, from the source log's forms (Unix or ISO 8601)."""
    s = s.strip()
    if re.fullmatch(r"-?\d+(\.\d+)?", s):
        return Decimal(s)
    m = ISO_RE.match(s)
    if not m:
        raise ValueError("unreadable time %r" % s)
    y, mo, d, h, mi, se = (int(g) for g in m.groups()[:6])
    t = Decimal(calendar.timegm((y, mo, d, h, mi, se, 0, 0, 0)))
    if m.group(7):
        t += Decimal("0" + m.group(7))
    z = m.group(8)
    if z and z != "Z":
        z = z.replace(":", "")
        off = int(z[1:3]) * 3600 + int(z[3:5]) * 60
        t -= off if z[0] == "+" else -off
    return t


def to_ms(t):
    ms = t * 1000
    if ms != ms.to_integral_value():
        raise ValueError("time %s is finer than a millisecond" % t)
    return int(ms)


def iso_ms(ms):
    """2021-06-26T19:56:26.125Z: Twitter v2 and Bluesky clients write this."""
    sec, frac = divmod(ms, 1000)
    tm = _gmtime(sec)
    return "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ" % (tm[:6] + (frac,))


def iso_s(sec):
    tm = _gmtime(sec)
    return "%04d-%02d-%02dT%02d:%02d:%02d+00:00" % tm[:6]


def v1_time(sec):
    """Wed Oct 10 20:19:24 +0000 2018, without the C locale's say."""
    tm = _gmtime(sec)
    return "%s %s %02d %02d:%02d:%02d +0000 %04d" % (
        DAYS[tm[6]], MONTHS[tm[1] - 1], tm[2], tm[3], tm[4], tm[5], tm[0])


def nodexl_time(sec):
    """2006-04-17 21:22:48: NodeXL's DateTimeUtil2.ToCultureInvariantString (UTC, no Z)."""
    tm = _gmtime(sec)
    return "%04d-%02d-%02d %02d:%02d:%02d" % tm[:6]


def _gmtime(sec):
    return time.gmtime(sec)


# ---------------------------------------------------------------- identifiers

def snowflake(ms, *salt):
    return str(((ms - TWITTER_EPOCH_MS) << 22) | (hnum("flake", *salt) & 0x3FFFFF))


def tid(us, *salt):
    """An atproto record key: 53 bits of microseconds, 10 of clock id, base32-sortable."""
    n = (us << 10) | (hnum("clock", *salt) & 1023)
    out = []
    for _ in range(13):
        out.append(B32_SORT[n & 31])
        n >>= 5
    return "".join(reversed(out))


def cid(*salt):
    d = hashlib.sha256(("%d|cid|" % SEED + "|".join(str(p) for p in salt)).encode()).digest()
    return "bafyrei" + b32(int.from_bytes(d, "big"), 52)


# ---------------------------------------------------------------- accounts

GIVEN = {"ana": "Ana", "bo": "Bo", "lea": "Léa", "max": "Max", "zoe": "Zoë", "chen": "Chen",
         "sofi": "Sofía", "jose": "José", "noor": "Noor", "ivan": "Iván", "kofi": "Kofi",
         "yuki": "Yuki", "emre": "Emre", "iris": "Iris", "umar": "Umar", "xena": "Xena"}
FAMILY = ["Núñez", "Müller", "Okafor", "García", "Søndergaard", "Çelik", "Nguyễn", "Kowalczyk",
          "Haddad", "Silva", "Dubois", "Tanaka", "O'Brien", "Ferreira", "Rossi", "Ivanova",
          "Andersson", "Mbeki", "Kim", "Larsen"]
JAPANESE = ["さくら", "山田 太郎", "ゆい", "佐藤 花子", "たなか"]
PLACES = ["Lisboa", "São Paulo", "Berlin", "Zürich", "Lagos", "Osaka", "Montréal", "Kraków",
          "Toronto, ON", "", "", "Earth"]
BIOS = ["coffee, code and cats", "data person. opinions my own", "runner · reader · retweeter",
        "I post about maps and trains", "newsletter every Friday", "ciência & café",
        "photography / hiking / bread", "studying networks at a university near you", ""]
WORDS = ("network cascade data study graph follow share paper results city train map river model "
         "code release notes today thread weekend coffee open source chart survey talk slides "
         "election climate health science music football vote library museum").split()
TAGS = ["opendata", "networks", "dataviz", "science", "news", "rstats", "python", "maps"]
LANGS_TEXT = {
    "es": ["Nuevo análisis de la red de transporte", "¿Alguien más vio el informe de hoy?",
           "Gracias por compartir, qué buen hilo"],
    "ja": ["今日のデータ分析の結果です", "ネットワークの可視化を公開しました"],
    "pt": ["Publicamos os dados da pesquisa", "Ótima conversa sobre redes hoje"],
}


class Account:
    """One account of the source log, with what each platform keeps about it."""

    def __init__(self, name, bench=False):
        r = hrng("account", name)
        self.name = name
        base = re.sub(r"[_\d]+$", "", name).lower()
        if bench:
            self.display = "user %s" % name
        elif r.random() < 0.06:
            self.display = r.choice(JAPANESE)
        else:
            self.display = "%s %s" % (GIVEN.get(base, base.capitalize()), r.choice(FAMILY))
        created = r.randint(1230768000, 1640995200)   # 2009..2021
        self.created = created
        if r.random() < 0.35:
            self.uid = snowflake(created * 1000, "uid", name)
        else:
            self.uid = str(r.randint(10 ** 6, 4 * 10 ** 9))
        self.followers = int(r.paretovariate(1.2) * 40)
        self.following = r.randint(20, 2000)
        self.tweets = r.randint(50, 60000)
        self.listed = r.randint(0, 40)
        self.favourites = r.randint(0, 90000)
        self.bio = "" if bench else r.choice(BIOS)
        self.location = "" if bench else r.choice(PLACES)
        self.verified = r.random() < 0.03
        self.pinned = None if bench or r.random() < 0.7 else snowflake((created + 86400 * 30) * 1000, "pin", name)
        self.image = "https://pbs.twimg.com/profile_images/%s/%s_normal.jpg" % (
            snowflake((created + 3600) * 1000, "img", name), token("img", name, length=8))
        self.did = "did:plc:" + b32(hnum("did", name) | (hnum("did2", name) << 64), 24)
        self.handle = re.sub(r"[^a-z0-9-]", "-", name.lower()) + ".bsky.social"

    def v2_user(self):
        u = {"id": self.uid, "name": self.display, "username": self.name,
             "created_at": iso_ms(self.created * 1000), "description": self.bio,
             "location": self.location, "profile_image_url": self.image, "protected": False,
             "public_metrics": {"followers_count": self.followers, "following_count": self.following,
                                "tweet_count": self.tweets, "listed_count": self.listed},
             "url": "", "verified": self.verified,
             "verified_type": "blue" if self.verified else "none"}
        if not self.location:
            del u["location"]
        if self.pinned:
            u["pinned_tweet_id"] = self.pinned
        return u

    def v1_user(self):
        return {"id": int(self.uid), "id_str": self.uid, "name": self.display, "screen_name": self.name,
                "location": self.location or None, "url": None, "description": self.bio or None,
                "protected": False, "verified": self.verified,
                "followers_count": self.followers, "friends_count": self.following,
                "listed_count": self.listed, "favourites_count": self.favourites,
                "statuses_count": self.tweets, "created_at": v1_time(self.created),
                "utc_offset": None, "time_zone": None, "geo_enabled": False, "lang": None,
                "profile_image_url_https": self.image, "default_profile": True,
                "default_profile_image": False, "following": None, "follow_request_sent": None,
                "notifications": None}


# ---------------------------------------------------------------- the model

class Tweet:
    """A row of the log as a platform record: an original post or a reshare of one."""
    __slots__ = ("idx", "id", "actor", "author", "post", "ms", "own")


class Post:
    __slots__ = ("id", "author", "ms", "text", "lang", "tags", "url", "reshares", "own")


class Model:
    """Rows, posts and accounts, with every generated value derived once."""

    def __init__(self, rows, follows, bench=False):
        self.bench = bench
        self.accounts = {}
        self.tweets = []
        self.posts = {}
        self.follows = follows
        for name in sorted({n for r in rows for n in r[:2]} | {n for f in follows for n in f}):
            self.accounts[name] = Account(name, bench)
        by_post = {}
        for i, (actor, author, post, t) in enumerate(rows):
            tw = Tweet()
            tw.idx, tw.actor, tw.author, tw.post = i, actor, author, post
            tw.ms = to_ms(t)
            tw.own = actor == author
            tw.id = post if tw.own else snowflake(tw.ms, "rt", i, actor, post)
            self.tweets.append(tw)
            by_post.setdefault(post, []).append(tw)
        for pid, tws in by_post.items():
            p = Post()
            p.id = pid
            own = [tw for tw in tws if tw.own]
            p.own = own[0] if own else None
            p.author = own[0].author if own else _most_common(tw.author for tw in tws)
            r = hrng("post", pid)
            p.ms = own[0].ms if own else min(tw.ms for tw in tws) - r.randint(120, 7200) * 1000
            p.reshares = sum(1 for tw in tws if not tw.own)
            p.lang, p.text, p.tags, p.url = _post_text(r, bench)
            self.posts[pid] = p

    def acct(self, name):
        return self.accounts[name]


def _most_common(names):
    counts = {}
    for n in names:
        counts[n] = counts.get(n, 0) + 1
    return max(sorted(counts), key=lambda n: counts[n])


def _post_text(r, bench):
    if bench:
        return "en", " ".join(r.choice(WORDS) for _ in range(r.randint(8, 16))), [], None
    lang = r.choice(["en"] * 6 + ["es", "ja", "pt"])
    if lang == "en":
        words = [r.choice(WORDS) for _ in range(r.randint(6, 14))]
        text = " ".join(words).capitalize() + r.choice([".", "!", " —", ":", "?"])
    else:
        text = r.choice(LANGS_TEXT[lang])
    tags = r.sample(TAGS, r.randint(0, 2))
    for t in tags:
        text += " #" + t
    url = None
    if r.random() < 0.3:
        url = ("https://t.co/" + token("tco", text, length=10),
               "https://example.org/%s/%d" % (r.choice(WORDS), r.randint(1, 999)))
        text += " " + url[0]
    if r.random() < 0.1:
        text += " 🌸" if lang == "ja" else " 📈"
    return lang, text, tags, url


# ---------------------------------------------------------------- twarc2

EXPANSIONS = ["author_id", "in_reply_to_user_id", "referenced_tweets.id", "referenced_tweets.id.author_id",
              "entities.mentions.username", "attachments.poll_ids", "attachments.media_keys",
              "geo.place_id", "edit_history_tweet_ids"]
USER_FIELDS = ["created_at", "description", "entities", "id", "location", "name", "pinned_tweet_id",
               "profile_image_url", "protected", "public_metrics", "url", "username", "verified",
               "verified_type", "withheld"]
TWEET_FIELDS = ["attachments", "author_id", "context_annotations", "conversation_id", "created_at",
                "entities", "geo", "id", "in_reply_to_user_id", "lang", "public_metrics", "text",
                "possibly_sensitive", "referenced_tweets", "reply_settings", "source", "withheld",
                "edit_controls", "edit_history_tweet_ids"]
TWARC_VERSION = "2.14.0"


def _params(pairs):
    return "&".join("%s=%s" % (k, quote(v, safe="")) for k, v in pairs)


def search_url(query, start_ms, end_ms, next_token=None):
    pairs = [("expansions", ",".join(EXPANSIONS)), ("tweet.fields", ",".join(TWEET_FIELDS)),
             ("user.fields", ",".join(USER_FIELDS)),
             ("media.fields", "alt_text,duration_ms,height,media_key,preview_image_url,type,url,width,"
                              "variants,public_metrics"),
             ("poll.fields", "duration_minutes,end_datetime,id,options,voting_status"),
             ("place.fields", "contained_within,country,country_code,full_name,geo,id,name,place_type"),
             ("max_results", "100"), ("query", query),
             ("start_time", iso_s(start_ms // 1000)), ("end_time", iso_s(end_ms // 1000 + 1))]
    if next_token:
        pairs.append(("next_token", next_token))
    return "https://api.twitter.com/2/tweets/search/all?" + _params(pairs)


def v2_entities(text, tags, url, mentions):
    ent = {}
    if mentions:
        ent["mentions"] = [{"start": s, "end": s + len(u.name) + 1, "username": u.name, "id": u.uid}
                           for s, u in mentions]
    if tags:
        ent["hashtags"] = []
        for t in tags:
            s = text.find("#" + t)
            if s >= 0:
                ent["hashtags"].append({"start": s, "end": s + len(t) + 1, "tag": t})
    if url and text.find(url[0]) >= 0:
        s = text.find(url[0])
        ent["urls"] = [{"start": s, "end": s + len(url[0]), "url": url[0], "expanded_url": url[1],
                        "display_url": url[1].split("//", 1)[1][:26]}]
    return ent


def v2_original(m, post, author_name):
    """The post as Twitter v2 returns it (in data, or in includes.tweets)."""
    r = hrng("metrics", post.id)
    a = m.acct(author_name)
    tw = {"id": post.id, "author_id": a.uid, "conversation_id": post.id, "created_at": iso_ms(post.ms),
          "text": post.text, "lang": post.lang, "possibly_sensitive": False, "reply_settings": "everyone",
          "edit_history_tweet_ids": [post.id],
          "edit_controls": {"edits_remaining": 5, "is_edit_eligible": False,
                            "editable_until": iso_ms(post.ms + 1800 * 1000)},
          "public_metrics": {"retweet_count": post.reshares, "reply_count": r.randint(0, 5),
                             "like_count": post.reshares * 3 + r.randint(0, 20), "quote_count": r.randint(0, 2),
                             "bookmark_count": r.randint(0, 4),
                             "impression_count": (post.reshares + 1) * r.randint(80, 400)}}
    ent = v2_entities(post.text, post.tags, post.url, [])
    if ent:
        tw["entities"] = ent
    return tw


def rt_text(author_name, text):
    full = "RT @%s: %s" % (author_name, text)
    return full if len(full) <= 140 else full[:139] + "…"


def v2_retweet(m, tw):
    post = m.posts[tw.post]
    a, orig = m.acct(tw.actor), m.acct(tw.author)
    text = rt_text(orig.name, post.text)
    out = {"id": tw.id, "author_id": a.uid, "conversation_id": tw.id, "created_at": iso_ms(tw.ms),
           "text": text, "lang": post.lang, "possibly_sensitive": False, "reply_settings": "everyone",
           "edit_history_tweet_ids": [tw.id],
           "edit_controls": {"edits_remaining": 5, "is_edit_eligible": False,
                             "editable_until": iso_ms(tw.ms + 1800 * 1000)},
           "referenced_tweets": [{"type": "retweeted", "id": post.id}],
           "public_metrics": {"retweet_count": post.reshares, "reply_count": 0, "like_count": 0,
                              "quote_count": 0, "bookmark_count": 0, "impression_count": 0},
           "entities": v2_entities(text, [t for t in post.tags if "#" + t in text], None, [(3, orig)])}
    return out


def v2_data_tweet(m, tw):
    return v2_original(m, m.posts[tw.post], tw.author) if tw.own else v2_retweet(m, tw)


def newest_first(m):
    return sorted(m.tweets, key=lambda tw: (-tw.ms, -tw.idx))


def twarc2_pages(m, page_size=10, query="smmgraph OR cascade"):
    """Search pages, newest first, as `twarc2 search --archive` writes them.

    A page never holds two retweets of one post that name different authors
    (the log's author conflicts): one page has one includes entry per post.
    """
    order = newest_first(m)
    if not order:
        return
    start_ms, end_ms = min(tw.ms for tw in order), max(tw.ms for tw in order)
    retrieved = end_ms // 1000 + 86400 * 3
    pages, cur, cur_authors = [], [], {}
    for tw in order:
        clash = not tw.own and cur_authors.get(tw.post, tw.author) != tw.author
        if len(cur) == page_size or clash:
            pages.append(cur)
            cur, cur_authors = [], {}
        cur.append(tw)
        if not tw.own:
            cur_authors[tw.post] = tw.author
    pages.append(cur)
    prev_token = None
    for k, page in enumerate(pages):
        data, users, inc_tweets = [], {}, {}

        def add_user(name):
            if name not in users:
                users[name] = m.acct(name).v2_user()
        for tw in page:
            data.append(v2_data_tweet(m, tw))
            add_user(tw.actor)
            if not tw.own:
                add_user(tw.author)
                if tw.post not in inc_tweets:
                    inc_tweets[tw.post] = v2_original(m, m.posts[tw.post], tw.author)
        nt = token("next", query, k) if k + 1 < len(pages) else None
        meta = {"newest_id": data[0]["id"], "oldest_id": data[-1]["id"], "result_count": len(data)}
        if nt:
            meta["next_token"] = nt
        includes = {"users": list(users.values())}
        if inc_tweets:
            includes["tweets"] = list(inc_tweets.values())
        obj = {"data": data, "includes": includes, "meta": meta,
               "__twarc": {"url": search_url(query, start_ms, end_ms, prev_token), "version": TWARC_VERSION,
                           "retrieved_at": iso_s(retrieved + k * 2)}}
        prev_token = nt
        yield obj


def flatten_page(page):
    """`twarc2 flatten`: each tweet with its author and referenced tweets merged in.

    Written from the behaviour of twarc's expansions.flatten(): a missing
    include becomes {}, a referenced tweet keeps type and id and gains the
    included tweet's fields (and its author), mentions gain the user.
    """
    inc = page.get("includes", {})
    users = {u["id"]: u for u in inc.get("users", [])}
    users.update({u["username"]: u for u in inc.get("users", [])})
    tweets = {}

    def expand(t):
        t = json.loads(json.dumps(t))
        if "author_id" in t:
            t["author"] = users.get(t["author_id"], {})
        if "in_reply_to_user_id" in t:
            t["in_reply_to_user"] = users.get(t["in_reply_to_user_id"], {})
        ms = t.get("entities", {}).get("mentions")
        if ms:
            t["entities"]["mentions"] = [dict(x, **users.get(x["username"], {})) for x in ms]
        if "referenced_tweets" in t:
            t["referenced_tweets"] = [dict(x, **tweets.get(x["id"], {})) for x in t["referenced_tweets"]]
        return t
    for t in inc.get("tweets", []):
        tweets[t["id"]] = expand(t)
    for t in page["data"]:
        t = expand(t)
        t["__twarc"] = page["__twarc"]
        yield t


def dump_py(obj):
    """Python's json.dumps defaults, as twarc writes: ASCII with \\u escapes, ", " and ": "."""
    return json.dumps(obj)


def write_twarc2(m, out, page_size=10):
    for page in twarc2_pages(m, page_size):
        out.write(dump_py(page) + "\n")


def write_twarc2_flat(m, out, page_size=10):
    for page in twarc2_pages(m, page_size):
        for t in flatten_page(page):
            out.write(dump_py(t) + "\n")


def write_twarc2_followers(m, out, page_size=25):
    """`twarc2 followers USER` pages for every followee; the user is only in __twarc.url."""
    followers = {}
    for a, b in m.follows:
        followers.setdefault(b, []).append(a)
    retrieved = max([tw.ms for tw in m.tweets] or [1672531200000]) // 1000 + 86400 * 4
    k = 0
    for followee in sorted(followers):
        uid = m.acct(followee).uid
        names = sorted(followers[followee], key=lambda n: hnum("order", followee, n))
        chunks = [names[i:i + page_size] for i in range(0, len(names), page_size)]
        prev = None
        for j, chunk in enumerate(chunks):
            pairs = [("user.fields", ",".join(USER_FIELDS)), ("tweet.fields", ",".join(TWEET_FIELDS)),
                     ("max_results", str(page_size))]
            if prev:
                pairs.append(("pagination_token", prev))
            meta = {"result_count": len(chunk)}
            nt = token("fol", followee, j, length=16).upper() if j + 1 < len(chunks) else None
            if nt:
                meta["next_token"] = nt
            if prev:
                meta["previous_token"] = token("prev", followee, j, length=16).upper()
            obj = {"data": [m.acct(n).v2_user() for n in chunk], "meta": meta,
                   "__twarc": {"url": "https://api.twitter.com/2/users/%s/followers?%s" % (uid, _params(pairs)),
                               "version": TWARC_VERSION, "retrieved_at": iso_s(retrieved + k)}}
            out.write(dump_py(obj) + "\n")
            prev, k = nt, k + 1


# ---------------------------------------------------------------- v1.1

SOURCES = ['<a href="http://twitter.com/download/iphone" rel="nofollow">Twitter for iPhone</a>',
           '<a href="http://twitter.com/download/android" rel="nofollow">Twitter for Android</a>',
           '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>']


def v1_entities(text, tags, url, mentions):
    def span(s, n):
        return [s, s + n]
    ent = {"hashtags": [{"text": t, "indices": span(text.find("#" + t), len(t) + 1)} for t in tags
                        if text.find("#" + t) >= 0],
           "urls": [], "user_mentions": [], "symbols": []}
    if url and text.find(url[0]) >= 0:
        ent["urls"].append({"url": url[0], "expanded_url": url[1], "display_url": url[1].split("//", 1)[1][:26],
                            "indices": span(text.find(url[0]), len(url[0]))})
    for s, a in mentions:
        ent["user_mentions"].append({"screen_name": a.name, "name": a.display, "id": int(a.uid),
                                     "id_str": a.uid, "indices": span(s, len(a.name) + 1)})
    return ent


def v1_status(m, post, author_name, ms, stream):
    a = m.acct(author_name)
    r = hrng("v1", post.id, author_name)
    st = {"created_at": v1_time(ms // 1000), "id": int(post.id), "id_str": post.id, "text": post.text,
          "source": r.choice(SOURCES), "truncated": False, "in_reply_to_status_id": None,
          "in_reply_to_status_id_str": None, "in_reply_to_user_id": None, "in_reply_to_user_id_str": None,
          "in_reply_to_screen_name": None, "user": a.v1_user(), "geo": None, "coordinates": None,
          "place": None, "contributors": None, "is_quote_status": False, "quote_count": 0,
          "reply_count": r.randint(0, 5), "retweet_count": post.reshares,
          "favorite_count": post.reshares * 3 + r.randint(0, 20),
          "entities": v1_entities(post.text, post.tags, post.url, []), "favorited": False,
          "retweeted": False, "possibly_sensitive": False, "filter_level": "low", "lang": post.lang}
    if stream:
        st["timestamp_ms"] = str(ms)
    return st


def v1_tweet(m, tw):
    post = m.posts[tw.post]
    if tw.own:
        return v1_status(m, post, tw.author, tw.ms, True)
    a, orig = m.acct(tw.actor), m.acct(tw.author)
    text = rt_text(orig.name, post.text)
    r = hrng("v1rt", tw.id)
    inner = v1_status(m, post, tw.author, post.ms, False)
    del inner["filter_level"]
    return {"created_at": v1_time(tw.ms // 1000), "id": int(tw.id), "id_str": tw.id, "text": text,
            "source": r.choice(SOURCES), "truncated": False, "in_reply_to_status_id": None,
            "in_reply_to_status_id_str": None, "in_reply_to_user_id": None, "in_reply_to_user_id_str": None,
            "in_reply_to_screen_name": None, "user": a.v1_user(), "geo": None, "coordinates": None,
            "place": None, "contributors": None, "retweeted_status": inner, "is_quote_status": False,
            "quote_count": 0, "reply_count": 0, "retweet_count": 0, "favorite_count": 0,
            "entities": v1_entities(text, [t for t in post.tags if "#" + t in text], None, [(3, orig)]),
            "favorited": False, "retweeted": False, "filter_level": "low", "lang": post.lang,
            "timestamp_ms": str(tw.ms)}


def write_v1(m, out):
    """Streaming-API order (oldest first), one status a line, as `twarc filter` saved them."""
    for tw in sorted(m.tweets, key=lambda tw: (tw.ms, tw.idx)):
        out.write(dump_py(v1_tweet(m, tw)) + "\n")


# ---------------------------------------------------------------- twarc-csv

TWARC_CSV_COLUMNS = """id conversation_id referenced_tweets.replied_to.id referenced_tweets.retweeted.id
referenced_tweets.quoted.id author_id in_reply_to_user_id in_reply_to_username retweeted_user_id
retweeted_username quoted_user_id quoted_username created_at text lang source
public_metrics.impression_count public_metrics.reply_count public_metrics.retweet_count
public_metrics.quote_count public_metrics.like_count public_metrics.bookmark_count reply_settings
edit_history_tweet_ids edit_controls.edits_remaining edit_controls.editable_until
edit_controls.is_edit_eligible possibly_sensitive withheld.scope withheld.copyright
withheld.country_codes entities.annotations entities.cashtags entities.hashtags entities.mentions
entities.urls context_annotations attachments.media attachments.media_keys
attachments.poll.duration_minutes attachments.poll.end_datetime attachments.poll.id
attachments.poll.options attachments.poll.voting_status attachments.poll_ids author.id
author.created_at author.username author.name author.description author.entities.description.cashtags
author.entities.description.hashtags author.entities.description.mentions
author.entities.description.urls author.entities.url.urls author.url author.location
author.pinned_tweet_id author.profile_image_url author.protected author.public_metrics.followers_count
author.public_metrics.following_count author.public_metrics.listed_count
author.public_metrics.tweet_count author.verified author.verified_type author.withheld.scope
author.withheld.copyright author.withheld.country_codes geo.coordinates.coordinates geo.coordinates.type
geo.country geo.country_code geo.full_name geo.geo.bbox geo.geo.type geo.id geo.name geo.place_id
geo.place_type matching_rules __twarc.retrieved_at __twarc.url __twarc.version""".split()


def _csv_value(v):
    """How pandas' to_csv shows a value after twarc-csv's json encoding of lists."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, (list, dict)):
        return json.dumps(v)
    if isinstance(v, str):
        return v.replace("\r", "").replace("\n", r"\n")
    return str(v)


def _flat_keys(d, prefix, out):
    for k, v in d.items():
        if isinstance(v, dict) and v:
            _flat_keys(v, prefix + k + ".", out)
        else:
            out[prefix + k] = v


def twarc_csv_row(t):
    """One flattened tweet as a twarc-csv row (merge_retweets on, entities processed)."""
    t = json.loads(json.dumps(t))
    refs = t.get("referenced_tweets", [])
    extra = {}
    rts = [x for x in refs if x["type"] == "retweeted"]
    if rts and "author_id" in rts[-1]:
        rt = rts[-1]
        extra["retweeted_user_id"] = rt["author_id"]
        if "username" in rt.get("author", {}):
            extra["retweeted_username"] = rt["author"]["username"]
        for k in ("text", "entities", "attachments", "context_annotations", "public_metrics"):
            if k in rt:
                t[k] = rt[k]
    for kind, col in (("replied_to", "in_reply_to_username"), ("quoted", "quoted_username")):
        xs = [x for x in refs if x["type"] == kind]
        if xs and "username" in xs[-1].get("author", {}):
            extra[col] = xs[-1]["author"]["username"]
        if kind == "quoted" and xs and "author_id" in xs[-1]:
            extra["quoted_user_id"] = xs[-1]["author_id"]
    t.pop("in_reply_to_user", None)
    t["referenced_tweets"] = {x["type"]: {"id": x["id"]} for x in refs}
    ent = t.get("entities", {})
    if "hashtags" in ent:
        ent["hashtags"] = ["#" + h["tag"] for h in ent["hashtags"]]
    if "mentions" in ent:
        ent["mentions"] = ["@" + x["username"] for x in ent["mentions"]]
    if "urls" in ent:
        ent["urls"] = [u.get("expanded_url", u["url"]) for u in ent["urls"]]
    flat = {}
    _flat_keys(t, "", flat)
    flat.update(extra)
    return [_csv_value(flat.get(c)) for c in TWARC_CSV_COLUMNS]


def write_twarc_csv(m, out, page_size=10):
    w = csv.writer(out, lineterminator="\n")
    w.writerow(TWARC_CSV_COLUMNS)
    for page in twarc2_pages(m, page_size):
        for t in flatten_page(page):
            w.writerow(twarc_csv_row(t))


# ---------------------------------------------------------------- Jetstream

def go_json(obj):
    """Go's encoding/json: compact, UTF-8, <>& and U+2028/9 escaped (Jetstream is Go)."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return (s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def sorted_record(d):
    """Records come out of a Go map: keys in byte order, at every level."""
    if isinstance(d, dict):
        return {k: sorted_record(d[k]) for k in sorted(d)}
    if isinstance(d, list):
        return [sorted_record(x) for x in d]
    return d


class Jet:
    """Collects Jetstream events, then writes them in time_us order."""

    def __init__(self):
        self.events = []
        self.seq = 31527015470

    def commit(self, did, us, op, coll, rkey, record=None, salt=(), record_cid=None):
        c = {"rev": tid(us + 300, "rev", did, rkey, *salt), "operation": op, "collection": coll, "rkey": rkey}
        if record is not None:
            c["record"] = sorted_record(record)
            c["cid"] = record_cid or cid("rec", did, coll, rkey, *salt)
        self.events.append((us, len(self.events), {"did": did, "time_us": us, "kind": "commit", "commit": c}))

    def identity(self, did, us, handle):
        self.seq += 1
        ident = {"did": did, "seq": self.seq, "time": iso_ms(us // 1000)}
        if handle:
            ident["handle"] = handle
        self.events.append((us, len(self.events), {"did": did, "time_us": us, "kind": "identity",
                                                   "identity": sorted_record(ident)}))

    def account(self, did, us, active=True):
        self.seq += 1
        acc = {"active": active, "did": did, "seq": self.seq, "time": iso_ms(us // 1000)}
        if not active:
            acc["status"] = "deactivated"
        self.events.append((us, len(self.events), {"did": did, "time_us": us, "kind": "account",
                                                   "account": sorted_record(acc)}))

    def lines(self):
        for _, _, e in sorted(self.events, key=lambda x: (x[0], x[1])):
            yield go_json(e) + "\n"


def post_rkey(m, post):
    return tid(post.ms * 1000, "post", post.id)


def post_uri(m, post, author_name):
    return "at://%s/app.bsky.feed.post/%s" % (m.acct(author_name).did, post_rkey(m, post))


def jetstream_events(m, likes=0.3, noise=True):
    """Own rows become post creates and reshares repost creates; follows become follow creates.

    `via` (app.bsky.feed.repost's strongRef to the repost the user saw) points
    at the latest earlier repost of the same post by someone the reposter
    follows, when there is one, for two reposts in three.
    """
    j = Jet()
    follows_of = {}
    for a, b in m.follows:
        follows_of.setdefault(a, set()).add(b)
    first_seen = {}
    for tw in sorted(m.tweets, key=lambda tw: (tw.ms, tw.idx)):
        for n in (tw.actor, tw.author):
            first_seen.setdefault(n, tw.ms)
    lo = min([tw.ms for tw in m.tweets] or [1672531200000])
    hi = max([tw.ms for tw in m.tweets] or [1672531200000])
    for n in sorted(m.accounts):
        first_seen.setdefault(n, lo)
    # identity events for most accounts, before their first activity
    for n in sorted(first_seen):
        r = hrng("ident", n)
        if r.random() < 0.8:
            j.identity(m.acct(n).did, (first_seen[n] - r.randint(1000, 3_600_000)) * 1000 + r.randint(0, 999),
                       m.acct(n).handle)
    reposts = {}     # post -> [(ms, name, rkey, cid)]
    names = sorted(m.accounts)
    for tw in sorted(m.tweets, key=lambda tw: (tw.ms, tw.idx)):
        post = m.posts[tw.post]
        actor = m.acct(tw.actor)
        r = hrng("jet", tw.idx)
        lag_us = r.randint(150_000, 2_500_000)
        us = tw.ms * 1000 + lag_us
        if tw.own:
            rec = {"$type": "app.bsky.feed.post", "createdAt": iso_ms(tw.ms), "langs": [post.lang],
                   "text": post.text}
            j.commit(actor.did, us, "create", "app.bsky.feed.post", post_rkey(m, post), rec, (tw.idx,),
                     record_cid=cid("post", post.id, tw.author))
            continue
        rkey = tid(tw.ms * 1000 + r.randint(0, 999), "repost", tw.idx)
        subject = {"cid": cid("post", post.id, tw.author), "uri": post_uri(m, post, tw.author)}
        rec = {"$type": "app.bsky.feed.repost", "createdAt": iso_ms(tw.ms), "subject": subject}
        seen = [x for x in reposts.get(post.id, []) if x[1] in follows_of.get(tw.actor, ()) and x[0] <= tw.ms]
        if seen and r.random() < 0.67:
            via = seen[-1]
            rec["via"] = {"cid": via[3], "uri": "at://%s/app.bsky.feed.repost/%s" % (m.acct(via[1]).did, via[2])}
        j.commit(actor.did, us, "create", "app.bsky.feed.repost", rkey, rec, (tw.idx,))
        reposts.setdefault(post.id, []).append((tw.ms, tw.actor, rkey, cid("rec", actor.did,
                                                                        "app.bsky.feed.repost", rkey, tw.idx)))
        # likes are what a firehose is mostly made of; readers skip them
        n_likes = int(likes) + (r.random() < likes - int(likes))
        for k in range(n_likes):
            lk_ms = tw.ms - r.randint(1000, 20000)
            liker = actor if k == 0 else m.acct(r.choice(names))
            j.commit(liker.did, lk_ms * 1000 + lag_us, "create", "app.bsky.feed.like",
                     tid(lk_ms * 1000, "like", tw.idx, k),
                     {"$type": "app.bsky.feed.like", "createdAt": iso_ms(lk_ms), "subject": subject}, ("like", k))
    for a, b in m.follows:
        r = hrng("follow", a, b)
        ms = r.randint(lo - 2 * 86400 * 1000, hi)
        us = ms * 1000 + r.randint(100_000, 900_000)
        j.commit(m.acct(a).did, us, "create", "app.bsky.graph.follow", tid(ms * 1000, "follow", a, b),
                 {"$type": "app.bsky.graph.follow", "createdAt": iso_ms(ms), "subject": m.acct(b).did}, (b,))
    if noise and len(m.accounts) > 3:
        # Follows made and undone inside the capture: they must leave nothing behind.
        names = sorted(m.accounts)
        r = hrng("noise")
        for k in range(2):
            a, b = r.sample(names, 2)
            ms = r.randint(lo, hi)
            rk = tid(ms * 1000, "noisefollow", k)
            j.commit(m.acct(a).did, ms * 1000 + 400_000, "create", "app.bsky.graph.follow", rk,
                     {"$type": "app.bsky.graph.follow", "createdAt": iso_ms(ms), "subject": m.acct(b).did},
                     ("noise", k))
            j.commit(m.acct(a).did, ms * 1000 + 400_000 + r.randint(5, 600) * 1_000_000, "delete",
                     "app.bsky.graph.follow", rk, salt=("noise", k))
        for n in names[:2]:
            j.account(m.acct(n).did, first_seen[n] * 1000 - 5_000_000)
    return j


def write_jetstream(m, out, likes=0.3, noise=True):
    for line in jetstream_events(m, likes, noise).lines():
        out.write(line)


# ---------------------------------------------------------------- NodeXL

NODEXL_TEMPLATE = ["Vertex 1", "Vertex 2", "Color", "Width", "Style", "Opacity", "Visibility", "Label",
                   "Label Text Color", "Label Font Size", "Reciprocated?", "ID", "Dynamic Filter",
                   "Add Your Own Columns Here"]
NODEXL_GROUPS = {"Color": "Visual Properties", "Label": "Labels", "Reciprocated?": "Graph Metrics",
                 "ID": "Do Not Edit", "Add Your Own Columns Here": "Other Columns"}
NODEXL_TWITTER = ["Relationship", "Relationship Date (UTC)", "Tweet", "URLs in Tweet", "Domains in Tweet",
                  "Hashtags in Tweet", "Media in Tweet", "Tweet Image File", "Tweet Date (UTC)", "Date", "Time",
                  "Twitter Page for Tweet", "Latitude", "Longitude", "Imported ID", "In-Reply-To Tweet ID",
                  "Favorited", "Favorite Count", "In-Reply-To User ID", "Is Quote Status", "Language",
                  "Possibly Sensitive", "Quoted Status ID", "Retweeted", "Retweet Count", "Retweet ID",
                  "Source", "Truncated", "Unified Twitter ID", "Imported Tweet Type",
                  "Added By Extended Analysis", "Corrected By Extended Analysis", "Place Bounding Box",
                  "Place Country", "Place Country Code", "Place Full Name", "Place ID", "Place Name",
                  "Place Type", "Place URL"]
NODEXL_COLUMNS = NODEXL_TEMPLATE + NODEXL_TWITTER


def nodexl_header_rows():
    """Row 1 of the Edges sheet holds the column groups (merged cells), row 2 the names."""
    return [[NODEXL_GROUPS.get(c, "") for c in NODEXL_COLUMNS], NODEXL_COLUMNS]


def nodexl_rows(m):
    """Search-network edges: a "Retweet" edge retweeter -> author, a "Tweet" self-loop for a
    post, and "Follows" edges (Vertex 1 follows Vertex 2).  NodeXL lowercases screen names."""
    rows = []
    retrieved = max([tw.ms for tw in m.tweets] or [1672531200000]) // 1000 + 86400 * 3
    for tw in newest_first(m):
        post = m.posts[tw.post]
        v1, v2 = tw.actor.lower(), tw.author.lower()
        text = post.text if tw.own else rt_text(tw.author, post.text)
        rec = dict.fromkeys(NODEXL_COLUMNS, "")
        rec.update({"Vertex 1": v1, "Vertex 2": v2, "Relationship": "Tweet" if tw.own else "Retweet",
                    "Relationship Date (UTC)": nodexl_time(tw.ms // 1000), "Tweet": text,
                    "Tweet Date (UTC)": nodexl_time(tw.ms // 1000),
                    "Twitter Page for Tweet": "https://twitter.com/%s/status/%s" % (v1, tw.id),
                    "Imported ID": tw.id, "Favorited": "FALSE", "Is Quote Status": "FALSE",
                    "Language": post.lang, "Possibly Sensitive": "FALSE", "Retweeted": "FALSE",
                    "Truncated": "FALSE", "Favorite Count": "0" if not tw.own else str(post.reshares * 3),
                    "Retweet Count": str(post.reshares),
                    "Source": re.sub("<[^>]+>", "", hrng("v1", post.id, tw.author).choice(SOURCES))})
        if post.url and post.url[0] in text:
            rec["URLs in Tweet"] = post.url[1]
            rec["Domains in Tweet"] = post.url[1].split("/")[2]
        tags = [t for t in post.tags if "#" + t in text]
        if tags:
            rec["Hashtags in Tweet"] = " ".join(tags)
        if not tw.own:
            rec["Retweet ID"] = post.id
        rows.append(rec)
    for a, b in m.follows:
        rec = dict.fromkeys(NODEXL_COLUMNS, "")
        rec.update({"Vertex 1": a.lower(), "Vertex 2": b.lower(), "Relationship": "Follows",
                    "Relationship Date (UTC)": nodexl_time(retrieved)})
        rows.append(rec)
    for i, rec in enumerate(rows):
        rec["ID"] = str(i + 3)   # NodeXL numbers edges by worksheet row
    return rows


def write_nodexl(m, out):
    """Excel's "CSV UTF-8": a byte-order mark and CRLF line ends."""
    out.write("\ufeff")
    w = csv.writer(out, lineterminator="\r\n")
    for r in nodexl_header_rows():
        w.writerow(r)
    for rec in nodexl_rows(m):
        w.writerow([rec[c] for c in NODEXL_COLUMNS])


# ---------------------------------------------------------------- Gephi

def write_gephi(m, out):
    """A Data Laboratory edge table: Source follows Target."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["Source", "Target", "Type", "Id", "Label", "Weight"])
    for i, (a, b) in enumerate(m.follows):
        w.writerow([a, b, "Directed", i, "", "1.0"])


# ---------------------------------------------------------------- inputs

def load_log(path, only=None):
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if only is None or r["tweet_id"] in only:
                rows.append((r["retweeter"], r["author"], r["tweet_id"], parse_time(r["timestamp"])))
    return rows


def load_follows(path, accounts=None):
    out = []
    if not path:
        return out
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            a, b = r["follower"], r["followee"]
            if accounts is None or (a in accounts and b in accounts):
                out.append((a, b))
    return out


WRITERS = {
    "twarc2": (write_twarc2, "twarc2_pages.jsonl"),
    "twarc2-flat": (write_twarc2_flat, "twarc2_flat.jsonl"),
    "twarc2-followers": (write_twarc2_followers, "twarc2_followers.jsonl"),
    "v1": (write_v1, "v1_tweets.jsonl"),
    "twarc-csv": (write_twarc_csv, "twarc_csv.csv"),
    "jetstream": (write_jetstream, "jetstream.jsonl"),
    "nodexl": (write_nodexl, "nodexl_edges.csv"),
    "gephi": (write_gephi, "gephi_edges.csv"),
}


def render(fmt, m):
    buf = io.StringIO(newline="")
    WRITERS[fmt][0](m, buf)
    return buf.getvalue()


def build_model(log, followers, tweets, max_follows=None):
    """With --tweets, the follows kept are those between the chosen rows' accounts."""
    only = set(tweets.split(",")) if tweets else None
    rows = load_log(log, only)
    follows = load_follows(followers)
    if only:
        accounts = {n for r in rows for n in r[:2]}
        follows = [(a, b) for a, b in follows if a in accounts and b in accounts]
    return Model(rows, follows[:max_follows])


# ---------------------------------------------------------------- benchmark inputs

def parse_size(s):
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([kKmMgG]?)i?[bB]?", s)
    if not m:
        raise argparse.ArgumentTypeError("size like 1G or 500M")
    return int(float(m.group(1)) * {"": 1, "k": 2 ** 10, "m": 2 ** 20, "g": 2 ** 30}[m.group(2).lower()])


def higgs_rows(replica):
    """Higgs retweets as a reshare log.  Higgs has no tweet ids, so a post is an
    author's day (UTC) of being retweeted; the post itself comes 1-60 min before
    its first retweet.  A replica shifts everything by whole weeks and renames
    the accounts, so replicas never share a post or an account."""
    shift = replica * 7 * 86400
    suffix = "" if replica == 0 else "r%d" % replica
    rts = []
    with gzip.open(HIGGS, "rt") as f:
        next(f)
        for line in f:
            a, b, ts, kind = line.rstrip("\n").split(",")
            if kind == "RT" and a != b:
                rts.append((int(ts) + shift, "h%s%s" % (a, suffix), "h%s%s" % (b, suffix)))
    first = {}
    for ts, a, b in rts:
        key = (b, ts // 86400)
        first[key] = min(first.get(key, ts), ts)
    posts = {}
    for key in sorted(first, key=lambda k: (first[k], k)):
        b = key[0]
        t0 = first[key] - hrng("hpost", key).randint(60, 3600)
        posts[key] = (snowflake(t0 * 1000, "hpost", key), t0)
    rows = [(b, b, pid, Decimal(t0)) for (b, _), (pid, t0) in posts.items()]
    rows += [(a, b, posts[(b, ts // 86400)][0], Decimal(ts)) for ts, a, b in rts]
    rows.sort(key=lambda r: r[3])
    return rows


def higgs_follows(replica, limit=None):
    suffix = "" if replica == 0 else "r%d" % replica
    out = []
    with gzip.open(HIGGS_SOCIAL, "rt") as f:
        next(f)
        for line in f:
            a, b = line.rstrip("\n").split(",")
            if a != b:
                out.append(("h%s%s" % (a, suffix), "h%s%s" % (b, suffix)))
    return out[:limit]


def write_bench(fmt, size, path):
    """Replicas of the Higgs log until the file reaches `size` bytes."""
    total, replica = 0, 0
    with open(path, "w", encoding="utf-8", newline="") as out:
        while total < size:
            rows = higgs_rows(replica)
            follows = higgs_follows(replica) if fmt == "jetstream" else []
            m = Model(rows, follows, bench=True)
            if fmt == "twarc2":
                lines = (dump_py(p) + "\n" for p in twarc2_pages(m, page_size=100, query="higgs OR cern"))
            else:
                lines = jetstream_events(m, likes=2.0, noise=False).lines()
            for line in lines:
                out.write(line)
                total += len(line.encode("utf-8"))
                if total >= size:
                    break
            print("replica %d: %d rows, %d follows, %.0f MB so far" % (replica, len(rows), len(follows),
                                                                        total / 2 ** 20), file=sys.stderr)
            replica += 1
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--log", default=os.path.join(ROOT, "tests/data/cascade_log.csv"))
    ap.add_argument("--followers", default=os.path.join(ROOT, "tests/data/cascade_followers.csv"),
                    help="follower CSV (follower,followee); '' for none")
    ap.add_argument("--tweets", help="only these posts (comma-separated tweet_ids); the follower list "
                                     "is then cut to follows among their accounts")
    ap.add_argument("--max-follows", type=int, help="keep only the first N follows")
    ap.add_argument("--format", choices=sorted(WRITERS))
    ap.add_argument("--all", metavar="DIR", help="write every format into DIR under its fixture name")
    ap.add_argument("--bench", choices=["twarc2", "jetstream"], help="benchmark input from the Higgs log")
    ap.add_argument("--size", type=parse_size, default=parse_size("1G"))
    ap.add_argument("--twarc-csv-of", nargs="+", metavar="JSONL",
                    help="convert twarc2 pages to twarc-csv, as `twarc2 csv` does")
    ap.add_argument("-o", "--output", default="-")
    args = ap.parse_args()

    if args.twarc_csv_of:
        buf = io.StringIO(newline="")
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(TWARC_CSV_COLUMNS)
        for path in args.twarc_csv_of:
            with open(path, encoding="utf-8") as f:
                for line in f:
                    for t in flatten_page(json.loads(line)):
                        w.writerow(twarc_csv_row(t))
        _emit(buf.getvalue(), args.output)
        return

    if args.bench:
        if args.output == "-" or os.path.abspath(args.output).startswith(ROOT + os.sep):
            ap.error("--bench needs -o FILE outside the repository")
        n = write_bench(args.bench, args.size, args.output)
        print("wrote %d bytes to %s" % (n, args.output), file=sys.stderr)
        return
    m = build_model(args.log, args.followers, args.tweets, args.max_follows)
    if args.all:
        os.makedirs(args.all, exist_ok=True)
        for fmt, (_, name) in sorted(WRITERS.items()):
            with open(os.path.join(args.all, name), "w", encoding="utf-8", newline="") as f:
                f.write(render(fmt, m))
        return
    if not args.format:
        ap.error("give --format, --all or --bench")
    _emit(render(args.format, m), args.output)


def _emit(text, path):
    if path == "-":
        sys.stdout.write(text)
    else:
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)


if __name__ == "__main__":
    main()
