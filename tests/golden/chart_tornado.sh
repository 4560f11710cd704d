powstat chart tornado data/chart_tornado.csv --xlabel "Ratio of mortalities"
