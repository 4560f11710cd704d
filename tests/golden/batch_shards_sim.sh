# Shards of a file with simulate (and rate, outcomes) jobs: the seeds derive
# from the job id and --seed, never from the shard, so for N = 2, 3 and 5 the
# shard outputs concatenated in order are byte for byte the unsharded output,
# and every job's rows (seed, draws, results) are the same whatever N.
for fmt in csv json-lines; do
  powstat batch --format $fmt data/batch_shard_sim.csv > "$TMPDIR/all"
  for n in 2 3 5; do
    k=1; : > "$TMPDIR/cat"
    while [ $k -le $n ]; do
      powstat batch --format $fmt --shard $k/$n data/batch_shard_sim.csv > "$TMPDIR/part$k" || echo "shard $k/$n failed"
      cat "$TMPDIR/part$k" >> "$TMPDIR/cat"
      k=$((k + 1))
    done
    cmp "$TMPDIR/all" "$TMPDIR/cat" && echo "$fmt: $n shards concatenate to the unsharded output"
    # the same job in shard k of n as in the unsharded run, id by id
    for id in m1 m4 m9; do
      for k in $(seq 1 $n); do grep "\"*$id\"*[,:]" "$TMPDIR/part$k" | grep -v '^id,' ; done > "$TMPDIR/job"
      grep "\"*$id\"*[,:]" "$TMPDIR/all" | grep -v '^id,' > "$TMPDIR/jall"
      cmp -s "$TMPDIR/job" "$TMPDIR/jall" || echo "FAIL: $fmt $id differs with $n shards"
    done
  done
done
# which jobs each shard of 3 ran (ids, seeds)
for k in 1 2 3; do
  echo "shard $k/3:"; powstat batch --shard $k/3 data/batch_shard_sim.csv | awk -F, '$1 != "id" {print "  " $1, $20, $21, $35}' | uniq
done
# another --seed changes the derived seeds of every shard alike
powstat batch --seed 9 data/batch_shard_sim.csv > "$TMPDIR/all9"
: > "$TMPDIR/cat9"
for k in 1 2 3; do powstat batch --seed 9 --shard $k/3 data/batch_shard_sim.csv >> "$TMPDIR/cat9"; done
cmp "$TMPDIR/all9" "$TMPDIR/cat9" && echo "--seed 9: 3 shards concatenate to the unsharded output"
cmp -s "$TMPDIR/all" "$TMPDIR/all9" || echo "--seed 9 output differs from --seed 1"
