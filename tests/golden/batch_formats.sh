# TSV and json-lines carry the same rows; json-lines is one object a line.
powstat batch data/batch_rates.csv --format tsv
powstat batch data/batch_rates.csv --format json-lines
