#!/bin/sh
# README tour test (issue 10): every `$ powstat ...` line of a ```console block
# in README.md is run, and its output (stdout and stderr, as on a terminal)
# must be the text the README shows under it, up to the next `$ ` line or the
# end of the block (trailing blanks ignored).  Every command must exit 0, and
# the tour must use each of the nine commands.
#   run.sh POWSTAT SOURCE_DIR           check
#   UPDATE_README=1 run.sh POWSTAT SRC  rewrite the shown outputs (then read
#                                       the diff: it must be right, not just current)
# Commands run through sh (pipes work) in a scratch directory holding
# symbolic links to datasets/ and examples/, so files they write (-o, paper)
# land there, with POWSTAT_DATADIR=datasets and LC_ALL=C.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") src=$2
readme=$src/README.md
tmp=$(mktemp -d "${TMPDIR:-/tmp}/powstat-readme.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
mkdir "$tmp/bin" "$tmp/cwd" "$tmp/exp"
ln -s "$bin" "$tmp/bin/powstat"
ln -s "$src/datasets" "$tmp/cwd/datasets"
ln -s "$src/examples" "$tmp/cwd/examples"

# split: exp/N.cmd (the command) and exp/N.out (the shown output)
awk -v dir="$tmp/exp" '
  /^```console[ \t]*$/ { inb = 1; next }
  inb && /^```[ \t]*$/ { inb = 0; if (f) close(f); f = ""; next }
  inb && /^\$ / { if (f) close(f); n++; c = dir "/" n ".cmd"; print substr($0, 3) > c; close(c)
                  f = dir "/" n ".out"; printf "" > f; next }
  inb && f { print > f }
' "$readme"
n=$(ls "$tmp/exp" | grep -c '\.cmd$')
[ "$n" -gt 0 ] || { echo "README.md has no \$ commands in console blocks"; exit 1; }

norm() { sed 's/[ \t]*$//' "$1" | awk '{ l[NR] = $0 } END { m = NR; while (m > 0 && l[m] == "") m--; for (i = 1; i <= m; i++) print l[i] }'; }
fail=0
i=1
while [ $i -le "$n" ]; do
  cmd=$(cat "$tmp/exp/$i.cmd")
  case $cmd in
    powstat\ *) ;;
    *) echo "README command $i does not start with powstat: $cmd"; fail=1; i=$((i + 1)); continue ;;
  esac
  (cd "$tmp/cwd" && PATH="$tmp/bin:$PATH" LC_ALL=C POWSTAT_DATADIR=datasets sh -c "$cmd" ) \
    >"$tmp/exp/$i.got" 2>&1 </dev/null
  rc=$?
  [ $rc = 0 ] || { echo "README command exited $rc: \$ $cmd"; fail=1; }
  norm "$tmp/exp/$i.out" >"$tmp/a"; norm "$tmp/exp/$i.got" >"$tmp/b"
  if [ "${UPDATE_README:-0}" != 1 ] && ! cmp -s "$tmp/a" "$tmp/b"; then
    echo "README output differs for: \$ $cmd"; diff -u "$tmp/a" "$tmp/b" | sed 's/^/  /'; fail=1
  fi
  cp "$tmp/b" "$tmp/exp/$i.got"
  i=$((i + 1))
done
for c in rates compare outcomes audit simulate sensitivity chart paper batch; do
  cat "$tmp"/exp/*.cmd | grep -q "powstat $c\b" || { echo "the README tour never runs powstat $c"; fail=1; }
done

if [ "${UPDATE_README:-0}" = 1 ]; then
  [ $fail = 0 ] || { echo "README.md not updated: fix the failures above first"; exit 1; }
  awk -v dir="$tmp/exp" '
    /^```console[ \t]*$/ { inb = 1; print; next }
    inb && /^```[ \t]*$/ { inb = 0; skip = 0; print; next }
    inb && /^\$ / { n++; print; g = dir "/" n ".got"; while ((getline l < g) > 0) print l; close(g); skip = 1; next }
    inb && skip { next }
    { print }
  ' "$readme" >"$tmp/README.new" && cp "$tmp/README.new" "$readme"
  echo "README.md outputs updated ($n commands)"; exit $fail
fi
[ $fail = 0 ] && echo "README tour: $n commands run as shown"
exit $fail
