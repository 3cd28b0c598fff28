#!/bin/sh
# run-alloc-fail.sh - allocation failure, command by command.
#
# HINDSIGHT_FAIL_ALLOC_AT=N makes the N-th allocation of a run and every
# later one fail (src/cli/main.c; 0 only counts them).  For a `check` and a
# `score --as-of 2026-11-22` run on the shipped seed data (from the repo
# root), `score --adjust difficulty` on tests/data/difficulty, for
# `extract` on two of the articles under tests/extract/, and a `report` of
# tests/data/basic, N goes from 1 to the number of allocations the run makes, in steps
# of ALLOC_STEP (default 5, so the loop stays near a minute under the
# sanitizers; ALLOC_STEP=1 tries every allocation).  Every run must exit 1
# and say "out of memory" on stderr; a sanitizer report (ASan and UBSan exit
# 99, see run-all.sh) or a crash fails it, as does a run that succeeds or
# exits 2.  One past the count, the run must succeed again.
#
# Usage: tests/run-alloc-fail.sh BIN
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
step=${ALLOC_STEP:-5}
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:exitcode=99}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=99}"
err=$(mktemp "${TMPDIR:-/tmp}/hindsight-alloc.XXXXXX")
trap 'rm -f "$err"' EXIT INT TERM
failed=0

# loop NAME ARGS...: the whole loop for one command line
loop() {
    name=$1
    shift
    HINDSIGHT_FAIL_ALLOC_AT=0 "$bin" "$@" > /dev/null 2> "$err"
    rc=$?
    count=$(sed -n 's/^hindsight: HINDSIGHT_FAIL_ALLOC_AT: \([0-9]*\) allocations made$/\1/p' "$err")
    if [ $rc != 0 ] || [ -z "$count" ]; then
        echo "alloc-fail/$name: the run without failures exited $rc:"
        head -20 "$err"
        echo "FAIL alloc-fail/$name"
        failed=$((failed + 1))
        return
    fi
    runs=0
    bad=""
    n=1
    while [ "$n" -le "$count" ]; do
        HINDSIGHT_FAIL_ALLOC_AT=$n "$bin" "$@" > /dev/null 2> "$err"
        rc=$?
        runs=$((runs + 1))
        if [ $rc != 1 ] || ! grep -q 'out of memory' "$err" ||
            grep -q -e 'Sanitizer' -e 'runtime error:' "$err"; then
            bad="allocation $n of $count: exit status $rc"
            break
        fi
        if [ $n -lt "$count" ] && [ $((n + step)) -gt "$count" ]; then
            n=$count    # always try the last allocation too
        else
            n=$((n + step))
        fi
    done
    if [ -z "$bad" ]; then
        HINDSIGHT_FAIL_ALLOC_AT=$((count + 1)) "$bin" "$@" > /dev/null 2> "$err"
        rc=$?
        [ $rc = 0 ] || bad="allocation $((count + 1)) (past the count): exit status $rc"
    fi
    if [ -n "$bad" ]; then
        echo "alloc-fail/$name: $bad; stderr:"
        head -20 "$err"
        echo "FAIL alloc-fail/$name"
        failed=$((failed + 1))
    else
        echo "ok   alloc-fail/$name ($runs runs: allocations 1 to $count, step $step)"
    fi
}

loop check check
loop score score --as-of 2026-11-22
# the difficulty fit, both solvers (HINDSIGHT_TEST_FE: direct up to 2 members)
loop score-adjust --data tests/data/difficulty score --as-of 2026-11-22 --adjust difficulty --bootstrap 0
export HINDSIGHT_TEST_FE=2,100
loop score-adjust-iterative --data tests/data/difficulty score --as-of 2026-11-22 --adjust difficulty --bootstrap 0
unset HINDSIGHT_TEST_FE
loop extract extract tests/extract/quotes-first.txt --published 2024-03-10
loop extract-csv extract tests/extract/paraphrase.txt --format csv
# the HTML report of the small fixture (the shipped data makes 6000 allocations)
report_dir=$(mktemp -d "${TMPDIR:-/tmp}/hindsight-alloc-report.XXXXXX")
loop report --data tests/data/basic report --out "$report_dir/r" --as-of 2026-11-22 --bootstrap 0
rm -rf "$report_dir"
[ $failed = 0 ]
