#!/usr/bin/python3
"""report_check.py - smmgraph report's page, as a browser would read it,
against rank's CSV for the same input and seed.

    report_check.py PAGE RANK_CSV TOP [--sorted]

PAGE is the HTML file or Chromium's --dump-dom of it. Checks: the five
sections, each with a heading and a reading; no URL in any src or href (and
no http:// or https:// anywhere); the shortlist's header and rows are the
CSV's, cell for cell (the bar column aside), in order (with --sorted: the
page's script clicked the first numeric header, so the rows are the CSV's
reversed, and <body data-test-first-row> holds the CSV's last row); one
<circle> per scatter point (accounts among the first 2000 rows with
followers and reach above 0) plus one per CCDF point (one per tenth of a
decade of follower counts, and the largest), computed here from the CSV;
the agreement table's numbers are scripts/reference_agreement.py's on the
CSV (so it must hold every account), each on its heat colour; the
campaign's table has its columns and one bar (<g class="hbar">) per set
(more with --campaign and --exact: see check_campaign).
Run rank with --top 0 for the CCDF (every account), the page with its own
--top, TOP: the shortlist must be the CSV's first TOP rows. Prints what is
wrong on stderr and exits 1.
"""
import csv
import math
import os
import sys
from html.parser import HTMLParser

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import reference_agreement  # noqa: E402

SECTIONS = ["data", "shortlist", "reach-vs-followers", "campaign", "agreement", "distributions"]
DASH = "\u2013"  # an undefined correlation


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections, self.headings, self.readings = [], {}, {}
        self.urls, self.circles, self.body = [], 0, {}
        self.tables = 0
        self.header, self.nosort, self.rows = [], None, []
        self.section = None
        self.where = None  # 'th', 'td', 'h2', 'reading'
        self.in_shortlist = False
        self.text = ""
        self.row = None
        self.heat, self.heat_row, self.heat_styles = [], None, []
        self.camp, self.camp_row, self.camp_bars, self.in_camp = [], None, 0, False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("src", "href"):
            if key in a:
                self.urls.append(a[key])
        if tag == "body":
            self.body = a
        if tag == "section":
            self.section = a.get("id")
            self.sections.append(self.section)
        if tag == "circle":
            self.circles += 1
        if tag == "h2":
            self.where, self.text = "h2", ""
        if tag == "p" and "reading" in (a.get("class") or ""):
            self.where, self.text = "reading", ""
        if tag == "table" and "sortable" in (a.get("class") or "") and self.section == "shortlist":
            self.in_shortlist = True
        if tag == "table" and "heat" in (a.get("class") or "") and self.section == "agreement":
            self.heat_row = []
        if self.heat_row is not None and tag in ("th", "td"):
            self.where, self.text = "heat", ""
            if tag == "td":
                self.heat_styles.append(a.get("style") or "")
        if tag == "table" and self.section == "campaign":
            self.in_camp = True
        if self.section == "campaign" and tag == "g" and a.get("class") == "hbar":
            self.camp_bars += 1
        if self.in_camp and tag == "tr":
            self.camp_row = []
        if self.in_camp and tag in ("th", "td"):
            self.where, self.text = "camp", ""
        if self.in_camp and tag == "title":
            self.where = "camp-title"
        if self.in_shortlist and tag == "tr":
            self.row = []
        if self.in_shortlist and tag in ("th", "td"):
            if tag == "th" and "nosort" in (a.get("class") or ""):
                self.nosort = len(self.row)
            self.where, self.text = tag, ""
        if self.in_shortlist and tag == "title":
            self.where = "title"  # a bar's tooltip: not a cell's text

    def handle_endtag(self, tag):
        if self.in_camp:
            if tag == "title":
                self.where = "camp"
            if tag in ("th", "td") and self.camp_row is not None:
                self.camp_row.append(self.text)
                self.where = None
            if tag == "tr" and self.camp_row is not None:
                self.camp.append(self.camp_row)
                self.camp_row = None
            if tag == "table":
                self.in_camp = False
        if self.heat_row is not None:
            if tag in ("th", "td"):
                self.heat_row.append(self.text)
                self.where = None
            if tag == "tr":
                self.heat.append(self.heat_row)
                self.heat_row = []
            if tag == "table":
                self.heat_row = None
        if tag == "title" and self.where == "title":
            self.where = "td"
        if tag == "h2" and self.where == "h2":
            self.headings[self.section] = self.text.strip()
            self.where = None
        if tag == "p" and self.where == "reading":
            self.readings[self.section] = self.text.strip()
            self.where = None
        if self.in_shortlist and tag in ("th", "td") and self.row is not None:
            self.row.append(self.text)
            self.where = None
        if self.in_shortlist and tag == "tr" and self.row is not None:
            if self.header:
                self.rows.append(self.row)
            else:
                self.header = self.row
            self.row = None
        if tag == "table" and self.in_shortlist:
            self.in_shortlist = False

    def handle_data(self, data):
        if self.where in ("h2", "reading", "th", "td", "heat", "camp"):
            self.text += data


def ccdf_points(followers):
    """The points smm_plot_ccdf writes: one per occupied tenth of a decade, and the largest."""
    positive = [f for f in followers if f > 0]
    if not positive:
        return 0
    bins = {math.floor(math.log10(f) * 10) for f in positive}
    top = max(positive)
    top_bin = math.floor(math.log10(top) * 10)
    smallest_in_top_bin = min(f for f in positive if math.floor(math.log10(f) * 10) == top_bin)
    return len(bins) + (1 if smallest_in_top_bin < top else 0)


def check_agreement(page, header, rows):
    """The agreement table against reference_agreement.py on the CSV: its
    metrics those of the CSV, Spearman on and below the diagonal, the top
    sets' overlap above, each to the page's 3 decimals; every number on a
    background colour, an undefined one an uncoloured dash."""
    bad = []
    want = [m for m in reference_agreement.DEFAULT if m in header]
    if not page.heat:
        return ["no agreement table"]
    labels = page.heat[0][1:]
    if page.heat[0][0] != "metric" or labels != want:
        return [f"agreement header {page.heat[0]}, want metric and {want}"]
    if [r[0] for r in page.heat[1:]] != want:
        return [f"agreement rows {[r[0] for r in page.heat[1:]]}, want {want}"]
    ref = {}
    for a, b, rho, common, top in reference_agreement.agreement(header, rows, want):
        ref[(a, b)] = ref[(b, a)] = (rho, common / top)
    for i, a in enumerate(want):
        for j, b in enumerate(want):
            rho, share = ref[(a, b)]
            value = rho if j <= i else share
            cell = page.heat[1 + i][1 + j]
            if math.isnan(value):
                ok = cell == DASH
            else:
                ok = cell != DASH and abs(float(cell) - value) <= 0.0005 + 1e-9
            if not ok:
                bad.append(f"agreement {a} x {b}: {cell!r}, want {value!r}")
    styles = page.heat_styles
    coloured = sum(1 for s in styles if s.startswith("background:#"))
    dashes = sum(1 for r in page.heat[1:] for c in r[1:] if c == DASH)
    if coloured != len(styles) - len(want) - dashes:
        bad.append(f"{coloured} coloured agreement cells of {len(styles)}")
    return bad


def check_campaign(page, argv):
    """The campaign table against --campaign SEEDS_CSV FOLLOWERS_CSV K
    (smmgraph seeds -k K and rank --by followers of the same run): the
    seeds and their spread are seeds', the biggest set is the first K of
    the followers ranking, one bar per set; with --exact EXPECTED_CSV
    (scripts/exact_spread.py's), every set's exact spread is within its
    interval."""
    bad = []
    if not page.camp:
        return ["no campaign table"]
    header, rows = page.camp[0], page.camp[1:]
    want = ["set", "size", "accounts", "spread", "ci95", "audience", "audience_jaccard"]
    if header != want:
        return [f"campaign header {header}, want {want}"]
    col = {h: i for i, h in enumerate(header)}
    if page.camp_bars != len(rows):
        bad.append(f"{page.camp_bars} campaign bars, want one per set ({len(rows)})")
    if "--campaign" in argv:
        i = argv.index("--campaign")
        seeds_csv, followers_csv, k = argv[i + 1], argv[i + 2], int(argv[i + 3])
        with open(seeds_csv, newline="", encoding="utf-8") as f:
            seeds = list(csv.DictReader(f))
        with open(followers_csv, newline="", encoding="utf-8") as f:
            biggest = [r["account"] for r in csv.DictReader(f)][:k]
        if len(rows) != 3:
            bad.append(f"{len(rows)} campaign sets, want 3")
        got = {r[col["set"]]: r for r in rows}
        s = got.get("the chosen seeds")
        if s is None or s[col["accounts"]].split(", ") != [r["account"] for r in seeds]:
            bad.append(f"campaign seeds {s}, want {[r['account'] for r in seeds]}")
        elif s[col["spread"]] != seeds[-1]["spread"]:
            bad.append(f"campaign seeds' spread {s[col['spread']]}, want {seeds[-1]['spread']}")
        b = got.get("the biggest accounts")
        if b is None or b[col["accounts"]].split(", ") != biggest:
            bad.append(f"campaign biggest {b}, want {biggest}")
    if "--exact" in argv:
        with open(argv[argv.index("--exact") + 1], newline="", encoding="utf-8") as f:
            exact = {r["seeds"]: float(r["spread"]) for r in csv.DictReader(f)}
        for r in rows:
            key = "+".join(sorted(r[col["accounts"]].split(", "), key=lambda x: x.encode()))
            spread, half = float(r[col["spread"]]), float(r[col["ci95"]])
            if key not in exact:
                bad.append(f"no exact spread for {key}")
            elif not abs(exact[key] - spread) <= half:
                bad.append(f"{r[col['set']]} {key}: exact {exact[key]}, page {spread} +- {half}")
    return bad


def main():
    path, csv_path = sys.argv[1], sys.argv[2]
    top = int(sys.argv[3])
    sorted_page = "--sorted" in sys.argv[4:]
    text = open(path, encoding="utf-8").read()
    page = Page()
    page.feed(text)
    with open(csv_path, newline="", encoding="utf-8") as f:
        table = list(csv.reader(f))
    header, rows = table[0], table[1:]
    bad = []
    if page.sections != SECTIONS:
        bad.append(f"sections {page.sections}, want {SECTIONS}")
    for s in SECTIONS:
        if not page.headings.get(s) or not page.readings.get(s, "").endswith("."):
            bad.append(f"section {s}: heading {page.headings.get(s)!r}, "
                       f"reading {page.readings.get(s)!r}")
    for url in page.urls:
        if not url.startswith("#"):
            bad.append(f"a URL on the page: {url[:80]!r}")
    if "http://" in text or "https://" in text:
        bad.append("http:// or https:// on the page")
    got_header = list(page.header)
    if page.nosort is None:
        bad.append("no bar column in the shortlist")
    else:
        del got_header[page.nosort]
    got_rows = []
    for r in page.rows:
        r = list(r)
        if page.nosort is not None:
            del r[page.nosort]
        got_rows.append(r)
    if got_header != header:
        bad.append(f"header {got_header}, want {header}")
    want_rows = rows[:top]
    if len(got_rows) != len(want_rows):
        bad.append(f"{len(got_rows)} rows in the shortlist, want {len(want_rows)}")
    if sorted_page:
        want_rows = want_rows[::-1]
        first = page.body.get("data-test-first-row")
        if first is None:
            bad.append("no data-test-first-row: the page's script did not run")
        else:
            cells = first.split("\t")
            if page.nosort is not None and len(cells) > page.nosort:
                del cells[page.nosort]
            if cells != want_rows[0]:
                bad.append(f"first row after sorting {cells}, want {want_rows[0]}")
    for i, (g, w) in enumerate(zip(got_rows, want_rows)):
        if g != w:
            bad.append(f"row {i + 1}: {g}, want {w}")
            break
    col = {name: i for i, name in enumerate(header)}
    followers = [float(r[col["followers"]]) for r in rows]
    reach = [float(r[col["reach"]]) for r in rows]
    scatter = sum(1 for f, r in list(zip(followers, reach))[:2000] if f > 0 and r > 0)
    want_circles = scatter + ccdf_points(followers)
    if page.circles != want_circles:
        bad.append(f"{page.circles} circles, want {want_circles} "
                   f"({scatter} accounts, the rest the CCDF's)")
    bad += check_agreement(page, header, rows)
    bad += check_campaign(page, sys.argv)
    print(f"{len(got_rows)} rows", file=sys.stderr)
    for b in bad:
        print(b, file=sys.stderr)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
