# bad spec files: FILE:LINE:COL, exit 65; missing file 66
for f in sim_bad_dist sim_bad_percent sim_bad_estimate sim_bad_nodenominator sim_bad_param sim_bad_quote; do
  powstat simulate --spec data/$f.csv --draws 10; echo "exit $?"
done
powstat simulate --spec data/no_such_spec.csv; echo "exit $?"
