# Default: the first bad row stops the run with FILE:LINE:COL and exit 65; the
# rows before it are written.
powstat batch data/batch_bad_rows.csv; echo "exit $?"
