powstat paper --render none --out "$TMPDIR/p" --only article-vs-published >/dev/null && cat "$TMPDIR/p/article-vs-published.gp"
