powstat audit data/no-such-claims.csv
