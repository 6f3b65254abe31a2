#!/bin/sh
# Regenerate every reference file in tests/data/expected/ (run from anywhere).
# Needs Debian's /usr/bin/python3 with python3-networkx, python3-igraph,
# numpy and scipy.  Takes about a minute (the Higgs graph dominates).
#
# Outputs and what they are for:
#   karate_metrics.csv   `smmgraph rank tests/data/karate.csv --undirected`:
#                        followers/following (=degree), pagerank, leaderrank,
#                        authority/hub (HITS, max=1), coreness, betweenness.
#   congress_metrics.csv `smmgraph rank graphs/congress-twitter.csv --reverse`
#                        (unweighted metrics on the follower graph j -> i).
#   higgs_metrics.csv.gz `smmgraph rank graphs/higgs-followers.csv.gz`, same
#                        columns with betweenness left empty (too slow here);
#                        gzipped (6 MB of text).
#   ba_r_600_metrics.csv, ba_r_5000_metrics.csv.gz, deep_chain_metrics.csv
#                        the same columns for the betweenness test graphs
#                        (the 5000-account one takes about 3 minutes).
#   tiny_wc_reach.csv    exact expected Independent-Cascade reach of each
#                        account on tests/data/tiny_wc.csv, weighted-cascade p.
#   tiny_p_reach.csv     same for tests/data/tiny_p.csv, p from column `p`.
#   tiny_undirected_reach.csv  same for tests/data/tiny_undirected.csv read
#                        with --undirected and uniform p = 0.4.
#   cascades_last.csv    per-post cascade metrics of tests/data/cascade_log.csv
#   cascades_first.csv   with tests/data/cascade_followers.csv, --attribution
#                        last / first (scripts/reference_cascades.py).
#   adopters.csv         per-account adopter percentiles, categories, led.
#   learned_p.csv        Goyal et al. (2010) Bernoulli p for every follow edge.
#   stats_*.csv          `smmgraph stats` of karate, congress and the Higgs
#                        sample (scripts/reference_stats.py: python3-igraph,
#                        cross-checked with networkx).
# The exact-reach runs also pass --check (Monte-Carlo cross-check, ~5 s).
# The cascade inputs themselves are generated, deterministically, by
# `$PY scripts/make_cascade_data.py` (not rerun here; they are checked in).
set -eu
PY=/usr/bin/python3
cd "$(dirname "$0")/.."
OUT=tests/data/expected
mkdir -p "$OUT"

$PY scripts/reference_metrics.py tests/data/karate.csv --undirected > "$OUT/karate_metrics.csv.tmp"
mv "$OUT/karate_metrics.csv.tmp" "$OUT/karate_metrics.csv"
$PY scripts/reference_metrics.py graphs/congress-twitter.csv --reverse > "$OUT/congress_metrics.csv.tmp"
mv "$OUT/congress_metrics.csv.tmp" "$OUT/congress_metrics.csv"
$PY scripts/reference_metrics.py graphs/higgs-followers.csv.gz --no-betweenness | gzip -9n > "$OUT/higgs_metrics.csv.gz.tmp"
mv "$OUT/higgs_metrics.csv.gz.tmp" "$OUT/higgs_metrics.csv.gz"
# Betweenness references (tests/unit/test_betweenness.c): a generated
# follower graph with cycles at two sizes, and a chain deeper than 255 levels.
$PY scripts/reference_metrics.py tests/data/ba_r_600.csv > "$OUT/ba_r_600_metrics.csv.tmp"
mv "$OUT/ba_r_600_metrics.csv.tmp" "$OUT/ba_r_600_metrics.csv"
$PY scripts/reference_metrics.py tests/data/ba_r_5000.csv.gz | gzip -9n > "$OUT/ba_r_5000_metrics.csv.gz.tmp"
mv "$OUT/ba_r_5000_metrics.csv.gz.tmp" "$OUT/ba_r_5000_metrics.csv.gz"
$PY scripts/reference_metrics.py tests/data/deep_chain.csv > "$OUT/deep_chain_metrics.csv.tmp"
mv "$OUT/deep_chain_metrics.csv.tmp" "$OUT/deep_chain_metrics.csv"

# smmgraph stats (tests/unit/test_network_stats.c)
$PY scripts/reference_stats.py tests/data/karate.csv --undirected > "$OUT/stats_karate.csv.tmp"
mv "$OUT/stats_karate.csv.tmp" "$OUT/stats_karate.csv"
$PY scripts/reference_stats.py graphs/congress-twitter.csv --reverse > "$OUT/stats_congress.csv.tmp"
mv "$OUT/stats_congress.csv.tmp" "$OUT/stats_congress.csv"
$PY scripts/reference_stats.py graphs/higgs-followers.csv.gz > "$OUT/stats_higgs.csv.tmp"
mv "$OUT/stats_higgs.csv.tmp" "$OUT/stats_higgs.csv"

$PY scripts/exact_reach.py tests/data/tiny_wc.csv --check > "$OUT/tiny_wc_reach.csv.tmp"
mv "$OUT/tiny_wc_reach.csv.tmp" "$OUT/tiny_wc_reach.csv"
$PY scripts/exact_reach.py tests/data/tiny_p.csv --p-column p --check > "$OUT/tiny_p_reach.csv.tmp"
mv "$OUT/tiny_p_reach.csv.tmp" "$OUT/tiny_p_reach.csv"
$PY scripts/exact_reach.py tests/data/tiny_undirected.csv --undirected --p 0.4 --check > "$OUT/tiny_undirected_reach.csv.tmp"
mv "$OUT/tiny_undirected_reach.csv.tmp" "$OUT/tiny_undirected_reach.csv"

CF=tests/data/cascade_followers.csv
CL=tests/data/cascade_log.csv
$PY scripts/reference_cascades.py "$CF" "$CL" --attribution last --what cascades > "$OUT/cascades_last.csv.tmp"
mv "$OUT/cascades_last.csv.tmp" "$OUT/cascades_last.csv"
$PY scripts/reference_cascades.py "$CF" "$CL" --attribution first --what cascades > "$OUT/cascades_first.csv.tmp"
mv "$OUT/cascades_first.csv.tmp" "$OUT/cascades_first.csv"
$PY scripts/reference_cascades.py "$CF" "$CL" --what adopters > "$OUT/adopters.csv.tmp"
mv "$OUT/adopters.csv.tmp" "$OUT/adopters.csv"
$PY scripts/reference_cascades.py "$CF" "$CL" --what learned > "$OUT/learned_p.csv.tmp"
mv "$OUT/learned_p.csv.tmp" "$OUT/learned_p.csv"

# retweets.csv: retweets, retweeters and networkx's weighted retweet PageRank
# for every account of tests/data/cascade_log.csv (rank --retweets).
$PY scripts/reference_retweets.py tests/data/cascade_log.csv > "$OUT/retweets.csv.tmp"
mv "$OUT/retweets.csv.tmp" "$OUT/retweets.csv"
echo "make_references: wrote $OUT/*.csv" >&2
