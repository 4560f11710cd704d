# A bad row is reported with its line number in the whole file, also from a
# shard that starts in the middle of it.
powstat batch --shard 2/2 data/batch_bad_rows.csv; echo "exit $?"
powstat batch -k --shard 2/3 data/batch_bad_rows.csv; echo "exit $?"
