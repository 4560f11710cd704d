powstat rates data/bad_duplicate_id.csv
