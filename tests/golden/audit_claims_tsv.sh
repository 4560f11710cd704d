powstat audit ../../datasets/claims.csv --format tsv
