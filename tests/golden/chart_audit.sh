powstat chart audit data/chart_audit.csv
