powstat audit data/audit_bad_missing_ref.csv
