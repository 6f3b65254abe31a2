#!/usr/bin/python3
"""Check tests/data/formats/ against the scripts that made and read it.

  1. Regenerate the generated fixtures with the command in tests/data/README.md
     and require them byte-identical to the committed ones (the .gz copy:
     its decompressed bytes).
  2. Run scripts/json_baseline.py on every fixture and require its reshare
     log, follower list and via list byte-identical to the committed
     NAME.expected-*.csv (hand-written ones for the awkward cases).
  3. Round trip: the baseline's output on each generated form, mapped back to
     the source's names and ids, is the source rows (reshare log and follows)
     as multisets, times compared as exact decimals.  NodeXL keeps whole
     seconds and lowercase names, so the source is cut to those first.
  4. The counts table in tests/data/README.md is the baseline's counts.
  5. Accounts keyed by id (json_baseline.py --accounts ids), for every JSON
     and twarc-csv fixture: the reshare log, follower list and via list
     against NAME.expected-{reshares,follows,via}-ids.csv and the handles
     against NAME.expected-handles.csv; the generated forms' ids round-trip
     through the generator's user ids and DIDs; and the two modes agree: the
     handle-keyed expected file is the id-keyed one with each id replaced by
     its handle (byte for byte where every account has a handle).

Usage: /usr/bin/python3 scripts/check_forms.py [--update]
  --update rewrites the generated fixtures' expected files (both modes) and the README
  table (never the hand-written expected files).
Prints "N passed, N failed" and exits non-zero on any failure.
"""
import csv
import gzip
import io
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FORMS = os.path.join(ROOT, "tests", "data", "formats")
README = os.path.join(ROOT, "tests", "data", "README.md")
PY = sys.executable or "/usr/bin/python3"
sys.path.insert(0, HERE)
import json_forms as jf  # noqa: E402  (the check may share the generator's tables; the baseline may not)

GEN_ARGS = ["--tweets", "1234567890123,1615738810268937607,20,1648978463948060447", "--max-follows", "30"]
GENERATED = {name: fmt for fmt, (_, name) in jf.WRITERS.items()}
DERIVED = {"twarc_csv_mixed.csv": ["--twarc-csv-of", "twarc2_missing_original.jsonl", "twarc2_quotes_replies.jsonl"]}
GZ = {"twarc2_pages_gz.jsonl.gz": "twarc2_pages.jsonl"}
HAND = ["twarc2_missing_original.jsonl", "twarc2_mixed_forms.jsonl", "twarc2_unicode.jsonl",
        "twarc2_quotes_replies.jsonl", "twarc2_followers_pages.jsonl", "v1_stream.jsonl",
        "jetstream_follows.jsonl", "jetstream_reposts.jsonl", "jetstream_via.jsonl", "nodexl_relationships.csv",
        "gephi_mixed.csv",
        "twarc_csv_mixed.csv"]
KINDS = [("reshares", "-o"), ("follows", "--follows"), ("via", "--via")]
ACCOUNT_COLS = {"reshares": (0, 1), "follows": (0, 1), "via": (0, 2)}
LOCAL_NAMES = ("twarc_csv",)   # twarc-csv's handle mode names each row from its own columns only
BEGIN, END = "<!-- formats-counts:begin -->", "<!-- formats-counts:end -->"

passed, failed = 0, 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL: " + what)


def stem(name):
    for ext in (".jsonl.gz", ".jsonl", ".csv"):
        if name.endswith(ext):
            return name[: -len(ext)]
    return name


def read(path, mode="rb"):
    with open(path, mode) as f:
        return f.read()


def data_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))[1:]


def canon(t):
    s = format(t, "f")
    return s.rstrip("0").rstrip(".") if "." in s else s


def keyed_by_id(name):
    """JSON and twarc-csv fixtures name accounts by id with --accounts ids; NodeXL and Gephi have only names."""
    return not name.startswith(("nodexl_", "gephi_"))


def run_baseline(src, outdir, ids=False):
    sfx = "-ids" if ids else ""
    outs = {k: os.path.join(outdir, "%s.%s%s.csv" % (stem(os.path.basename(src)), k, sfx)) for k, _ in KINDS}
    stats = os.path.join(outdir, stem(os.path.basename(src)) + sfx + ".stats.json")
    cmd = [PY, os.path.join(HERE, "json_baseline.py"), "-q", "--stats", stats, src]
    for k, opt in KINDS:
        cmd += [opt, outs[k]]
    if ids:
        outs["handles"] = os.path.join(outdir, stem(os.path.basename(src)) + ".handles.csv")
        cmd += ["--accounts", "ids", "--handles", outs["handles"]]
    subprocess.run(cmd, check=True)
    with open(stats) as f:
        return outs, json.load(f)


def regenerate(tmp, update):
    gen = os.path.join(tmp, "gen")
    subprocess.run([PY, os.path.join(HERE, "json_forms.py"), "--all", gen] + GEN_ARGS, check=True)
    for name in sorted(GENERATED):
        new, old = os.path.join(gen, name), os.path.join(FORMS, name)
        if update:
            with open(old, "wb") as f:
                f.write(read(new))
        check(os.path.exists(old) and read(new) == read(old), "%s differs from its regeneration" % name)
    for name, args in DERIVED.items():
        out = os.path.join(gen, name)
        subprocess.run([PY, os.path.join(HERE, "json_forms.py")] + args + ["-o", out], check=True, cwd=FORMS)
        check(read(out) == read(os.path.join(FORMS, name)), "%s differs from its regeneration" % name)
    for gz, plain in GZ.items():
        path = os.path.join(FORMS, gz)
        if update:
            with open(path, "wb") as f:
                f.write(gzip.compress(read(os.path.join(FORMS, plain)), 9, mtime=0))
        check(gzip.decompress(read(path)) == read(os.path.join(FORMS, plain)), "%s is not %s" % (gz, plain))


def compare_expected(name, what, out, exp, update, always=False):
    """The baseline's output file against NAME.expected-WHAT.csv (written by --update for generated fixtures)."""
    has_rows = len(read(out).splitlines()) > 1
    if update and name not in HAND:
        if has_rows or always:
            with open(exp, "wb") as f:
                f.write(read(out))
        elif os.path.exists(exp):
            os.remove(exp)
    if has_rows or always or os.path.exists(exp):
        check(os.path.exists(exp) and read(exp) == read(out),
              "%s: json_baseline.py's %s differ from %s" % (name, what, os.path.basename(exp)))


def expected_files(tmp, update):
    """Every fixture's baseline output, in both account modes, against its committed expected files."""
    stats = {}
    fixtures = sorted(n for n in os.listdir(FORMS) if ".expected-" not in n)
    for name in fixtures:
        outs, st = run_baseline(os.path.join(FORMS, name), tmp)
        stats[name] = st
        for k, _ in KINDS:
            compare_expected(name, k, outs[k], os.path.join(FORMS, "%s.expected-%s.csv" % (stem(name), k)), update)
        if not keyed_by_id(name):
            continue
        outs, _ = run_baseline(os.path.join(FORMS, name), tmp, ids=True)
        for k, _ in KINDS:
            compare_expected(name, k + " (--accounts ids)", outs[k],
                             os.path.join(FORMS, "%s.expected-%s-ids.csv" % (stem(name), k)), update)
        compare_expected(name, "handles", outs["handles"],
                         os.path.join(FORMS, "%s.expected-handles.csv" % stem(name)), update, always=True)
    return stats


def expected(name, kind):
    """A committed expected file's header and rows, or None when there is none."""
    path = os.path.join(FORMS, "%s.expected-%s.csv" % (stem(name), kind))
    if not os.path.exists(path):
        return None
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def modes_agree():
    """The id-keyed expected files, mapped through the handles file, give the handle-keyed ones."""
    for name in sorted(n for n in os.listdir(FORMS) if ".expected-" not in n and keyed_by_id(n)):
        hfile = expected(name, "handles") or [[]]
        check(hfile[0] == ["id", "handle"], "%s: expected-handles.csv has no id,handle header" % name)
        pairs = hfile[1:]
        ids = [p[0] for p in pairs]
        check(ids == sorted(set(ids), key=lambda x: x.encode("utf-8")) and
              all(len(p) == 2 and p[1] and p[1] != "handle.invalid" for p in pairs),
              "%s: expected-handles.csv is not one id,handle a row, sorted by id" % name)
        handles = dict(p for p in pairs if len(p) == 2)
        written, files = set(), []
        for kind, cols in ACCOUNT_COLS.items():
            by_id, by_name = expected(name, kind + "-ids"), expected(name, kind)
            if by_id is None and by_name is None:
                continue
            if by_id is None or by_name is None:
                check(False, "%s: %s has only one of its expected-%s.csv and expected-%s-ids.csv" %
                      (name, kind, kind, kind))
                continue
            written.update(r[c] for r in by_id[1:] for c in cols)
            files.append((kind, cols, by_id, by_name))
        check(written >= set(handles), "%s: expected-handles.csv names accounts the outputs do not" % name)
        for kind, cols, by_id, by_name in files:
            # every row: the same row with each id as its handle (twarc-csv's handle mode may keep the id where
            # its row has no username, even when another row gives one)
            ok = by_id[0] == by_name[0] and len(by_id) == len(by_name)
            for ri, rn in zip(by_id[1:], by_name[1:]):
                for c, (x, y) in enumerate(zip(ri, rn)):
                    want = {handles.get(x, x)}
                    if c in cols and name.startswith(LOCAL_NAMES):
                        want.add(x)
                    ok = ok and len(ri) == len(rn) and (y in want if c in cols else x == y)
            check(ok, "%s: expected-%s.csv is not expected-%s-ids.csv with ids as handles" % (name, kind, kind))
        if written <= set(handles):
            # every account has a handle: byte for byte
            for kind, cols, by_id, by_name in files:
                mapped = [by_id[0]] + [[handles[x] if c in cols else x for c, x in enumerate(r)] for r in by_id[1:]]
                buf = io.StringIO()
                csv.writer(buf, lineterminator="\n").writerows(mapped)
                text = buf.getvalue()
                check(text.encode("utf-8") == read(os.path.join(FORMS, "%s.expected-%s.csv" % (stem(name), kind))),
                      "%s: expected-%s-ids.csv through expected-handles.csv is not expected-%s.csv" %
                      (name, kind, kind))


def round_trip(tmp):
    only = set(GEN_ARGS[1].split(","))
    m = jf.build_model(os.path.join(ROOT, "tests/data/cascade_log.csv"),
                       os.path.join(ROOT, "tests/data/cascade_followers.csv"), GEN_ARGS[1], int(GEN_ARGS[3]))
    src = [(a, b, p, canon(t)) for a, b, p, t in jf.load_log(os.path.join(ROOT, "tests/data/cascade_log.csv"), only)]
    by_handle = {a.handle: n for n, a in m.accounts.items()}
    by_did = {a.did: n for n, a in m.accounts.items()}
    by_uid = {a.uid: n for n, a in m.accounts.items()}
    by_rkey = {jf.post_rkey(m, p): pid for pid, p in m.posts.items()}

    def jet_name(x):
        return by_handle.get(x, by_did.get(x, "?" + x))
    maps = {
        "jetstream.jsonl": lambda r: (jet_name(r[0]), jet_name(r[1]), by_rkey.get(r[2].rsplit("/", 1)[-1], "?"), r[3]),
        "twarc2_followers.jsonl": lambda r: tuple(by_uid.get(x, x) for x in r),
    }
    for name in sorted(GENERATED):
        outs, _ = run_baseline(os.path.join(FORMS, name), tmp)
        fix = maps.get(name, tuple)
        got = sorted(fix(tuple(r)) for r in data_rows(outs["reshares"]))
        want = src
        if name == "nodexl_edges.csv":
            want = [(a.lower(), b.lower(), p, t.split(".")[0]) for a, b, p, t in src]
        if name in ("gephi_edges.csv", "twarc2_followers.jsonl"):
            want = []
        check(got == sorted(want), "%s: reshare log does not round-trip (%d rows, %d expected)" %
              (name, len(got), len(want)))
        ffix = (lambda r: tuple(jet_name(x) for x in r)) if name == "jetstream.jsonl" else fix
        got_f = sorted(ffix(tuple(r)) for r in data_rows(outs["follows"]))
        want_f = sorted(m.follows)
        if name == "nodexl_edges.csv":
            want_f = sorted((a.lower(), b.lower()) for a, b in m.follows)
        if name in ("twarc2_pages.jsonl", "twarc2_flat.jsonl", "v1_tweets.jsonl", "twarc_csv.csv"):
            want_f = []
        check(got_f == want_f, "%s: follows do not round-trip (%d, %d expected)" % (name, len(got_f), len(want_f)))
        if not keyed_by_id(name):
            continue
        # --accounts ids: the ids are the generator's user ids (DIDs), and each handle is that account's
        outs, _ = run_baseline(os.path.join(FORMS, name), tmp, ids=True)
        jet = name.startswith("jetstream")
        by_id = by_did if jet else by_uid

        def acct(x):
            return by_id.get(x, "?" + x)
        got = sorted((acct(a), acct(b), by_rkey.get(p.rsplit("/", 1)[-1], "?") if jet else p, t)
                     for a, b, p, t in data_rows(outs["reshares"]))
        check(got == sorted(want), "%s: reshare log (--accounts ids) does not round-trip (%d rows, %d expected)" %
              (name, len(got), len(want)))
        got_f = sorted((acct(a), acct(b)) for a, b in data_rows(outs["follows"]))
        check(got_f == sorted(m.follows) if want_f else not got_f,
              "%s: follows (--accounts ids) do not round-trip (%d)" % (name, len(got_f)))
        bad = [(i, h) for i, h in data_rows(outs["handles"])
               if i not in by_id or h != (m.accounts[by_id[i]].handle if jet else by_id[i])]
        check(not bad, "%s: handles that are not the accounts': %r" % (name, bad[:3]))


def counts_table(stats):
    out = ["| fixture | reshares | own posts | follows | also counted (skipped or resolved) |", "|---|---|---|---|---|"]
    for name in sorted(stats):
        st = dict(stats[name])
        main = [st.pop(k, 0) for k in ("reshares", "own_posts", "follows")]
        rest = ", ".join("%s %d" % (k, v) for k, v in st.items())
        out.append("| `%s` | %d | %d | %d | %s |" % (name, main[0], main[1], main[2], rest or "–"))
    return "\n".join(out)


def readme_counts(stats, update):
    text = read(README, "r")
    table = counts_table(stats)
    if BEGIN not in text or END not in text:
        check(False, "tests/data/README.md has no %s ... %s block" % (BEGIN, END))
        return
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    new = head + BEGIN + "\n" + table + "\n" + END + tail
    if update and new != text:
        with open(README, "w", encoding="utf-8") as f:
            f.write(new)
        text = new
    check(new == text, "the counts table in tests/data/README.md is not the baseline's counts (--update)")


def main():
    update = "--update" in sys.argv[1:]
    with tempfile.TemporaryDirectory() as tmp:
        regenerate(tmp, update)
        stats = expected_files(tmp, update)
        round_trip(tmp)
        modes_agree()
        readme_counts(stats, update)
    total = sum(os.path.getsize(os.path.join(FORMS, n)) for n in os.listdir(FORMS))
    check(total < 320 * 1024, "tests/data/formats/ holds %d bytes" % total)
    print("%d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
