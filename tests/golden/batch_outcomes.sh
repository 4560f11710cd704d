# outcomes jobs: a counts list (with labels) or a cohort of the bundled
# outcomes.csv; one row per category with its simultaneous interval.  o3:
# Sison-Glaz has no solution for sparse counts, Goodman is used (method says
# so, warning says why).  o4: a zero count and a count of 10^9 at 0.9999.
powstat batch data/batch_outcomes.csv; echo "exit $?"
# the same intervals as powstat outcomes
powstat batch data/batch_outcomes.csv | awk -F, '$1 == "o2" {print $22","$23","$5","$6","$7","$8}' > "$TMPDIR/b"
powstat outcomes --cohort special-camps-1944 -m sison-glaz -l 0.9 -f csv | awk -F, 'NR > 1 && $9 == "part" {print $1","$2","$4","$5","$6","$7}' > "$TMPDIR/o"
cmp "$TMPDIR/b" "$TMPDIR/o" && echo "o2 = powstat outcomes --cohort special-camps-1944 -m sison-glaz -l 0.9"
powstat batch data/batch_outcomes.csv | awk -F, '$1 == "o1" {print $23","$5","$6","$7","$8}' > "$TMPDIR/b"
powstat outcomes 231034,18382,30749,5924,11556,5347 -f csv | awk -F, 'NR > 1 {print $2","$4","$5","$6","$7}' > "$TMPDIR/o"
cmp "$TMPDIR/b" "$TMPDIR/o" && echo "o1 = powstat outcomes 231034,18382,30749,5924,11556,5347"
powstat batch -f tsv data/batch_outcomes.csv | sed -n 2p
