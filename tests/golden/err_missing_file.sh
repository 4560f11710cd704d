powstat rates data/no-such-file.csv
