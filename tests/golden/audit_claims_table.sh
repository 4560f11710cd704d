powstat audit ../../datasets/claims.csv --format table
