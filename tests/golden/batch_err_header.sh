# Header errors: unknown column (with the known ones), no counts columns,
# empty file, missing id column.
powstat batch data/batch_bad_header.csv; echo "exit $?"
powstat batch data/batch_no_counts.csv; echo "exit $?"
powstat batch data/batch_empty.csv; echo "exit $?"
printf 'kind,deaths,captured\nrate,1,2\n' | powstat batch -; echo "exit $?"
