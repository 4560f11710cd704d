#!/bin/sh
# Benchmark: 10^7 draws of the default comparison (soviet-pows-germany vs
# german-pows-ussr) in powstat and in the equivalent numpy script, in one
# run, and the throughput ratio.  Run by hand:
#   sh bench/bench_simulate.sh build-NAME/tools/powstat [DRAWS] [THREADS]
# powstat's time is the whole process (load, draw, write); numpy's is the
# computation only (its interpreter start-up and imports are not counted).
set -eu
bin=${1:?usage: bench_simulate.sh POWSTAT [DRAWS] [THREADS]}
n=${2:-10000000}
threads=${3:-$(getconf _NPROCESSORS_ONLN)}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/powstat-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
export POWSTAT_DATADIR="${POWSTAT_DATADIR:-$here/../datasets}"

"$bin" simulate --show-inputs --format csv > "$tmp/inputs.csv"
now() { date +%s.%N; }

best_c=
for i in 1 2 3; do
  t0=$(now)
  "$bin" simulate --draws "$n" --threads "$threads" --seed "$i" --quiet --format csv > "$tmp/c.csv"
  t1=$(now)
  t=$(echo "$t1 - $t0" | bc -l)
  if [ -z "$best_c" ] || [ "$(echo "$t < $best_c" | bc -l)" = 1 ]; then best_c=$t; fi
done
best_py=
for i in 1 2 3; do
  t=$(/usr/bin/python3 "$here/simulate_numpy.py" "$tmp/inputs.csv" "$n" | tail -n 1)
  if [ -z "$best_py" ] || [ "$(echo "$t < $best_py" | bc -l)" = 1 ]; then best_py=$t; fi
done

echo "machine: $(uname -m), $(getconf _NPROCESSORS_ONLN) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "numpy $(/usr/bin/python3 -c 'import numpy; print(numpy.__version__)'), draws $n, powstat threads $threads (best of 3 each)"
echo "powstat output:"; cut -d, -f1-9 "$tmp/c.csv"
echo "numpy output:"; /usr/bin/python3 "$here/simulate_numpy.py" "$tmp/inputs.csv" 1000000 | sed '$d'
printf 'powstat: %.3f s  (%.1f M draws/s)\n' "$best_c" "$(echo "$n / $best_c / 1000000" | bc -l)"
printf 'numpy:   %.3f s  (%.1f M draws/s)\n' "$best_py" "$(echo "$n / $best_py / 1000000" | bc -l)"
printf 'ratio:   powstat is %.2fx numpy\n' "$(echo "$best_py / $best_c" | bc -l)"
