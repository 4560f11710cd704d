powstat audit data/audit_bad_value.csv
