#!/bin/sh
# Bad-input corpus runner.
#   run.sh POWSTAT [PATTERN]    run every case of MANIFEST (or those whose file
#                               matches the grep PATTERN); exit 1 if any fails
# Each MANIFEST line is   FILE | RC | ARGS | EXPECTED
#   FILE      a corpus file, relative to tests/bad (gen/... files are made at
#             run time: megabyte lines are not committed)
#   RC        the exit status; "xfail RC" marks a known bug of another
#             module: the case must still fail (an unexpected pass is an error,
#             so that the mark is removed once the bug is fixed)
#   ARGS      the powstat arguments; @ stands for FILE (split on blanks)
#   EXPECTED  the exact standard error (one line), or, with RC 0, nothing (no
#             stderr at all) or "= OTHER": no stderr and the same standard
#             output as ARGS with OTHER for FILE (e.g. CRLF against LF)
# Cases run in a scratch directory holding links to the corpus directories and
# to datasets/ (POWSTAT_DATADIR=datasets), so messages show only relative
# paths.  LC_ALL=C.  Every command runs under a 60 s timeout (a hang fails).
# POWSTAT_WRAPPER (e.g. "valgrind -q --error-exitcode=99") prefixes powstat.
set -u
bin=$1
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
pat=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/powstat-bad.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT TERM
work=$tmp/w
mkdir -p "$work/gen" "$tmp/bin"
for d in "$here"/*/; do
  ln -s "$d" "$work/$(basename "$d")"
done
ln -s "$here/../../datasets" "$work/datasets"
# a wrapper so that POWSTAT_WRAPPER applies to every call
# (what the wrapper writes to file descriptor 9 is added to the stderr checked)
cat >"$tmp/bin/powstat" <<EOF
#!/bin/sh
exec ${POWSTAT_WRAPPER:-} "$bin" "\$@"
EOF
chmod +x "$tmp/bin/powstat"

# ---- generated inputs (too big to commit) ----
EH=id,source,holder,captive,group,period,basis,captured_low,captured,captured_high,deaths_low,deaths,deaths_high,stated_pct,verified,note
# $1 bytes of 'a'
as() { head -c "$1" /dev/zero | tr '\0' a; }
{ echo "$EH"; printf 'T1,,Germany,Soviet POWs,soviet,,captured,,100,,,10,,,yes,'; as 1048519; echo; } \
  >"$work/gen/line_1mib.csv"             # exactly 1,048,576 bytes before the LF: accepted
{ echo "$EH"; printf 'T1,,Germany,Soviet POWs,soviet,,captured,,100,,,10,,,yes,'; as 1048520; echo; } \
  >"$work/gen/line_over_1mib.csv"        # one byte over: rejected
{ echo "$EH"; printf 'T1,,Germany,Soviet POWs,soviet,,captured,,100,,,10,,,yes,"'; \
  i=0; while [ $i -lt 6 ]; do as 1000000; echo; i=$((i + 1)); done; } \
  >"$work/gen/record_over_4mib.csv"      # a quote left open over 6 MB of lines
{ echo "id,kind,deaths,captured"; printf 'j1,rate,1,'; as 1048600; echo; } >"$work/gen/jobs_line_over_1mib.csv"
{ printf 'id'; i=1; while [ $i -lt 4097 ]; do printf ',x_%d' $i; i=$((i + 1)); done; echo; } \
  >"$work/gen/fields_4097.csv"           # 4097 header fields
{ printf 'id'; i=1; while [ $i -lt 4096 ]; do printf ',x_%d' $i; i=$((i + 1)); done; echo ',deaths,captured'; \
  echo "j1,$(i=1; while [ $i -lt 4096 ]; do printf ','; i=$((i + 1)); done)1,2"; } >"$work/gen/jobs_fields_4097.csv"

awk 'BEGIN { print "id,deaths,captured"; for (i = 1; i <= 20001; i++) print "E" i ",1,10" }' \
  >"$work/gen/estimates_rows_20001.csv" # one row beyond PST_DATASET_ROWS_MAX
head -n 20001 "$work/gen/estimates_rows_20001.csv" >"$work/gen/estimates_rows_20000.csv"

cd "$work" || exit 2
export PATH="$tmp/bin:$PATH" LC_ALL=C POWSTAT_DATADIR=datasets TMPDIR="$tmp"
trim() { printf '%s' "$1" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//'; }
# run ARGS-with-FILE; sets $out $err $rc
run() {
  set -f
  # shellcheck disable=SC2086
  timeout 60 powstat $1 >"$tmp/out" 2>"$tmp/err" </dev/null 9>"$tmp/wrapper.log"
  rc=$?
  if [ -s "$tmp/wrapper.log" ]; then cat "$tmp/wrapper.log" >>"$tmp/err"; fi
  set +f
}
n=0 pass=0 xfail=0 fail=0
listed=$tmp/listed
: >"$listed"
while IFS= read -r line || [ -n "$line" ]; do
  case $line in '#'* | '') continue ;; esac
  file=$(trim "${line%%|*}"); rest=${line#*|}
  want_rc=$(trim "${rest%%|*}"); rest=${rest#*|}
  args=$(trim "${rest%%|*}"); want=$(trim "${rest#*|}")
  echo "$file" >>"$listed"
  if [ -n "$pat" ] && ! printf '%s\n' "$file" | grep -q -- "$pat"; then continue; fi
  n=$((n + 1))
  known=0
  case $want_rc in xfail*) known=1; want_rc=$(trim "${want_rc#xfail}") ;; esac
  cmd=$(printf '%s' "$args" | sed "s|@|$file|g")
  run "$cmd"
  ok=1 why=
  if [ "$rc" != "$want_rc" ]; then ok=0; why="exit $rc, expected $want_rc"; fi
  case $want in
  '= '*)
    other=$(trim "${want#=}")
    cp "$tmp/out" "$tmp/out.first"; cp "$tmp/err" "$tmp/err.first"
    run "$(printf '%s' "$args" | sed "s|@|$other|g")"
    if [ -s "$tmp/err.first" ]; then ok=0; why="${why:+$why; }unexpected stderr: $(head -c 300 "$tmp/err.first")"; fi
    if ! cmp -s "$tmp/out.first" "$tmp/out"; then ok=0; why="${why:+$why; }stdout differs from that of $other"; fi
    ;;
  *)
    printf '%s\n' "$want" | sed '/^$/d' >"$tmp/want"
    if ! cmp -s "$tmp/want" "$tmp/err"; then
      ok=0; why="${why:+$why; }stderr: $(head -c 400 "$tmp/err")"
    fi
    ;;
  esac
  if [ $known = 1 ]; then
    if [ $ok = 1 ]; then
      fail=$((fail + 1)); echo "XPASS $file: $cmd: the known bug is fixed, remove 'xfail'"
    else
      xfail=$((xfail + 1)); echo "xfail $file: $cmd ($why)"
    fi
  elif [ $ok = 1 ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "FAIL $file: $cmd: $why"
  fi
done <"$here/MANIFEST"

# every committed corpus file must be a case (or the sources.csv beside them)
if [ -z "$pat" ]; then
  for f in $(cd "$here" && find . -mindepth 2 -type f | sed 's|^\./||' | sort); do
    case $f in */sources.csv) continue ;; esac
    if ! grep -qxF "$f" "$listed"; then fail=$((fail + 1)); echo "FAIL $f: not in MANIFEST"; fi
  done
fi
echo "bad-input corpus: $n cases, $pass passed, $xfail known bugs (xfail), $fail failed"
[ $fail = 0 ]
