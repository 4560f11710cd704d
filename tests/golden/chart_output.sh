# -o writes the script atomically; bad data leaves the old file; the name of
# the output never reaches gnuplot, so any name works
powstat chart bars data/chart_rates.csv -o "$TMPDIR/a b;c.gp" && cmp "$TMPDIR/a b;c.gp" - <<EOT && echo same
$(powstat chart bars data/chart_rates.csv)
EOT
echo old > "$TMPDIR/keep.gp"
printf 'id,proportion,lower,upper\na,x,1,2\n' | powstat chart forest -o "$TMPDIR/keep.gp"; echo "exit $?"
cat "$TMPDIR/keep.gp"
ls "$TMPDIR" | grep -c tmp
powstat chart bars data/chart_rates.csv -o /nonexistent-dir/x.gp; echo "exit $?"
powstat chart bars data/chart_rates.csv > /dev/full; echo "exit $?"
