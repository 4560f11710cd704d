powstat outcomes --compare camp048-jan-aug-1945-all:camp048-aug-1945-jan-1946-all --format table
