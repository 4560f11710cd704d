for l in 0.5 0.9 0.99 0.9999; do powstat rates 41/120000 --method clopper-pearson,wilson --level $l --format csv; done
