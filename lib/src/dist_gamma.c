/* dist_gamma.c -- Poisson tails and integer-shape gamma quantiles in log
 * space (see powstat/dist_gamma.h for the method and references).  The
 * saddle-point pieces (stirlerr, bd0, root finder) are the library's shared
 * internals in dist_impl.h, so the Poisson and binomial densities agree. */
#include "powstat/dist_gamma.h"
#include "powstat/dist.h"
#include "powstat/status.h"
#include "dist_impl.h"

#include <float.h>
#include <math.h>

#define TWO53 9007199254740992.0
#define LN_2PI 1.837877066409345483560659472811

double pst_pois_logpmf(uint64_t k, double mu)
{
  double x = (double)k;
  if (!(mu >= 0) || !isfinite(mu) || x > TWO53) return PST__NAN;
  if (mu == 0) return k == 0 ? 0.0 : -PST__INF;
  if (k == 0) return -mu;
  /* Loader (2000): dpois(x; mu) = exp(-stirlerr(x) - bd0(x, mu)) / sqrt(2 pi x) */
  return -pst__stirlerr(x) - pst__bd0(x, mu, x - mu) - 0.5 * (LN_2PI + log(x));
}

/* log of sum_j t_j with t_0 = first and t_{j+1} = t_j * ratio(j) < 1,
 * stopping when a term no longer changes the sum.  The caps keep any call
 * finite: the terms of both series fall below 1e-17 of the sum within
 * 10 sqrt(k) + 100 steps. */
static double log_series_lower(double k, double mu)
{
  /* sum_{j=0}^{k} k!/(k-j)! mu^-j, for mu > k */
  double s = 1.0, t = 1.0;
  for (double j = 0; j < k; j++) {
    t *= (k - j) / mu;
    double s1 = s + t;
    if (s1 == s) break;
    s = s1;
  }
  return log(s);
}

static double log_series_upper(double k, double mu)
{
  /* sum_{j>=1} mu^j k!/(k+j)!, for mu <= k (ratio mu/(k+j+1) < 1) */
  double t = mu / (k + 1), s = t;
  if (t == 0) return -PST__INF;
  for (double j = 1; j < 1e12; j++) {
    t *= mu / (k + j + 1);
    double s1 = s + t;
    if (s1 == s) break;
    s = s1;
  }
  return log(s);
}

int pst_pois_cdf_e(uint64_t k, double mu, int lower_tail, int log_p, double *result)
{
  double x = (double)k, ll, lu;
  if (!(mu >= 0) || !isfinite(mu) || x > TWO53 || !result) return PST_EINVAL;
  if (mu == 0) {
    ll = 0.0;
    lu = -PST__INF;
  } else {
    double lp = pst_pois_logpmf(k, mu);
    if (mu > x) {
      ll = lp + log_series_lower(x, mu);
      lu = pst__log1mexp(fmin(ll, 0.0));
    } else {
      lu = lp + log_series_upper(x, mu);
      ll = pst__log1mexp(fmin(lu, 0.0));
    }
  }
  {
    double l = lower_tail ? ll : lu;
    *result = log_p ? l : exp(l);
  }
  return PST_OK;
}

typedef struct {
  uint64_t a;    /* shape */
  int lower;     /* solve on the lower tail P(G <= x) (else upper) */
  double logp;   /* target log probability of that tail */
} gq_ctx;

/* f(x) = log P(tail) - log p with d/dx P(G <= x) = dpois(a-1; x). */
static int gq_fdf(double x, void *vctx, double *f, double *df)
{
  const gq_ctx *c = vctx;
  double lt, ld = pst_pois_logpmf(c->a - 1, x);
  /* P(G <= x) = P(Poisson(x) > a - 1); P(G > x) = P(Poisson(x) <= a - 1) */
  int st = pst_pois_cdf_e(c->a - 1, x, !c->lower, 1, &lt);
  if (st != PST_OK) return st;
  *f = lt - c->logp;
  *df = (c->lower ? 1.0 : -1.0) * exp(ld - lt);
  return PST_OK;
}

int pst_gamma_quantile_int_e(double p, uint64_t a, int lower_tail, double *result)
{
  double an = (double)a, z, x0, hi, q;
  gq_ctx c;
  if (a == 0 || an > TWO53 || !(p >= 0 && p <= 1) || !result) return PST_EINVAL;
  if (p == (lower_tail ? 0.0 : 1.0)) { *result = 0.0; return PST_OK; }
  if (p == (lower_tail ? 1.0 : 0.0)) { *result = PST__INF; return PST_OK; }
  /* Solve on the smaller tail so that its probability keeps full relative
   * precision (1 - p is exact for p >= 1/2). */
  c.a = a;
  if (p <= 0.5) {
    c.lower = lower_tail;
    q = p;
  } else {
    c.lower = !lower_tail;
    q = 1.0 - p;
  }
  c.logp = log(q);
  /* Wilson-Hilferty start; z is the standard normal quantile of the lower
   * tail probability. */
  z = pst_normal_quantile(q, c.lower);
  {
    double h = 1.0 / (9.0 * an), w = 1.0 - h + z * sqrt(h);
    x0 = (w > 0) ? an * w * w * w : 0.5 * an;
  }
  /* The upper tail of Gamma(a) at a + t sqrt(a) is below exp(-t^2/2) for
   * t <= sqrt(a), and below exp(-(x - a)/2) beyond: this bracket holds for
   * p >= 1e-300. */
  hi = an + 40.0 * sqrt(an) + 1500.0;
  if (!(x0 > 0 && x0 < hi)) x0 = an;
  return pst__root(gq_fdf, &c, 0.0, hi, x0, c.lower, 1, result);
}
