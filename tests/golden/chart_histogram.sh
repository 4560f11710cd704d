powstat chart histogram data/chart_hist.csv --xlabel "Mortality (fraction)"
