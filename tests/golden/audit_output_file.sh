# -o writes atomically; a failed run leaves the old file as it was
powstat audit data/audit_consistent.csv -o "$TMPDIR/a.csv"; echo "rc=$?"
cat "$TMPDIR/a.csv" | cut -d, -f1-7
powstat audit data/audit_bad_cycle.csv -o "$TMPDIR/a.csv"; echo "rc=$?"
cut -d, -f1-7 "$TMPDIR/a.csv"
ls "$TMPDIR"
