powstat rates data/good.csv --format markdown
