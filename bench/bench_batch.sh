#!/bin/sh
# Benchmark of `powstat batch` against the same job in pandas + statsmodels
# (and base R when installed): 10^6 rows of (deaths, captured), 95 % Wilson
# and Clopper-Pearson intervals, read CSV -> compute -> write CSV with
# round-trip (17 significant digit) numbers.  Run by hand, not in CTest:
#   sh bench/bench_batch.sh [POWSTAT] [ROWS]
# Environment: REPEAT (runs per tool and method, best and spread reported;
# default 3), CP_REPEAT (the same for Clopper-Pearson; default REPEAT),
# NO_R=1 to skip R.  Prints each time, each ratio (other / powstat, best
# against best) and powstat's peak RSS; checks that the intervals agree.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../build/tools/powstat}
rows=${2:-1000000}
repeat=${REPEAT:-3}
cp_repeat=${CP_REPEAT:-$repeat}
py=/usr/bin/python3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/powstat-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install time)"; exit 2; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
echo "powstat: $bin ($("$bin" --version))"
# Deterministic jobs: captured log-uniform over 1 .. 10^7 (the project's
# counts run from tens to millions), deaths uniform in 0 .. captured.  The
# method and level cells are empty, so -m picks the method.
awk -v n="$rows" 'BEGIN {
  print "id,kind,deaths,captured,method,level"; srand(20240608)
  for (i = 0; i < n; i++) {
    c = int(exp(rand() * log(1e7))); if (c < 1) c = 1
    d = int(rand() * (c + 1)); if (d > c) d = c
    printf "r%d,rate,%d,%d,,\n", i, d, c } }' > "$tmp/jobs.csv"
echo "jobs: $rows rows, $(wc -c < "$tmp/jobs.csv") bytes"

# run LABEL N CMD...: N timed runs; prints and records best, worst, peak RSS
run() {
  label=$1; n=$2; shift 2
  best=; worst=; rss=
  i=0
  while [ $i -lt "$n" ]; do
    /usr/bin/time -f "%e %M" -o "$tmp/t" "$@" > /dev/null
    t=$(tail -1 "$tmp/t" | cut -d' ' -f1); m=$(tail -1 "$tmp/t" | cut -d' ' -f2)
    best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (a == "" || b < a) ? b : a }')
    worst=$(awk -v a="$worst" -v b="$t" 'BEGIN { print (a == "" || b > a) ? b : a }')
    rss=$m
    i=$((i + 1))
  done
  printf '  %-28s best %6.2f s  worst %6.2f s  (%d runs)  peak RSS %6.1f MiB\n' "$label" "$best" "$worst" "$n" \
    "$(awk -v m="$rss" 'BEGIN { print m / 1024 }')"
  last_best=$best; last_rss=$rss
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1fx", a / b }'; }

for m in wilson clopper-pearson; do
  sm=$m; [ $m = clopper-pearson ] && sm=beta
  n=$repeat; [ $m = clopper-pearson ] && n=$cp_repeat
  echo "$m, 95 %:"
  run "powstat batch" "$n" "$bin" batch --quiet -m $m "$tmp/jobs.csv" -o "$tmp/p.csv"
  p_best=$last_best; p_rss=$last_rss
  run "pandas + statsmodels" "$n" $py "$here/batch_statsmodels.py" "$tmp/jobs.csv" "$tmp/s.csv" $sm
  s_best=$last_best
  echo "  ratio pandas+statsmodels / powstat: $(ratio "$s_best" "$p_best")   powstat peak RSS: $(awk -v m="$p_rss" 'BEGIN { printf "%.1f MiB", m / 1024 }')"
  if [ "${NO_R:-0}" != 1 ] && command -v Rscript > /dev/null; then
    run "R (base, vectorised)" "$n" Rscript "$here/batch_R.R" "$tmp/jobs.csv" "$tmp/r.csv" $sm
    echo "  ratio R / powstat: $(ratio "$last_best" "$p_best")"
  fi
  # the results must agree, or the timing means nothing
  $py - "$tmp/p.csv" "$tmp/s.csv" <<'PY'
import sys
import numpy as np
import pandas as pd
p = pd.read_csv(sys.argv[1]); s = pd.read_csv(sys.argv[2])
assert (p["id"] == s["id"]).all() and len(p) == len(s)
k, n = p["deaths"].to_numpy(), p["captured"].to_numpy()
for c, closed in (("lower", k == 0), ("upper", k == n)):
    # bounds with a closed form (0 at k = 0, 1 at k = n) excluded: there a
    # peer's rounding residue (4e-16 for 0) makes relative differences moot
    a, b = p[c].to_numpy()[~closed], s[c].to_numpy()[~closed]
    rel = np.abs(a - b) / np.abs(b)
    print("  agreement %s: max relative difference %.2g (max absolute %.2g)" % (c, rel.max(), np.abs(a - b).max()))
PY
done
