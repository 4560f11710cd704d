# A write error on standard output exits 74.
powstat batch data/batch_rates.csv > /dev/full; echo "exit $?"
