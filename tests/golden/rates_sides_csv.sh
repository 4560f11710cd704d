powstat rates 41/120000 --method all --sides lower --format csv && powstat rates 41/120000 --method wilson --sides upper --format csv
