powstat audit data/audit_bad_duplicate.csv
