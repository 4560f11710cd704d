powstat simulate --help
