#!/bin/sh
# format.sh - apply .clang-format to every C file of the project.
# --check: change nothing, list the files that would change (exit 1 if any).
set -eu
cd "$(dirname "$0")/.."
files=$(find src include tests/unit tests/fuzz -name '*.[ch]' | sort)
if [ "${1:-}" = "--check" ]; then
    bad=0
    for f in $files; do
        clang-format --style=file "$f" | cmp -s - "$f" || { echo "$f"; bad=1; }
    done
    exit $bad
fi
# shellcheck disable=SC2086 # file list
clang-format --style=file -i $files
