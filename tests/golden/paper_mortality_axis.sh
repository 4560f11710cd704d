powstat paper --render none --out "$TMPDIR/p" --only mortality-held-by-axis >/dev/null && cat "$TMPDIR/p/mortality-held-by-axis.gp"
