#!/usr/bin/python3
"""Reference values for tests/test_multinom.c.

Run with Debian's interpreter: /usr/bin/python3 tests/ref/gen_multinom.py
(needs numpy, scipy, statsmodels 0.13.5 and mpmath).  Prints C initialisers.

Closed forms (Goodman 1965, Quesenberry-Hurst 1964, Bonferroni-Wilson) are
evaluated in mpmath at 50 digits from the defining equations, with the
chi-square quantiles inverted in mpmath too; they are the references at
relative 1e-12.  statsmodels' multinomial_proportions_confint ('goodman',
'sison-glaz') is printed beside them to measure the peer's own error.

Sison-Glaz: c is statsmodels' (its linear scan), and nu(c), nu(c+1) are
recomputed in mpmath at 60 digits with the truncated Poisson moments summed
over the box (statsmodels' factorial-moment formulas, whose cancellation is
harmless at 60 digits), giving gamma and the bounds.
"""
import warnings
import numpy as np
import mpmath as mp
from statsmodels.stats.proportion import multinomial_proportions_confint as smci

warnings.simplefilter("ignore")
mp.mp.dps = 60


def chi2_upper_quantile(alpha, df):
    """x with P(chi2_df > x) = alpha, by mpmath root finding."""
    alpha = mp.mpf(alpha)
    f = lambda x: mp.gammainc(mp.mpf(df) / 2, x / 2, mp.inf, regularized=True) - alpha
    import scipy.stats as st
    x0 = mp.mpf(st.chi2.isf(float(alpha), df))
    return mp.findroot(f, x0, tol=mp.mpf(10) ** -50)


def score_bounds(x, n, a):
    x, n = mp.mpf(x), mp.mpf(n)
    d = a * a + 4 * a * x * (n - x) / n
    # x = 0: the lower root is exactly 0 (at 60 digits the subtraction
    # leaves ~1e-62 of rounding)
    lo = (2 * x + a - mp.sqrt(d)) / (2 * (n + a)) if x > 0 else mp.mpf(0)
    up = (2 * x + a + mp.sqrt(d)) / (2 * (n + a))
    return max(lo, mp.mpf(0)), min(up, mp.mpf(1))


def closed(method, counts, level):
    k, n = len(counts), sum(counts)
    alpha = 1 - mp.mpf(level)
    if method in ("goodman", "wilson-bonferroni"):
        # Wilson at level 1 - alpha/k: z^2 = chi2_1 upper quantile at alpha/k
        a = chi2_upper_quantile(alpha / k, 1)
    else:
        a = chi2_upper_quantile(alpha, k - 1)
    return [score_bounds(x, n, a) for x in counts]


def pois_box(lam, b, a):
    """P(b <= Y <= a) and the factorial moments mu_(r), r = 1..4, of Y
    truncated to [b, a], Y ~ Poisson(lam), by direct summation."""
    if lam == 0:
        return mp.mpf(1), [mp.mpf(0)] * 4
    lam = mp.mpf(lam)
    b, a = int(b), int(a)
    m = int(lam)
    pm = mp.exp(m * mp.log(lam) - lam - mp.loggamma(m + 1))
    s = [mp.mpf(0)] * 5
    def add(j, p):
        f = mp.mpf(1)
        s[0] += p
        for r in range(1, 5):
            f *= (j - r + 1)
            s[r] += p * f
    p = pm
    for j in range(m, a + 1):
        add(j, p)
        p = p * lam / (j + 1)
        if p < mp.mpf(10) ** -400:
            break
    p = pm
    for j in range(m - 1, b - 1, -1):
        p = p * (j + 1) / lam
        add(j, p)
        if p < mp.mpf(10) ** -400:
            break
    return s[0], [s[r] / s[0] for r in range(1, 5)]


def nu(counts, c):
    n = sum(counts)
    logp = mp.mpf(0)
    S1 = S2 = S3 = S4 = S22 = mp.mpf(0)
    for x in counts:
        prob, (f1, f2, f3, f4) = pois_box(x, max(x - c, 0), min(x + c, n))
        logp += mp.log(prob)
        mu = f1
        mu2 = f2 + mu - mu ** 2
        mu3 = f3 + f2 * (3 - 3 * mu) + mu - 3 * mu ** 2 + 2 * mu ** 3
        mu4 = (f4 + f3 * (6 - 4 * mu) + f2 * (7 - 12 * mu + 6 * mu ** 2)
               + mu - 4 * mu ** 2 + 6 * mu ** 3 - 3 * mu ** 4)
        S1 += mu; S2 += mu2; S3 += mu3; S4 += mu4; S22 += mu2 ** 2
    g1 = S3 / S2 ** mp.mpf(1.5)
    g2 = (S4 - 3 * S22) / S2 ** 2
    xx = (n - S1) / mp.sqrt(S2)
    phi = mp.exp(-xx ** 2 / 2) / mp.sqrt(2 * mp.pi)
    H3 = xx ** 3 - 3 * xx
    H4 = xx ** 4 - 6 * xx ** 2 + 3
    H6 = xx ** 6 - 15 * xx ** 4 + 45 * xx ** 2 - 15
    f = phi * (1 + g1 * H3 / 6 + g2 * H4 / 24 + g1 ** 2 * H6 / 72) / mp.sqrt(S2)
    logpn = n * mp.log(n) - n - mp.loggamma(n + 1)
    return mp.exp(logp + mp.log(f) - logpn)


def sm_c(counts, level):
    """statsmodels' c, recovered from the width (2c + 2 gamma)/n of a bound
    pair clipped at neither 0 nor 1; None where statsmodels finds no c."""
    try:
        r = smci(counts, 1 - level, "sison-glaz")
    except Exception:
        return None, None
    n = sum(counts)
    for (x, (lo, up)) in zip(counts, r):
        if lo > 0:
            return int(round(x - lo * n)), r
    # every lower bound clipped at 0 (small counts): scan c in mpmath
    c = 1
    while not (nu(counts, c) <= level < nu(counts, c + 1)):
        c += 1
    return c, r


def sg(counts, level, c):
    n = sum(counts)
    a, b = nu(counts, c), nu(counts, c + 1)
    assert a <= level < b, (counts, c, a, b)
    g = (mp.mpf(level) - a) / (b - a)
    return [(max(mp.mpf(x - c) / n, 0), min(mp.mpf(x + c + 2 * g) / n, 1)) for x in counts], g


def cnum(v):
    return mp.nstr(v, 17, min_fixed=-mp.inf, max_fixed=mp.inf) if v != 0 else "0.0"


def emit(name, counts, level, bounds, sm=None):
    print("  /* %s, level %s; statsmodels: %s */" % (name, level, "n/a" if sm is None else
          " ".join("[%r, %r]" % (float(l), float(u)) for l, u in sm)))
    print("  {%s, {%s}, %d, %s, {%s}}," % (
        name, ", ".join("UINT64_C(%d)" % x for x in counts), len(counts), level,
        ", ".join("{%s, %s}" % (cnum(l), cnum(u)) for l, u in bounds)))


CASES = [
    [231034, 18382, 30749, 5924, 11556, 5347],          # special-camps-1944
    [281780, 659190, 344448, 226127, 27930],            # repatriated-pows-1946
    [28, 16],                                           # camp 048 officers Jan-Aug 1945
    [0, 5, 10],                                         # a zero count
    [1, 0],                                             # n = 1
    [7, 7],                                             # k = n split
    [2000000000, 3000000000, 5, 0],                     # billions with small cells
    [3, 3, 3, 3, 3, 3, 3],                              # Sison-Glaz's k >= 7, small
]
LEVELS = ["0.95", "0.5", "0.9", "0.9999"]

if __name__ == "__main__":
    for method in ("goodman", "qh"):
        print("/* %s */" % method)
        for counts in CASES:
            for lv in LEVELS:
                b = closed(method, counts, lv)
                sm = smci(counts, 1 - float(lv), "goodman") if method == "goodman" else None
                emit("PST_MN_" + ("GOODMAN" if method == "goodman" else "QH"), counts, lv, b, sm)
    print("/* sison-glaz */")
    for counts in [[28, 16], [48, 6], [2, 1, 0], [3, 3, 3, 3, 3, 3, 3], [0, 0, 0, 1, 1, 1, 50],
                   [231034, 18382, 30749, 5924, 11556, 5347],
                   [281780, 659190, 344448, 226127, 27930],
                   [532, 17], [359, 45], [1, 1], [5, 0, 0, 0]]:
        for lv in ["0.95", "0.9", "0.5"]:
            c, r = sm_c(counts, float(lv))
            if c is None:
                print("  /* %s at %s: statsmodels finds no c (fallback expected) */" % (counts, lv))
                continue
            b, g = sg(counts, mp.mpf(lv), c)
            print("  /* c = %d, gamma = %s */" % (c, mp.nstr(g, 17)))
            emit("PST_MN_SISON_GLAZ", counts, lv, b, r)
