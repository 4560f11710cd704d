powstat rates data/good.csv --format tsv
