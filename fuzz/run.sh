#!/bin/sh
# run.sh - run one fuzz target for SECONDS on its corpus and print one line,
# "ok   fuzz/NAME (R runs in S s)" or "FAIL fuzz/NAME ..." (tests/run-all.sh
# counts them).  The corpus fuzz/corpus-NAME/ (not in git) is seeded from the
# shipped data and the golden cases; fuzz/seeds/NAME/ (in git) holds chosen
# seeds and every input that once crashed or hung, replayed on each run.
#   sh fuzz/run.sh NAME SECONDS [BUILD_DIR]     (from anywhere)
# FUZZ_RUNS=N also stops it after N executions.
set -u
name=$1
seconds=$2
cd "$(dirname "$0")/.."
bindir=${3:-build/fuzz}
bin=$bindir/fuzz_$name
corpus=fuzz/corpus-$name
log=$bindir/fuzz-$name.log
mkdir -p "$corpus"

# Seed files for each target: the shipped data and every fixture and case
# overlay of the same kind.
case $name in
forecasts_json) seeds="forecasts/*.json tests/data/*/forecasts/*.json tests/cases/*/overlay/forecasts/*.json" ;;
forecasts_csv) seeds="tests/data/*/forecasts/*.csv tests/cases/*/overlay/forecasts/*.csv" ;;
records_csv) seeds="outcomes/*.csv tests/data/*/outcomes/*.csv tests/cases/*/overlay/outcomes/*.csv" ;;
questions_json) seeds="outcomes/questions.json tests/data/*/outcomes/questions.json tests/cases/*/overlay/outcomes/questions.json" ;;
lexicon_csv) seeds="lexicons/*.csv tests/data/*/lexicons/*.csv tests/cases/*/overlay/lexicons/*.csv" ;;
extract) seeds="tests/extract/*.txt tests/cases/*/overlay/articles/*.txt" ;;
*) seeds="" ;;
esac
for f in $seeds; do
    [ -f "$f" ] || continue
    cp "$f" "$corpus/seed-$(echo "$f" | tr '/' '_')"
done

set -- ${FUZZ_RUNS:+-runs=$FUZZ_RUNS} -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 -print_final_stats=1 \
    -artifact_prefix="$bindir/crash-$name-"
case $name in
*_json) set -- "$@" -dict=fuzz/json.dict ;;
*_csv) set -- "$@" -dict=fuzz/csv.dict ;;
cli) set -- "$@" -dict=fuzz/cli.dict -close_fd_mask=2 ;;   # usage errors on stderr
esac
set -- "$@" "$corpus"
[ -d "fuzz/seeds/$name" ] && set -- "$@" "fuzz/seeds/$name"

if [ ! -x "$bin" ]; then
    echo "FAIL fuzz/$name ($bin is not built: make fuzzers)"
    exit 1
fi
"$bin" "$@" > "$log" 2>&1
rc=$?
runs=$(sed -n 's/^Done \([0-9]* runs in [0-9]*\) second.*/\1 s/p' "$log")
if [ $rc = 0 ] && [ -n "$runs" ]; then
    echo "ok   fuzz/$name ($runs)"
else
    tail -n 60 "$log"
    echo "FAIL fuzz/$name (exit status $rc; log $log; the input is in $bindir/crash-$name-*)"
    exit 1
fi
