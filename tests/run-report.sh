#!/bin/sh
# run-report.sh - the HTML report end to end: built from the shipped data and
# from a hostile data set (tests/data/hostile-report: <script>, "><img
# onerror>, javascript: and data: links, right-to-left and combining
# characters, names that slug alike), twice each to check the bytes are the
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

for set in shipped hostile; do
    if [ $set = shipped ]; then data=.; else data=tests/data/hostile-report; fi
    "$bin" --data "$data" report --out "$art/$set-site" --as-of $as_of > "$art/$set.out" 2>&1
    result "$set/build" $? "$(cat "$art/$set.out")"
    "$bin" --data "$data" report --out "$art/$set-again" --as-of $as_of > /dev/null 2>&1
    diff -r "$art/$set-site/" "$art/$set-again/" > "$art/$set.diff" 2>&1
    result "$set/deterministic" $? "the same run twice gave different bytes: $(head -3 "$art/$set.diff")"
    python3 tests/check-report.py "$bin" "$data" "$art/$set-site" "$art/$set-screenshots" $set \
        --as-of $as_of || failed=1
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
