powstat rates 41/120000 8193/680921 --format csv
