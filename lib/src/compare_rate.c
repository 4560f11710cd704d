/* compare_rate.c -- ratio of two person-time rates (references in
 * powstat/compare.h).  Conditional on the total k1 + k2, the deaths in
 * group 1 are binomial with pi = R pt1 / (R pt1 + pt2), so the exact and
 * mid-p intervals are one-proportion intervals of pi (prop.h) mapped back. */
#include "compare_impl.h"
#include "powstat/dist.h"
#include "powstat/prop.h"
#include "powstat/status.h"

#include <math.h>

#define TWO53 9007199254740992.0
#define INF ((double)INFINITY)

/* R = pi / (1 - pi) * pt2 / pt1, with pi = 1 giving +Inf */
static double to_ratio(double pi, double pt1, double pt2)
{
  if (pi >= 1) return INF;
  return pi / (1 - pi) * (pt2 / pt1);
}

int pst_cmp_rates(pst_cmp_method m, uint64_t k1, double pt1, uint64_t k2, double pt2,
                  double level, pst_cmp_ci *out)
{
  double est, z;
  uint64_t n = k1 + k2;
  if (!out || pst_cmp_method_measure(m) != PST_CMP_RATE_RATIO || !(pt1 > 0) || !(pt2 > 0) ||
      !isfinite(pt1) || !isfinite(pt2) || (double)k1 + (double)k2 > TWO53 || !(level > 0 && level < 1))
    return PST_EINVAL;
  est = (k2 > 0) ? ((double)k1 / pt1) / ((double)k2 / pt2) : (k1 > 0 ? INF : (double)NAN);
  out->estimate = est;
  out->status = isfinite(est) ? PST_OK : PST_EUNDEF;
  if (m == PST_CMP_RATE_WALD) {
    double l, se;
    z = pst_normal_quantile(0.5 * (1.0 - level), 0);
    if (k1 == 0 || k2 == 0) {
      out->lower = out->upper = out->p_value = (double)NAN;
      out->status = PST_EUNDEF;
      return PST_OK;
    }
    l = log(est);
    se = sqrt(1.0 / (double)k1 + 1.0 / (double)k2);
    out->lower = exp(l - z * se);
    out->upper = exp(l + z * se);
    out->p_value = erfc(fabs(l / se) / sqrt(2.0));
    return PST_OK;
  }
  if (n == 0) {
    out->lower = 0;
    out->upper = INF;
    out->p_value = 1.0;
    return PST_OK;
  }
  {
    pst_interval ci;
    double pi0 = pt1 / (pt1 + pt2), le, ge, eq, pv;
    int midp = (m == PST_CMP_RATE_MIDP);
    int st = pst_prop_ci(midp ? PST_PROP_MIDP : PST_PROP_CLOPPER_PEARSON, k1, n, level,
                         PST_SIDES_TWO, &ci);
    if (st != PST_OK && st != PST_ENOCONV) return st;
    out->lower = to_ratio(ci.lower, pt1, pt2);
    out->upper = to_ratio(ci.upper, pt1, pt2);
    /* central two-sided p at R = 1 from the same binomial tails */
    le = pst_binom_cdf(k1, n, pi0);
    ge = (k1 == 0) ? 1.0 : pst_binom_sf(k1 - 1, n, pi0);
    if (midp) {
      eq = pst_binom_pmf(k1, n, pi0);
      pv = 2 * fmin(le - 0.5 * eq, ge - 0.5 * eq);
    } else {
      pv = 2 * fmin(le, ge);
    }
    out->p_value = fmin(1.0, pv);
    return st;
  }
}
