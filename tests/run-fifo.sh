#!/bin/sh
# run-fifo.sh - bad input from a pipe that never ends is refused in bounded
# memory (docs/formats.md, "Limits").
#
# Each test puts a FIFO where a data file belongs (a forecast file, a bulk
# forecast file, an outcome file, the default lexicon), feeds it for ever
# (NUL bytes, bytes that are not UTF-8, one endless field or line, endless
# bad rows), and runs `hindsight check` under timeout and /usr/bin/time.
# It must stop by itself with exit 1, the expected message on stderr, and a
# peak resident size under the test's bound (MiB; the refusals at the first
# byte need next to nothing, the size limits up to the limit, and
# AddressSanitizer adds its own).  Prints "ok fifo/NAME" or "FAIL fifo/NAME",
# or one SKIP line when mkfifo or /usr/bin/time is missing.
#
# Usage: tests/run-fifo.sh BIN
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
if ! command -v mkfifo >/dev/null 2>&1; then
    echo "SKIP fifo: mkfifo is not available"
    exit 0
fi
if [ ! -x /usr/bin/time ]; then
    echo "SKIP fifo: /usr/bin/time is not installed (Debian package 'time')"
    exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/hindsight-fifo.XXXXXX")
feeder=
cleanup() {
    [ -n "$feeder" ] && kill "$feeder" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT INT TERM
failed=0

# fifo NAME PATH BOUND_MIB EXPECTED_STDERR_PATTERN FEEDER...
fifo() {
    name=$1 path=$2 bound=$3 want=$4
    shift 4
    rm -rf "$work/d"
    mkdir "$work/d"
    cp -R "$top/tests/data/basic/." "$work/d/"
    rm -f "$work/d/$path"
    mkfifo "$work/d/$path"
    # Hold the FIFO open for writing first, so that hindsight (which opens
    # it without waiting) never finds it without a writer and reads it as
    # empty; the feeder then writes into it until it is killed.
    exec 3<> "$work/d/$path"
    "$@" > "$work/d/$path" 2>/dev/null &
    feeder=$!
    (cd "$work/d" && /usr/bin/time -f '%M' -o "$work/rss" timeout 60 "$bin" check \
        > /dev/null 2> "$work/err")
    rc=$?
    exec 3>&-
    kill "$feeder" 2>/dev/null
    wait "$feeder" 2>/dev/null
    feeder=
    rss=$(tail -n 1 "$work/rss")
    why=
    if [ "$rc" != 1 ]; then
        why="exit status $rc, want 1"
    elif ! grep -q -- "$want" "$work/err"; then
        why="no message matching '$want'"
    elif [ "$rss" -gt $((bound * 1024)) ]; then
        why="peak resident size $rss KiB, bound $bound MiB"
    fi
    if [ -z "$why" ]; then
        echo "ok   fifo/$name (peak $((rss / 1024)) MiB)"
    else
        echo "FAIL fifo/$name: $why"
        sed 's/^/    /' "$work/err" | head -5
        failed=$((failed + 1))
    fi
}

zeros() { cat /dev/zero; }
bytes() { tr '\000' "$1" < /dev/zero; }
lines() { yes "$1"; }

for f in forecasts/feed.json forecasts/feed.csv outcomes/feed.csv lexicons/default.csv; do
    fifo "nul-bytes:$f" "$f" 100 "$f:1:1: NUL byte; the file must be UTF-8 text" zeros
    fifo "invalid-utf8:$f" "$f" 100 "$f:1:1: invalid UTF-8 (byte 0xFF)" bytes '\377'
    # C1 control bytes alone (0x85) are not UTF-8 either
    fifo "c1-byte:$f" "$f" 100 "$f:1:1: invalid UTF-8 (byte 0x85)" bytes '\205'
done
# one endless field, line or file of valid text: stopped at the size limits
for f in forecasts/feed.csv outcomes/feed.csv; do
    fifo "endless-field:$f" "$f" 400 "$f:1:1: field starting here is longer than 64 MiB" bytes x
    fifo "endless-quoted-field:$f" "$f" 400 "$f:1:1: quoted field starting here is longer than 64 MiB" \
        sh -c 'printf "\""; tr "\000" y < /dev/zero'
    fifo "endless-row:$f" "$f" 400 "$f:1:.*: row has more than 10000 fields" bytes ,
done
fifo "endless-file:forecasts/feed.json" forecasts/feed.json 600 \
    "forecasts/feed.json: file is larger than 128 MiB" lines ' '
# endless rows after a good header, each one an error: stopped after 1000
fifo "endless-bad-rows:outcomes/feed.csv" outcomes/feed.csv 100 \
    "more than 1000 errors in this file" \
    sh -c 'echo question,status,date,evidence,evidence_source,recorded; yes q-leader,perhaps,2024-01-01,e,s,2024-01-01'
# endless lines after a header that is not one: nothing after it is read
fifo "endless-after-bad-header:forecasts/feed.csv" forecasts/feed.csv 100 \
    "forecasts/feed.csv:1:1: the first line is not a header" lines 'x,y'

[ $failed = 0 ]
