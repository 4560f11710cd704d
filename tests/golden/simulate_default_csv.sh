# default comparison on the bundled data, machine format
powstat simulate --draws 200000 --seed 7 --format csv
