powstat audit data/audit_synthetic.csv --format markdown
