powstat audit --help
