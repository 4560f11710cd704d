powstat outcomes --format csv
