#!/bin/sh
# run-cases.sh - the golden-file driver.
#
# Each tests/cases/NAME/ holds:
#   cmd       shell commands to run (hindsight is on PATH); required
#   base      optional: the fixture under tests/data/ to start from
#             (default "basic"; "none" for an empty directory)
#   overlay/  optional: files copied over the base (e.g. a broken forecast)
#   remove    optional: paths deleted from the base, one per line
#   stdout, stderr, status   what the command must print and exit with
# The command runs in a fresh temporary copy of the data, so messages name
# files as "forecasts/x.json" and nothing in the repository is touched.
#
# Usage: tests/run-cases.sh BIN [NAME...]   UPDATE=1 rewrites expectations.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/hindsight-cases.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/bin"
ln -s "$bin" "$work/bin/hindsight"

passed=0
failed=0
if [ $# -gt 0 ]; then cases=$*; else cases=$(cd "$top/tests/cases" && ls); fi
for name in $cases; do
    case_dir="$top/tests/cases/$name"
    [ -f "$case_dir/cmd" ] || continue
    dir="$work/run/$name"
    mkdir -p "$dir"
    base=basic
    [ -f "$case_dir/base" ] && base=$(cat "$case_dir/base")
    [ "$base" = none ] || cp -R "$top/tests/data/$base/." "$dir/"
    [ -d "$case_dir/overlay" ] && cp -R "$case_dir/overlay/." "$dir/"
    if [ -f "$case_dir/remove" ]; then
        while IFS= read -r p; do [ -n "$p" ] && rm -rf "$dir/$p"; done < "$case_dir/remove"
    fi
    (cd "$dir" && PATH="$work/bin:$PATH" TOP="$top" sh "$case_dir/cmd" \
        > "$work/out" 2> "$work/err"; echo $? > "$work/status")
    if [ "${UPDATE:-}" = 1 ]; then
        cp "$work/out" "$case_dir/stdout"
        cp "$work/err" "$case_dir/stderr"
        cp "$work/status" "$case_dir/status"
    fi
    ok=1
    for f in stdout stderr status; do
        if [ ! -f "$case_dir/$f" ]; then
            echo "cases/$name: missing expected file '$f'"; ok=0
        fi
    done
    if [ $ok = 1 ]; then
        cmp -s "$work/out" "$case_dir/stdout" || { echo "cases/$name: stdout differs:"; diff "$case_dir/stdout" "$work/out" | head -20; ok=0; }
        cmp -s "$work/err" "$case_dir/stderr" || { echo "cases/$name: stderr differs:"; diff "$case_dir/stderr" "$work/err" | head -20; ok=0; }
        cmp -s "$work/status" "$case_dir/status" || { echo "cases/$name: exit status $(cat "$work/status"), want $(cat "$case_dir/status")"; ok=0; }
    fi
    if [ $ok = 1 ]; then
        passed=$((passed + 1)); echo "ok   cases/$name"
    else
        failed=$((failed + 1)); echo "FAIL cases/$name"
    fi
done
echo "cases: $passed passed, $failed failed"
[ $failed = 0 ]
