powstat rates data/bad_unterminated.csv
