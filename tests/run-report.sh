#!/bin/sh
# run-report.sh - the HTML report end to end: built from the shipped data and
# from a hostile data set (tests/data/hostile-report: <script>, "><img
# onerror>, javascript: and data: links, right-to-left and combining
# characters, names that slug alike), from the shipped data two rows a page
# (--page-rows 2) and from generated 300 kB quotes (pages cut by size),
# twice each to check the bytes are the
# same, then every page checked in headless Chromium by
# tests/check-report.py (requests, console, DOM, links, numbers, screenshots).
# Artefacts (the sites and the screenshots) stay in build/report-test/.
# docs/report.png, the README's screenshot, must come from the current
# report: docs/report.png.sha256 holds the hash of the index.html it was
# taken from; UPDATE_SCREENSHOT=1 retakes it.
#   sh tests/run-report.sh BIN
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
art=build/report-test
rm -rf "$art"
mkdir -p "$art"
failed=0
as_of=2026-11-22

result() {   # result NAME STATUS [WHY]
    if [ "$2" = 0 ]; then echo "ok   report/$1"; else echo "FAIL report/$1${3:+: $3}"; failed=1; fi
}

# A long-quote data set: 12 forecasts of 300 kB quotes by one forecaster,
# 3.6 MB in all: its pages must be cut by size (at most 2 MB each).
long=$art/long-data
mkdir -p "$long/forecasts" "$long/outcomes" "$long/lexicons"
cp tests/data/basic/outcomes/* "$long/outcomes/"
cp tests/data/basic/lexicons/default.csv "$long/lexicons/"
python3 - "$long/forecasts/long.json" <<'PY'
import json, sys
quote = "The leader will go, " + "and I mean it " * 21500
fs = [{"id": "long%d" % i, "forecaster": "Long Talker", "organization": "Org Long",
       "quote": quote, "question": "q-leader", "stance": "yes", "hedge": "will",
       "deadline": "2024-12-31"} for i in range(12)]
src = {"id": "long-src", "outlet": "Example Long", "title": "At length",
       "published": "2022-10-01", "url": None}
json.dump({"format": "hindsight-forecasts/1", "source": src, "forecasts": fs}, open(sys.argv[1], "w"))
PY

# shipped: the data in the repository; hostile: markup and scripts in every
# field; paged: the shipped data two rows a page (--page-rows 2), so that
# every long list has numbered pages; long: pages cut by size
for set in shipped hostile paged long; do
    extra= expect=
    case $set in
    shipped) data=. ;;
    hostile) data=tests/data/hostile-report ;;
    paged) data=. extra="--page-rows 2" expect=1 ;;
    long) data=$long expect=1 ;;
    esac
    "$bin" --data "$data" report --out "$art/$set-site" --as-of $as_of $extra > "$art/$set.out" 2>&1
    result "$set/build" $? "$(cat "$art/$set.out")"
    "$bin" --data "$data" report --out "$art/$set-again" --as-of $as_of $extra > /dev/null 2>&1
    diff -r "$art/$set-site/" "$art/$set-again/" > "$art/$set.diff" 2>&1
    result "$set/deterministic" $? "the same run twice gave different bytes: $(head -3 "$art/$set.diff")"
    EXPECT_PAGED=$expect python3 tests/check-report.py "$bin" "$data" "$art/$set-site" \
        "$art/$set-screenshots" $set --as-of $as_of || failed=1
done

# The checks can fail: a copy of the hostile site with an external image, an
# event handler, a broken link and a wrong number must fail each check.
mut="$art/mutated-site"
cp -RL "$art/hostile-site" "$mut"
sed -i 's|<main id="main">|<main id="main"><img src="http://example.com/x.png" alt="">|' "$mut/calibration.html"
sed -i 's|<h1>|<h1><b onclick="alert(1)">|; s|href="index.html"|href="missing.html"|' "$mut/sensitivity.html"
sed -i '0,/data-k="brier" data-label="Mean Brier">0\.[0-9]*/s//data-k="brier" data-label="Mean Brier">0.9999/' "$mut/index.html"
python3 tests/check-report.py "$bin" tests/data/hostile-report "$mut" "$art/mutated-screenshots" \
    mutated --as-of $as_of > "$art/mutated.out" 2>&1
# ... and copies of the paged site, one with a forecast row dropped from a
# later page, one with a "next" link that skips back, must fail the list check.
pmut="$art/mutated-paged"
for what in row pager; do
    rm -rf "$pmut-$what"
    cp -RL "$art/paged-site" "$pmut-$what"
done
python3 - "$(ls "$pmut-row"/organization-*-p2.html | head -1)" "$pmut-pager/forecasters-p2.html" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
open(sys.argv[1], "w").write(re.sub(r'<tr id="f\d+">.*?</tr>\n', "", t, count=1, flags=re.S))
t = open(sys.argv[2]).read()
open(sys.argv[2], "w").write(t.replace('href="forecasters-p3.html" rel="next"', 'href="forecasters.html" rel="next"'))
PY
caught_lists=0
for what in row pager; do
    python3 tests/check-report.py "$bin" . "$pmut-$what" "$art/mutated-paged-screenshots" \
        mutated-paged-$what --as-of $as_of > "$art/mutated-paged-$what.out" 2>&1
    grep -q "^FAIL report/mutated-paged-$what/lists" "$art/mutated-paged-$what.out" &&
        caught_lists=$((caught_lists + 1))
done
[ $caught_lists = 2 ]
result checker-catches-paging-mutations $? "$(cat "$art"/mutated-paged-*.out | grep FAIL | head -4)"

caught=0
for check in dom numbers; do
    grep -q "^FAIL report/mutated/$check" "$art/mutated.out" && caught=$((caught + 1))
done
if command -v chromium >/dev/null 2>&1; then
    grep -q "^FAIL report/mutated/browser-load: .*request to http://example.com" "$art/mutated.out" &&
        caught=$((caught + 1))
else
    caught=$((caught + 1))
fi
[ $caught = 3 ]
result checker-catches-mutations $? "$(sed 's/^FAIL/(expected) FAIL/' "$art/mutated.out" | head -5)"

# The README screenshot: taken from the index of the shipped data as of $as_of.
want=$(cat docs/report.png.sha256 2>/dev/null)
have=$(sha256sum < "$art/shipped-site/index.html" | cut -d' ' -f1)
if [ "${UPDATE_SCREENSHOT:-}" = 1 ] && [ -f "$art/shipped-screenshots/index-desktop.png" ]; then
    cp "$art/shipped-screenshots/index-desktop.png" docs/report.png
    echo "$have" > docs/report.png.sha256
    want=$have
fi
[ "$want" = "$have" ]
result screenshot-current $? "docs/report.png was taken from another index.html; run UPDATE_SCREENSHOT=1 sh tests/run-report.sh $1 with chromium installed"
exit $failed
