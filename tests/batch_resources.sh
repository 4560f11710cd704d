#!/bin/sh
# Resource tests of `powstat batch` (CTest batch/resources), not timed:
#  1. constant memory: peak RSS of a 10^6-row run is within 1 MiB of a 10^4-row
#     run, and under 20 MiB;
#  2. shards: on a 10^5-row file (with quoted fields spanning lines), the
#     outputs of --shard 1/N .. N/N concatenated are byte-identical to the
#     unsharded run, for N = 2, 4 and 7; and on 2000 simulate jobs for
#     N = 2, 3 and 5 (every id its own seed).
# Usage: batch_resources.sh POWSTAT   (exit 77 = skipped: no /usr/bin/time)
set -u
bin=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/powstat-batch.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
fail=0

gen() { # gen ROWS FILE: deterministic jobs, counts from 0 to ~10^7
  awk -v n="$1" 'BEGIN {
    print "id,kind,deaths,captured,method,level"; s = 12345
    for (i = 0; i < n; i++) {
      s = (s * 1103515245 + 12345) % 2147483648; c = 1 + s % 10000000
      s = (s * 1103515245 + 12345) % 2147483648; d = s % (c + 1)
      printf "r%d,rate,%d,%d,wilson,0.95\n", i, d, c
    } }' > "$2"
}

if [ -x /usr/bin/time ]; then
  gen 10000 "$tmp/small.csv"
  gen 1000000 "$tmp/big.csv"
  /usr/bin/time -f %M -o "$tmp/rss.small" "$bin" batch --quiet "$tmp/small.csv" > "$tmp/small.out" || fail=1
  /usr/bin/time -f %M -o "$tmp/rss.big" "$bin" batch --quiet "$tmp/big.csv" > "$tmp/big.out" || fail=1
  small=$(tail -1 "$tmp/rss.small"); big=$(tail -1 "$tmp/rss.big")
  rows=$(wc -l < "$tmp/big.out")
  echo "peak RSS: 10^4 rows $small KiB, 10^6 rows $big KiB ($rows lines out)"
  [ "$rows" -eq 1000001 ] || { echo "FAIL: expected 1000001 output lines"; fail=1; }
  [ $((big - small)) -le 1024 ] || { echo "FAIL: memory grows with the number of rows"; fail=1; }
  [ "$big" -lt 20480 ] || { echo "FAIL: peak RSS above 20 MiB"; fail=1; }
  skipped_rss=0
else
  echo "no /usr/bin/time: memory part skipped"
  skipped_rss=1
fi

# shards, with multi-line quoted notes every 97th row
awk 'BEGIN { print "id,kind,deaths,captured,x_note"
  for (i = 0; i < 100000; i++) {
    note = (i % 97 == 0) ? "\"a note\non two lines, \"\"quoted\"\"\"" : "n" i
    printf "s%d,rate,%d,%d,%s\n", i, i % 1000, 1000 + i, note } }' > "$tmp/shard.csv"
"$bin" batch --quiet "$tmp/shard.csv" > "$tmp/all.out" || fail=1
for n in 2 4 7; do
  k=1; : > "$tmp/cat.out"
  while [ $k -le $n ]; do
    "$bin" batch --quiet --shard $k/$n "$tmp/shard.csv" >> "$tmp/cat.out" || fail=1
    k=$((k + 1))
  done
  if cmp -s "$tmp/all.out" "$tmp/cat.out"; then echo "$n shards: identical to the unsharded output"
  else echo "FAIL: $n shards differ from the unsharded output"; fail=1; fi
done
# shards of 2000 simulate jobs (seeds derived from the ids): 2, 3 and 5
# shards concatenate to the unsharded output, so no job's seed or result
# depends on the shard count
awk 'BEGIN { print "id,kind,group,compare,draws,threshold"
  split("soviet-pows-germany german-pows-ussr italian-pows-ussr japanese-pows-ussr", g, " ")
  for (i = 0; i < 2000; i++) {
    if (i % 3) printf "q%d,simulate,%s,,%d,\n", i, g[1 + i % 4], 50 + i % 7
    else printf "q%d,simulate,,%s:%s,%d,2\n", i, g[1 + i % 4], g[1 + (i + 1) % 4], 50 + i % 5 } }' > "$tmp/sim.csv"
"$bin" batch --quiet "$tmp/sim.csv" > "$tmp/sim.out" || fail=1
for n in 2 3 5; do
  k=1; : > "$tmp/simcat.out"
  while [ $k -le $n ]; do
    "$bin" batch --quiet --shard $k/$n "$tmp/sim.csv" >> "$tmp/simcat.out" || fail=1
    k=$((k + 1))
  done
  if cmp -s "$tmp/sim.out" "$tmp/simcat.out"; then echo "$n shards of simulate jobs: identical to the unsharded output"
  else echo "FAIL: $n shards of simulate jobs differ from the unsharded output"; fail=1; fi
done
seeds=$(awk -F, 'NR > 1 {print $1, $35}' "$tmp/sim.out" | sort -u | awk '{print $2}' | sort -u | wc -l)
[ "$seeds" -eq 2000 ] || { echo "FAIL: 2000 job ids gave $seeds distinct seeds"; fail=1; }
# progress: never on a pipe; on a pseudo-terminal (script(1)) only without
# --quiet, and only once the run has lasted a second (slow Clopper-Pearson rows)
awk 'BEGIN { print "id,deaths,captured"; for (i = 0; i < 40000; i++) printf "p%d,%d,%d\n", i, 1000 + i, 3000000 + i }' > "$tmp/slow.csv"
"$bin" batch -m clopper-pearson "$tmp/slow.csv" -o "$tmp/slow.out" 2> "$tmp/slow.err" || fail=1
[ -s "$tmp/slow.err" ] && { echo "FAIL: progress output on a pipe"; fail=1; }
if command -v script > /dev/null; then
  start=$(date +%s)
  script -qec "\"$bin\" batch -m clopper-pearson \"$tmp/slow.csv\" -o \"$tmp/slow2.out\"" "$tmp/tty.log" > /dev/null 2>&1 || fail=1
  took=$(( $(date +%s) - start ))
  if [ $took -ge 2 ] && ! grep -q 'rows/s' "$tmp/tty.log"; then echo "FAIL: no progress line on a terminal (${took} s run)"; fail=1; fi
  script -qec "\"$bin\" batch --quiet -m clopper-pearson \"$tmp/slow.csv\" -o \"$tmp/slow3.out\"" "$tmp/tty2.log" > /dev/null 2>&1 || fail=1
  grep -q 'rows/s' "$tmp/tty2.log" && { echo "FAIL: progress line despite --quiet"; fail=1; }
  echo "progress: silent on a pipe and with --quiet; on a terminal after ${took} s: $(grep -c 'rows/s' "$tmp/tty.log") line(s) with rows/s"
fi
[ $fail = 0 ] && [ $skipped_rss = 1 ] && exit 77
exit $fail
