#!/usr/bin/python3
"""gen_prop.py -- reference intervals for tests/test_prop.c from Python peers.

    /usr/bin/python3 tests/ref/gen_prop.py > /tmp/prop_ref_py.inc

(Debian's interpreter: statsmodels 0.13.5, scipy 1.10, mpmath 1.2.)  Prints
C initialisers { method, k, n, level, sides, lower, upper } with 17
significant digits, each block preceded by the call that produced it:

  * statsmodels proportion_confint for normal (Wald), wilson, agresti_coull,
    jeffreys and beta (Clopper-Pearson); one-sided bounds from the
    two-sided interval at alpha doubled (all five are equal-tailed);
  * mid-p by scipy brentq (rtol 8.9e-16, in log p) on scipy.stats.binom
    sf/pmf (Boost's incomplete beta: independent of R's TOMS 708);
  * likelihood ratio by mpmath findroot at 50 digits on the exact deviance.

sides: 0 two-sided, 1 lower bound [L,1], 2 upper bound [0,U].
"""
import math

import mpmath as mp
from scipy import optimize, stats
from statsmodels.stats.proportion import proportion_confint

CASES = [(0, 20), (20, 20), (0, 1), (1, 1), (5, 20), (41, 120000), (8193, 680921),
         (442100, 3576300), (3300000, 5700000), (40000, 154700), (1234567, 2000000000),
         (999999999, 1000000000), (0, 1000000000), (1, 2000000000)]
LEVELS = [0.5, 0.9, 0.95, 0.99, 0.9999]


def f17(x):
    return "%.17g" % x


def emit(m, k, n, lev, s, lo, up):
    print("    {%s, %d, %d, %s, %d, %s, %s}," % (m, k, n, f17(lev), s, f17(lo), f17(up)))


def tail(lev, s):
    return (1 - lev) / 2 if s == 0 else 1 - lev


def statsmodels_block(cname, smname):
    print("/* statsmodels 0.13.5: proportion_confint(k, n, alpha, method=%r) with\n"
          " * alpha = 1 - level (two-sided) or 2 (1 - level) (one side of it); clipped to\n"
          " * [0,1]%s */" % (smname, "; lower = 0 at k = 0 and upper = 1 at k = n (prop.h)"
                             if smname == "jeffreys" else ""))
    for k, n in CASES:
        for lev in LEVELS + ([0.999999] if smname == "beta" else []):
            for s in range(3):
                alpha = (1 - lev) if s == 0 else 2 * (1 - lev)
                lo, up = proportion_confint(k, n, alpha=alpha, method=smname)
                lo, up = min(max(float(lo), 0.0), 1.0), min(max(float(up), 0.0), 1.0)
                if smname in ("jeffreys", "beta"):
                    if k == 0:
                        lo = 0.0
                    if k == n:
                        up = 1.0
                if smname in ("normal", "wilson", "agresti_coull"):
                    # exact zeros / ones that statsmodels forms as 1e-20 residues
                    if k == 0 and abs(lo) < 1e-15:
                        lo = 0.0
                    if k == n and abs(1 - up) < 1e-15:
                        up = 1.0
                if s == 1:
                    up = 1.0
                if s == 2:
                    lo = 0.0
                emit(cname, k, n, lev, s, lo, up)


def midp_bounds(k, n, t):
    b = stats.binom

    def logm_lo(lp):
        p = math.exp(lp)
        return math.log(b.sf(k, n, p) + 0.5 * b.pmf(k, n, p)) - math.log(t)

    def logm_up(lp):
        p = math.exp(lp)
        return math.log(b.cdf(k - 1, n, p) + 0.5 * b.pmf(k, n, p)) - math.log(t)

    ph = k / n
    if k == 0:
        lo = 0.0
    elif k == n:
        lo = math.exp(math.log(2 * t) / n)
    else:
        a0 = math.log(stats.beta.ppf(t, k, n - k + 1))  # Clopper-Pearson: below
        lo = ph if logm_lo(math.log(ph)) <= 0 else math.exp(
            optimize.brentq(logm_lo, a0, math.log(ph), xtol=1e-300, rtol=8.9e-16, maxiter=500))
    if k == n:
        up = 1.0
    elif k == 0:
        up = -math.expm1(math.log(2 * t) / n)
    else:
        b0 = math.log(stats.beta.isf(t, k + 1, n - k))  # Clopper-Pearson: above
        up = ph if logm_up(math.log(ph)) <= 0 else math.exp(
            optimize.brentq(logm_up, math.log(ph), b0, xtol=1e-300, rtol=8.9e-16, maxiter=500))
    return lo, up


def lr_bounds(k, n, z):
    mp.mp.dps = 50
    K, N, c = mp.mpf(k), mp.mpf(n), mp.mpf(z) ** 2

    def dev(p):
        d = 0
        if k > 0:
            d += K * mp.log(K / (N * p))
        if k < n:
            d += (N - K) * mp.log((N - K) / (N * (1 - p)))
        return 2 * d - c

    ph = K / N
    if k == 0:
        lo = mp.mpf(0)
    elif k == n:
        lo = mp.exp(-c / (2 * N))
    else:
        lo = mp.findroot(lambda u: dev(ph * mp.exp(-u)), (mp.mpf("1e-30"), mp.mpf(60)),
                         solver="anderson")
        lo = ph * mp.exp(-lo)
    if k == n:
        up = mp.mpf(1)
    elif k == 0:
        up = -mp.expm1(-c / (2 * N))
    else:
        qh = 1 - ph
        u = mp.findroot(lambda u: dev(1 - qh * mp.exp(-u)), (mp.mpf("1e-30"), mp.mpf(60)),
                        solver="anderson")
        up = 1 - qh * mp.exp(-u)
    return float(lo), float(up)


def main():
    statsmodels_block("PST_PROP_WALD", "normal")
    statsmodels_block("PST_PROP_WILSON", "wilson")
    statsmodels_block("PST_PROP_AGRESTI_COULL", "agresti_coull")
    statsmodels_block("PST_PROP_JEFFREYS", "jeffreys")
    statsmodels_block("PST_PROP_CLOPPER_PEARSON", "beta")
    print("/* scipy 1.10: mid-p by optimize.brentq(rtol=8.9e-16) in log p on\n"
          " * log(binom.sf(k,n,p) + binom.pmf(k,n,p)/2) = log t (lower) and\n"
          " * log(binom.cdf(k-1,n,p) + binom.pmf(k,n,p)/2) = log t (upper) */")
    for k, n in CASES:
        for lev in LEVELS:
            for s in range(3):
                lo, up = midp_bounds(k, n, tail(lev, s))
                emit("PST_PROP_MIDP", k, n, lev, s, 0.0 if s == 2 else lo, 1.0 if s == 1 else up)
    print("/* mpmath 1.2 (50 digits): likelihood-ratio bounds, findroot (anderson) on\n"
          " * 2[k log(k/(np)) + (n-k) log((n-k)/(n(1-p)))] = z^2,\n"
          " * z = scipy.stats.norm.isf(t) */")
    for k, n in CASES:
        for lev in LEVELS:
            for s in range(3):
                lo, up = lr_bounds(k, n, stats.norm.isf(tail(lev, s)))
                emit("PST_PROP_LR", k, n, lev, s, 0.0 if s == 2 else lo, 1.0 if s == 1 else up)


if __name__ == "__main__":
    main()
