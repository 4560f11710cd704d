# size, dpi, font, title and a linear axis reach the script; a log forest too
powstat chart forest data/chart_rates.csv --size 10x6 --dpi 300 --font "DejaVu Serif" --font-size 12 --title "T" --note "N" | grep -E "^pst_font|pngcairo size|pdfcairo size|svg size|^T\[[0-9]+\] = '(T|N)'$"
powstat chart forest data/chart_rates.csv --log | grep -E "^set logscale|^set xtics"
