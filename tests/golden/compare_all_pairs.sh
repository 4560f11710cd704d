# every pair across holding powers with the same basis, within two groups
powstat compare --all-pairs --group german-pows-ussr,soviet-pows-germany --measure ratio --format csv
