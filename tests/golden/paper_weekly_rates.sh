# the article's weekly and annual figures in one unit (deaths per 1,000 per 30 days, Garwood intervals)
powstat paper --render none --out "$TMPDIR/p" --only weekly-rates >/dev/null && cat "$TMPDIR/p/weekly-rates.gp"
