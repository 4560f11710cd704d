# binned draws for 'powstat chart histogram'
powstat simulate --draws 100000 --seed 1 --bins 8 --histogram "$TMPDIR/h.csv" --format csv > /dev/null && cat "$TMPDIR/h.csv"
