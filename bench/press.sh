#!/bin/sh
# bench/press.sh - time and peak memory of hindsight on a generated bulk
# dataset: N forecasts (default 1,000,000) in forecasts/bulk.csv over 1,000
# questions, half of them resolved.  check and score run on ROWS forecasts;
# report on ROWS too; export and two rescores in a row (the second reads the first's state) on
# EXPORT_ROWS (default 100,000): they hold every output table, and
# scores.json as a JSON tree, in memory.  Prints one line per command:
#   bench: ROWS rows  COMMAND  SECONDS s  MAX_RSS_MB MB
# extract runs once per article on ARTICLES (default 10,000) generated
# articles of about 2 kB (the test articles under tests/extract/, with the
# names and numbers varied), one process each, as a curator's batch would:
#   bench: ARTICLES articles  extract  SECONDS s  MAX_RSS_MB MB (largest run)
# Usage: sh bench/run.sh BIN [ROWS [EXPORT_ROWS [ARTICLES]]]
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
rows=${2:-1000000}
export_rows=${3:-100000}
articles=${4:-10000}
top=$(mktemp -d "${TMPDIR:-/tmp}/hindsight-bench.XXXXXX")
trap 'rm -rf "$top"' EXIT INT TERM
lexicon="$(dirname "$0")/../lexicons/default.csv"

# generate DIR ROWS: the dataset
generate() {
    dir=$1 rows=$2
    mkdir -p "$dir/forecasts" "$dir/outcomes" "$dir/lexicons"
    cp "$lexicon" "$dir/lexicons/"
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
}

# measure DIR ROWS COMMAND...: one line of time and peak memory
measure() {
    dir=$1 rows=$2
    shift 2
    /usr/bin/time -f "%e %M" -o "$top/time" "$bin" --data "$dir" "$@" > /dev/null
    set -- "$(echo "$*" | sed "s|$top/||g")" $(cat "$top/time")
    awk -v r="$rows" -v c="$1" -v s="$2" -v k="$3" 'BEGIN { printf "bench: %s rows  %-62s %6.2f s  %6.0f MB\n", r, c, s, k / 1024 }'
}

generate "$top/big" "$rows"
measure "$top/big" "$rows" check
measure "$top/big" "$rows" score --as-of 2026-11-22 --bootstrap 200
measure "$top/big" "$rows" score --by organization --as-of 2026-11-22 --bootstrap 200 --format csv
measure "$top/big" "$rows" report --out "$top/report" --as-of 2026-11-22 --bootstrap 200
echo "bench: report: $(ls "$top/report" | wc -l) pages, $(du -smL "$top/report" | cut -f1) MB, largest $(ls -lL "$top/report" | awk '{ if ($5 > m) m = $5 } END { printf "%.1f", m / 1e6 }') MB"
rm -rf "$top/big"
generate "$top/small" "$export_rows"
measure "$top/small" "$export_rows" export --out "$top/out" --as-of 2026-11-22 --bootstrap 200
measure "$top/small" "$export_rows" rescore --state "$top/state" --as-of 2026-11-01 --bootstrap 200
measure "$top/small" "$export_rows" rescore --state "$top/state" --as-of 2026-11-22 --bootstrap 200

# extract over many articles: total wall time, the largest peak memory
mkdir -p "$top/articles" "$top/xdata/lexicons"
cp "$lexicon" "$top/xdata/lexicons/"
i=0
for f in "$(dirname "$0")"/../tests/extract/*.txt; do
    cat "$f"
done > "$top/template.txt"
while [ $i -lt "$articles" ]; do
    sed "s/Okafor/Okafor$i/g; s/2025/$((2025 + i % 50))/g" "$top/template.txt" > "$top/articles/a$i.txt"
    i=$((i + 1))
done
start=$(date +%s.%N)
max=0
for f in "$top"/articles/*.txt; do
    /usr/bin/time -f "%M" -o "$top/time" "$bin" --data "$top/xdata" extract "$f" > /dev/null 2>&1
    k=$(cat "$top/time")
    [ "$k" -gt "$max" ] && max=$k
done
end=$(date +%s.%N)
awk -v n="$articles" -v s="$start" -v e="$end" -v k="$max" 'BEGIN { printf "bench: %s articles  %-58s %6.2f s  %6.0f MB\n", n, "extract (one process per article)", e - s, k / 1024 }'
