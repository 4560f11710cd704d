/* multinom.c -- Goodman, Quesenberry-Hurst and Bonferroni-Wilson simultaneous
 * intervals, method names, and the dispatch to Sison-Glaz (multinom_sg.c). */
#include "powstat/multinom.h"
#include "powstat/dist.h"
#include "powstat/status.h"
#include "multinom_impl.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

static const char *const mn_names[PST_MN_NMETHODS] = {"goodman", "qh", "sison-glaz",
                                                       "wilson-bonferroni"};
static const char *const mn_refs[PST_MN_NMETHODS] = {
  "Goodman (1965)", "Quesenberry & Hurst (1964)", "Sison & Glaz (1995)",
  "Wilson (1927), Bonferroni-adjusted"};

const char *pst_mn_method_name(pst_mn_method m)
{
  return ((unsigned)m < PST_MN_NMETHODS) ? mn_names[m] : NULL;
}

const char *pst_mn_method_ref(pst_mn_method m)
{
  return ((unsigned)m < PST_MN_NMETHODS) ? mn_refs[m] : NULL;
}

int pst_mn_method_parse(const char *name, pst_mn_method *m)
{
  if (!name) return PST_ENOTFOUND;
  for (int i = 0; i < PST_MN_NMETHODS; i++)
    if (strcmp(name, mn_names[i]) == 0) {
      *m = (pst_mn_method)i;
      return PST_OK;
    }
  if (strcmp(name, "quesenberry-hurst") == 0) {
    *m = PST_MN_QH;
    return PST_OK;
  }
  return PST_ENOTFOUND;
}

/* Bounds of {p : (x - n p)^2 <= A n p (1 - p)} in cancellation-free form
 * (see multinom.h): the upper root is a sum of positive terms, the lower one
 * is the product of the roots, x^2 / (n (n + A)), divided by the upper. */
void pst__mn_score_bounds(double x, double n, double a, pst_interval *out)
{
  double d = a * a + 4.0 * a * x * ((n - x) / n);
  double s = 2.0 * x + a + sqrt(d);
  double up = s / (2.0 * (n + a));
  double lo = 2.0 * x * x / (n * s);
  out->lower = lo < 0 ? 0 : lo;
  out->upper = up > 1 ? 1 : up;
  /* x = n: the upper root is exactly 1 */
  if (x == n) out->upper = 1.0;
}

static int check_args(pst_mn_method method, const uint64_t *counts, size_t k, double level,
                      double *n)
{
  double s = 0;
  if ((unsigned)method >= PST_MN_NMETHODS || !counts || k < 2 || k > PST_MN_KMAX ||
      !(level > 0.0 && level < 1.0))
    return PST_EINVAL;
  for (size_t i = 0; i < k; i++) {
    if (counts[i] > (uint64_t)PST_PROP_NMAX) return PST_EINVAL;
    s += (double)counts[i];
  }
  /* the sum of integers below 2^53 is exact as long as it stays below 2^53 */
  if (s == 0 || s > PST_PROP_NMAX) return PST_EINVAL;
  *n = s;
  return PST_OK;
}

static void info_init(pst_mn_info *info, pst_mn_method m)
{
  info->used = m;
  info->fallback = 0;
  info->few_categories = 0;
  info->sg_c = info->sg_gamma = info->sg_nu_c = info->sg_nu_c1 = (double)NAN;
  info->a = (double)NAN;
}

static int score_set(const uint64_t *counts, size_t k, double n, double a, pst_interval *out)
{
  if (!(a > 0) || !isfinite(a)) return PST_ENOCONV;
  for (size_t i = 0; i < k; i++) pst__mn_score_bounds((double)counts[i], n, a, &out[i]);
  return PST_OK;
}

int pst__mn_goodman(const uint64_t *counts, size_t k, double n, double level, pst_interval *out,
                    double *a_out)
{
  /* chi2_1 upper quantile at alpha/k, formed from the tail probability
   * directly so that alpha/k far below 1e-16 keeps its precision */
  double a = pst_chisq1_quantile((1.0 - level) / (double)k, 0);
  *a_out = a;
  return score_set(counts, k, n, a, out);
}

int pst_multinom_ci(pst_mn_method method, const uint64_t *counts, size_t k, double level,
                    pst_interval *out, pst_mn_info *info)
{
  pst_mn_info local;
  double n = 0;
  int st = check_args(method, counts, k, level, &n);
  if (st != PST_OK) return st;
  if (!info) info = &local;
  info_init(info, method);
  switch (method) {
  case PST_MN_GOODMAN:
    return pst__mn_goodman(counts, k, n, level, out, &info->a);
  case PST_MN_QH:
    /* GSL's chi-square upper quantile is reliable at moderate df (TECH-NOTES:
     * it fails only at df ~ 1e5); k <= PST_MN_KMAX keeps it there. */
    info->a = gsl_cdf_chisq_Qinv(1.0 - level, (double)(k - 1));
    return score_set(counts, k, n, info->a, out);
  case PST_MN_WILSON_BONF: {
    double lv = 1.0 - (1.0 - level) / (double)k;
    for (size_t i = 0; i < k; i++) {
      st = pst_prop_ci(PST_PROP_WILSON, counts[i], (uint64_t)n, lv, PST_SIDES_TWO, &out[i]);
      if (st != PST_OK) return st;
    }
    return PST_OK;
  }
  case PST_MN_SISON_GLAZ:
    info->few_categories = k < 7;
    st = pst__mn_sison_glaz(counts, k, n, level, out, info);
    if (st == PST_OK) return PST_OK;
    /* the approximation has no solution (sparse table): Goodman instead */
    info->used = PST_MN_GOODMAN;
    info->fallback = 1;
    st = pst__mn_goodman(counts, k, n, level, out, &info->a);
    return st == PST_OK ? PST_ENOCONV : st;
  default:
    return PST_EINVAL;
  }
}
