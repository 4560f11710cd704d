powstat audit --format csv
