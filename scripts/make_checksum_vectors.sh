#!/bin/sh
# make_checksum_vectors.sh - reference XXH64 values for tests/unit/test_graph_file.c,
# from Debian's xxhsum (package xxhash), an implementation independent of smmgraph's.
# Input of length L: bytes (31 * i + 7) mod 256 for i < L. Output: "L hex" lines.
set -eu
cd "$(dirname "$0")/.."
out=tests/data/expected/xxh64.txt
: >"$out"
for len in 0 1 3 4 5 7 8 9 15 16 17 31 32 33 35 36 40 63 64 65 100 1000 4099; do
    /usr/bin/python3 -c "import sys; sys.stdout.buffer.write(bytes((31 * i + 7) % 256 for i in range($len)))" |
        xxhsum -H1 | awk -v len="$len" '{ print len, $1 }' >>"$out"
done
echo "wrote $out" >&2
