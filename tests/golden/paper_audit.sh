# the audit figure: the article's percentages, stated against recomputed (powstat audit datasets/claims.csv)
powstat paper --render none --out "$TMPDIR/p" --only audit-percentages >/dev/null && cat "$TMPDIR/p/audit-percentages.gp"
