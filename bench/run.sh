#!/bin/sh
# bench/run.sh - hindsight against DuckDB on generated bulk data.  A
# benchmark, not a test: it asserts nothing about time.
#
# usage: sh bench/run.sh BIN GEN NODE_DIR
#   BIN       the hindsight binary
#   GEN       bench/gen.c built (writes the data, deterministic per seed)
#   NODE_DIR  where @duckdb/node-api is installed (npm install --prefix)
# Environment (all optional):
#   BENCH_SIZES   forecast counts to run (default "100000 1000000 10000000")
#   BENCH_ROUNDS  interleaved rounds per job (default 3)
#   BENCH_JOBS    jobs to run, from: by-forecaster by-organization intervals
#                 crowd check calibration sensitivity compare export report
#                 (default all but report: the HTML report writes about
#                 2.4 kB a forecast, 24 GB at 10^7)
#   BENCH_DATA    scratch directory for the data (default
#                 ${TMPDIR:-/tmp}/hindsight-bench); kept for the next run,
#                 remove it yourself (1e7 forecasts take 1.3 GB)
#   BENCH_SEED    data seed (default 1)
#   BENCH_TIMEOUT seconds before a run is abandoned (default 900)
#   BENCH_THREADS DuckDB threads (default 2)
#
# For every size and job, hindsight and DuckDB run one after the other,
# round after round (warm cache: the files are read once before), each
# under /usr/bin/time.  The table gives the median and minimum wall time,
# the median CPU time (user + system) and the median peak RSS, then the
# ratios hindsight / DuckDB of median wall time and of peak RSS.  DuckDB's
# figures include node's start-up (about 0.1 s, 45 MB).  Jobs without a
# DuckDB counterpart of their own are set against the leaderboard query
# (the same read, join and group-by).  The first round's outputs are
# compared (bench/compare.py): same keys, same counts, means within 1e-12.
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
gen=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
node_dir=$(cd "$3" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
sizes=${BENCH_SIZES:-100000 1000000 10000000}
rounds=${BENCH_ROUNDS:-3}
jobs=${BENCH_JOBS:-by-forecaster by-organization intervals crowd check calibration sensitivity compare export}
data=${BENCH_DATA:-${TMPDIR:-/tmp}/hindsight-bench}
seed=${BENCH_SEED:-1}
limit=${BENCH_TIMEOUT:-900}
threads=${BENCH_THREADS:-2}
asof=2026-11-22
work=$(mktemp -d "${TMPDIR:-/tmp}/hindsight-bench-run.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
cp "$here/duckdb.mjs" "$node_dir/duckdb.mjs"

# hindsight arguments, DuckDB query and comparison kind of a job
job_args() {
    case $1 in
    by-forecaster) echo "score --by forecaster --bootstrap 0 --format csv" ;;
    by-organization) echo "score --by organization --bootstrap 0 --format csv" ;;
    intervals) echo "score --by forecaster --format csv" ;;
    crowd) echo "score --by forecaster --bootstrap 0 --crowd median --format csv" ;;
    check) echo "check" ;;
    calibration) echo "calibration --bins 10 --format csv" ;;
    sensitivity) echo "sensitivity --format csv" ;;
    compare) echo "compare" ;;
    export) echo "export --out $work/export" ;;
    report) echo "report --out $work/report" ;;
    esac
}
job_query() {
    case $1 in
    by-organization) echo organization ;;
    calibration) echo calibration ;;
    crowd) echo crowd ;;
    *) echo forecaster ;;
    esac
}
job_kind() {
    case $1 in
    by-forecaster | by-organization | intervals) echo board ;;
    crowd) echo crowd ;;
    calibration) echo calibration ;;
    *) echo - ;;
    esac
}

# timed OUT ERR CMD...: run under /usr/bin/time; appends "wall cpu rss_kb"
# (or "timeout") to OUT.times, stdout to OUT
timed() {
    out=$1
    shift
    if /usr/bin/time -f "%e %U %S %M" -o "$out.t" timeout "$limit" "$@" > "$out" 2> "$out.err"; then
        awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$out.t" >> "$out.times"
    else
        echo "failed" >> "$out.times"
        sed -n 1,3p "$out.err" >&2
    fi
}

# summary FILE: "median_wall min_wall median_cpu median_rss_mb" or "- - - -"
summary() {
    if grep -q failed "$1"; then
        echo "failed - - -"
        return
    fi
    sort -n -k1 "$1" | awk '{ w[NR] = $1 } END { printf "%.2f %.2f ", w[int((NR + 1) / 2)], w[1] }'
    sort -n -k2 "$1" | awk '{ c[NR] = $2 } END { printf "%.2f ", c[int((NR + 1) / 2)] }'
    sort -n -k3 "$1" | awk '{ m[NR] = $3 } END { printf "%.0f\n", m[int((NR + 1) / 2)] / 1024 }'
}

printf '%-9s %-16s %16s %8s %7s %16s %8s %7s %6s %6s  %s\n' N job "hindsight s" "cpu s" "MiB" \
    "duckdb s" "cpu s" "MiB" "t/t" "m/m" "same result"
for n in $sizes; do
    dir=$data/n$n-s$seed-v2   # v2: bench/gen.c puts the hedge in the quote
    if [ ! -f "$dir/done" ]; then
        rm -rf "$dir"
        mkdir -p "$dir/forecasts" "$dir/outcomes" "$dir/lexicons"
        cp "$here/../lexicons/default.csv" "$dir/lexicons/"
        "$gen" "$dir" "$n" "$seed"
        touch "$dir/done"
    fi
    cat "$dir"/forecasts/* "$dir"/outcomes/* > /dev/null
    for job in $jobs; do
        set -- $(job_args "$job")
        if [ "$job" = compare ]; then
            set -- compare --format csv "Expert 2" "Expert 5"
        fi
        [ "$job" = check ] || set -- "$@" --as-of "$asof"
        r=1
        rm -f "$work/h" "$work/h.times" "$work/d" "$work/d.times"
        while [ "$r" -le "$rounds" ]; do
            rm -rf "$work/export" "$work/report" "$work"/.report-*
            timed "$work/h" "$bin" --data "$dir" "$@"
            [ "$r" = 1 ] && cp "$work/h" "$work/h1"
            timed "$work/d" node "$node_dir/duckdb.mjs" "$dir" "$(job_query "$job")" "$threads"
            [ "$r" = 1 ] && cp "$work/d" "$work/d1"
            r=$((r + 1))
        done
        kind=$(job_kind "$job")
        same=-
        if [ "$kind" != - ]; then
            same=$(python3 "$here/compare.py" "$kind" "$work/h1" "$work/d1" || true)
        fi
        set -- $(summary "$work/h.times") $(summary "$work/d.times")
        ratio=$(awk -v a="$1" -v b="$5" -v c="$4" -v d="$8" 'BEGIN {
            if (a + 0 > 0 && b + 0 > 0) printf "%.2f %.2f", a / b, c / d; else print "- -" }')
        printf '%-9s %-16s %7s (%6s) %8s %7s %7s (%6s) %8s %7s %6s %6s  %s\n' "$n" "$job" \
            "$1" "$2" "$3" "$4" "$5" "$6" "$7" "$8" $ratio "$same"
    done
done
