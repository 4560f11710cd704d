/* dist_betainv.c -- quantile of the beta distribution.
 *
 * Solves log P(tail) (x) = log p by pst__root: in the tail whose target is
 * at most 1/2 (so the target is never formed as 1 - tiny), with Newton
 * steps in log x below 1/2 and in log(1-x) above, where the log tail is
 * close to linear (log I_x ~ a log x as x -> 0) and the small one of x,
 * 1 - x keeps its relative precision.
 * The derivative is d/dx log I_x = f(x)/I_x, available from the same
 * evaluation.  Start: AS 109 (Cran, Martin & Thomas 1977), the
 * Cornish-Fisher-type approximation of Carter (1947) for a, b > 1 and the
 * chi-square/Wilson-Hilferty form otherwise. */
#include "powstat/dist.h"
#include "powstat/status.h"
#include "dist_impl.h"

#include <math.h>

#include <gsl/gsl_cdf.h>

#define LN2 0.693147180559945309417232121458

typedef struct {
  double a, b, target;
  int upper;
} bq_ctx;

static int bq_fdf(double x, void *vc, double *f, double *df)
{
  const bq_ctx *c = vc;
  double lo, up, ld;
  int st = pst__beta_tails(x, 1.0 - x, c->a, c->b, &lo, &up, &ld);
  if (!c->upper) {
    *f = lo - c->target;
    *df = exp(ld - lo);
  } else {
    *f = up - c->target;
    *df = -exp(ld - up);
  }
  return st == PST_ENOCONV ? PST_OK : st; /* a rare inexact tail still steers */
}

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
  bq_ctx c = {a, b, 0, 0};
  double x0;
  if (llo <= -LN2) {
    c.target = llo;
    x0 = start_value(llo, a, b);
  } else {
    c.target = lup;
    c.upper = 1;
    x0 = 1.0 - start_value(lup, b, a);
  }
  return pst__root(bq_fdf, &c, 0.0, 1.0, x0, !c.upper, 3, result);
}

double pst_beta_quantile(double p, double a, double b, int lower_tail)
{
  double x;
  int st = pst_beta_quantile_e(p, a, b, lower_tail, 0, &x);
  return st == PST_OK ? x : PST__NAN;
}
