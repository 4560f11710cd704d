powstat audit - --format tsv < data/audit_consistent.csv | cut -f1-9
