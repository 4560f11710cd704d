powstat simulate --draws 100000 --seed 3 --threshold 2.5 --level 0.9 --format json
