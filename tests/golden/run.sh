#!/bin/sh
# Golden CLI test runner.
#   run.sh POWSTAT CASE            run tests/golden/CASE.sh, compare stdout,
#                                  stderr and exit status with CASE.out/.err/.rc
#   UPDATE_GOLDEN=1 run.sh ...     rewrite the expected files (on purpose only)
# The case runs in tests/golden with `powstat` on PATH, LC_ALL=C (unless the
# case sets it), and POWSTAT_DATADIR pointing at the repository's datasets by a
# relative path, so messages never contain a path of the build machine.
set -u
bin=$1
case=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/powstat-golden.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
mkdir "$tmp/bin"
ln -s "$bin" "$tmp/bin/powstat"
cd "$here" || exit 2
PATH="$tmp/bin:$PATH" LC_ALL=C POWSTAT_DATADIR=../../datasets TMPDIR="$tmp" \
  sh "./$case.sh" >"$tmp/out" 2>"$tmp/err" </dev/null
echo $? >"$tmp/rc"
if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$tmp/out" "$case.out"; cp "$tmp/err" "$case.err"; cp "$tmp/rc" "$case.rc"
  echo "updated $case"; exit 0
fi
fail=0
for k in out err rc; do
  if ! diff -u "$case.$k" "$tmp/$k" >"$tmp/diff.$k" 2>&1; then
    echo "golden $case: $k differs:"; cat "$tmp/diff.$k"; fail=1
  fi
done
[ $fail = 0 ] && echo "golden $case: ok"
exit $fail
