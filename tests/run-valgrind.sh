#!/bin/sh
# run-valgrind.sh - the golden cases again, with hindsight (a build without
# sanitizers) run under valgrind: any memory error or a definite or indirect
# leak makes it exit 99 with a report on stderr, so the case fails.
# A case with a file named skip-valgrind is skipped (it says why: the huge
# generated inputs take minutes under valgrind and run under the sanitizers).
#
# Usage: tests/run-valgrind.sh BIN     prints "ok   valgrind/cases/NAME" lines
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
cd "$(dirname "$0")/.."
if ! command -v valgrind > /dev/null 2>&1; then
    echo "FAIL valgrind (valgrind is not installed: make deps DEB_PACKAGES=valgrind)"
    exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/hindsight-valgrind.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
cat > "$work/hindsight" <<WRAPPER
#!/bin/sh
exec valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect \\
    --error-exitcode=99 -q "$bin" "\$@"
WRAPPER
chmod +x "$work/hindsight"

cases=""
for d in tests/cases/*/; do
    name=$(basename "$d")
    if [ -f "$d/skip-valgrind" ]; then
        echo "SKIP valgrind/cases/$name: $(head -n 1 "$d/skip-valgrind")"
    else
        cases="$cases $name"
    fi
done
# shellcheck disable=SC2086
sh tests/run-cases.sh "$work/hindsight" $cases > "$work/out" 2>&1
rc=$?
sed -e 's#^ok   cases/#ok   valgrind/cases/#' -e 's#^FAIL cases/#FAIL valgrind/cases/#' \
    -e 's#^cases: #valgrind: #' "$work/out"
exit $rc
