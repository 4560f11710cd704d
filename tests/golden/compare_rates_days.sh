# powstat rates --days: the snapshot counts per 1,000 per 30 days with an
# exact Poisson interval; a negative window is bad data
powstat rates 41/120000 8193/680921 --days 7 --method clopper-pearson --format csv
powstat rates 41/120000 --days -7; echo "exit $?"
