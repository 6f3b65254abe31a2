#!/bin/sh
# make-seeds.sh - (re)writes the hand-made seed inputs of every fuzz target
# into tests/fuzz/corpus/TARGET/seed-*: the suite's own small files and the
# awkward cases each reader has, with the option bytes each target reads
# first (see the OPT_ enums in tests/fuzz/fuzz_*.c). Inputs the fuzzer
# found are kept beside them under their SHA-1 names (scripts/fuzz --merge).
# Usage: tests/fuzz/make-seeds.sh BUILDDIR (its smmgraph writes the graph
# file seeds).
set -eu
cd "$(dirname "$0")/../.."
smmgraph=$(cd "${1:?usage: $0 BUILDDIR}" && pwd)/smmgraph
c=tests/fuzz/corpus
mkdir -p $c/followers $c/reshares $c/timestamp $c/accounts $c/graph_file $c/json
rm -f $c/*/seed-*
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# seed TARGET NAME OPTION-BYTES (printf escapes) FILE...: the bytes, then the files.
seed() {
    target=$1 name=$2 opts=$3
    shift 3
    # shellcheck disable=SC2059 # the option bytes are printf escapes
    { printf "$opts"; cat "$@"; } >"$c/$target/seed-$name"
}
# text NAME CONTENT (printf escapes): a file in $tmp.
text() {
    # shellcheck disable=SC2059
    printf "$2" >"$tmp/$1"
}

cases=tests/cli/cases
data=tests/data

# followers: one option byte (1 reverse, 2 undirected, 4 p column 3, 8/16
# header yes/no, 32 windows-1252, 64 two threads, 128 pieces and small limits)
for f in small_followers dropped quoted_semicolon unterminated one_column header_only empty; do
    seed followers "$f" '\000' "$cases/$f.csv"
done
seed followers probs '\004' "$cases/probs.csv"
seed followers latin1 '\040' "$cases/latin1.csv"
seed followers karate '\000' "$data/karate.csv"
seed followers karate-reverse-threads '\101' "$data/karate.csv"
seed followers karate-pieces '\200' "$data/karate.csv"
seed followers tiny-p '\004' "$data/tiny_p.csv"
seed followers tiny-p-undirected-pieces '\306' "$data/tiny_p.csv"
seed followers tiny-undirected '\002' "$data/tiny_undirected.csv"
seed followers tiny-wc-no-header '\020' "$data/tiny_wc.csv"
head -40 "$data/deep_chain.csv" >"$tmp/chain.csv"
seed followers chain '\000' "$tmp/chain.csv"
head -60 "$data/ba_r_600.csv" >"$tmp/ba.csv"
seed followers ba '\100' "$tmp/ba.csv"
gzip -n -c "$cases/small_followers.csv" >"$tmp/small.csv.gz"
seed followers gzip '\000' "$tmp/small.csv.gz"
{ cat "$tmp/small.csv.gz"; gzip -n -c "$data/tiny_wc.csv"; printf 'junk'; } >"$tmp/two.gz"
seed followers gzip-two-members '\000' "$tmp/two.gz"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$data/tiny_undirected.csv"; } >"$tmp/u16.csv"
seed followers utf16 '\000' "$tmp/u16.csv"
text bom-crlf '\357\273\277follower;followee\r\nann;bob\r\n\r\nbob;ann\r\n  \r\ncy ; ann'
seed followers bom-crlf '\000' "$tmp/bom-crlf"
text quotes 'a,"b\nc"\n"x""y",z\n"", q\n"a"  ,b\n'
seed followers quotes '\000' "$tmp/quotes"
text quotes-late 'a,b\nb,c\nc,d\nd,"e f"\ne,f\nf,g\n'
seed followers quotes-late '\200' "$tmp/quotes-late"
text tabs 'a\tb\t0.25\nb\tc\t1\nc\ta\t0\n'
seed followers tabs-p '\004' "$tmp/tabs"
text spaces 'a b\nb c\n c  d \n'
seed followers spaces '\000' "$tmp/spaces"
text cr-only 'src,dst\ra,b\rb,a\r'
seed followers cr-only '\010' "$tmp/cr-only"
text bad-utf8 'a,b\n\377x,y\n'
seed followers bad-utf8 '\000' "$tmp/bad-utf8"
text nul 'a,b\nc\000,d\n'
seed followers nul '\000' "$tmp/nul"
text p-junk 'a,b,0.5\nb,c,0x1p-2\nc,d,nan\n'
seed followers p-junk '\004' "$tmp/p-junk"
text self-loops 'a,a\nb,b\n'
seed followers self-loops '\000' "$tmp/self-loops"
text utf8 'zoë,ünal\n日本,zoë\n'
seed followers utf8 '\000' "$tmp/utf8"

# reshares: two option bytes (byte 1: 0-3 cascades by CLI choice/item/
# author/topic, 4/8/16 author/item/time by name only, 32/64 header yes/no,
# 128 first attribution; byte 2: 1 two threads, 2 pieces and small limits, 4 libcsv, 8
# --only 5=RT,QT, 16 a time window, 32 undirected, 64 learned, 128 its
# weighted-cascade prior), then a log, or followers, a NUL and a log.
nul() { printf '\000'; }
nul >"$tmp/nul"
seed reshares small-log '\000\000' "$cases/small_log.csv"
seed reshares small '\000\000' "$cases/small_followers.csv" "$tmp/nul" "$cases/small_log.csv"
seed reshares small-first-learn '\200\101' "$cases/small_followers.csv" "$tmp/nul" "$cases/small_log.csv"
seed reshares small-author-wc '\002\300' "$cases/small_followers.csv" "$tmp/nul" "$cases/small_log.csv"
seed reshares small-topic-undirected '\003\040' "$cases/small_followers.csv" "$tmp/nul" "$cases/small_log.csv"
seed reshares bad-time '\000\000' "$cases/log_bad_time.csv"
seed reshares no-time '\000\000' "$cases/log_no_time.csv"
seed reshares no-time-adopters '\024\000' "$cases/log_no_time.csv"
head -80 "$data/cascade_log.csv" >"$tmp/log.csv"
# the follows among the log's accounts
awk -F, 'NR == FNR { if (FNR > 1) { seen[$1] = 1; seen[$2] = 1 } next }
         FNR == 1 || ($1 in seen && $2 in seen)' "$tmp/log.csv" "$data/cascade_followers.csv" |
    head -120 >"$tmp/follows.csv"
seed reshares cascade '\000\000' "$tmp/follows.csv" "$tmp/nul" "$tmp/log.csv"
seed reshares cascade-threads-learn '\000\101' "$tmp/follows.csv" "$tmp/nul" "$tmp/log.csv"
seed reshares cascade-pieces-libcsv '\200\006' "$tmp/follows.csv" "$tmp/nul" "$tmp/log.csv"
text formats 'bob,alice,t1,Wed Jul 04 08:00:00 +0000 2012\ncarol,alice,t1,1341388805.5\ndave,bob,t2,2012-07-04\nerin,bob,t2,2012-07-04 09:00:00+02:00\nbob,carol,t3,2012-07-04T08:00:00.25\n'
seed reshares formats-no-header '\100\000' "$tmp/formats"
text only 'retweeter,author,tweet_id,timestamp,type\nbob,alice,t1,1341388800,RT\ncarol,alice,t1,1341388900,QT\ndave,alice,t1,1341389000,reply\nerin,carol,t2,1341389100,RT\n'
seed reshares only-window '\000\030' "$tmp/only"
text loops 'retweeter,author,tweet_id,timestamp\nalice,alice,t1,100\nbob,alice,t1,200\nbob,alice,t1,300\nalice,bob,t1,400\n'
text loop-follows 'bob,alice\nalice,bob\n'
seed reshares repeats-conflicts '\000\000' "$tmp/loop-follows" "$tmp/nul" "$tmp/loops"
# a via column (cascades reads it): jetstream_via's reshares joined with its via rows
awk -F, 'NR == FNR { if (FNR > 1) via[$1 "," $2] = $3; next }
    FNR == 1 { print $0 ",via"; next } { print $0 "," via[$1 "," $3] }' \
    "$data/formats/jetstream_via.expected-via-ids.csv" "$data/formats/jetstream_via.expected-reshares-ids.csv" \
    >"$tmp/via.csv"
seed reshares via '\000\000' "$data/formats/jetstream_via.expected-follows-ids.csv" "$tmp/nul" "$tmp/via.csv"

# timestamp: the bytes of one time field
i=0
for t in 1341100972 1341100972.25 -5 +7. 0 2012-07-04T08:00:00Z '2012-07-04 08:00:00+02:00' \
    2012-07-04T08:00:00.5 2012-07-04 'Wed Jul 04 08:00:00 +0000 2012' \
    'Sun Feb 30 25:61:61 -1200 0000' 2012-13-45T99:99:99Z 99999999999999999999999999999999999999 \
    '1e9' 2012-07-04T08:00:00+14:00 9999-12-31T23:59:59.999999Z; do
    i=$((i + 1))
    printf '%s' "$t" >"$c/timestamp/seed-$i"
done

# accounts: one option byte (1 cost column, 2/4 header yes/no, 8 two
# threads, 16 libcsv, 32 pieces and a small field limit, 64 latin1)
seed accounts exclude '\000' "$cases/karate_exclude.csv"
seed accounts costs '\001' "$cases/karate_costs.csv"
seed accounts bad-costs '\001' "$cases/bad_costs.csv"
text report 'rank,account,pagerank\n1,alice,0.5\n2,bob,0.25\n3,nobody,0.25\n'
seed accounts seeds-report '\000' "$tmp/report"
text prices 'handle;price\n@x;1.5\nb;1e3\nc;inf\n'
seed accounts prices '\001' "$tmp/prices"
text plain 'a\nb\n\nc\nzed\n'
seed accounts plain-threads '\030' "$tmp/plain"
printf 'Zo\353\n' >"$tmp/latin"
seed accounts latin1 '\100' "$tmp/latin"

# json: one option byte (1/2 follows read as twarc/tweets-v1, else auto;
# 4/8 the log the same; 16 two threads, 32 pieces of a few bytes, each
# checked against one thread reading whole chunks; 64 a few rows kept at
# most; 128 --only type=... by the input's size, --since and --until).
# From the format fixtures, the whole lines of their first few kB (the
# first line at least; the largest is 11 kB):
formats=$data/formats
first_kb() {
    awk -v max=6000 'NR == 1 || n + length($0) + 1 <= max { n += length($0) + 1; print; next } { exit }' "$1"
}
for f in twarc2_pages twarc2_flat twarc2_followers twarc2_followers_pages twarc2_missing_original \
    twarc2_mixed_forms twarc2_quotes_replies twarc2_unicode v1_stream v1_tweets; do
    first_kb "$formats/$f.jsonl" >"$tmp/$f.jsonl"
    seed json "$f" '\000' "$tmp/$f.jsonl"
done
head -2 "$formats/jetstream.jsonl" >"$tmp/jetstream.jsonl"
seed json jetstream '\000' "$tmp/jetstream.jsonl"
seed json mixed-forms-as-twarc '\005' "$tmp/twarc2_mixed_forms.jsonl"
seed json followers-pages-threads-pieces '\061' "$tmp/twarc2_followers_pages.jsonl"
seed json followers-pages-limits '\100' "$tmp/twarc2_followers_pages.jsonl"
seed json flat-pieces '\040' "$tmp/twarc2_flat.jsonl"
seed json v1-stream-as-v1-filter '\212' "$tmp/v1_stream.jsonl"
seed json v1-tweets-threads '\020' "$tmp/v1_tweets.jsonl"
seed json unicode-filter '\200' "$tmp/twarc2_unicode.jsonl"
gzip -n -c "$tmp/twarc2_followers_pages.jsonl" >"$tmp/followers.jsonl.gz"
seed json gzip '\000' "$tmp/followers.jsonl.gz"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$tmp/twarc2_followers_pages.jsonl"; } >"$tmp/u16.jsonl"
seed json utf16 '\000' "$tmp/u16.jsonl"
# and the awkward cases, written here: json NAME OPTION-BYTE, the text on stdin.
json() {
    cat >"$tmp/json"
    seed json "$1" "$2" "$tmp/json"
}
T='"created_at": "2021-06-26T19:56:26.000Z"'
U='"__twarc": {"url": "https://api.twitter.com/2/users/12/followers?max_results=1000"}'
json bom '\000' <<EOF
$(printf '\357\273\277'){"id": "1", "author_id": "9", $T}
EOF
printf '{"id": "1", "author_id": "9", "created_at": "2021-06-26T19:56:26Z"}\r\n\r\n \t\r\n{"id": "2", "author_id": "8", "referenced_tweets": [{"type": "retweeted", "id": "1", "author": {"id": "9"}}], "created_at": "2021-06-26T19:57:26Z"}\r\n' >"$tmp/crlf"
seed json crlf-blank-lines '\000' "$tmp/crlf"
seed json crlf-blank-lines-pieces '\064' "$tmp/crlf"
printf '\n\n \t\r\n' >"$tmp/blank"
seed json blank-lines-only '\001' "$tmp/blank"
printf '{"id": "1", "author_id": "9", "created_at": "2021-06-26T19:56:26Z"}\n\014\n' >"$tmp/ff"
seed json form-feed-line '\000' "$tmp/ff"
printf '{"id": "1", "author_id": "9", "created_at": "2021-06-26T19:56:26Z"}' >"$tmp/no-newline"
seed json no-final-newline '\040' "$tmp/no-newline"
json deep-nesting '\000' <<EOF
{"id": "1", "author_id": "9", $T, "x": $(printf '%0300d' 0 | tr 0 '[')$(printf '%0300d' 0 | tr 0 ']')}
EOF
json deep-nesting-wanted '\005' <<EOF
{"data": [{"id": "1", "author_id": "9", $T, "referenced_tweets": [{"type": "retweeted", "id": "2", "author": {"id": {"id": $(printf '%0100d' 0 | tr 0 '[')$(printf '%0100d' 0 | tr 0 ']')}}}]}]}
EOF
printf '%0400d' 0 | tr 0 '[' >"$tmp/open"
seed json deep-nesting-root '\000' "$tmp/open"
json nul '\000' <<'EOF'
{"id": "1", "author_id": "a\u0000b", "created_at": "2021-06-26T19:56:26Z"}
EOF
json nul-unread '\000' <<'EOF'
{"id": "1", "author_id": "9", "text": "\u0000", "created_at": "2021-06-26T19:56:26Z", "user\u0000": 1}
EOF
json nul-url '\001' <<'EOF'
{"data": [{"id": "5"}], "__twarc": {"url": "https://api.twitter.com/2/users/1\u00002/followers"}}
EOF
json surrogates '\000' <<'EOF'
{"id": "\ud800", "author_id": "\udc00", "created_at": "2021-06-26T19:56:26Z"}
{"id": "2", "author_id": "\ud83d\ude00", "created_at": "2021-06-26T19:56:26Z"}
{"id": "3", "author_id": "\ud800\u0041", "created_at": "2021-06-26T19:56:26Z"}
EOF
json surrogate-follower '\001' <<EOF
{"data": [{"id": "\udfff"}, {"id": "\ud800x"}], $U}
EOF
json escapes-in-keys '\000' <<'EOF'
{"\u0069d": "1", "author\u005fid": "\u0039", "created_at": "2021-06-26T19:56:26Z"}
EOF
json two-values '\000' <<EOF
{"id": "1", "author_id": "9", $T}
{"id": "2", "author_id": "9", $T} {}
EOF
json two-numbers '\000' <<'EOF'
5 6
EOF
json value-cut-short '\000' <<'EOF'
{"data": [
{"id": "1"}]}
EOF
printf '{"id": "1", "author_id": "9", "created_at": "2021-06-26T19:5' >"$tmp/cut"
seed json string-cut-short '\000' "$tmp/cut"
json not-json '\000' <<'EOF'
{"id": "2", "author_id": }
EOF
printf '{"id": "1", "author_id": "\377", "created_at": "2021-06-26T19:56:26Z"}\n' >"$tmp/bad-utf8"
seed json bad-utf8 '\000' "$tmp/bad-utf8"
json not-objects '\005' <<'EOF'
[1, 2]
"a string"
null
EOF
json unknown-shape '\000' <<'EOF'
{"shape": "unknown"}
EOF
json unknown-shape-twarc '\005' <<'EOF'
{"shape": "unknown"}
EOF
json numbers '\005' <<'EOF'
{"id": 5, "author_id": "1", "created_at": "2021-06-26T19:56:26Z"}
{"id": "6", "author_id": 1e400, "created_at": "2021-06-26T19:56:26Z"}
EOF
json times '\000' <<'EOF'
{"id": "1", "author_id": "9", "created_at": "2021-06-26T19:56:26Z", "timestamp_ms": "123"}
{"id": "2", "author_id": "9", "created_at": "2021-06-26T19:56:26Z", "timestamp_ms": "1696161600000"}
{"id": "3", "author_id": "9", "timestamp_ms": "-1000"}
{"id": "4", "author_id": "9", "timestamp_ms": "999999999999999999999999999999999"}
{"id": "5", "author_id": "9", "created_at": "Sun Oct 01 12:00:00 +0000 2023"}
{"id": "6", "author_id": "9", "created_at": "yesterday"}
EOF
json page-without-includes '\000' <<EOF
{"data": [{"id": "11", "author_id": "2", $T, "referenced_tweets": [{"type": "retweeted", "id": "10"}]}, {"id": "12", "author_id": "3", $T, "referenced_tweets": [{"type": "quoted", "id": "10"}, {"type": "replied_to", "id": "10"}], "in_reply_to_user_id": "1"}]}
EOF
json page-includes-first '\214' <<EOF
{"includes": {"tweets": [{"id": "10", "author_id": "1"}, {"author_id": "7"}, {"id": "13"}], "users": [{"id": "1", "username": "a"}]}, "data": [{"id": "11", "author_id": "2", $T, "referenced_tweets": [{"type": "retweeted", "id": "10"}]}], "data": [{"id": "11", "author_id": "2", $T}, {"id": "14", "author_id": "2", $T, "referenced_tweets": [{"type": "replied_to", "id": "13"}]}]}
EOF
json page-odd-data '\000' <<'EOF'
{"data": {"id": "1"}, "includes": [], "__twarc": "x"}
{"data": [1, "a", null, [{"id": "1"}], {"id": "2", "author_id": "3", "created_at": "2021-06-26T19:56:26Z", "referenced_tweets": {"type": "retweeted"}}]}
EOF
json met-twice '\000' <<EOF
{"id": "1", "author_id": "9", $T}
{"data": [{"id": "1", "author_id": "9", $T}, {"id": "1", "author_id": "8", $T}]}
EOF
json errors-only '\000' <<'EOF'
{"errors": [{"title": "Not Found Error", "resource_id": "1"}]}
{"id": "1", "author_id": "9", "created_at": "2021-06-26T19:56:26Z"}
EOF
json followers-odd-urls '\001' <<'EOF'
{"data": [{"id": "5"}, {"id": "12"}], "__twarc": {"url": "https://api.twitter.com/2/users/12/followers?max_results=1000"}}
{"data": [{"id": "5"}], "__twarc": {"url": "https://api.twitter.com/2/users//followers"}}
{"data": [{"id": "5"}], "__twarc": {"url": "https://api.twitter.com/2/users/12"}}
{"data": [{"id": "5"}], "__twarc": {"url": "https://api.twitter.com/2/users/12/likes"}}
{"data": [{"id": "5"}], "__twarc": {"url": "https://api.twitter.com/2/users/12/followersXYZ/2/users/7/following"}}
{"data": [{"id": "6"}], "__twarc": {"url": "/2/users/ \t/following"}}
{"data": [{"id": "5"}], "__twarc": {"url": 12}}
{"data": [{"id": "5"}], "__twarc": {"url": ["https://api.twitter.com/2/users/12/followers"]}}
{"data": [{"id": "5"}], "__twarc": {"url": "https://api.twitter.com/2/users/\ufeff/followers"}}
{"data": [{"name": "no id"}], "__twarc": {"url": "https://api.twitter.com/2/users/12/following"}}
EOF
json followers-self-loops '\001' <<EOF
{"data": [{"id": "12"}, {"id": "12"}], $U}
EOF
awk 'BEGIN { printf "{\"data\": ["; for (i = 0; i < 40; i++) printf "%s{\"id\": \"%d\"}", i ? ", " : "", i; print "], \"__twarc\": {\"url\": \"https://api.twitter.com/2/users/99/following\"}}" }' >"$tmp/many"
seed json followers-many-limits '\101' "$tmp/many"
seed json followers-many-threads '\021' "$tmp/many"
json followers-as-log '\000' <<EOF
{"data": [{"id": "5"}], $U}
EOF
json v1-notices '\012' <<'EOF'
{"delete": {"status": {"id": 1, "id_str": "1", "user_id": 3, "user_id_str": "3"}, "timestamp_ms": "1696161600000"}}
{"limit": {"track": 5, "timestamp_ms": "1696161600000"}}
{"scrub_geo": {"user_id_str": "3"}}
{"status_withheld": {"id_str": "1"}}
{"warning": {"code": "FALLING_BEHIND"}}
{"disconnect": {"code": 4}}
{"created_at": "Sun Oct 01 12:00:00 +0000 2023", "id_str": "2", "user": {"id_str": "3"}, "retweeted_status": {"id_str": "1", "user": {"id_str": "4"}}}
{"created_at": "Sun Oct 01 12:00:00 +0000 2023", "id_str": "5", "user": {"id_str": "3"}, "quoted_status_id_str": "1", "quoted_status": {"id_str": "1", "user": {"id_str": "4"}}}
{"created_at": "Sun Oct 01 12:00:00 +0000 2023", "id_str": "6", "user": {"id_str": "3"}, "in_reply_to_status_id_str": "1", "in_reply_to_user_id_str": "4"}
{"created_at": "Sun Oct 01 12:00:00 +0000 2023", "id_str": "7", "user": {"id_str": "3"}, "retweeted_status": {"id_str": "1"}}
EOF
json v1-notices-only '\000' <<'EOF'
{"delete": {"status": {"id": 1, "id_str": "1"}}}
{"limit": {"track": 5}}
EOF
json v1-as-twarc '\005' <<'EOF'
{"created_at": "Sun Oct 01 12:00:00 +0000 2023", "id": 2, "id_str": "2", "user": {"id": 3, "id_str": "3"}, "retweeted_status": {"id_str": "1", "user": {"id_str": "4"}}}
EOF
json jetstream-sniffed '\000' <<'EOF'
{"did": "did:plc:a", "time_us": 1673938429541292, "kind": "commit"}
EOF
json csv-after-all '\000' <<'EOF'
{not json,b
c,d
EOF

# graph_file: files smmgraph import writes, and beginnings of one
"$smmgraph" import -q "$cases/small_followers.csv" -o "$c/graph_file/seed-small.smmg"
"$smmgraph" import -q "$data/tiny_p.csv" --p-column 3 -o "$c/graph_file/seed-tiny-p.smmg"
"$smmgraph" import -q "$data/tiny_undirected.csv" --undirected -o "$c/graph_file/seed-undirected.smmg"
"$smmgraph" import -q "$data/karate.csv" -o "$c/graph_file/seed-karate.smmg"
head -c 4096 "$c/graph_file/seed-small.smmg" >"$c/graph_file/seed-header-only"
printf 'SMMGRAPH' >"$c/graph_file/seed-magic"
