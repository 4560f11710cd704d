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
wlog=$tmp.wrapper.log # outside $tmp: cases may list their TMPDIR
trap 'rm -rf "$tmp" "$wlog"' EXIT
trap 'exit 130' HUP INT TERM
mkdir "$tmp/bin"
# POWSTAT_WRAPPER prefixes every powstat call, e.g. valgrind (see .ci/run):
#   POWSTAT_WRAPPER="valgrind -q --log-fd=9 --error-exitcode=99 --leak-check=full
#                    --errors-for-leak-kinds=definite,indirect"
# whatever the wrapper writes to file descriptor 9 fails the case.
if [ -n "${POWSTAT_WRAPPER:-}" ]; then
  # the wrapper by absolute path: some cases empty PATH (gnuplot missing)
  w=${POWSTAT_WRAPPER%% *}; rest=${POWSTAT_WRAPPER#"$w"}
  w=$(command -v "$w" || echo "$w")
  printf '#!/bin/sh\nexec %s%s "%s" "$@"\n' "$w" "$rest" "$bin" >"$tmp/bin/powstat"
  chmod +x "$tmp/bin/powstat"
else
  ln -s "$bin" "$tmp/bin/powstat"
fi
cd "$here" || exit 2
PATH="$tmp/bin:$PATH" LC_ALL=C POWSTAT_DATADIR=../../datasets TMPDIR="$tmp" \
  sh "./$case.sh" >"$tmp/out" 2>"$tmp/err" </dev/null 9>"$wlog"
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
if [ -s "$wlog" ]; then
  echo "golden $case: $POWSTAT_WRAPPER reported:"; cat "$wlog"; fail=1
fi
[ $fail = 0 ] && echo "golden $case: ok"
exit $fail
