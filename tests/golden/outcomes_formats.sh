powstat outcomes data/outcomes_good.csv --format json
powstat outcomes data/outcomes_good.csv --format tsv
powstat outcomes data/outcomes_good.csv --format markdown
powstat outcomes data/outcomes_good.csv --format table --parts-only
