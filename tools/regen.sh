#!/bin/sh
# regen.sh - rewrite the expectations that pin the shipped data, and only
# those (`make regen`; docs/data.md, "Adding an article"):
#   - the golden cases named seed-data-* (tests/cases/seed-data-*/), whose
#     commands run over the repository's own forecasts/ and outcomes/;
#   - the outputs of the ```console examples in README.md.
# Tests of the engine run on frozen fixtures (tests/data/) and are never
# touched here.  Review `git diff` before committing what this writes.
#
# Usage: tools/regen.sh BIN
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1

# A golden case that reads the shipped data must be a seed-data-* case, or
# a curator's new article would break it with no way to regenerate it.
bad=0
for cmd in tests/cases/*/cmd; do
    name=$(basename "$(dirname "$cmd")")
    case $name in seed-data-*) continue ;; esac
    if grep -q 'cd "\$TOP" *&&\|\$TOP/forecasts\|\$TOP/outcomes' "$cmd"; then
        echo "regen: tests/cases/$name reads the shipped data; name it seed-data-* or give it a fixture" >&2
        bad=1
    fi
done
[ $bad = 0 ] || exit 1

cases=$(cd tests/cases && ls -d seed-data-*)
# shellcheck disable=SC2086
UPDATE=1 sh tests/run-cases.sh "$bin" $cases > /dev/null || true
echo "regen: rewrote tests/cases/{$(echo $cases | tr ' ' ',')}"

work=$(mktemp -d "${TMPDIR:-/tmp}/hindsight-regen.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/bin"
ln -s "$bin" "$work/bin/hindsight"
# Keep every line outside the examples and each "$ COMMAND" line; replace
# the lines after a command (its old output) with what it prints now,
# standard error included, as tests/run-readme.sh compares them.
inblock=0
n=0
while IFS= read -r line || [ -n "$line" ]; do
    if [ $inblock = 0 ]; then
        printf '%s\n' "$line"
        [ "$line" = '```console' ] && inblock=1
        continue
    fi
    case $line in
        '```'*) inblock=0; printf '%s\n' "$line" ;;
        '$ '*) printf '%s\n' "$line"; n=$((n + 1))
               PATH="$work/bin:$PATH" sh -c "${line#\$ }" 2>&1 ;;
        *) ;;
    esac
done < README.md > "$work/README.md"
cp "$work/README.md" README.md
echo "regen: rewrote the output of $n README example(s)"
echo "regen: now review 'git diff', then run 'make test'"
