# the default analysis (sobol) as a table, flags in parentheses
powstat sensitivity --n 4096 --bootstrap 50 --format table
powstat sensitivity --no-split --n 4096 --bootstrap 50 --measure difference --format table
