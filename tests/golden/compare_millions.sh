# counts in the millions: Fisher's p underflows a double, log10 p is given
powstat compare 3300000/5700000 442100/3576300 --measure odds-ratio --method exact,mn --format csv
powstat compare 3300000/5700000 442100/3576300 --measure diff,ratio --format table
