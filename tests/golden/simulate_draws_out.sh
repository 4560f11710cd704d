# every draw, with the sampling added to the source draws
powstat simulate --draws 6 --seed 1 --sampling --draws-out "$TMPDIR/d.csv" --format csv > "$TMPDIR/s.csv" && cat "$TMPDIR/d.csv" && cut -d, -f1-3,20 "$TMPDIR/s.csv"
