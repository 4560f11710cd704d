powstat audit ../../datasets/claims.csv --format markdown
