# Sobol indices of the default comparison: source and range factors
powstat sensitivity sobol --n 4096 --bootstrap 50 --seed 3 --format csv
