powstat rates 1234567/2000000000 999999999/1000000000 --method wilson,clopper-pearson,jeffreys,mid-p,lr --format csv
