powstat audit ../../datasets/claims.csv --format csv
