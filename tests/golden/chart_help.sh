powstat chart --help && powstat help chart > "$TMPDIR/h2" && powstat chart --help | cmp - "$TMPDIR/h2" && echo same
