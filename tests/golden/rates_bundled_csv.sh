powstat rates --format csv --method wilson,clopper-pearson
