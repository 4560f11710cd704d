/* dist_root.c -- safeguarded Newton iteration for monotone functions.
 *
 * Every root the library needs (beta quantiles, mid-p and likelihood-ratio
 * bounds) is the crossing of a monotone function whose derivative is known
 * in closed form.  Newton's method converges quadratically near the root,
 * and for the concave log tail probabilities used here it approaches the
 * root monotonically from one side; the bracket guards the other cases.
 * Termination is by design: at most PST__ROOT_MAXIT evaluations, and each
 * evaluation either shrinks the bracket or is a Newton step inside it. */
#include "powstat/status.h"
#include "dist_impl.h"

#include <float.h>
#include <math.h>

/* Point inside (lo, hi): geometric mean when the bracket spans orders of
 * magnitude near 0 (or near 1, in 1 - x), else the midpoint. */
static double split(double lo, double hi)
{
  if (lo == 0 && hi <= 0.5) return hi * 0x1p-30;
  if (lo > 0 && hi <= 0.5 && hi > 4 * lo) return sqrt(lo) * sqrt(hi);
  if (hi == 1 && lo >= 0.5) return 1.0 - (1.0 - lo) * 0x1p-30;
  if (lo >= 0.5 && hi < 1 && (1 - lo) > 4 * (1 - hi)) return 1.0 - sqrt(1 - lo) * sqrt(1 - hi);
  return lo + 0.5 * (hi - lo);
}

int pst__root(pst__fdf fdf, void *ctx, double lo, double hi, double x0, int incr, int mode,
              double *root)
{
  double x = (x0 > lo && x0 < hi) ? x0 : split(lo, hi);
  double best = x, bestf = PST__INF, lastf = PST__INF;
  int slow = 0;
  for (int it = 0; it < PST__ROOT_MAXIT; it++) {
    double f, df;
    int st = fdf(x, ctx, &f, &df);
    if (st != PST_OK || isnan(f)) {
      *root = best;
      return st != PST_OK ? st : PST_ENOCONV;
    }
    if (fabs(f) < bestf) {
      bestf = fabs(f);
      best = x;
    }
    if (f == 0) {
      *root = x;
      return PST_OK;
    }
    if ((f < 0) == (incr != 0))
      lo = x; /* root above x */
    else
      hi = x;
    if (hi - lo <= 4 * DBL_EPSILON * fmax(fabs(lo), fabs(hi))) {
      *root = best;
      return PST_OK;
    }
    /* Newton step in the chosen variable (x, log x or log(1-x)); the step
     * counts as slow if |f| did not at least halve. */
    double xn = PST__NAN;
    if (isfinite(f) && isfinite(df) && df != 0) {
      double dx = -f / df;
      int m = (mode == 3) ? (x <= 0.5 ? 1 : 2) : mode;
      if (m == 1 && x > 0)
        xn = x * exp(dx / x);
      else if (m == 2 && x < 1)
        xn = 1.0 - (1.0 - x) * exp(-dx / (1.0 - x));
      else
        xn = x + dx;
      slow = (fabs(f) > 0.5 * lastf) ? slow + 1 : 0;
    }
    lastf = fabs(f);
    if (fabs(xn - x) <= 2 * DBL_EPSILON * fabs(x)) {
      /* Converged: the step is below 2 ulp (it may round onto x itself,
       * i.e. onto a bracket end, which must not count as leaving it). */
      *root = fmin(fmax(xn, lo), hi);
      return PST_OK;
    }
    if (!(xn > lo && xn < hi) || slow >= 3) {
      double xe = xn; /* Newton estimate, possibly outside the bracket */
      xn = split(lo, hi);
      if (!(xn > lo && xn < hi)) xn = lo + 0.5 * (hi - lo);
      if (!(xn > lo && xn < hi)) {
        /* No double strictly inside the bracket: the root is within one
         * ulp of an end (or below the smallest subnormal, or above the last
         * double below 1).  Return the end nearer the Newton estimate. */
        if (isnan(xe)) xe = x;
        *root = (fabs(xe - lo) <= fabs(hi - xe)) ? lo : hi;
        if (lo == 0 && hi < DBL_MIN) *root = 0; /* underflow: flush as R does */
        return PST_OK;
      }
      slow = 0;
    }
    x = xn;
  }
  *root = best;
  return PST_ENOCONV;
}
