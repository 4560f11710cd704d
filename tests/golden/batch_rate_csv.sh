# The smallest job file (header id,kind,deaths,captured,method,level), CSV out.
powstat batch data/batch_rates.csv
