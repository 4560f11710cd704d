for m in goodman qh sison-glaz wilson-bonferroni; do
  powstat outcomes --cohort camp048-jan-aug-1945-officers,repatriated-pows-1946 --method $m --format csv || echo "exit $?"
done
powstat outcomes 0,5,10 --method qh --level 0.9999 --format csv
powstat outcomes 28,16 --method goodman --level 50 --format csv
