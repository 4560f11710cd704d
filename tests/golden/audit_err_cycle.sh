powstat audit data/audit_bad_cycle.csv
