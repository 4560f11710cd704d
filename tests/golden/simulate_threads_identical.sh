# the same seed gives byte-identical output for any thread count (blocks of
# 65536 draws: 300000 draws are 5 blocks, the last one partial)
for j in 1 2 3 8; do
  powstat simulate --draws 300000 --seed 11 --threads $j --groups all --format csv > "$TMPDIR/j$j.csv" || exit 1
done
for j in 2 3 8; do cmp "$TMPDIR/j1.csv" "$TMPDIR/j$j.csv" && echo "threads 1 = threads $j"; done
for j in 1 2; do
  powstat simulate --draws 140000 --seed 11 --threads $j --exact --draws-out "$TMPDIR/d$j.csv" --histogram "$TMPDIR/h$j.csv" --format csv > "$TMPDIR/e$j.csv" || exit 1
done
cmp "$TMPDIR/e1.csv" "$TMPDIR/e2.csv" && echo "exact: threads 1 = threads 2"
cmp "$TMPDIR/d1.csv" "$TMPDIR/d2.csv" && echo "draws: threads 1 = threads 2"
cmp "$TMPDIR/h1.csv" "$TMPDIR/h2.csv" && echo "histogram: threads 1 = threads 2"
# and another seed gives other draws
powstat simulate --draws 300000 --seed 12 --threads 2 --groups all --format csv > "$TMPDIR/s12.csv"
cmp -s "$TMPDIR/j1.csv" "$TMPDIR/s12.csv" || echo "seed 12 differs from seed 11"
