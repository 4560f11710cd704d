# how every row of the bundled estimates enters (or is left out of) the mixtures
powstat simulate --show-inputs --format csv
