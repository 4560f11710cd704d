powstat paper --help && powstat help paper > "$TMPDIR/h2" && powstat paper --help | cmp - "$TMPDIR/h2" && echo same
