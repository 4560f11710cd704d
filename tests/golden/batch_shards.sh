# Shards K/N are contiguous blocks: concatenated in order they are byte for
# byte the unsharded output, for N = 2, 3, 5 and more shards than rows, with
# quoted fields spanning lines, blank lines and quoted ids; CSV and json-lines.
for fmt in csv json-lines; do
  powstat batch --format $fmt data/batch_shard.csv > "$TMPDIR/all"
  for n in 2 3 5 20; do
    k=1; : > "$TMPDIR/cat"
    while [ $k -le $n ]; do
      powstat batch --format $fmt --shard $k/$n data/batch_shard.csv >> "$TMPDIR/cat" || echo "shard $k/$n failed"
      k=$((k + 1))
    done
    cmp "$TMPDIR/all" "$TMPDIR/cat" && echo "$fmt: $n shards concatenate to the unsharded output"
  done
done
echo "shard 2/3 alone:"; powstat batch --shard 2/3 data/batch_shard.csv
cat "$TMPDIR/all" | head -3
