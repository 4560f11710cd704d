#!/bin/sh
# CTest completion/sync: completion/powstat.bash is what gen-completion.sh
# makes from the built tool's --help texts, and, run in bash, it completes
# every subcommand, every option of every subcommand, the --format values and
# the first words of sensitivity and chart.
#   check-completion.sh POWSTAT SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/powstat-comp.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
fail=0
TMPDIR=$tmp sh "$src/completion/gen-completion.sh" "$bin" >"$tmp/powstat.bash" || { echo "gen-completion.sh failed"; exit 1; }
if ! diff -u "$src/completion/powstat.bash" "$tmp/powstat.bash"; then
  echo "completion/powstat.bash is out of date with --help: run"
  echo "  completion/gen-completion.sh build/tools/powstat > completion/powstat.bash"
  fail=1
fi
if ! command -v bash >/dev/null 2>&1; then echo "bash not installed: completion not exercised"; exit $fail; fi
export LC_ALL=C
cmds=$("$bin" --help | awk '/^Commands:/ {on = 1; next} on && /^$/ {exit} on {print $1}')
# complete WORDS... : prints the candidates for the last word, one a line
cat >"$tmp/complete.sh" <<'SH'
. "$1"; shift
COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
_powstat
printf '%s\n' "${COMPREPLY[@]}"
SH
comp() { bash "$tmp/complete.sh" "$src/completion/powstat.bash" "$@" | sort; }
expect() { # description, expected word, words...
  d=$1 w=$2; shift 2
  comp "$@" | grep -qx -- "$w" || { echo "completion: '$*' does not offer $w ($d)"; fail=1; }
}
for c in $cmds; do
  expect command "$c" powstat "$(printf %.3s "$c")"
  [ "$c" = help ] && continue
  expect "help COMMAND" "$c" powstat help ""
  for o in $("$bin" "$c" --help | awk '/^Options:/ {on = 1; next} on && /^[^ ]/ {on = 0} on && /^ +-/' |
             grep -o -- '--\{1,2\}[A-Za-z][a-z0-9-]*' | sort -u); do
    expect option "$o" powstat "$c" "${o%?}"
  done
done
expect "format value" json powstat rates --format j
expect "format value" json-lines powstat batch -f json
expect "sensitivity kind" tornado powstat sensitivity t
expect "chart kind" heatmap powstat chart h
touch "$tmp/jobs.csv"
expect "file argument" "$tmp/jobs.csv" powstat batch "$tmp/jo"
expect "file option" "$tmp/jobs.csv" powstat rates -o "$tmp/j"
[ $fail = 0 ] && echo "completion in sync with --help"
exit $fail
