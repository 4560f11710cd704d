# a failure leaves an existing output file alone; a full disk is exit 74
echo "old" > "$TMPDIR/keep.csv"
powstat simulate --spec data/sim_bad_dist.csv -o "$TMPDIR/keep.csv"; echo "exit $?"
cat "$TMPDIR/keep.csv"
powstat simulate --draws 10 --format csv > /dev/full; echo "exit $?"
powstat simulate --draws 10 -o /no/such/dir/out.csv; echo "exit $?"
echo "temporary files left: $(ls "$TMPDIR" | grep -c tmp)"
