#!/bin/sh
# run-export.sh - `export` and `rescore` end to end, where golden cases
# cannot reach: numbers under a comma-decimal locale, the export opened by a
# real spreadsheet (LibreOffice), crashes at every checkpoint and at random
# moments, concurrent runs, an unwritable state directory, `make install`,
# and the man page against every command's -h.
#
#   sh tests/run-export.sh BIN UNIT      prints "ok   NAME" / "FAIL NAME"
#
# Runs never read the clock: every command pins --as-of.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
unit=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/hindsight-export.XXXXXX")
bg=""
trap '[ -n "$bg" ] && kill -9 $bg 2>/dev/null; rm -rf "$work"' EXIT INT TERM
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok   export/$1"; }
fail() { failed=$((failed + 1)); echo "FAIL export/$1${2:+: $2}"; }
skip() { echo "SKIP export/$1: $2"; }

# The fixture: tests/data/basic plus a source whose forecaster, outlet and
# organization are formulas (shared with the export-formula-injection case).
data=$work/data
mkdir -p "$data"
cp -R "$top/tests/data/basic/." "$data/"
cp -R "$top/tests/cases/export-formula-injection/overlay/." "$data/"
# The same with one more outcome record, for a run where something changes.
data2=$work/data2
mkdir -p "$data2"
cp -R "$data/." "$data2/"
echo 'q-nuke,occurred,2024-06-01,A test detonation,"Example Wire, 2024-06-01",2026-11-21' >> "$data2/outcomes/records.csv"

# ---- numbers under a comma-decimal locale ------------------------------

locale_test() {
    if ! command -v localedef > /dev/null 2>&1 || [ ! -f /usr/share/i18n/locales/de_DE ]; then
        if [ "${CI:-}" = true ]; then fail locale-comma-decimal "no de_DE locale source (Debian package 'locales')"
        else skip locale-comma-decimal "no de_DE locale source; 'make check' installs the 'locales' package"; fi
        return
    fi
    mkdir -p "$work/locale"
    localedef -i de_DE -f UTF-8 "$work/locale/de_DE.UTF-8" > /dev/null 2>&1
    if [ ! -d "$work/locale/de_DE.UTF-8" ]; then
        fail locale-comma-decimal "localedef could not build de_DE.UTF-8"
        return
    fi
    # the core's writers, with the locale really in force (setlocale)
    if LOCPATH=$work/locale HS_TEST_LOCALE=de_DE.UTF-8 "$unit" numbers_ignore_locale \
        | grep -q '^ok   unit/numbers_ignore_locale'; then
        ok locale-comma-decimal-writers
    else
        fail locale-comma-decimal-writers
    fi
    # the command line, whatever the environment says
    "$bin" --data "$data" export --out "$work/export-c" --as-of 2026-11-22 > /dev/null &&
    LOCPATH=$work/locale LC_ALL=de_DE.UTF-8 LANG=de_DE.UTF-8 \
        "$bin" --data "$data" export --out "$work/export-de" --as-of 2026-11-22 > /dev/null
    if [ $? = 0 ] && diff -r "$work/export-c" "$work/export-de" > /dev/null &&
       grep -q '^1,Carol Čapek,2,1,0,1,1,0\.01,' "$work/export-de/forecasters.csv"; then
        ok locale-comma-decimal-export
    else
        fail locale-comma-decimal-export "the export differs under LC_ALL=de_DE.UTF-8"
    fi
}

# ---- a real spreadsheet ---------------------------------------------------

# fods2tsv FILE: one line per cell of a flat ODF spreadsheet:
# sheet, row, column, value type, value, formula (0/1), text.
fods2tsv() {
    awk '
    function attr(s, name,    m) {
        if (match(s, name "=\"[^\"]*\"")) { m = substr(s, RSTART, RLENGTH); sub(/^[^"]*"/, "", m); sub(/"$/, "", m); return m }
        return ""
    }
    function unxml(s) {
        gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "\047", s)
        gsub(/&amp;/, "\\&", s); return s
    }
    function emit(    k) {
        for (k = 0; k < rep; k++) { col++; printf "%s\t%d\t%d\t%s\t%s\t%d\t%s\n", sheet, row, col, type, value, formula, text }
    }
    /<table:table / { sheet = attr($0, "table:name"); row = 0 }
    /<table:table-row/ { row++; col = 0 }
    /<table:table-cell/ || /<table:covered-table-cell/ {
        rep = attr($0, "table:number-columns-repeated"); rep = rep == "" ? 1 : rep + 0
        type = attr($0, "office:value-type"); value = attr($0, "office:value")
        formula = attr($0, "table:formula") != ""; text = ""; intext = 1
        if ($0 ~ /\/>[ \t]*$/) { emit(); intext = 0 }
        next
    }
    intext && /<text:p>/ {
        t = $0; sub(/^.*<text:p>/, "", t); sub(/<\/text:p>.*$/, "", t); gsub(/<[^>]*>/, "", t)
        text = text (text == "" ? "" : "\\n") unxml(t)
    }
    intext && /<\/table:table-cell>/ { emit(); intext = 0 }
    ' "$1"
}

# cell TSV SHEET KEY-COLUMN KEY COLUMN: "type<TAB>value<TAB>formula<TAB>text"
# of the cell under header COLUMN in the row whose KEY-COLUMN cell is KEY.
cell() {
    awk -F '\t' -v s="$2" -v kc="$3" -v key="$4" -v name="$5" '
        $1 != s { next }
        $2 == 1 { if ($7 == kc) k = $3; if ($7 == name) c = $3; next }
        $3 == k && $7 == key { r = $2 }
        { v[$2, $3] = $4 "\t" $5 "\t" $6 "\t" $7 }
        END { if (r) print v[r, c] }
    ' "$1"
}

# expect LABEL GOT WANT
expect() {
    if [ "$2" = "$3" ]; then return 0; fi
    echo "  $1: got '$2', want '$3'" | tr '\t' '|'
    lo_bad=1
}

libreoffice_test() {
    soffice=$(command -v soffice || command -v libreoffice || true)
    if [ -z "$soffice" ]; then
        if [ "${CI:-}" = true ]; then fail libreoffice "soffice not found (Debian package libreoffice-calc-nogui)"
        else skip libreoffice "soffice not found; 'make check' installs libreoffice-calc-nogui"; fi
        return
    fi
    lo=$work/lo
    mkdir -p "$lo"
    "$bin" --data "$data" export --out "$lo/plain" --as-of 2026-11-22 --bootstrap 0 > /dev/null &&
    "$bin" --data "$data" export --out "$lo/excel" --excel --as-of 2026-11-22 --bootstrap 0 > /dev/null || {
        fail libreoffice "export failed"; return; }
    # A control: formulas a CSV file carries are evaluated under these
    # import options (token 13), so the checks below mean something.
    printf 'a,b\n=1+1,"=2+2"\n' > "$lo/control.csv"
    # CSV import: ',' '"' UTF-8, from line 1, English (US) numbers, evaluate formulas
    filter='CSV:44,34,76,1,,1033,false,false,false,false,false,-1,true'
    for variant in plain excel; do
        files="$lo/$variant/forecasters.csv $lo/$variant/organizations.csv $lo/$variant/forecasts.csv $lo/$variant/questions.csv"
        [ $variant = plain ] && files="$lo/control.csv $files"
        # shellcheck disable=SC2086
        if ! timeout 180 "$soffice" "-env:UserInstallation=file://$lo/profile" --headless \
                --infilter="$filter" --convert-to fods --outdir "$lo/fods-$variant" $files \
                > "$lo/soffice.log" 2>&1; then
            fail "libreoffice-$variant" "soffice failed: $(tail -1 "$lo/soffice.log")"
            continue
        fi
        for f in "$lo/fods-$variant"/*.fods; do fods2tsv "$f"; done > "$lo/$variant.tsv"
        lo_bad=0
        t=$lo/$variant.tsv
        if [ $variant = plain ]; then
            expect "control =1+1 is a formula" "$(awk -F '\t' '$1 == "control" && $2 == 2 && $3 == 1 { print $4 "\t" $5 "\t" $6 }' "$t")" \
                "$(printf 'float\t2\t1')"
        fi
        # no formula anywhere in the export
        n=$(awk -F '\t' '$1 != "control" && $6 == 1' "$t" | wc -l)
        expect "cells evaluated as formulas" "$n" 0
        # the header's first cell, byte-order mark or not
        expect "first header cell" "$(awk -F '\t' '$1 == "forecasters" && $2 == 1 && $3 == 1 { print $7 }' "$t")" rank
        # UTF-8 names intact, formulas inert text
        expect "UTF-8 name" "$(cell "$t" forecasters forecaster 'Carol Čapek' forecaster)" "$(printf 'string\t\t0\tCarol Čapek')"
        expect "formula as forecaster" "$(cell "$t" forecasts id x1 forecaster | cut -f 1,3,4)" \
            "$(printf 'string\t0\t%s' "'=HYPERLINK(\"http://x\",\"y\")")"
        expect "formula as organization" "$(cell "$t" forecasts id x1 organization | cut -f 1,3,4)" \
            "$(printf 'string\t0\t%s' "'+cmd|' /C calc'!A0")"
        expect "formula as outlet" "$(cell "$t" forecasts id x1 outlet | cut -f 1,3,4)" \
            "$(printf 'string\t0\t%s' "'=cmd|' /C calc'!A0")"
        # numbers arrive as numbers, negative ones too
        expect "rank" "$(cell "$t" forecasters forecaster 'Carol Čapek' rank | cut -f 1,2)" "$(printf 'float\t1')"
        expect "brier" "$(cell "$t" forecasters forecaster 'Carol Čapek' brier | cut -f 1,2)" "$(printf 'float\t0.01')"
        expect "negative skill" "$(cell "$t" forecasters forecaster 'Bob Birch' skill | cut -f 1,2)" "$(printf 'float\t-0.44')"
        expect "organization brier" "$(cell "$t" organizations organization 'Org A' brier | cut -f 1,2)" "$(printf 'float\t0.176666666666667')"
        expect "p_yes" "$(cell "$t" forecasts id f4 p_yes | cut -f 1,2)" "$(printf 'float\t0.07')"
        expect "outcome" "$(cell "$t" forecasts id f2 outcome | cut -f 1,2)" "$(printf 'float\t0')"
        expect "question forecasts" "$(cell "$t" questions id q-leader forecasts | cut -f 1,2)" "$(printf 'float\t4')"
        # every non-empty cell of a numeric column is a number
        n=$(awk -F '\t' '
            $2 == 1 && $7 ~ /^(rank|forecasts|scored|pending|void|questions|brier|brier_low|brier_high|skill|log_score|defaulted_deadlines|probability|p_yes|outcome)$/ { num[$1, $3] = 1; next }
            $2 > 1 && num[$1, $3] && $7 != "" && $4 != "float" { print }' "$t" | wc -l)
        expect "numeric cells that are not numbers" "$n" 0
        if [ $lo_bad = 0 ]; then ok "libreoffice-$variant"; else fail "libreoffice-$variant"; fi
    done
}

# ---- crashes ---------------------------------------------------------------

# run_rescore RUNDIR DATA AS_OF [ENV...]: rescore with the state in
# RUNDIR/state (a relative path, so reports compare byte for byte).
run_rescore() {
    dir=$1 d=$2 as_of=$3
    shift 3
    (cd "$dir" && env "$@" "$bin" --data "$d" rescore --state state --as-of "$as_of" \
        --bootstrap 0 > out 2> err)
}

latest_files="forecasters.csv organizations.csv forecasts.csv questions.csv tags.csv scores.json report.txt state.json history.csv"

# same_latest A B: every file of A/state/latest equals B's (report.txt too
# unless $2 is followed by "noreport").
same_latest() {
    for f in $latest_files $(cd "$2/state/latest" 2>/dev/null && ls -- *.html); do
        [ "$f" = report.txt ] && [ "${3:-}" = noreport ] && continue
        cmp -s "$1/state/latest/$f" "$2/state/latest/$f" || return 1
    done
    [ "$(ls -A "$1/state/latest" | wc -l)" = "$(ls -A "$2/state/latest" | wc -l)" ]
}

# check_crashed W P R D AS_OF: W is P after a run killed somewhere, R after
# the same run undisturbed (D, AS_OF: its data and date).  history.csv and
# latest/ must be P's or R's, both from the same run; then recover W and
# compare it with R.
check_crashed() {
    w=$1 p=$2 r=$3
    if [ -L "$w/state/latest" ]; then
        if same_latest "$w" "$p"; then which=$p
        elif same_latest "$w" "$r"; then which=$r
        else why="latest/ is neither the old run nor the new"; return 1; fi
        cmp -s "$w/state/history.csv" "$which/state/history.csv" ||
            { why="history.csv is not the history of the run latest/ is"; return 1; }
    elif [ -e "$w/state/latest" ] || [ -e "$p/state/latest" ]; then
        why="latest/ vanished"; return 1
    elif [ -e "$w/state/history.csv" ]; then
        why="a history.csv without latest/"; return 1
    fi
    check_recovery "$@"
}

# check_recovery W P R D AS_OF: the next run completes W; it ends as R.
check_recovery() {
    w=$1 r=$3 d=$4 as_of=$5
    run_rescore "$w" "$d" "$as_of" || { why="recovery run failed: $(cat "$w/err")"; return 1; }
    if grep -v 'torn last line' "$w/err" | grep -q .; then why="recovery run said: $(cat "$w/err")"; return 1; fi
    cmp -s "$w/state/history.csv" "$r/state/history.csv" || { why="history differs after recovery"; return 1; }
    same_latest "$w" "$r" noreport || { why="latest/ differs after recovery"; return 1; }
    left=$(ls -A "$w/state" | sed 's/^\.latest-......$/.latest-X/' | LC_ALL=C sort | tr '\n' ' ')
    [ "$left" = ".latest-X .lock history.csv latest " ] || { why="left over: $left"; return 1; }
    return 0
}

# crash_loop NAME PREVIOUS DATA AS_OF: kill the run at checkpoint 1, 2, ...
# until it finishes; check the state after each.
crash_loop() {
    name=$1 p=$2 d=$3 as_of=$4
    r=$work/crash/$name-ref
    rm -rf "$r"
    cp -R "$p" "$r"
    run_rescore "$r" "$d" "$as_of" || { fail "crash-$name" "the undisturbed run failed"; return; }
    n=1 bad=0
    while [ $n -lt 200 ]; do
        w=$work/crash/$name-w
        rm -rf "$w"
        cp -R "$p" "$w"
        { run_rescore "$w" "$d" "$as_of" HINDSIGHT_TEST_CRASH_AT=$n; } 2> /dev/null   # no "Killed"
        rc=$?
        [ $rc = 137 ] || break
        # a state of the old layout is not one of the two states the
        # check expects until moved: there, only recovery is checked
        case $name in old-layout*) check=check_recovery ;; *) check=check_crashed ;; esac
        if ! $check "$w" "$p" "$r" "$d" "$as_of"; then
            echo "  killed at checkpoint $n: $why"
            bad=1
        fi
        n=$((n + 1))
    done
    crash_points=$((crash_points + n - 1))
    if [ $rc != 0 ]; then fail "crash-$name" "run with no crash exited $rc: $(cat "$w/err")"
    elif [ $n -lt 5 ]; then fail "crash-$name" "only $((n - 1)) checkpoints"
    elif [ $bad = 0 ]; then ok "crash-$name ($((n - 1)) crash points)"
    else fail "crash-$name"; fi
}

# random_kills NAME PREVIOUS DATA AS_OF COUNT: SIGKILL after random delays.
random_kills() {
    name=$1 p=$2 d=$3 as_of=$4 count=$5
    r=$work/crash/$name-ref
    i=0 bad=0
    while [ $i -lt "$count" ]; do
        i=$((i + 1))
        w=$work/crash/$name-rw
        rm -rf "$w"
        cp -R "$p" "$w"
        delay=$(od -An -N1 -tu1 /dev/urandom | tr -d ' ')   # 0-255
        delay=$(awk -v n="$delay" 'BEGIN { printf "%.3f", n / 255 * 0.040 }')
        (cd "$w" && exec "$bin" --data "$d" rescore --state state --as-of "$as_of" --bootstrap 0 > out 2> err) &
        bg=$!
        sleep "$delay"
        kill -9 $bg 2> /dev/null
        { wait $bg; } 2> /dev/null
        bg=""
        if ! check_crashed "$w" "$p" "$r" "$d" "$as_of"; then
            echo "  killed after ${delay}s: $why"
            bad=1
        fi
    done
    if [ $bad = 0 ]; then ok "random-kills-$name ($count runs)"; else fail "random-kills-$name"; fi
}

crash_tests() {
    mkdir -p "$work/crash/empty" "$work/crash/first" "$work/crash/second"
    # states to start from: none; after a first run; after a second run
    run_rescore "$work/crash/first" "$data" 2024-01-01 &&
    cp -R "$work/crash/first/state" "$work/crash/second/" &&
    run_rescore "$work/crash/second" "$data" 2026-11-22 || { fail crash "set-up runs failed"; return; }
    crash_points=0
    crash_loop first-run "$work/crash/empty" "$data" 2024-01-01
    crash_loop deadline-passes "$work/crash/first" "$data" 2026-11-22
    crash_loop new-record "$work/crash/second" "$data2" 2026-11-22
    crash_loop no-change "$work/crash/second" "$data" 2026-11-22
    # the layout before history moved into latest/: a regular history.csv
    o=$work/crash/old-layout
    cp -R "$work/crash/first" "$o"
    rm "$o/state/history.csv"
    mv "$o/state/latest/history.csv" "$o/state/history.csv"
    crash_loop old-layout "$o" "$data" 2026-11-22
    random_kills deadline-passes "$work/crash/first" "$data" 2026-11-22 12
    # export: killed anywhere, each file is the old one or the new, whole
    e=$work/crash/export
    mkdir -p "$e"
    "$bin" --data "$data" export --out "$e/old" --as-of 2024-01-01 --bootstrap 0 > /dev/null &&
    "$bin" --data "$data" export --out "$e/new" --as-of 2026-11-22 --bootstrap 0 > /dev/null || {
        fail crash-export "set-up exports failed"; return; }
    echo mine > "$e/old/notes.txt"
    n=1 bad=0
    while [ $n -lt 100 ]; do
        rm -rf "$e/w"
        cp -R "$e/old" "$e/w"
        { HINDSIGHT_TEST_CRASH_AT=$n "$bin" --data "$data" export --out "$e/w" --as-of 2026-11-22 \
            --bootstrap 0 > /dev/null 2>&1; } 2> /dev/null
        rc=$?
        for f in forecasters.csv organizations.csv forecasts.csv questions.csv tags.csv scores.json; do
            cmp -s "$e/w/$f" "$e/old/$f" || cmp -s "$e/w/$f" "$e/new/$f" || {
                echo "  killed at checkpoint $n: $f is neither the old file nor the new"; bad=1; }
        done
        cmp -s "$e/w/notes.txt" "$e/old/notes.txt" || { echo "  killed at checkpoint $n: notes.txt changed"; bad=1; }
        [ $rc = 137 ] || break
        # the next export completes a set killed between two renames first
        # (it is killed too, right after), so the set is the old or the new
        { HINDSIGHT_TEST_CRASH_AT=2 "$bin" --data "$data" export --out "$e/w" --as-of 2024-01-01 \
            --bootstrap 0 > /dev/null 2>&1; } 2> /dev/null
        same_set "$e/w" "$e/old" || same_set "$e/w" "$e/new" ||
            { echo "  killed at checkpoint $n: a mix after the next export began"; bad=1; }
        "$bin" --data "$data" export --out "$e/w" --as-of 2024-01-01 --bootstrap 0 > /dev/null 2>&1
        left=$(ls -A "$e/w" | tr '\n' ' ')
        [ "$left" = "forecasters.csv forecasts.csv notes.txt organizations.csv questions.csv scores.json tags.csv " ] ||
            { echo "  killed at checkpoint $n: left $left"; bad=1; }
        n=$((n + 1))
    done
    crash_points=$((crash_points + n - 1))
    if [ $rc != 0 ]; then fail crash-export "the export with no crash exited $rc"
    elif [ $bad = 0 ]; then ok "crash-export ($((n - 1)) crash points)"
    else fail crash-export; fi
    echo "note export/crash: $crash_points crash points checked"
    # a power cut in the middle of a history row, then a run
    w=$work/crash/torn
    rm -rf "$w"
    cp -R "$work/crash/first" "$w"
    n=$(wc -c < "$w/state/history.csv")
    head -c $((n + 20)) "$work/crash/deadline-passes-ref/state/history.csv" > "$w/state/history.csv"
    if check_recovery "$w" "$work/crash/first" "$work/crash/deadline-passes-ref" "$data" 2026-11-22 &&
       grep -q 'history.csv:13: warning: cut off a torn last line (20 bytes)' "$w/err"; then
        ok torn-history-repaired
    else
        fail torn-history-repaired "${why:-no warning: $(cat "$w/err")}"
    fi
}

# ---- concurrent runs ---------------------------------------------------------

proc_state() { awk '{ print $3 }' "/proc/$1/stat" 2> /dev/null; }

concurrency_tests() {
    c=$work/conc
    mkdir -p "$c"
    run_rescore "$c" "$data" 2024-01-01 || { fail concurrent "set-up run failed"; return; }
    # the first run stops right after taking the lock
    HINDSIGHT_TEST_STOP_AT=1 "$bin" --data "$data" rescore --state "$c/state" --as-of 2026-11-22 \
        --bootstrap 0 > "$c/first.out" 2> "$c/first.err" &
    bg=$!
    k=0
    while [ "$(proc_state $bg)" != T ] && [ $k -lt 100 ]; do sleep 0.1; k=$((k + 1)); done
    if [ "$(proc_state $bg)" != T ]; then
        fail concurrent-second-run "the first run did not stop at its checkpoint"
    else
        (cd "$c/state" && find . -type f | sort | xargs md5sum) > "$c/before"
        "$bin" --data "$data" rescore --state "$c/state" --as-of 2026-11-22 --bootstrap 0 \
            > "$c/second.out" 2> "$c/second.err"
        rc=$?
        (cd "$c/state" && find . -type f | sort | xargs md5sum) > "$c/after"
        if [ $rc = 75 ] && grep -q "another rescore is running on '$c/state'" "$c/second.err" &&
           [ ! -s "$c/second.out" ] && cmp -s "$c/before" "$c/after"; then
            ok concurrent-second-run-exits-75
        else
            fail concurrent-second-run-exits-75 "status $rc: $(cat "$c/second.err")"
        fi
    fi
    kill -CONT $bg 2> /dev/null
    wait $bg
    rc=$?
    bg=""
    if [ $rc = 0 ] && grep -q '^Newly resolved (6):' "$c/first.out"; then
        ok concurrent-first-run-completes
    else
        fail concurrent-first-run-completes "status $rc"
    fi
    # many at once on a fresh directory: one history, no interleaving
    m=$work/many
    mkdir -p "$m"
    pids=""
    for k in 1 2 3 4 5 6; do
        "$bin" --data "$data" rescore --state "$m/state" --as-of 2024-01-01 --bootstrap 0 \
            > "$m/$k.out" 2> "$m/$k.err" &
        pids="$pids $!"
    done
    bad=0 k=0
    for pid in $pids; do
        k=$((k + 1))
        wait $pid
        rc=$?
        case $rc in
        0) ;;
        75) grep -q 'another rescore is running' "$m/$k.err" || bad=1 ;;
        *) echo "  run $k: status $rc: $(cat "$m/$k.err")"; bad=1 ;;
        esac
    done
    if [ $bad = 0 ] && cmp -s "$m/state/history.csv" "$work/crash/first-run-ref/state/history.csv" &&
       same_latest "$m" "$work/crash/first-run-ref" noreport; then
        ok concurrent-many-runs
    else
        fail concurrent-many-runs
    fi
}

# ---- Ctrl-C and SIGTERM at every checkpoint ---------------------------------

# interrupt_at SIG N DIR CMD...: run CMD in the background with SIG's default
# action restored (a background job starts with SIGINT ignored), stopped at
# checkpoint N; send SIG and let it go on.  Sets rc (its status) and
# stopped (1 when it reached checkpoint N).
interrupt_at() {
    sig=$1 n=$2 dir=$3
    shift 3
    (cd "$dir" && exec env --default-signal="$sig" HINDSIGHT_TEST_STOP_AT="$n" "$@" > out 2> err) &
    bg=$!
    k=0 stopped=0
    while [ $k -lt 200 ]; do
        st=$(proc_state $bg)
        [ "$st" = T ] && { stopped=1; break; }
        [ -z "$st" ] || [ "$st" = Z ] && break
        sleep 0.02
        k=$((k + 1))
    done
    if [ $stopped = 1 ]; then kill -"$sig" $bg; kill -CONT $bg; fi
    { wait $bg; } 2> /dev/null   # no "Terminated"
    rc=$?
    bg=""
}

# same_set DIR REF: DIR's five export files are REF's.
same_set() {
    for f in forecasters.csv organizations.csv forecasts.csv questions.csv tags.csv scores.json; do
        cmp -s "$1/$f" "$2/$f" || return 1
    done
}

interrupt_tests() {
    e=$work/crash/export
    i=$work/intr
    mkdir -p "$i"
    for sig in INT TERM; do
        case $sig in INT) want=130 ;; TERM) want=143 ;; esac
        n=1 bad=0
        while [ $n -lt 100 ]; do
            rm -rf "$i/w"
            cp -R "$e/old" "$i/w"
            interrupt_at "$sig" $n "$i" "$bin" --data "$data" export --out w --as-of 2026-11-22 --bootstrap 0
            [ $stopped = 1 ] || break
            [ $rc = "$want" ] || { echo "  SIG$sig at checkpoint $n: status $rc, want $want"; bad=1; }
            same_set "$i/w" "$e/old" || same_set "$i/w" "$e/new" ||
                { echo "  SIG$sig at checkpoint $n: a mix of the old and the new files"; bad=1; }
            left=$(ls -A "$i/w" | tr '\n' ' ')
            [ "$left" = "forecasters.csv forecasts.csv notes.txt organizations.csv questions.csv scores.json tags.csv " ] ||
                { echo "  SIG$sig at checkpoint $n: left $left"; bad=1; }
            n=$((n + 1))
        done
        if [ $rc != 0 ]; then fail "interrupt-export-sig$sig" "the export not interrupted exited $rc"
        elif [ $n -lt 10 ]; then fail "interrupt-export-sig$sig" "only $((n - 1)) checkpoints"
        elif [ $bad = 0 ]; then ok "interrupt-export-sig$sig ($((n - 1)) checkpoints)"
        else fail "interrupt-export-sig$sig"; fi
        # rescore: history.csv and latest/ the old run or the new, together
        p=$work/crash/first r=$work/crash/deadline-passes-ref
        n=1 bad=0
        while [ $n -lt 200 ]; do
            w=$i/r
            rm -rf "$w"
            cp -R "$p" "$w"
            interrupt_at "$sig" $n "$w" "$bin" --data "$data" rescore --state state --as-of 2026-11-22 --bootstrap 0
            [ $stopped = 1 ] || break
            [ $rc = "$want" ] || { echo "  SIG$sig at checkpoint $n: status $rc, want $want"; bad=1; }
            check_crashed "$w" "$p" "$r" "$data" 2026-11-22 || { echo "  SIG$sig at checkpoint $n: $why"; bad=1; }
            n=$((n + 1))
        done
        if [ $rc != 0 ]; then fail "interrupt-rescore-sig$sig" "the run not interrupted exited $rc"
        elif [ $n -lt 10 ]; then fail "interrupt-rescore-sig$sig" "only $((n - 1)) checkpoints"
        elif [ $bad = 0 ]; then ok "interrupt-rescore-sig$sig ($((n - 1)) checkpoints)"
        else fail "interrupt-rescore-sig$sig"; fi
    done
}

# ---- a full disk at every size ---------------------------------------------------

# A file-size limit stands in for a full disk: every write past it fails.
# rescore: for limits from 1 block up to one that lets the run through,
# the state is the old run or the new; export: the old set or the new.
filesize_tests() {
    p=$work/crash/first r=$work/crash/deadline-passes-ref e=$work/crash/export
    fs=$work/fsize
    mkdir -p "$fs"
    blocks=1 bad=0
    while [ $blocks -lt 400 ]; do
        w=$fs/w
        rm -rf "$w"
        cp -R "$p" "$w"
        (ulimit -f $blocks && cd "$w" && exec "$bin" --data "$data" rescore --state state \
            --as-of 2026-11-22 --bootstrap 0 > out 2> err)
        rc=$?
        [ $rc = 0 ] && break
        if [ $rc != 1 ] || ! grep -q "latest/ and history.csv are as the last run left them" "$w/err"; then
            echo "  limit $blocks: status $rc: $(cat "$w/err")"; bad=1
        fi
        check_crashed "$w" "$p" "$r" "$data" 2026-11-22 || { echo "  limit $blocks: $why"; bad=1; }
        blocks=$((blocks * 2))
    done
    ebad=0 eblocks=1
    while [ $eblocks -lt 400 ]; do
        rm -rf "$fs/e"
        cp -R "$e/old" "$fs/e"
        (ulimit -f $eblocks && exec "$bin" --data "$data" export --out "$fs/e" --as-of 2026-11-22 \
            --bootstrap 0 > /dev/null 2> "$fs/eerr")
        erc=$?
        same_set "$fs/e" "$e/old" || same_set "$fs/e" "$e/new" || { echo "  export limit $eblocks: a mix"; ebad=1; }
        [ "$(ls -A "$fs/e" | wc -l)" = 7 ] || { echo "  export limit $eblocks: left $(ls -A "$fs/e" | tr '\n' ' ')"; ebad=1; }
        [ $erc = 0 ] && break
        eblocks=$((eblocks * 2))
    done
    if [ $rc != 0 ]; then fail "file-size-limit-rescore" "no limit up to $blocks blocks let the run through"
    elif [ $bad = 0 ]; then ok "file-size-limit-rescore (limits 1 to $blocks blocks)"
    else fail "file-size-limit-rescore"; fi
    if [ $erc != 0 ]; then fail "file-size-limit-export" "no limit let the export through"
    elif [ $ebad = 0 ]; then ok "file-size-limit-export (limits 1 to $eblocks blocks)"
    else fail "file-size-limit-export"; fi
}

# ---- two exports into one directory at once -------------------------------------

concurrent_export_tests() {
    e=$work/crash/export
    c=$work/cexp
    mkdir -p "$c"
    bad=0
    # mixed runs: the directory holds one run's five files, whichever
    "$bin" --data "$data" export --out "$c/out" --as-of 2024-01-01 --bootstrap 0 > /dev/null
    for k in 1 2 3 4 5 6 7 8 9 10; do
        "$bin" --data "$data" export --out "$c/out" --as-of 2026-11-22 --bootstrap 0 > /dev/null 2> "$c/e1" & p1=$!
        "$bin" --data "$data" export --out "$c/out" --as-of 2024-01-01 --bootstrap 0 > /dev/null 2> "$c/e2" & p2=$!
        wait $p1; r1=$?; wait $p2; r2=$?
        [ $r1 = 0 ] && [ $r2 = 0 ] || { echo "  round $k: exits $r1 $r2: $(cat "$c/e1" "$c/e2")"; bad=1; }
        same_set "$c/out" "$e/old" || same_set "$c/out" "$e/new" || { echo "  round $k: a mix"; bad=1; }
        [ "$(ls -A "$c/out" | wc -l)" = 6 ] || { echo "  round $k: left $(ls -A "$c/out" | tr '\n' ' ')"; bad=1; }
        # and with the directory not there yet
        rm -rf "$c/new"
        "$bin" --data "$data" export --out "$c/new" --as-of 2026-11-22 --bootstrap 0 > /dev/null 2> "$c/e1" & p1=$!
        "$bin" --data "$data" export --out "$c/new" --as-of 2024-01-01 --bootstrap 0 > /dev/null 2> "$c/e2" & p2=$!
        wait $p1; r1=$?; wait $p2; r2=$?
        [ $r1 = 0 ] && [ $r2 = 0 ] || { echo "  round $k (new dir): exits $r1 $r2: $(cat "$c/e1" "$c/e2")"; bad=1; }
        same_set "$c/new" "$e/old" || same_set "$c/new" "$e/new" || { echo "  round $k (new dir): a mix"; bad=1; }
    done
    if [ $bad = 0 ]; then ok "concurrent-exports (10 rounds, existing and new directory)"; else fail concurrent-exports; fi
}

# ---- an unwritable state directory ---------------------------------------------

unwritable_test() {
    u=$work/ro
    mkdir -p "$u/state"
    as_user=""
    if [ "$(id -u)" = 0 ]; then
        # root writes anywhere: run as nobody
        if ! command -v setpriv > /dev/null 2>&1; then
            skip unwritable-state "running as root without setpriv"
            return
        fi
        as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
        chmod 755 "$work" && chmod -R a+rX "$data"
        # shellcheck disable=SC2086
        if ! $as_user "$bin" --version > /dev/null 2>&1; then
            skip unwritable-state "user 65534 cannot run $bin"
            return
        fi
    fi
    chmod 555 "$u/state"
    # shellcheck disable=SC2086
    $as_user "$bin" --data "$data" rescore --state "$u/state" --as-of 2024-01-01 --bootstrap 0 \
        > "$u/out" 2> "$u/err"
    rc=$?
    chmod 755 "$u/state"
    if [ $rc = 1 ] && [ -z "$(ls -A "$u/state")" ] &&
       grep -q "^hindsight: $u/state/.lock: cannot create the lock file: Permission denied; the directory must be writable\$" "$u/err" &&
       grep -q "^hindsight: not rescoring: cannot write to the state directory '$u/state'\$" "$u/err"; then
        ok unwritable-state
    else
        fail unwritable-state "status $rc: $(cat "$u/err")"
    fi
    chmod 700 "$work"
}

# ---- make install, and the man page against --help -------------------------------

install_test() {
    build=$(dirname "$bin")
    root=$work/root
    # -o: install what was built and tested, never rebuild it here
    if ! env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -C "$top" -o "$build/hindsight" \
            install DESTDIR="$root" PREFIX=/usr BUILD="$build" > "$work/install.log" 2>&1; then
        fail make-install "$(tail -3 "$work/install.log")"
        return
    fi
    if cmp -s "$root/usr/bin/hindsight" "$bin" && [ -x "$root/usr/bin/hindsight" ] &&
       cmp -s "$root/usr/share/man/man1/hindsight.1" "$top/docs/hindsight.1"; then
        ok make-install
    else
        fail make-install "$(cd "$root" && find . -type f | head -5)"
    fi
    # a data directory without lexicons/ reads the installed tables
    mkdir -p "$work/nolex"
    cp -R "$top/forecasts" "$top/outcomes" "$work/nolex/"
    "$bin" --data "$top" score --as-of 2026-11-22 --bootstrap 0 --format csv > "$work/lex-own.csv" 2>&1
    HINDSIGHT_DATADIR="$root/usr/share/hindsight" "$root/usr/bin/hindsight" --data "$work/nolex" \
        score --as-of 2026-11-22 --bootstrap 0 --format csv > "$work/lex-installed.csv" 2>&1
    if [ -s "$work/lex-own.csv" ] && cmp -s "$work/lex-own.csv" "$work/lex-installed.csv"; then
        ok installed-lexicons-used
    else
        fail installed-lexicons-used "$(diff "$work/lex-own.csv" "$work/lex-installed.csv" | head -5)"
    fi
    if command -v man > /dev/null 2>&1; then
        if MANWIDTH=80 MANPATH="$root/usr/share/man" man hindsight 2> "$work/man.err" |
                grep -q "installed hedge tables"; then
            ok man-page-installed
        else
            fail man-page-installed "man hindsight: $(head -3 "$work/man.err")"
        fi
    else
        skip man-page-installed "man not found; 'make check' installs the 'man-db' package"
    fi
    env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -C "$top" -o "$build/hindsight" \
        uninstall DESTDIR="$root" PREFIX=/usr BUILD="$build" > "$work/install.log" 2>&1
    left=$(cd "$root" && find . -type f)
    if [ -z "$left" ]; then ok make-uninstall; else fail make-uninstall "left: $left"; fi
}

# The shipped crontab line, after the default `make install` (PREFIX
# /usr/local, into a DESTDIR), run in the environment cron gives a job,
# with only the documented paths adjusted: the first run mails the report,
# the next (nothing changed) mails nothing.  The systemd unit names the
# same binary.
cron_test() {
    build=$(dirname "$bin")
    root=$work/cronroot
    cj=$work/cron
    if ! env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -C "$top" -o "$build/hindsight" \
            install DESTDIR="$root" BUILD="$build" > "$work/install.log" 2>&1; then
        fail crontab-under-cron "make install: $(tail -3 "$work/install.log")"
        return
    fi
    mkdir -p "$cj"
    cp -R "$data" "$cj/data"
    line=$(grep -v '^#' "$top/contrib/hindsight.crontab" | grep . | sed 's/^\([^ ]* *\)\{5\}//')
    case $line in
    *" /usr/local/bin/hindsight "*) ;;
    *) fail crontab-under-cron "the crontab line does not run /usr/local/bin/hindsight: $line"; return ;;
    esac
    line=$(printf '%s\n' "$line" | sed "s|/usr/local/bin/hindsight|$root/usr/local/bin/hindsight|; s|/srv/hindsight|$cj|g")
    env -i SHELL=/bin/sh PATH=/usr/bin:/bin HOME="$cj" LOGNAME="$(id -un)" /bin/sh -c "$line" > "$cj/mail1" 2>&1
    cp "$cj/state/latest/report.txt" "$cj/report1" 2> /dev/null
    env -i SHELL=/bin/sh PATH=/usr/bin:/bin HOME="$cj" LOGNAME="$(id -un)" /bin/sh -c "$line" > "$cj/mail2" 2>&1
    if [ -s "$cj/mail1" ] && cmp -s "$cj/mail1" "$cj/report1" &&
       grep -q '^First run: ' "$cj/mail1" && [ ! -s "$cj/mail2" ]; then
        ok crontab-under-cron
    else
        fail crontab-under-cron "first mail: $(diff "$cj/mail1" "$cj/report1" | head -5); second: $(head -3 "$cj/mail2")"
    fi
    exec_start=$(sed -n 's/^ExecStart=\([^ ]*\).*/\1/p' "$top/contrib/hindsight-rescore.service")
    if [ "$exec_start" = /usr/local/bin/hindsight ] && [ -x "$root$exec_start" ] &&
       grep -q "^ReadWritePaths=/srv/hindsight/state\$" "$top/contrib/hindsight-rescore.service" &&
       grep -q -- "--state /srv/hindsight/state " "$top/contrib/hindsight-rescore.service" &&
       grep -q '^Unit=\|^\[Timer\]' "$top/contrib/hindsight-rescore.timer"; then
        ok systemd-unit-paths
    else
        fail systemd-unit-paths "ExecStart=$exec_start"
    fi
    if command -v systemd-analyze > /dev/null 2>&1; then
        # the unit as installed, with the binary where DESTDIR put it
        mkdir -p "$cj/units"
        sed "s|/usr/local/bin/hindsight|$root/usr/local/bin/hindsight|" \
            "$top/contrib/hindsight-rescore.service" > "$cj/units/hindsight-rescore.service"
        cp "$top/contrib/hindsight-rescore.timer" "$cj/units/"
        if out=$(cd "$cj/units" && systemd-analyze verify --man=no hindsight-rescore.service hindsight-rescore.timer 2>&1) &&
           ! printf '%s\n' "$out" | grep -v 'User=hindsight\|hindsight.*does not exist\|Failed to resolve\|/srv/hindsight' | grep -q .; then
            ok systemd-analyze-verify
        else
            fail systemd-analyze-verify "$out"
        fi
    else
        skip systemd-analyze-verify "systemd-analyze not found (Debian package systemd)"
    fi
}

# man_options COMMAND: the options listed (.TP/.TQ) in the man page's
# section "hindsight COMMAND", one per line.
man_options() {
    awk -v want="hindsight $1" '
        /^\.S[SH] / { s = $0; sub(/^\.S[SH] +/, "", s); gsub(/"/, "", s); on = s == want; next }
        on && /^\.T[PQ]/ { tp = 1; next }
        on && tp { tp = 0; gsub(/\\-/, "-"); if (match($0, /--[a-z][a-z0-9-]*/)) print substr($0, RSTART, RLENGTH) }
    ' "$top/docs/hindsight.1" | sort -u
}

man_test() {
    man=$top/docs/hindsight.1
    cmds=$("$bin" --help | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on { print $1 }')
    bad=0
    for c in $cmds; do
        "$bin" "$c" -h | awk '/^ +--[a-z]/ { sub(/^ +/, ""); sub(/[ ,=].*/, ""); print }' | sort -u > "$work/help-$c"
        man_options "$c" > "$work/man-$c"
        if [ ! -s "$work/man-$c" ]; then
            echo "  no section 'hindsight $c' with options in docs/hindsight.1"; bad=1; continue
        fi
        for o in $(comm -23 "$work/help-$c" "$work/man-$c"); do echo "  $c: $o is in -h but not in the man page"; bad=1; done
        for o in $(comm -13 "$work/help-$c" "$work/man-$c"); do echo "  $c: $o is in the man page but not in -h"; bad=1; done
    done
    # sections for commands that no longer exist
    for c in $(sed -n 's/^\.SS "hindsight \([a-z-]*\)".*/\1/p' "$man"); do
        echo "$cmds" | grep -qx "$c" || { echo "  the man page documents '$c', which 'hindsight --help' does not list"; bad=1; }
    done
    # global options
    for o in $("$bin" --help | awk '/^Global options:/ { on = 1; next } on && /^$/ { exit } on' |
               grep -oE -- '--?[a-z][a-z-]*'); do
        sed 's/\\-/-/g' "$man" | grep -q -- "$o" || { echo "  global option $o is not in the man page"; bad=1; }
    done
    if [ $bad = 0 ]; then ok "man-page-matches-help ($(echo $cmds | wc -w) commands)"; else fail man-page-matches-help; fi
    # every column the export and the history have is documented
    bad=0
    sed -n '/^\.SH EXPORT FILES/,/^\.SH EXIT STATUS/p' "$man" | sed 's/\\-/-/g' > "$work/man-files"
    for f in forecasters organizations forecasts questions; do
        for col in $(head -1 "$work/crash/first-run-ref/state/latest/$f.csv" | tr ',' ' '); do
            grep -qw -- "$col" "$work/man-files" || { echo "  $f.csv column '$col' is not in the man page"; bad=1; }
        done
    done
    for col in $(head -1 "$work/crash/first-run-ref/state/history.csv" | tr ',' ' '); do
        grep -qw -- "$col" "$work/man-files" || { echo "  history.csv column '$col' is not in the man page"; bad=1; }
    done
    if [ $bad = 0 ]; then ok man-page-lists-every-column; else fail man-page-lists-every-column; fi
    if command -v groff > /dev/null 2>&1; then
        warnings=$(groff -man -ww -Tutf8 -z "$man" 2>&1)
        if [ -z "$warnings" ]; then ok man-page-renders; else fail man-page-renders "$warnings"; fi
    else
        skip man-page-renders "groff not found; 'make check' installs the 'groff' package"
    fi
}

start=$(date +%s)
locale_test
libreoffice_test
crash_tests
interrupt_tests
filesize_tests
concurrent_export_tests
concurrency_tests
unwritable_test
install_test
cron_test
man_test
echo "export: $passed passed, $failed failed ($(($(date +%s) - start)) s)"
[ $failed = 0 ]
