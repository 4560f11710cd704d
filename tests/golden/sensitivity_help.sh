powstat sensitivity --help
