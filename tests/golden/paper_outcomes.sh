# outcomes: the special camps from the counts and as printed (flagged percentages), camp No. 048 by rank and period
powstat paper --render none --out "$TMPDIR/p" --only outcomes-special-camps,outcomes-camp048 >/dev/null &&
  cat "$TMPDIR/p/outcomes-special-camps.gp" "$TMPDIR/p/outcomes-camp048.gp"
