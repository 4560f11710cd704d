#!/usr/bin/python3
"""The `powstat batch` benchmark job in pandas + statsmodels (Debian packages;
run with /usr/bin/python3): read the job CSV, compute one-proportion
intervals with statsmodels proportion_confint, write CSV with 17 significant
digits (round-trip).

Usage: batch_statsmodels.py JOBS.csv OUT.csv wilson|beta [LEVEL]
(statsmodels calls Clopper-Pearson "beta")."""
import sys

import pandas as pd
from statsmodels.stats.proportion import proportion_confint


def main():
    jobs, out, method = sys.argv[1], sys.argv[2], sys.argv[3]
    level = float(sys.argv[4]) if len(sys.argv) > 4 else 0.95
    df = pd.read_csv(jobs, usecols=["id", "deaths", "captured"])
    k = df["deaths"].to_numpy()
    n = df["captured"].to_numpy()
    lo, hi = proportion_confint(k, n, alpha=1.0 - level, method=method)
    res = pd.DataFrame({"id": df["id"], "deaths": k, "captured": n,
                        "proportion": k / n, "lower": lo, "upper": hi})
    res.to_csv(out, index=False, float_format="%.17g")


if __name__ == "__main__":
    main()
