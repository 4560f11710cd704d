powstat rates data/bad_deaths_gt_captured.csv
