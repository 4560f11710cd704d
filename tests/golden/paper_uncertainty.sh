# the Monte Carlo ratio (fixed seed, stated in the note) and the tornado of the default comparison
powstat paper --render none --out "$TMPDIR/p" --only simulate-ratio,sensitivity-tornado >/dev/null &&
  cat "$TMPDIR/p/simulate-ratio.gp" "$TMPDIR/p/sensitivity-tornado.gp"
