# more categories than the simultaneous intervals take (PST_MN_KMAX = 1000)
awk 'BEGIN { print "cohort,category,role,parent,count,stated_pct,source,verified,note";
             for (i = 1; i <= 1001; i++) printf "big,c%d,part,,%d,,,,\n", i, i }' > "$TMPDIR/big.csv"
cd "$TMPDIR" && powstat outcomes big.csv > /dev/null; echo "exit $?"
powstat outcomes $(seq -s, 1 1001) > /dev/null; echo "exit $?"
