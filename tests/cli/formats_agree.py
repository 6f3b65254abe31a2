#!/usr/bin/env python3
"""formats_agree.py CSV OTHER FORMAT [--no-formula-guard] - is OTHER (tsv,
json or jsonl) the same table as CSV, value for value?

Reads CSV with Python's csv module and OTHER with the csv module (TSV,
after undoing the \\t \\n \\r \\\\ escapes) or the json module, and checks:
the same column names in the same order, the same number of rows, and in
every row each value equal. A JSON string must equal the CSV field exactly
(names that look like numbers stay strings); a JSON number must equal the
CSV field read as a number (the same digits, so the same double); JSON null
stands for an empty CSV field (nobody), NaN or an infinity. A TSV field must equal the CSV field exactly.

The formula guard: CSV and TSV write a text cell starting with = + - @, a
tab or a CR behind a ' (OWASP's rule), JSON as it is. So a JSON string (and
a JSON key) must equal the CSV field once the guard is applied to it: a
missing ', a doubled one, a ' where the rule asks none (on a name that
starts with ' itself) or a guarded number all fail here. Applying the
guard to the JSON side rather than stripping ' from the CSV side keeps
that strict: stripping cannot tell a guard from a name's own '. With
--no-formula-guard (the reports were written with it) JSON strings must
equal the CSV fields as they are.
Exit status 0 when they agree; otherwise the first difference on stderr.
Standard library only, so the test suite needs nothing but python3.
"""
import csv
import json
import math
import sys


def fail(msg):
    sys.exit("formats_agree: " + msg)


def tsv_unescape(field):
    out, i = [], 0
    while i < len(field):
        c = field[i]
        if c == "\\" and i + 1 < len(field):
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(field[i + 1], None) or
                       fail("unknown TSV escape \\%s" % field[i + 1]))
            i += 2
        else:
            if c in "\t\n\r":
                fail("raw %r inside a TSV field" % c)
            out.append(c)
            i += 1
    return "".join(out)


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    if not text.endswith("\n"):
        fail("%s does not end with a line break" % path)
    lines = text[:-1].split("\n")
    return [[tsv_unescape(x) for x in line.split("\t")] for line in lines]


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
GUARD = True


def guarded(text):
    """text as a CSV or TSV cell carries it (table_report.c)."""
    return "'" + text if GUARD and text.startswith(FORMULA_START) else text


def same_value(csv_field, value, where):
    if isinstance(value, bool):
        fail("%s: JSON boolean %r" % (where, value))
    if isinstance(value, str):
        if guarded(value) != csv_field:
            fail("%s: string %r, CSV %r" % (where, value, csv_field))
    elif value is None:
        # nobody (an empty CSV field), or NaN or an infinity
        if csv_field != "" and csv_field.lstrip("-") not in ("nan", "inf"):
            fail("%s: null, CSV %r" % (where, csv_field))
    elif isinstance(value, (int, float)):
        try:
            want = float(csv_field)
        except ValueError:
            fail("%s: number %r, CSV %r" % (where, value, csv_field))
        if float(value) != want or not math.isfinite(want):
            fail("%s: number %r, CSV %r" % (where, value, csv_field))
        if isinstance(value, int) != ("." not in csv_field and "e" not in csv_field.lower()):
            fail("%s: %r and CSV %r differ in kind (integer or not)" % (where, value, csv_field))
    else:
        fail("%s: unexpected JSON value %r" % (where, value))


def main():
    global GUARD
    args = sys.argv[1:]
    if args[3:] == ["--no-formula-guard"]:
        GUARD = False
        args = args[:3]
    if len(args) != 3:
        sys.exit(__doc__)
    csv_path, other, fmt = args
    with open(csv_path, encoding="utf-8", newline="") as f:
        table = list(csv.reader(f))
    if not table:
        fail("%s is empty" % csv_path)
    header, rows = table[0], table[1:]
    if fmt == "tsv":
        got = read_tsv(other)
        if got[0] != header:
            fail("TSV header %r, CSV %r" % (got[0], header))
        if got[1:] != rows:
            for i, (a, b) in enumerate(zip(got[1:], rows)):
                if a != b:
                    fail("row %d: TSV %r, CSV %r" % (i + 1, a, b))
            fail("TSV has %d rows, CSV %d" % (len(got) - 1, len(rows)))
        return
    with open(other, encoding="utf-8") as f:
        if fmt == "json":
            objects = json.load(f)
            if not isinstance(objects, list):
                fail("JSON is not one array")
        elif fmt == "jsonl":
            objects = [json.loads(line) for line in f]
        else:
            fail("unknown format %r" % fmt)
    if len(objects) != len(rows):
        fail("%d objects, %d CSV rows" % (len(objects), len(rows)))
    for i, (obj, row) in enumerate(zip(objects, rows)):
        if [guarded(k) for k in obj.keys()] != header:
            fail("row %d: keys %r, CSV header %r" % (i + 1, list(obj.keys()), header))
        for name, field in zip(obj.keys(), row):
            same_value(field, obj[name], "row %d, %s" % (i + 1, name))


if __name__ == "__main__":
    main()
