powstat rates 1/2 -o /dev/null && test -c /dev/null && echo "/dev/null is still a device"; powstat rates 1/2 -o "$TMPDIR"; echo "exit $?"
