# Newcombe (1998) example 56/70 vs 48/80: every difference method, CSV
powstat compare 56/70 48/80 --measure diff --method all --format csv
