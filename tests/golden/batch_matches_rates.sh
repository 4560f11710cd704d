# A rate job's row has the columns and texts of `powstat rates --format csv`:
# the first 19 columns are byte-identical for the same counts.
powstat batch data/batch_rates.csv | cut -d, -f1-19 > "$TMPDIR/b.csv"
powstat rates 41/120000 8193/680921 0/10 10/10 1/1 3300000/5700000 --format csv > "$TMPDIR/r.csv"
cmp "$TMPDIR/b.csv" "$TMPDIR/r.csv" && echo "first 19 columns identical to powstat rates"
head -1 "$TMPDIR/b.csv"
