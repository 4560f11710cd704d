powstat chart forest data/chart_rates.csv
