#!/usr/bin/python3
"""Independent reference values for the rank agreement of `smmgraph report`.

Usage:
    /usr/bin/python3 scripts/reference_agreement.py METRICS.csv [METRIC,...] > OUT.csv

METRICS.csv has a header row with an `account` column and one column per
metric (scripts/reference_metrics.py's output, or `smmgraph rank --top 0`'s
report); a name ending in .gz is gunzipped. METRIC,...: the metrics to
compare, in that order (default: those of followers, pagerank, leaderrank,
reach, retweets the file has).

Output: CSV `a,b,spearman,common,top`, one row per pair of metrics with a
at or before b (a metric with itself included):
  spearman  scipy.stats.spearmanr over every account (ties take the average
            of their ranks), repr() of the float; nan where undefined (a
            constant metric)
  common    how many accounts the top `top` by a and the top `top` by b share
  top       min(100, number of accounts)
The top sets follow smmgraph's order of ranked reports: the metric
descending, then more followers (when the file has them), then the account
name ascending in byte order.
"""
import csv
import gzip
import sys
import warnings

import numpy as np
from scipy import stats

DEFAULT = ["followers", "pagerank", "leaderrank", "reach", "retweets"]
TOP = 100


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def top_set(values, followers, names, k):
    def key(i):
        return (-values[i], -followers[i] if followers is not None else 0,
                names[i].encode("utf-8"))
    return set(sorted(range(len(values)), key=key)[:k])


def agreement(header, rows, metrics=None):
    """[(a, b, spearman, common, top)] for the pairs a <= b of metrics."""
    col = {name: i for i, name in enumerate(header)}
    if metrics is None:
        metrics = [m for m in DEFAULT if m in col]
    names = [r[col["account"]] for r in rows]
    values = {m: [float(r[col[m]]) for r in rows] for m in metrics}
    followers = [float(r[col["followers"]]) for r in rows] if "followers" in col else None
    k = min(TOP, len(rows))
    tops = {m: top_set(values[m], followers, names, k) for m in metrics}
    out = []
    for i, a in enumerate(metrics):
        for b in metrics[i:]:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                rho = stats.spearmanr(np.array(values[a]), np.array(values[b])).correlation
            out.append((a, b, float(rho), len(tops[a] & tops[b]), k))
    return out


def main():
    header, rows = read(sys.argv[1])
    metrics = sys.argv[2].split(",") if len(sys.argv) > 2 else None
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["a", "b", "spearman", "common", "top"])
    for a, b, rho, common, k in agreement(header, rows, metrics):
        w.writerow([a, b, repr(rho), common, k])


if __name__ == "__main__":
    main()
