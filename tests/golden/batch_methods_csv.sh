# Every rate method, levels 0.5 / 95 (= 0.95) / 0.9999, one-sided, counts in the
# billions, and defaults (empty kind, method and level cells).
powstat batch data/batch_methods.csv
