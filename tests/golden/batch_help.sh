powstat batch --help; echo "exit $?"
powstat help batch | head -1
