#!/bin/sh
# run-all.sh - every test: unit tests, golden cases, README examples, the
# independent check of the CSV numbers, endless bad input from FIFOs,
# export/rescore end to end and the HTML report in a real browser.
# Ends with "N passed, N failed".
#   BIN=path/to/hindsight UNIT=path/to/unit-tests sh tests/run-all.sh
set -u
cd "$(dirname "$0")/.."
: "${BIN:=build/hindsight}" "${UNIT:=build/unit-tests}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:exitcode=99}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=99}"
log=$(mktemp "${TMPDIR:-/tmp}/hindsight-tests.XXXXXX")
part=$(mktemp "${TMPDIR:-/tmp}/hindsight-part.XXXXXX")
trap 'rm -f "$log" "$part"' EXIT INT TERM

# Run one runner; a runner that dies without reporting a failure (a crash,
# a sanitizer abort) is itself a failure.
run() {
    name=$1
    shift
    "$@" > "$part" 2>&1
    rc=$?
    cat "$part"
    cat "$part" >> "$log"
    if [ $rc != 0 ] && ! grep -q '^FAIL ' "$part"; then
        echo "FAIL $name (exit status $rc)" | tee -a "$log"
    fi
}

run unit "$UNIT"
run cases sh tests/run-cases.sh "$BIN"
run readme sh tests/run-readme.sh "$BIN"
run csv-independent sh tests/check-csv-independent.sh "$BIN"
run alloc-fail sh tests/run-alloc-fail.sh "$BIN"
run stream sh tests/run-stream.sh "$BIN"
# the golden cases again with the bulk files never streamed: the classic
# load must still give every expectation
HINDSIGHT_TEST_NO_STREAM=1 run cases-no-stream sh tests/run-cases.sh "$BIN"
run fifo sh tests/run-fifo.sh "$BIN"
# Set by `make check`: the golden cases under valgrind, and a short run of
# every fuzz target (`make fuzz FUZZ_SECONDS=N` runs them longer).
if [ -n "${VALGRIND_BIN:-}" ]; then
    run valgrind sh tests/run-valgrind.sh "$VALGRIND_BIN"
fi
if [ -n "${FUZZ_BIN_DIR:-}" ]; then
    for f in "$FUZZ_BIN_DIR"/fuzz_*; do
        [ -x "$f" ] || continue
        t=${f##*/fuzz_}
        run "fuzz/$t" sh fuzz/run.sh "$t" "${FUZZ_SECONDS:-15}" "$FUZZ_BIN_DIR"
    done
fi
run export sh tests/run-export.sh "$BIN" "$UNIT"
# The HTML report in headless Chromium (skipped without it unless
# REQUIRE_BROWSER=1, which `make check` sets).
run report sh tests/run-report.sh "$BIN"

passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^FAIL ' "$log")
skipped=$(grep -c '^SKIP ' "$log")
if [ "$skipped" -gt 0 ]; then
    echo "skipped (each says why):"
    grep '^SKIP ' "$log" | sed 's/^/  /'
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
