# the figure set as scripts only: names, and byte-identical on a second run
powstat paper --render none --out "$TMPDIR/p1" | sed "s|$TMPDIR|TMP|"
powstat paper --render none --out "$TMPDIR/p2" >/dev/null
for f in "$TMPDIR"/p1/*.gp; do cmp "$f" "$TMPDIR/p2/$(basename "$f")" && echo "same $(basename "$f")"; done
powstat paper --render none --out "$TMPDIR/p3" --only article-vs-published | sed "s|$TMPDIR|TMP|"
