powstat compare --help
