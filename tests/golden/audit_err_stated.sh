powstat audit data/audit_bad_stated.csv
