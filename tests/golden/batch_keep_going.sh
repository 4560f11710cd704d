# --keep-going: every bad row becomes an error row (none dropped), the good
# ones are computed, the first ten errors go to stderr, and the exit status
# is still 65.
powstat batch --keep-going data/batch_bad_rows.csv; echo "exit $?"
powstat batch -k data/batch_bad_rows.csv -f json-lines | sed -n 3p
