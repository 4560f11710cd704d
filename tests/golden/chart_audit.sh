powstat chart audit data/chart_audit.csv
# the verdicts `powstat audit` writes (slip, unchecked); more than six flagged
# claims are numbered, the note says which is which
printf 'id,stated,recomputed,verdict\n' > "$TMPDIR/a.csv"
for i in 1 2 3 4 5 6 7; do echo "claim-$i,$i.5,$((i*3)),mismatch" >> "$TMPDIR/a.csv"; done
echo "s1,2.6,2.7,slip" >> "$TMPDIR/a.csv"; echo "u1,57,,unchecked" >> "$TMPDIR/a.csv"
powstat chart audit "$TMPDIR/a.csv" | grep -E "^T\[[0-9]+\] = '([0-9]+|1 claim that.*|rounding slip.*)'$"
