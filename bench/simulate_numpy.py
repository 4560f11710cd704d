#!/usr/bin/python3
"""The default `powstat simulate` comparison in numpy, for bench_simulate.sh.

Reads the mixture components from `powstat simulate --show-inputs -f csv`
(so both programs draw from the same inputs), then draws N times: pick a
source per draw (weights), draw deaths and denominator uniformly in their
ranges, mortality = deaths / denominator; ratio and difference of the two
groups; mean, sd, 2.5/50/97.5 % quantiles (numpy's default = R type 7) of
the four outputs and P(ratio > t) for t = 1, 2, 3.  Prints the elapsed
seconds of the computation (not of the interpreter start) on the last line.
"""
import csv
import sys
import time

import numpy as np


def load(path, groups):
    comps = {g: [] for g in groups}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if row["input"] in comps and row["status"] == "used":
                comps[row["input"]].append([float(row[k]) for k in (
                    "weight", "deaths_low", "deaths_high", "captured_low", "captured_high")])
    return {g: np.array(v) for g, v in comps.items()}


def draw(rng, c, n):
    k = rng.choice(len(c), size=n, p=c[:, 0] / c[:, 0].sum())
    d = c[k, 1] + (c[k, 2] - c[k, 1]) * rng.random(n)
    m = c[k, 3] + (c[k, 4] - c[k, 3]) * rng.random(n)
    return np.minimum(d / m, 1.0)


def main():
    inputs, n = sys.argv[1], int(sys.argv[2])
    a, b = "soviet-pows-germany", "german-pows-ussr"
    comps = load(inputs, [a, b])
    t0 = time.perf_counter()
    rng = np.random.default_rng(1)
    pa, pb = draw(rng, comps[a], n), draw(rng, comps[b], n)
    ratio, diff = pa / pb, pa - pb
    for name, x in (("mortality " + a, pa), ("mortality " + b, pb), ("ratio", ratio), ("difference", diff)):
        q = np.quantile(x, [0.025, 0.5, 0.975])
        print(f"{name}: mean {x.mean():.6g} sd {x.std(ddof=1):.6g} "
              f"median {q[1]:.6g} 95% {q[0]:.6g}..{q[2]:.6g}")
    for t in (1, 2, 3):
        print(f"P(ratio > {t}) = {np.mean(ratio > t):.5f}")
    print(f"{time.perf_counter() - t0:.3f}")


if __name__ == "__main__":
    main()
