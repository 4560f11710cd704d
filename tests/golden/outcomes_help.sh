powstat outcomes --help; echo "exit $?"
