powstat rates data/good.csv --format table --method wilson,clopper-pearson
