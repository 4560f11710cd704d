/* powstat/prop.h -- confidence intervals for one binomial proportion.
 *
 * k deaths among n captured give the mortality proportion p = k/n.  Every
 * method returns an interval [lower, upper] inside [0, 1], never NaN, for
 * 0 <= k <= n <= PST_PROP_NMAX and 0 < level < 1.
 *
 * Methods and references (alpha = 1 - level; z = Phi^-1(1 - alpha/2) for a
 * two-sided interval, Phi^-1(1 - alpha) for a one-sided bound):
 *   PST_PROP_WALD            p +- z sqrt(p(1-p)/n), clipped to [0,1]
 *                            (Laplace 1812; the textbook large-sample interval).
 *   PST_PROP_WILSON          score interval, Wilson E.B. (1927) JASA 22:209-212,
 *                            eq. as in Newcombe (1998) Stat Med 17:857-872, method 3.
 *   PST_PROP_WILSON_CC       Wilson with continuity correction, Newcombe (1998)
 *                            method 4 (= R prop.test(correct=TRUE) interval).
 *   PST_PROP_AGRESTI_COULL   Agresti A., Coull B.A. (1998) Am Stat 52:119-126:
 *                            Wald on n~ = n + z^2, p~ = (k + z^2/2)/n~.
 *   PST_PROP_JEFFREYS        equal-tailed Beta(k+1/2, n-k+1/2) quantiles; bounds
 *                            0 at k = 0 and 1 at k = n (Brown, Cai, DasGupta
 *                            2001, Stat Sci 16:101-133).
 *   PST_PROP_CLOPPER_PEARSON exact: Beta(k, n-k+1) and Beta(k+1, n-k) quantiles,
 *                            Clopper C.J., Pearson E.S. (1934) Biometrika 26:404-413.
 *   PST_PROP_MIDP            mid-p exact: solves P(X>k)+P(X=k)/2 = alpha/2 (lower)
 *                            and P(X<k)+P(X=k)/2 = alpha/2 (upper); Lancaster
 *                            (1961), Berry & Armitage (1995) Statistician 44:417-423.
 *   PST_PROP_LR              likelihood ratio: {p : 2[l(phat) - l(p)] <= chi2_1(level)}
 *                            for two-sided (z^2 = chi2_1); one-sided uses z of 1-alpha.
 *
 * Beta quantiles are computed by this library's own bracketed inversion of a
 * log-space incomplete beta (see dist.h), not GSL's, which fails or hangs at
 * the counts of this project (TECH-NOTES).  k = 0 and k = n have closed forms.
 *
 * Containing k/n: the equal-tailed Jeffreys and mid-p bounds can fall on the
 * far side of k/n at low levels (always for one-sided level 0.5, where they
 * are the posterior / mid-p median; for two-sided levels below about 0.2).
 * Such a bound is replaced by k/n, so there the result differs from the
 * peers' unclipped value.  A one-sided level below 0.5 gives the bound k/n
 * for every method (z is taken as 0 rather than negative).
 *
 * Accuracy (tests/test_prop.c): relative 1e-9 or better against R 4.2 and
 * statsmodels/scipy/mpmath for all eight methods, one- and two-sided, up to
 * n = 2e9; measured maxima 1e-13 or below except where a peer itself is off
 * (documented in the test).  Time (bench/bench_prop.c): closed forms about
 * 0.1 us; Clopper-Pearson about 1 us, mid-p about 3 us on average over n up
 * to 1e9 (Jeffreys at k = 0 or k = n, which falls back to quadrature, up to
 * 25 us); every iteration is capped, no call can hang.
 */
#ifndef POWSTAT_PROP_H
#define POWSTAT_PROP_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Largest n accepted: 2^53, so that every count is exact in a double. */
#define PST_PROP_NMAX 9007199254740992.0

typedef enum {
  PST_PROP_WALD = 0,
  PST_PROP_WILSON,
  PST_PROP_WILSON_CC,
  PST_PROP_AGRESTI_COULL,
  PST_PROP_JEFFREYS,
  PST_PROP_CLOPPER_PEARSON,
  PST_PROP_MIDP,
  PST_PROP_LR,
  PST_PROP_NMETHODS
} pst_prop_method;

typedef enum {
  PST_SIDES_TWO = 0, /* two-sided interval at `level` */
  PST_SIDES_LOWER,   /* one-sided lower bound at `level`: [lower, 1] */
  PST_SIDES_UPPER    /* one-sided upper bound at `level`: [0, upper] */
} pst_sides;

typedef struct {
  double lower;
  double upper;
} pst_interval;

/* Interval for k successes out of n trials.
 * Returns PST_OK; PST_EINVAL if n == 0, k > n, n > PST_PROP_NMAX, level not in
 * (0,1), or method/sides out of range (out untouched); PST_ENOCONV if an
 * iterative inversion failed (should not happen; tested) -- out then holds
 * the best bracket found.  Bounds satisfy 0 <= lower <= k/n <= upper <= 1. */
int pst_prop_ci(pst_prop_method method, uint64_t k, uint64_t n, double level,
                pst_sides sides, pst_interval *out);

/* Canonical CLI name of a method ("wald", "wilson", "wilson-cc",
 * "agresti-coull", "jeffreys", "clopper-pearson", "mid-p", "lr"); NULL if out
 * of range. */
const char *pst_prop_method_name(pst_prop_method method);

/* Parse a canonical name (case-sensitive); PST_OK or PST_ENOTFOUND. */
int pst_prop_method_parse(const char *name, pst_prop_method *method);

/* Citation of the method, e.g. "Wilson (1927)"; NULL if out of range. */
const char *pst_prop_method_ref(pst_prop_method method);

#ifdef __cplusplus
}
#endif
#endif
