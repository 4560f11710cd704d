powstat chart histogram data/chart_draws.csv --bins 12
