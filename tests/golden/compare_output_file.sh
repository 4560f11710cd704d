# -o writes atomically; a failing run leaves the old file untouched
powstat compare 56/70 48/80 -o "$TMPDIR/c.csv" && cat "$TMPDIR/c.csv"
powstat compare 56/70 0/0 -o "$TMPDIR/c.csv"; echo "exit $?"
head -c 60 "$TMPDIR/c.csv"; echo
