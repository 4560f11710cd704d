# heatmap data for 'powstat chart heatmap'
powstat sensitivity grid --grid 3 --format csv
powstat sensitivity grid --grid 2 --measure difference --format json
