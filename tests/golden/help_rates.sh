powstat rates --help && powstat help rates > "$TMPDIR/h2" && powstat rates --help | cmp - "$TMPDIR/h2" && echo same
