powstat outcomes 1,1 --method sison-glaz --format csv
echo "exit $?"
