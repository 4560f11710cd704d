# -o writes atomically; a failed run leaves an existing file untouched and no
# temporary file behind; stdin input with '-'.
powstat batch data/batch_rates.csv -o "$TMPDIR/r.csv" && wc -l < "$TMPDIR/r.csv"
echo old > "$TMPDIR/keep.csv"
powstat batch data/batch_bad_rows.csv -o "$TMPDIR/keep.csv"; echo "exit $?"
cat "$TMPDIR/keep.csv"; ls "$TMPDIR" | grep -c tmp
printf 'id,deaths,captured\nA,1,10\n' | powstat batch - --format tsv
