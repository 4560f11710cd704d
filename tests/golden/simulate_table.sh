# the human table, with its footer (seed, generator, left-out rows)
powstat simulate --draws 200000 --seed 7 --format table
