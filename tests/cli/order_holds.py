"""order_holds.py REPORT.csv KEY... - checks that a report's rows follow the
order README states: each KEY is COLUMN:desc (numbers, largest first, NaN
or an empty cell last) or COLUMN:asc (names in byte order, an empty cell,
nobody, last), compared in turn; the last key must tell every two rows
apart. Exit 1 with the first pair out of order."""
import csv
import math
import sys


def sort_key(row, keys):
    out = []
    for column, how in keys:
        cell = row[column]
        if how == "desc":
            v = float(cell) if cell not in ("", "nan", "NaN") else math.nan
            out.append((1, 0.0) if math.isnan(v) else (0, -v))
        else:
            out.append((1, b"") if cell == "" else (0, cell.encode("utf-8")))
    return out


def main():
    path, keys = sys.argv[1], [k.split(":") for k in sys.argv[2:]]
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if len(rows) < 2:
        sys.exit("%s: %d rows, too few to show an order" % (path, len(rows)))
    for column, how in keys:
        if column not in rows[0] or how not in ("asc", "desc"):
            sys.exit("%s: no column %r, or %r is not asc or desc" % (path, column, how))
    for i in range(1, len(rows)):
        a, b = sort_key(rows[i - 1], keys), sort_key(rows[i], keys)
        if not a < b:
            sys.exit("%s: rows %d and %d out of order on %s: %s then %s" % (
                path, i, i + 1, sys.argv[2:], rows[i - 1], rows[i]))


main()
