powstat outcomes 28,16 -o "$TMPDIR/o.csv" && cat "$TMPDIR/o.csv"
echo "old" > "$TMPDIR/keep.csv"
powstat outcomes data/outcomes_bad_role.csv -o "$TMPDIR/keep.csv"; echo "exit $?"
cat "$TMPDIR/keep.csv"
ls "$TMPDIR" | grep -c tmp
powstat outcomes 28,16 --format csv > /dev/full; echo "exit $?"
