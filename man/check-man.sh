#!/bin/sh
# CTest man/sync: the committed man page is what man/gen-man.sh makes from
# the built tool's --help texts (so it matches --help), it has a section for
# every subcommand, and groff formats it without macro or escape errors.
#   check-man.sh POWSTAT SOURCE_DIR
set -u
bin=$1 src=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/powstat-man.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
fail=0
sh "$src/man/gen-man.sh" "$bin" >"$tmp/powstat.1" || { echo "gen-man.sh failed"; exit 1; }
if ! diff -u "$src/man/powstat.1" "$tmp/powstat.1"; then
  echo "man/powstat.1 is out of date with --help: run"
  echo "  man/gen-man.sh build/tools/powstat > man/powstat.1"
  fail=1
fi
for c in $(LC_ALL=C "$bin" --help | awk '/^Commands:/ {on = 1; next} on && /^$/ {exit} on {print $1}'); do
  [ "$c" = help ] && continue
  C=$(echo "$c" | tr a-z A-Z)
  grep -q "^\.SH \"POWSTAT $C\"" "$tmp/powstat.1" || { echo "no section for $c"; fail=1; }
  # every long option of the help text is in the page (roff spells - as \-)
  for o in $("$bin" "$c" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
    r=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
    grep -q -- "$r" "$tmp/powstat.1" || { echo "option $o of $c missing from the page"; fail=1; }
  done
done
if command -v groff >/dev/null 2>&1; then
  # every warning but "break" (a long column list such as id,deaths,...
  # cannot be broken or adjusted in a filled paragraph: cosmetic); an
  # unknown macro or a bad escape is a bug
  groff -man -Tutf8 -wall -Wbreak -z "$tmp/powstat.1" 2>"$tmp/groff.err"
  if grep -q . "$tmp/groff.err"; then
    cat "$tmp/groff.err"; echo "groff reports errors"; fail=1
  fi
else
  echo "groff not installed: formatting not checked"
fi
[ $fail = 0 ] && echo "man page in sync with --help"
exit $fail
