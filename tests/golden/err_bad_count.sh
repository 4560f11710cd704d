powstat rates data/bad_count.csv
