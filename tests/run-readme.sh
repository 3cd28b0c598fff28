#!/bin/sh
# run-readme.sh - the README's examples are tests, so the docs cannot rot.
#
# In README.md, every ```console block is a list of examples: a line
# "$ COMMAND" runs COMMAND from the repository root (hindsight on PATH), and
# the lines after it, up to the next "$ " line or the fence, are its exact
# standard output.  Examples that would depend on today's date pin --as-of.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/hindsight-readme.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/bin"
ln -s "$bin" "$work/bin/hindsight"

# Split the examples into work/N.cmd and work/N.want.
awk -v dir="$work" '
    /^```console$/ { inblock = 1; next }
    /^```/ && inblock { inblock = 0; next }
    inblock && /^\$ / { n++; print substr($0, 3) > (dir "/" n ".cmd"); printf "" > (dir "/" n ".want"); next }
    inblock && n { print > (dir "/" n ".want") }
' README.md

passed=0
failed=0
for cmd in "$work"/*.cmd; do
    [ -f "$cmd" ] || continue
    n=$(basename "$cmd" .cmd)
    PATH="$work/bin:$PATH" sh "$cmd" > "$work/$n.got" 2>&1
    if cmp -s "$work/$n.got" "$work/$n.want"; then
        passed=$((passed + 1)); echo "ok   readme/$n: $(cat "$cmd")"
    else
        failed=$((failed + 1)); echo "FAIL readme/$n: $(cat "$cmd")"
        diff "$work/$n.want" "$work/$n.got" | head -20
    fi
done
[ $passed -gt 0 ] || { echo "FAIL readme: no examples found in README.md"; exit 1; }
echo "readme: $passed passed, $failed failed"
[ $failed = 0 ]
