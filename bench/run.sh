#!/bin/sh
# bench/run.sh - time and peak memory of hindsight on a generated bulk
# dataset: N forecasts (default 1,000,000) in forecasts/bulk.csv over 1,000
# questions, half of them resolved.  Prints one line per command:
#   bench: ROWS rows  COMMAND  SECONDS s  MAX_RSS_MB MB
# Usage: sh bench/run.sh BIN [ROWS]
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
rows=${2:-1000000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/hindsight-bench.XXXXXX")
trap 'rm -rf "$dir"' EXIT INT TERM
mkdir -p "$dir/forecasts" "$dir/outcomes" "$dir/lexicons"
cp "$(dirname "$0")/../lexicons/default.csv" "$dir/lexicons/"
awk 'BEGIN {
    printf "{\"format\": \"hindsight-questions/1\", \"questions\": [\n"
    for (q = 0; q < 1000; q++)
        printf "%s{\"id\": \"q%d\", \"title\": \"Question %d\", \"criteria\": \"Generated.\"}\n", q ? "," : "", q, q
    print "]}"
}' > "$dir/outcomes/questions.json"
awk 'BEGIN {
    print "question,status,date,evidence,evidence_source,recorded"
    for (q = 0; q < 1000; q += 2)
        printf "q%d,%s,2024-06-01,generated,bench,2026-01-01\n", q, q % 4 ? "occurred" : "not_occurred"
}' > "$dir/outcomes/records.csv"
awk -v rows="$rows" 'BEGIN {
    split("will,could,likely,almost certainly,may", hedge, ",")
    print "id,forecaster,organization,source,published,quote,question,stance,hedge"
    for (i = 0; i < rows; i++)
        printf "f%d,Expert %d,Org %d,src%d,2022-%02d-15,\"Generated statement number %d, with a comma\",q%d,%s,%s\n",
            i, i % 5000, i % 200, i % 20000, 1 + (i % 20000) % 12, i, i % 1000, i % 3 ? "yes" : "no", hedge[1 + i % 5]
}' > "$dir/forecasts/bulk.csv"
size=$(du -m "$dir/forecasts/bulk.csv" | cut -f1)
echo "bench: generated $rows rows ($size MB) in $dir"
for cmd in "check" "score --as-of 2026-11-22 --bootstrap 200" "score --by organization --as-of 2026-11-22 --bootstrap 200 --format csv"; do
    /usr/bin/time -f "%e %M" -o "$dir/time" "$bin" --data "$dir" $cmd > /dev/null
    set -- $(cat "$dir/time")
    awk -v r="$rows" -v c="$cmd" -v s="$1" -v k="$2" 'BEGIN { printf "bench: %s rows  %-62s %6.2f s  %6.0f MB\n", r, c, s, k / 1024 }'
done
