powstat rates 1/2 -o /dev/null && test -c /dev/null && echo "/dev/null is still a device"; cd "$TMPDIR" && mkdir d && powstat rates 1/2 -o d; echo "exit $?"
