# Bad simulate and outcomes jobs: each reported with FILE:LINE:COL at the
# cell at fault; --keep-going writes them as error rows (none dropped) and
# exits 65; without it the run stops at the first (after the rows before it).
powstat batch --keep-going data/batch_bad_jobs.csv > "$TMPDIR/k"; echo "exit $?"
cut -d, -f1,20,21,38- "$TMPDIR/k"
powstat batch data/batch_bad_jobs.csv > "$TMPDIR/s"; echo "exit $?"
cut -c1-60 "$TMPDIR/s"
# columns of one kind in a file without the kind's key column; kinds whose
# columns the header lacks
powstat batch data/batch_draws_no_group.csv; echo "exit $?"
powstat batch data/batch_labels_no_counts.csv; echo "exit $?"
powstat batch -k data/batch_kind_no_columns.csv; echo "exit $?"
# usage errors of the new options
powstat batch --seed -3 data/batch_bad_jobs.csv; echo "exit $?"
powstat batch --seed 18446744073709551616 data/batch_bad_jobs.csv; echo "exit $?"
powstat batch --draws 0 data/batch_bad_jobs.csv; echo "exit $?"
powstat batch --threads 999 data/batch_bad_jobs.csv; echo "exit $?"
powstat batch --within normal data/batch_bad_jobs.csv; echo "exit $?"
powstat batch --outcomes data/missing.csv data/batch_bad_jobs.csv; echo "exit $?"
