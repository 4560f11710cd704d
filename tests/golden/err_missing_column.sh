powstat rates data/bad_missing_column.csv
