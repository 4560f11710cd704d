powstat rates 5/0; echo "exit $?"; powstat rates 11/10; echo "exit $?"; powstat rates 1/99999999999999999999
