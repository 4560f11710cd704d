# Compare jobs (diff, ratio, odds ratio) from counts and dataset estimate ids,
# an undefined ratio (0/0) and rate jobs in the same file.
powstat batch data/batch_compare.csv
powstat batch data/batch_compare.csv --format json-lines | sed -n 7p
