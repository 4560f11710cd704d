/* multinom_chisq.c -- Pearson chi-square test of homogeneity of two
 * compositions, with adjusted standardised residuals. */
#include "multinom_impl.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_gamma.h>
#include <math.h>

#define LN10 2.302585092994045684017991

/* log Q(a, x) for x >= a + 1 by the continued fraction of the upper
 * incomplete gamma function (DLMF 8.9.2; modified Lentz, as in Numerical
 * Recipes' gcf), which converges in a few dozen terms there and never
 * forms Q itself, so that it survives where Q underflows. */
static int log_gamma_q_cf(double a, double x, double *result)
{
  const double tiny = 1e-300;
  double b = x + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
  for (int i = 1; i < 10000; i++) {
    double an = -i * (i - a), del;
    b += 2;
    d = an * d + b;
    if (fabs(d) < tiny) d = tiny;
    c = b + an / c;
    if (fabs(c) < tiny) c = tiny;
    d = 1 / d;
    del = d * c;
    h *= del;
    if (fabs(del - 1) < 1e-16) {
      *result = -x + a * log(x) - lgamma(a) + log(h);
      return PST_OK;
    }
  }
  *result = -x + a * log(x) - lgamma(a) + log(h);
  return PST_ENOCONV;
}

/* log P(chi2_df > x): the continued fraction above its convergence edge,
 * GSL's Q below (where Q > 0.05, no underflow possible). */
static int chisq_log_sf(double x, double df, double *logp)
{
  double a = df / 2, h = x / 2;
  gsl_sf_result r;
  if (h >= a + 1) return log_gamma_q_cf(a, h, logp);
  if (gsl_sf_gamma_inc_Q_e(a, h, &r) != GSL_SUCCESS || !(r.val > 0)) return PST_ENOCONV;
  *logp = log(r.val);
  return PST_OK;
}

int pst_chisq_log10_sf(double x, double df, double *result)
{
  double l;
  int st;
  if (!(x >= 0) || !(df > 0) || !isfinite(x) || !isfinite(df)) return PST_EINVAL;
  if (x == 0) {
    *result = 0;
    return PST_OK;
  }
  st = chisq_log_sf(x, df, &l);
  *result = l / LN10;
  return st;
}

int pst_chisq_homogeneity(const uint64_t *a, const uint64_t *b, size_t k, pst_chisq_result *res,
                          double *expected_a, double *expected_b, double *resid_a,
                          double *resid_b)
{
  double ra = 0, rb = 0, n, x2 = 0, minexp = (double)INFINITY, logp = 0;
  size_t used = 0, small = 0;
  int st;
  if (!a || !b || !res || k < 2 || k > PST_MN_KMAX) return PST_EINVAL;
  for (size_t j = 0; j < k; j++) {
    ra += (double)a[j];
    rb += (double)b[j];
    if (a[j] + b[j] > 0) used++;
  }
  n = ra + rb;
  if (ra == 0 || rb == 0 || used < 2) return PST_EUNDEF;
  for (size_t j = 0; j < k; j++) {
    double cj = (double)a[j] + (double)b[j];
    double ea, eb, da, db;
    if (cj == 0) {
      if (expected_a) expected_a[j] = (double)NAN;
      if (expected_b) expected_b[j] = (double)NAN;
      if (resid_a) resid_a[j] = (double)NAN;
      if (resid_b) resid_b[j] = (double)NAN;
      continue;
    }
    ea = ra * cj / n;
    eb = rb * cj / n;
    /* O - E formed as (O_a R_b - O_b R_a) / N, exact in the integers up to
     * the final division, rather than as a difference of two large numbers */
    da = ((double)a[j] * rb - (double)b[j] * ra) / n;
    db = -da;
    x2 += da * da / ea + db * db / eb;
    minexp = fmin(minexp, fmin(ea, eb));
    small += (ea < 5) + (eb < 5);
    if (expected_a) expected_a[j] = ea;
    if (expected_b) expected_b[j] = eb;
    if (resid_a) resid_a[j] = da / sqrt(ea * (rb / n) * (1 - cj / n));
    if (resid_b) resid_b[j] = db / sqrt(eb * (ra / n) * (1 - cj / n));
  }
  res->statistic = x2;
  res->df = (double)(used - 1);
  res->min_expected = minexp;
  res->n_small = small;
  st = x2 > 0 ? chisq_log_sf(x2, res->df, &logp) : PST_OK;
  res->log10_p = logp / LN10;
  res->p_value = exp(logp);
  return st;
}
