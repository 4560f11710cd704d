/* dist_betainv.c -- quantile of the beta distribution.
 *
 * Solves log P(tail) (x) = log p in the tail whose target is at most 1/2
 * (so the target is never formed as 1 - tiny), with Halley steps in log x
 * below 1/2 and in log(1-x) above, where the log tail is close to linear
 * (log I_x ~ a log x as x -> 0) and the small one of x, 1 - x keeps its
 * relative precision (halley() below; the bracketing and bisection
 * safeguards are those of pst__root).  Both derivatives come from the same
 * evaluation: d/dx log I_x = f(x)/I_x and the log-density slope.  Start:
 * AS 109 (Cran, Martin & Thomas 1977), the Cornish-Fisher-type
 * approximation of Carter (1947) for a, b > 1 and the
 * chi-square/Wilson-Hilferty form otherwise; from there two evaluations
 * usually suffice at large a, b (the second confirms a step whose
 * predicted error is below 0.1 ulp). */
#include "powstat/dist.h"
#include "powstat/status.h"
#include "dist_impl.h"

#include <float.h>
#include <math.h>

#include <gsl/gsl_cdf.h>

#define LN2 0.693147180559945309417232121458

/* z with Q(z) = exp(lq), lq <= log 1/2, also when exp(lq) underflows. */
static double upper_z(double lq)
{
  if (lq > -700) return gsl_cdf_ugaussian_Qinv(exp(lq));
  /* Q(z) ~ phi(z)/z: -z^2/2 - log z - log sqrt(2 pi) = lq, two fixed-point
   * steps are plenty for a starting value. */
  double z = sqrt(-2 * lq);
  for (int i = 0; i < 3; i++) z = sqrt(-2 * (lq + log(z) + 0.918938533204672741780329736406));
  return z;
}

/* AS 109 starting value for the x with I_x(pp, qq) = exp(la), la <= log 1/2. */
static double start_value(double la, double pp, double qq)
{
  double y = upper_z(la), x;
  if (pp > 1 && qq > 1) {
    double r = (y * y - 3.0) / 6.0, s = 1.0 / (2 * pp - 1), t = 1.0 / (2 * qq - 1);
    double h = 2.0 / (s + t);
    double w = y * sqrt(h + r) / h - (t - s) * (r + 5.0 / 6.0 - 2.0 / (3.0 * h));
    x = pp / (pp + qq * exp(2 * w));
  } else {
    double lbeta = lgamma(pp) + lgamma(qq) - lgamma(pp + qq);
    double r = 2 * qq, t = 1.0 / (9.0 * qq);
    double c = 1.0 - t + y * sqrt(t);
    t = r * c * c * c;
    if (t <= 0)
      x = -expm1((pst__log1mexp(la) + log(qq) + lbeta) / qq);
    else {
      t = (4 * pp + r - 2) / t;
      x = (t <= 1) ? exp((la + log(pp) + lbeta) / pp) : 1.0 - 2.0 / (t + 1.0);
    }
  }
  return x;
}

/* Point inside (lo, hi), as pst__root's bisection: geometric where the
 * bracket spans orders of magnitude near 0 (or, in 1 - x, near 1). */
static double split(double lo, double hi)
{
  if (lo == 0 && hi <= 0.5) return hi * 0x1p-30;
  if (lo > 0 && hi <= 0.5 && hi > 4 * lo) return sqrt(lo) * sqrt(hi);
  if (hi == 1 && lo >= 0.5) return 1.0 - (1.0 - lo) * 0x1p-30;
  if (lo >= 0.5 && hi < 1 && (1 - lo) > 4 * (1 - hi)) return 1.0 - sqrt(1 - lo) * sqrt(1 - hi);
  return lo + 0.5 * (hi - lo);
}

/* Solve F(x) = log T(x) - target = 0, T the lower tail I_x(a,b) or the
 * upper tail 1 - I_x(a,b), by Halley's method in s = log x (x <= 1/2) or
 * s = log(1 - x) (x > 1/2), inside a shrinking bracket.  With rho =
 * f(x)/T(x) (density over tail, from the same evaluation) and
 * (log f)' = (a-1)/x - (b-1)/(1-x):
 *   lower: F' = rho,  F'' = rho ((log f)' - rho);
 *   upper: F' = -rho, F'' = -rho ((log f)' + rho);
 * then dF/ds = x F' and d2F/ds2 = x F' + x^2 F'' for s = log x (and
 * -y F', -y F' + y^2 F'' for s = log y).  The Halley step
 *   ds = N / (1 + N F_ss / (2 F_s)),  N = -F / F_s (the Newton step),
 * converges cubically, its error being about c^2 |ds|^3 with c =
 * |F_ss / (2 F_s)|; once that is below 1e-17 (a tenth of an ulp in the
 * relative precision of x or 1 - x) and the step itself is below 1e-5
 * relative (so that the derivatives at x describe the function over the
 * step: far in a tail F is nearly linear, c tiny, but a long Newton step
 * must still be checked), the step is accepted without another
 * evaluation.  From the AS 109 start this takes 2 evaluations at large
 * a, b (3-4 at small ones) where Newton took 3-5.  A step leaving the
 * bracket, or three steps that fail to halve |F|, are replaced by
 * bisection; at most PST__ROOT_MAXIT evaluations. */
static int halley(double a, double b, double target, int upper, double x0, double *result)
{
  double lo = 0.0, hi = 1.0, x = (x0 > 0 && x0 < 1) ? x0 : 0.5;
  double best = x, bestf = PST__INF, lastf = PST__INF;
  int slow = 0;
  for (int it = 0; it < PST__ROOT_MAXIT; it++) {
    double y = 1.0 - x, lt, ut, ld;
    int st = pst__beta_tails(x, y, a, b, &lt, &ut, &ld);
    if (st != PST_OK && st != PST_ENOCONV) { /* a rare inexact tail still steers */
      *result = best;
      return st;
    }
    double tail = upper ? ut : lt, F = tail - target;
    if (isnan(F)) {
      *result = best;
      return PST_ENOCONV;
    }
    if (fabs(F) < bestf) {
      bestf = fabs(F);
      best = x;
    }
    if (F == 0) {
      *result = x;
      return PST_OK;
    }
    /* T increasing in x for the lower tail: F < 0 means the root is above */
    if ((F < 0) != (upper != 0))
      lo = x;
    else
      hi = x;
    if (hi - lo <= 4 * DBL_EPSILON * fmax(fabs(lo), fabs(hi))) {
      *result = best;
      return PST_OK;
    }
    double rho = exp(ld - tail), dlf = (a - 1.0) / x - (b - 1.0) / y;
    double F1 = upper ? -rho : rho;
    double F2 = upper ? -rho * (dlf + rho) : rho * (dlf - rho);
    int in_log_x = x <= 0.5;
    double g1 = in_log_x ? x * F1 : -y * F1;
    double g2 = in_log_x ? x * F1 + x * x * F2 : -y * F1 + y * y * F2;
    double xn = PST__NAN, err = PST__INF;
    if (isfinite(g1) && g1 != 0 && isfinite(F)) {
      double N = -F / g1, c = isfinite(g2) ? fabs(g2 / (2.0 * g1)) : PST__INF;
      double den = 1.0 + N * g2 / (2.0 * g1), ds;
      if (den >= 0.5 && den <= 2.0) {
        ds = N / den;
        err = c * c * fabs(ds) * ds * ds;
      } else {
        ds = N; /* far from the root: Newton, kept safe by the bracket */
        err = c * ds * ds;
      }
      /* x e^ds as x + x expm1(ds): near the root the correction is tiny
       * and the new point carries one rounding (x e^ds would add the
       * rounding of e^ds, about an ulp, to an otherwise exact step). */
      xn = in_log_x ? x + x * expm1(ds) : x - y * expm1(ds);
      slow = (fabs(F) > 0.5 * lastf) ? slow + 1 : 0;
    }
    lastf = fabs(F);
    if (xn > lo && xn < hi && ((err <= 1e-17 && fabs(xn - x) <= 1e-5 * fmin(x, 1.0 - x)) ||
                               fabs(xn - x) <= 2 * DBL_EPSILON * x)) {
      *result = xn; /* converged: the remaining error is below 0.1 ulp */
      return PST_OK;
    }
    if (fabs(xn - x) <= 2 * DBL_EPSILON * x) {
      *result = fmin(fmax(xn, lo), hi); /* rounded onto a bracket end */
      return PST_OK;
    }
    if (!(xn > lo && xn < hi) || slow >= 3) {
      double xe = xn;
      xn = split(lo, hi);
      if (!(xn > lo && xn < hi)) xn = lo + 0.5 * (hi - lo);
      if (!(xn > lo && xn < hi)) {
        /* no double strictly inside: the root is within an ulp of an end */
        if (isnan(xe)) xe = x;
        *result = (fabs(xe - lo) <= fabs(hi - xe)) ? lo : hi;
        if (lo == 0 && hi < DBL_MIN) *result = 0; /* underflow: flush as R does */
        return PST_OK;
      }
      slow = 0;
    }
    x = xn;
  }
  *result = best;
  return PST_ENOCONV;
}

int pst_beta_quantile_e(double p, double a, double b, int lower_tail, int log_p, double *result)
{
  if (!result || !(a > 0 && b > 0 && isfinite(a) && isfinite(b))) return PST_EINVAL;
  if (log_p ? !(p <= 0) : !(p >= 0 && p <= 1)) return PST_EINVAL;
  /* log of the lower- and upper-tail targets; work in the smaller. */
  double l = log_p ? p : log(p);
  double lc = log_p ? pst__log1mexp(p) : log1p(-p);
  if (!log_p && p > 0.5) lc = log(1.0 - p); /* 1 - p exact here */
  double llo = lower_tail ? l : lc, lup = lower_tail ? lc : l;
  if (llo == -PST__INF) {
    *result = 0;
    return PST_OK;
  }
  if (lup == -PST__INF) {
    *result = 1;
    return PST_OK;
  }
  int upper = 0;
  double target, x0;
  if (llo <= -LN2) {
    target = llo;
    x0 = start_value(llo, a, b);
  } else {
    target = lup;
    upper = 1;
    x0 = 1.0 - start_value(lup, b, a);
  }
  return halley(a, b, target, upper, x0, result);
}

double pst_beta_quantile(double p, double a, double b, int lower_tail)
{
  double x;
  int st = pst_beta_quantile_e(p, a, b, lower_tail, 0, &x);
  return st == PST_OK ? x : PST__NAN;
}
