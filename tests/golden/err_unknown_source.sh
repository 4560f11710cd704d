powstat rates data/bad_unknown_source.csv
