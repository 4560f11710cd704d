powstat rates data/good.csv 41/120000 --format json
