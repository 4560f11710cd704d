powstat rates data/good.csv --holder USSR --format csv && powstat rates data/good.csv --id T1 --format csv
