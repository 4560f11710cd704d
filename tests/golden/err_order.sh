powstat rates data/bad_order.csv
