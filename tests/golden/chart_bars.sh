powstat chart bars data/chart_rates.csv --title "Mortality by source"
