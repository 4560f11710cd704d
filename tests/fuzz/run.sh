#!/bin/sh
# Run the libFuzzer targets built with POWSTAT_FUZZ=ON (cmake --preset fuzz).
#   run.sh fuzz BUILD SECONDS [TARGET...]   fuzz each target for SECONDS,
#       starting from its committed seeds (seeds/TARGET/, never modified: new
#       inputs go to a scratch corpus); fails on any crash, leak, UB, timeout
#       (10 s for one input) or out-of-memory (2 GiB), and keeps the input in
#       BUILD/fuzz-artifacts/ (add it to regress/TARGET/ once fixed)
#   run.sh replay BUILD [TARGET...]         run every seed and regression input
#       once (what CTest does)
# POWSTAT_FUZZ_SEED (default 1) fixes libFuzzer's random seed, so that CI
# explores the same inputs on every run and a red CI means a change, not
# luck; set it to 0 for a fresh random seed when hunting by hand.
# BUILD is the build directory of the fuzz targets, or its tests/fuzz
# subdirectory.  TARGETs default to all: csvread num estimates outcomes
# claims stated spec windows batch chart.
set -u
mode=${1:-}
dir=${2:-}
[ -n "$mode" ] && [ -n "$dir" ] || { echo "usage: run.sh fuzz BUILD SECONDS [TARGET...] | replay BUILD [TARGET...]" >&2; exit 64; }
shift 2
secs=0
if [ "$mode" = fuzz ]; then secs=${1:?seconds}; shift; fi
here=$(cd "$(dirname "$0")" && pwd)
[ -d "$dir/tests/fuzz" ] && dir=$dir/tests/fuzz
dir=$(cd "$dir" && pwd)
targets=${*:-csvread num estimates outcomes claims stated spec windows batch chart}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/powstat-fuzz.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' HUP INT TERM
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$here/../bad/lsan-known.supp:print_suppressions=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
fail=0
for t in $targets; do
  bin=$dir/fuzz_$t
  if [ ! -x "$bin" ]; then echo "fuzz $t: $bin not built (cmake --preset fuzz)"; fail=1; continue; fi
  log=$tmp/$t.log
  if [ "$mode" = replay ]; then
    files=$(find "$here/seeds/$t" "$here/regress/$t" -type f 2>/dev/null | sort)
    if [ -z "$files" ]; then echo "fuzz $t: no seeds"; fail=1; continue; fi
    # shellcheck disable=SC2086
    if "$bin" -timeout=30 -rss_limit_mb=2048 $files >"$log" 2>&1; then
      echo "fuzz $t: $(echo "$files" | wc -l) inputs replayed, ok"
    else
      echo "fuzz $t: FAILED on replay:"; tail -n 60 "$log"; fail=1
    fi
    continue
  fi
  mkdir -p "$tmp/corpus/$t" "$dir/fuzz-artifacts"
  start=$(date +%s)
  "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
    -seed="${POWSTAT_FUZZ_SEED:-1}" -print_final_stats=1 -artifact_prefix="$dir/fuzz-artifacts/$t-" \
    "$tmp/corpus/$t" "$here/seeds/$t" >"$log" 2>&1
  rc=$?
  end=$(date +%s)
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1)
  if [ $rc = 0 ]; then
    echo "fuzz $t: ok, ${execs:-?} executions in $((end - start)) s, $cov, corpus $(ls "$tmp/corpus/$t" | wc -l) new inputs"
  else
    echo "fuzz $t: FAILED (exit $rc) after $((end - start)) s; input kept in $dir/fuzz-artifacts/:"
    grep -E "ERROR|SUMMARY|runtime error|Test unit written|^ *#[0-9]+ " "$log" | head -n 40
    fail=1
  fi
done
exit $fail
