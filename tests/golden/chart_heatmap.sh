powstat chart heatmap data/chart_heatmap.csv --xlabel "Deaths, Soviet POWs held by Germany" --ylabel "Deaths, German POWs held by the USSR" --zlabel "ratio"
