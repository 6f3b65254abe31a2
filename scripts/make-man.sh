#!/bin/sh
# make-man.sh - regenerate src/cli/smmgraph.1 with help2man from the built
# smmgraph's --help and every command's --help, so the man page says what
# the program says. Run after changing any help text, from anywhere:
#   scripts/make-man.sh [SMMGRAPH]     (default: build/smmgraph)
# Needs help2man (Debian package help2man). The page is committed, so a
# build never needs help2man.
set -eu
cd "$(dirname "$0")/.."
smm=${1:-build/smmgraph}
[ -x "$smm" ] || { echo "make-man.sh: no $smm; build first" >&2; exit 1; }
include=$(mktemp)
trap 'rm -f "$include"' EXIT
{
    echo "[DESCRIPTION]"
    echo "smmgraph finds the opinion leaders and early adopters in social networks from"
    echo "exports of who follows whom and who reshared whose post, when. Each command"
    echo "below reads a follower CSV (plain, .gz, or - for stdin) or a graph file"
    echo "written by smmgraph import."
    echo
    echo "[COMMANDS]"
    for command in import rank cascades adopters seeds simulate export stats report; do
        echo ".SS smmgraph $command"
        echo ".nf"
        # roff: a leading dot or quote would be a request; backslashes escaped
        "$smm" "$command" --help | sed 's/\\/\\e/g; s/^\([.'"'"']\)/\\\&\1/; s/\xe2\x80\xa6/.../g'
        echo ".fi"
    done
    echo
    echo "[EXIT STATUS]"
    echo "0 success, 1 bad or unreadable input, 2 bad command line."
    echo
    echo "[SEE ALSO]"
    echo "README.md and HACKING.md in the source tree: the models, the formats, the"
    echo "measured speed and memory."
} >"$include"
help2man --no-info --no-discard-stderr --name="find opinion leaders and early adopters in social networks" \
    --include="$include" --output=src/cli/smmgraph.1 "$smm"
echo "wrote src/cli/smmgraph.1"
