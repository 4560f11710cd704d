/* compare_root.c -- bracketed root finding for the interval bounds of the
 * comparison methods (score and exact intervals are the crossings of a
 * monotone statistic with its critical value). */
#include "compare_impl.h"
#include "powstat/status.h"
#include "powstat/tests2x2.h"

#include <float.h>
#include <math.h>
#include <stddef.h>

int pst__cmp_brent(pst__cmp_fn g, void *ctx, double a, double b, double *root)
{
  double fa = g(a, ctx), fb = g(b, ctx), c, fc, d, e;
  if (fa == 0) { *root = a; return PST_OK; }
  if (fb == 0) { *root = b; return PST_OK; }
  if (isnan(fa) || isnan(fb) || (fa > 0) == (fb > 0)) return PST_EINVAL;
  c = a;
  fc = fa;
  d = e = b - a;
  for (int it = 0; it < 300; it++) {
    double tol, m, p, q, r, s;
    if ((fb > 0) == (fc > 0)) {
      c = a;
      fc = fa;
      d = e = b - a;
    }
    if (fabs(fc) < fabs(fb)) {
      a = b; b = c; c = a;
      fa = fb; fb = fc; fc = fa;
    }
    tol = 2 * DBL_EPSILON * fmax(1.0, fabs(b));
    m = 0.5 * (c - b);
    if (fabs(m) <= tol || fb == 0) {
      *root = b;
      return PST_OK;
    }
    if (fabs(e) >= tol && fabs(fa) > fabs(fb)) {
      s = fb / fa;
      if (a == c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        q = fa / fc;
        r = fb / fc;
        p = s * (2 * m * q * (q - r) - (b - a) * (r - 1));
        q = (q - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q; else p = -p;
      if (2 * p < fmin(3 * m * q - fabs(tol * q), fabs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += (fabs(d) > tol) ? d : (m > 0 ? tol : -tol);
    fb = g(b, ctx);
    if (isnan(fb)) { *root = a; return PST_ENOCONV; }
  }
  *root = b;
  return PST_ENOCONV;
}

int pst__cmp_bound(pst__cmp_fn g, void *ctx, double x0, double step, double limit, double *root)
{
  double prev = x0, x = x0, dir = limit > x0 ? 1.0 : -1.0;
  step = fabs(step);
  if (!(step > 0)) step = 1e-3 * fmax(1.0, fabs(x0));
  for (int it = 0; it < 2000; it++) {
    x = prev + dir * step;
    if ((dir > 0 && x >= limit) || (dir < 0 && x <= limit)) {
      x = limit;
      if (g(x, ctx) < 0) { *root = limit; return PST_OK; }
      return pst__cmp_brent(g, ctx, prev, x, root);
    }
    if (g(x, ctx) >= 0) return pst__cmp_brent(g, ctx, prev, x, root);
    prev = x;
    step *= 2;
  }
  *root = x;
  return PST_ENOCONV;
}

double pst__cmp_p_chisq(double x2)
{
  double p;
  pst_chisq1_sf(x2, &p, NULL);
  return p;
}
