powstat --help && powstat help && powstat --version
