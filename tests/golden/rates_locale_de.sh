LC_ALL=de_DE.UTF-8 powstat rates 1/2 --format csv --method wald && LC_ALL=de_DE.UTF-8 powstat rates 1/2 --format table --method wald
