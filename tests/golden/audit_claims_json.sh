powstat audit ../../datasets/claims.csv --format json
