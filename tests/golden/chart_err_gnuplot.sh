# gnuplot missing: exit 69 with the package to install, no image, older image kept
echo old > "$TMPDIR/x.png"
{ POWSTAT_GNUPLOT=/nonexistent/gnuplot powstat chart bars data/chart_rates.csv -o "$TMPDIR/x.gp" --render png; echo "exit $?"; } 2>&1 | sed "s|$TMPDIR|TMP|"
cat "$TMPDIR/x.png"
PATH=/nonexistent "$(command -v powstat)" chart bars data/chart_rates.csv --render dumb; echo "exit $?"
