powstat rates --format table --method wilson
