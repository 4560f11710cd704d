for f in bad_role bad_parent bad_no_parent bad_two_totals bad_count bad_duplicate; do
  powstat outcomes data/outcomes_$f.csv --format csv; echo "exit $?"
done
powstat outcomes data/no_such_file.csv; echo "exit $?"
powstat outcomes --cohort no-such-cohort --format csv; echo "exit $?"
powstat outcomes --compare special-camps-1944:nope --format csv; echo "exit $?"
