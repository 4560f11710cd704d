# counts drawn triangular or PERT about the point instead of uniform
powstat simulate --draws 100000 --seed 4 --within pert --format csv | cut -d, -f1-9
powstat simulate --draws 100000 --seed 4 --within triangular --format csv | cut -d, -f1-9
