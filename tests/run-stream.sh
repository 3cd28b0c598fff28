#!/bin/sh
# run-stream.sh - the streamed load (stream.h) against the classic one:
# score and check must print the same bytes, the same messages and exit
# the same way whichever loads the data (HINDSIGHT_TEST_NO_STREAM=1 forces
# the classic load), and clean data must really be streamed by score
# (check always loads the classic way: its checks of the whole data set
# need every forecast).  Data: the
# basic fixture with and without a bulk file, generated bulk data
# (bench/gen.c, seeded), and broken copies of it that must fall back.
#   sh tests/run-stream.sh BIN
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/hindsight-stream.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
passed=0
failed=0

ok() { echo "ok   stream/$1"; passed=$((passed + 1)); }
fail() { echo "FAIL stream/$1: $2"; failed=$((failed + 1)); }

# same NAME EXPECT DIR ARGS...: both loads give identical output; EXPECT is
# "streamed", "loading without streaming" or "none" (what the trace must
# say; none: the command never tries to stream)
same() {
    name=$1 expect=$2 dir=$3
    shift 3
    HINDSIGHT_TEST_TRACE=1 "$bin" --data "$dir" "$@" > "$work/a.out" 2> "$work/a.err"
    echo $? > "$work/a.status"
    HINDSIGHT_TEST_NO_STREAM=1 "$bin" --data "$dir" "$@" > "$work/b.out" 2> "$work/b.err"
    echo $? > "$work/b.status"
    trace=$(grep '^hindsight: trace: ' "$work/a.err" | sed 's/^hindsight: trace: //')
    grep -v '^hindsight: trace: ' "$work/a.err" > "$work/a.err2"
    case $expect in streamed) want="bulk files streamed" ;; none) want= ;; *) want=$expect ;; esac
    if [ "$trace" != "$want" ]; then
        fail "$name" "trace says '$trace', expected '$want'"
    elif ! cmp -s "$work/a.out" "$work/b.out"; then
        fail "$name" "standard output differs"
        diff "$work/a.out" "$work/b.out" | head -5
    elif ! cmp -s "$work/a.err2" "$work/b.err"; then
        fail "$name" "standard error differs"
        diff "$work/a.err2" "$work/b.err" | head -5
    elif ! cmp -s "$work/a.status" "$work/b.status"; then
        fail "$name" "exit status differs"
    else
        ok "$name"
    fi
}

# the basic fixture (JSON only), and with the golden case's bulk file
cp -R tests/data/basic "$work/basic"
cp -R tests/data/basic "$work/mixed"
cp tests/cases/score-bulk-csv/overlay/forecasts/bulk.csv "$work/mixed/forecasts/"
for d in basic mixed; do
    for by in forecaster organization source question; do
        same "$d-$by" streamed "$work/$d" score --by "$by" --as-of 2026-11-22
    done
    same "$d-base-rate-json" streamed "$work/$d" score --reference base-rate --format json --as-of 2026-11-22
    same "$d-alt-lexicon-csv" streamed "$work/$d" score --lexicon alt --format csv --min-n 2 --as-of 2026-11-22
    same "$d-replay-2023" streamed "$work/$d" score --as-of 2023-06-30 --horizon 18m --seed 7
    same "$d-check" none "$work/$d" check
    same "$d-by-tag" "loading without streaming" "$work/$d" score --by tag --as-of 2026-11-22
    same "$d-adjust" streamed "$work/$d" score --adjust difficulty --as-of 2026-11-22
    same "$d-adjust-organization-json" streamed "$work/$d" score --adjust difficulty --by organization --bootstrap 0 --format json --as-of 2026-11-22
done

# the difficulty fit (difficulty.h) from the streamed and the loaded pairs
cp -R tests/data/difficulty "$work/difficulty"
mkdir -p "$work/difficulty/lexicons"
cp lexicons/default.csv "$work/difficulty/lexicons/"
same difficulty-adjust streamed "$work/difficulty" score --adjust difficulty --as-of 2026-11-22
same difficulty-adjust-csv streamed "$work/difficulty" score --adjust difficulty --bootstrap 0 --format csv --as-of 2026-11-22

# generated bulk data: names with commas, quotes and UTF-8
cc -O2 -o "$work/gen" bench/gen.c || { fail gen "cannot build bench/gen.c"; exit 1; }
g=$work/gen-data
mkdir -p "$g/forecasts" "$g/outcomes" "$g/lexicons"
cp lexicons/default.csv "$g/lexicons/"
"$work/gen" "$g" 20000 3
for by in forecaster organization source question; do
    same "generated-$by" streamed "$g" score --by "$by" --bootstrap 100 --as-of 2026-11-22 --format csv
done
same generated-table streamed "$g" score --bootstrap 50 --as-of 2025-01-01
same generated-check none "$g" check
# forecasts made after the as-of date are left out (hs_forecast_exists);
# a replay counts the records per --replay (hs_record_counts)
same generated-early-as-of streamed "$g" score --by organization --bootstrap 0 --as-of 2024-01-01 --format csv
same generated-replay-known streamed "$g" score --bootstrap 0 --as-of 2026-06-15 --replay known --format csv
same generated-replay-happened streamed "$g" score --bootstrap 0 --as-of 2026-06-15 --replay happened --format csv
same generated-by-tag "loading without streaming" "$g" score --by tag --bootstrap 0 --as-of 2026-11-22
same generated-profile none "$g" score --profile --bootstrap 0 --as-of 2026-11-22
same generated-adjust streamed "$g" score --adjust difficulty --bootstrap 0 --as-of 2026-11-22 --format csv
same generated-adjust-organization streamed "$g" score --adjust difficulty --by organization --bootstrap 0 --as-of 2026-11-22

# broken copies: each must fall back and report as the classic load does
broken() {
    what=$1 line=$2
    rm -rf "$work/broken"
    cp -R "$g" "$work/broken"
    printf '%s\n' "$line" >> "$work/broken/forecasts/bulk.csv"
    same "broken-$what" "loading without streaming" "$work/broken" score --bootstrap 0 --as-of 2026-11-22
    same "broken-$what-check" none "$work/broken" check
}
broken bad-probability 'x1,A,B,s1,2022-02-01,q,q1,yes,put it at,0.x,explicit,'
broken duplicate-id 'f7,A,B,s1,2022-02-01,q,q1,yes,likely,,,'
broken unknown-question 'x2,A,B,s1,2022-02-01,q,nowhere,yes,likely,,,'
broken source-date 'x3,A,B,s1,2021-01-01,q,q1,yes,likely,,,'
broken ragged-row 'x4,A,B,s1,2022-02-01,q,q1,yes'
broken hedge-not-in-lexicon 'x5,A,B,s1,2022-02-01,q,q1,yes,perchance,,,'
broken unterminated-quote 'x6,"A,B,s1,2022-02-01,q,q1,yes,likely,,,'
broken invalid-utf8 "$(printf 'x7,A\377,B,s1,2022-02-01,q,q1,yes,likely,,,')"
# a warning with a position (a probability rounded to 9 places) is left to
# the classic load too
broken rounded-probability 'x8,A,B,s1,2022-02-01,q,q1,yes,put it at,0.1234567891,explicit,'
broken hedge-not-in-quote 'x9,A,B,s1,2022-02-01,no such word here,q1,yes,likely,,,'
# spaces around a key or a hedge are warned about with their position
# (hs_csv_key): left to the classic load
broken key-spaces 'x10 ,A,B,s1,2022-02-01,it is likely,q1,yes,likely,,,'
broken hedge-spaces 'x11,A,B,s1,2022-02-01,it is likely,q1,yes, likely,,,'
broken question-spaces 'x12,A,B,s1,2022-02-01,it is likely, q1,yes,likely,,,'
rm -rf "$work/broken"
cp -R "$g" "$work/broken"
sed -i '1s/$/,colour/; 2s/$/,red/; 3,$s/$/,/' "$work/broken/forecasts/bulk.csv"
same unknown-column-warning streamed "$work/broken" score --bootstrap 0 --as-of 2026-11-22

# plain probability files (p_yes, p_yes_percent: docs/formats.md) are left
# to the classic load even with a lexicon at hand; a file in the classic
# form against dated questions and graded outcomes is streamed and scored
# the same way (squared error against the outcome, graded log score, the
# base rate from the mean outcome)
for d in plain dated; do
    cp -R "tests/data/$d" "$work/$d"
    mkdir -p "$work/$d/lexicons"
    cp lexicons/default.csv "$work/$d/lexicons/"
    same "$d-p_yes" "loading without streaming" "$work/$d" score --as-of 2026-11-22
    same "$d-p_yes-check" none "$work/$d" check
done
awk -F, -v OFS=, 'NR == 1 { $4 = "p_yes_percent" } NR > 1 { $4 = $4 * 100 "%" } { print }' \
    tests/data/dated/forecasts/benchmark.csv > "$work/dated/forecasts/benchmark.csv"
same dated-p_yes_percent "loading without streaming" "$work/dated" score --as-of 2026-11-22
awk -F, -v OFS=, 'NR == 1 { print "id,forecaster,organization,source,published,quote,question,stance,hedge,probability,basis,made,deadline"; next }
    { print $1, $2, "Org " $2, "src-" $2, "2023-12-01", "I would put it at " $4, $3, "yes", "put it at", $4, "explicit", $5, $6 }' \
    tests/data/dated/forecasts/benchmark.csv > "$work/dated/forecasts/benchmark.csv"
for by in forecaster organization source question; do
    same "dated-stance-$by" streamed "$work/dated" score --by "$by" --as-of 2026-11-22
done
same dated-stance-adjust streamed "$work/dated" score --adjust difficulty --as-of 2026-11-22
same dated-stance-base-rate streamed "$work/dated" score --reference base-rate --format csv --as-of 2026-11-22
same dated-stance-check none "$work/dated" check

echo "stream: $passed passed, $failed failed"
[ "$failed" = 0 ]
