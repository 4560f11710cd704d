# a figure whose producer cannot read its dataset: the producer's message, then which figure was not written
mkdir "$TMPDIR/d" && cp ../../datasets/estimates.csv ../../datasets/sources.csv "$TMPDIR/d/"
{ POWSTAT_DATADIR="$TMPDIR/d" powstat paper --render none --out "$TMPDIR/p" --only weekly-rates; echo "exit $?"; } 2>&1 | sed "s|$TMPDIR|TMP|g"
{ POWSTAT_DATADIR="$TMPDIR/d" powstat paper --render none --out "$TMPDIR/p" --only audit-counts; echo "exit $?"; } 2>&1 | sed "s|$TMPDIR|TMP|g"
ls "$TMPDIR/p"
