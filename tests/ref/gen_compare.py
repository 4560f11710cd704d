#!/usr/bin/python3
"""Reference values for tests/test_compare.c and test_tests2x2.c from
statsmodels 0.13.5 and scipy 1.10 (Debian 12).  Run with Debian's python:
    /usr/bin/python3 tests/ref/gen_compare.py > compare_ref_py.csv
Output lines: case,quantity,value (17 significant digits).

Calls used (alpha = 1 - level):
  confint_proportions_2indep(k1, n1, k2, n2, compare='diff', method='wald' |
      'agresti-caffo' | 'newcomb')        -- NOT method='score' for 'diff'
      (wrong in 0.13.5, statsmodels issue #10269; TECH-NOTES)
  confint_proportions_2indep(..., compare='ratio', method='log' | 'score',
      correction=False (Koopman) | True (Miettinen-Nurminen))
  confint_proportions_2indep(..., compare='odds-ratio', method='logit' |
      'score', correction=True (MN) | False (Cornfield, uncorrected))
  scipy.stats.fisher_exact(table)[1]; scipy.stats.contingency.odds_ratio(
      table, kind='conditional') and .confidence_interval(level)
"""
import numpy as np
from scipy import stats
from scipy.stats import contingency
from statsmodels.stats.proportion import confint_proportions_2indep

CASES = {
    "newcombe": (56, 70, 48, 80), "article": (8193, 680921, 41, 120000),
    "zero1": (0, 10, 5, 20), "kn": (5, 5, 2, 10), "n1": (1, 1, 0, 1),
    "small": (3, 17, 9, 21), "millions": (3300000, 5700000, 442100, 3576300),
    "rare": (0, 1000000, 3, 1000000), "gulag": (60948, 689550, 8252, 218993),
}


def out(case, q, v):
    print("%s,%s,%.17g" % (case, q, v))


for name, (k1, n1, k2, n2) in CASES.items():
    for level in (0.95, 0.5, 0.9999):
        cs = "%s@%g" % (name, level)
        a = 1 - level
        for meth, key in (("wald", "wald"), ("agresti-caffo", "agresti-caffo"), ("newcomb", "newcombe")):
            lo, hi = confint_proportions_2indep(k1, n1, k2, n2, compare="diff", method=meth, alpha=a)
            out(cs, "diff.%s.lower" % key, lo)
            out(cs, "diff.%s.upper" % key, hi)
        if k1 > 0 and k2 > 0:
            lo, hi = confint_proportions_2indep(k1, n1, k2, n2, compare="ratio", method="log", alpha=a)
            out(cs, "ratio.katz.lower", lo)
            out(cs, "ratio.katz.upper", hi)
        if k1 > 0 and k2 > 0 and k1 < n1 and k2 < n2:
            for corr, key in ((False, "koopman"), (True, "mn")):
                lo, hi = confint_proportions_2indep(k1, n1, k2, n2, compare="ratio", method="score",
                                                    correction=corr, alpha=a)
                out(cs, "ratio.%s.lower" % key, lo)
                out(cs, "ratio.%s.upper" % key, hi)
            lo, hi = confint_proportions_2indep(k1, n1, k2, n2, compare="odds-ratio", method="logit", alpha=a)
            out(cs, "or.woolf.lower", lo)
            out(cs, "or.woolf.upper", hi)
            for corr, key in ((True, "mn"), (False, "cornfield")):
                lo, hi = confint_proportions_2indep(k1, n1, k2, n2, compare="odds-ratio", method="score",
                                                    correction=corr, alpha=a)
                out(cs, "or.%s.lower" % key, lo)
                out(cs, "or.%s.upper" % key, hi)
        table = np.array([[k1, n1 - k1], [k2, n2 - k2]])
        if level == 0.95 and n1 + n2 < 1e5:
            out(cs, "fisher_p_scipy", stats.fisher_exact(table)[1])
        if n1 + n2 < 1e5:
            r = contingency.odds_ratio(table, kind="conditional")
            ci = r.confidence_interval(confidence_level=level)
            out(cs, "or.exact.est_scipy", r.statistic)
            out(cs, "or.exact.lower_scipy", ci.low)
            out(cs, "or.exact.upper_scipy", ci.high)
