# Broken CSV stops the run even with --keep-going (records can no longer be
# told apart); nothing is left in the output file.
powstat batch -k data/batch_broken_quote.csv -o "$TMPDIR/o.csv"; echo "exit $?"
ls "$TMPDIR"
powstat batch -k data/batch_unterminated.csv; echo "exit $?"
