powstat sensitivity convergence --n 2048 --format csv | cut -d, -f1-5
