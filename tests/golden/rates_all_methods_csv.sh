powstat rates 41/120000 5/20 0/10 10/10 1/1 --method all --format csv
