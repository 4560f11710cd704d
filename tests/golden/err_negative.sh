powstat rates data/bad_negative.csv
