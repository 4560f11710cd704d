powstat audit --format xml; echo "rc=$?"
powstat audit --bogus; echo "rc=$?"
powstat audit -f; echo "rc=$?"
