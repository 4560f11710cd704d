powstat chart ratio data/chart_compare.csv
