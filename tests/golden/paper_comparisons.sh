# the comparisons figure: risk ratios of every pair of sources (powstat compare --all-pairs), the article's pair, the weekly rate ratio
powstat paper --render none --out "$TMPDIR/p" --only comparisons >/dev/null && cat "$TMPDIR/p/comparisons.gp"
