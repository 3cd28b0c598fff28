#!/bin/sh
# check-csv-independent.sh - recompute the per-organization (and
# per-forecaster) scores from `forecasts --format csv` with an independent
# RFC 4180 reader written in awk, and compare them with `score --format csv`
# and `score --format json` (read with Perl's JSON::PP) to 1e-12: the
# machine formats carry every digit.  Each group's mean is recomputed twice,
# from the forecasts' brier column and from (p_yes - outcome)^2.
# Also checks that every CSV record has as many fields as its header.
set -u
bin=$1
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/hindsight-csv.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
passed=0
failed=0

# awk: parse RFC 4180 records (quoted fields, doubled quotes; no newlines in
# fields, which hindsight's reports do not produce), print them tab-separated.
parse='
function parse(line,    i, c, f, q, n) {
    n = 0; f = ""; q = 0
    for (i = 1; i <= length(line); i++) {
        c = substr(line, i, 1)
        if (q) {
            if (c == "\"") { if (substr(line, i + 1, 1) == "\"") { f = f "\""; i++ } else q = 0 }
            else f = f c
        } else if (c == "\"") q = 1
        else if (c == ",") { field[++n] = f; f = "" }
        else f = f c
    }
    field[++n] = f
    if (q) { print "unterminated quote at line " NR > "/dev/stderr"; bad = 1 }
    return n
}
NR == 1 { width = parse($0) }
{ n = parse($0); if (n != width) { print "line " NR ": " n " fields, header has " width > "/dev/stderr"; bad = 1 }
  out = field[1]; for (i = 2; i <= n; i++) out = out "\t" field[i]; print out }
END { exit bad }
'

check() {   # data-dir as-of key
    data=$1 as_of=$2 key=$3
    label="csv-independent/$(basename "$data")-$key-$as_of"
    if ! "$bin" --data "$data" forecasts --as-of "$as_of" --format csv > "$work/f.csv" ||
       ! "$bin" --data "$data" score --by "$key" --as-of "$as_of" --format csv > "$work/s.csv" ||
       ! "$bin" --data "$data" score --by "$key" --as-of "$as_of" --format json > "$work/s.json"; then
        echo "FAIL $label: hindsight failed"; failed=$((failed + 1)); return
    fi
    if ! awk "$parse" "$work/f.csv" > "$work/f.tsv" || ! awk "$parse" "$work/s.csv" > "$work/s.tsv"; then
        echo "FAIL $label: output is not well-formed CSV"; failed=$((failed + 1)); return
    fi
    # the JSON rows as the same table (null -> empty cell)
    if ! perl -MJSON::PP -e '
        local $/; my $rows = JSON::PP->new->decode(<STDIN>);
        my @cols = ($ARGV[0], qw(forecasts scored pending void brier));
        print join("\t", @cols), "\n";
        for my $r (@$rows) {
            print join("\t", map { defined $r->{$_} ? (/^(brier)$/ ? sprintf("%.17g", $r->{$_}) : $r->{$_}) : "" } @cols), "\n";
        }' "$key" < "$work/s.json" > "$work/j.tsv"; then
        echo "FAIL $label: score --format json is not well-formed JSON"; failed=$((failed + 1)); return
    fi
    compare_groups "$label" "$work/s.tsv" csv
    compare_groups "$label" "$work/j.tsv" json
}

# compare_groups LABEL TABLE.tsv FORMAT: the groups of f.tsv against TABLE.
compare_groups() {
    what="$1-$3" table=$2
    # Group the forecasts by the key column and compare with the score rows.
    if awk -F '\t' -v key="$key" '
        FNR == 1 { for (i = 1; i <= NF; i++) col[FILENAME, $i] = i; next }
        FILENAME ~ /f.tsv$/ {
            g = $col[FILENAME, key]; n[g]++
            st = $col[FILENAME, "status"]
            if (st == "yes" || st == "no") {
                s[g]++; sum[g] += $col[FILENAME, "brier"]
                d = $col[FILENAME, "p_yes"] - $col[FILENAME, "outcome"]; sum2[g] += d * d
            }
            else if (st == "pending") p[g]++
            else if (st == "void") v[g]++
            next
        }
        {
            g = $col[FILENAME, key]; seen[g] = 1
            want = s[g] ? sum[g] / s[g] : ""; want2 = s[g] ? sum2[g] / s[g] : ""
            if ($col[FILENAME, "forecasts"] != n[g] + 0 || $col[FILENAME, "scored"] != s[g] + 0 ||
                $col[FILENAME, "pending"] != p[g] + 0 || $col[FILENAME, "void"] != v[g] + 0) {
                print g ": counts differ" > "/dev/stderr"; bad = 1
            }
            got = $col[FILENAME, "brier"]
            if ((want == "") != (got == "") ||
                (want != "" && (want - got > 1e-12 || got - want > 1e-12 ||
                                 want2 - got > 1e-12 || got - want2 > 1e-12))) {
                printf "%s: brier %s, independent %.17g (from the brier column), %.17g (from p_yes and outcome)\n", g, got, want, want2 > "/dev/stderr"; bad = 1
            }
        }
        END { for (g in n) if (!seen[g]) { print g ": missing from score" > "/dev/stderr"; bad = 1 }; exit bad }
    ' "$work/f.tsv" "$table"; then
        echo "ok   $what"; passed=$((passed + 1))
    else
        echo "FAIL $what"; failed=$((failed + 1))
    fi
}

for as_of in 2024-01-01 2026-11-22; do
    for key in organization forecaster question; do
        check tests/data/basic "$as_of" "$key"
        [ -d forecasts ] && [ -n "$(ls forecasts)" ] && check . "$as_of" "$key"
    done
done
echo "csv-independent: $passed passed, $failed failed"
[ $failed = 0 ]
