powstat chart stacked data/chart_outcomes.csv
