# two comparisons, other thresholds, extra groups, exact quantiles
powstat simulate --draws 50000 --seed 5 --exact --compare soviet-pows-germany:german-pows-ussr,french-pows-germany:german-pows-ussr --threshold 0.5,1 --groups us-pows-germany --format csv
