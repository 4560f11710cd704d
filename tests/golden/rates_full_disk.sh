powstat rates 1/2 --format csv > /dev/full
