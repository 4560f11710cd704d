powstat rates 41/120000 8193/680921 9/12 --format csv | powstat chart forest
