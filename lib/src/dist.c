/* dist.c -- building blocks: Loader's saddle-point binomial density, the
 * normal and chi-square(1) quantiles, small log-space helpers.
 *
 * Reference: C. Loader (2000), "Fast and accurate computation of binomial
 * probabilities", technical note (the algorithm of R's dbinom).  The
 * density is written as
 *   b(x; n, p) = exp(stirlerr(n) - stirlerr(x) - stirlerr(n-x)
 *                    - bd0(x, np) - bd0(n-x, nq)) * sqrt(n / (2 pi x (n-x)))
 * which has no cancellation between large log-gamma values. */
#include "powstat/dist.h"
#include "powstat/status.h"
#include "dist_impl.h"

#include <float.h>
#include <math.h>

#include <gsl/gsl_cdf.h>

#define LN_SQRT_2PI 0.918938533204672741780329736406 /* log(sqrt(2 pi)) */
#define LN_2PI 1.837877066409345483560659472811      /* log(2 pi) */
#define LN2 0.693147180559945309417232121458
#define TWO53 9007199254740992.0

/* stirlerr(n/2) for n = 0..30, computed with mpmath at 40 digits as
 * lgamma(n+1) - (n+1/2) log n + n - log sqrt(2 pi). */
static const double sferr_halves[31] = {
    0.0,
    1.534264097200273452913839e-1,
    8.106146679532725821967026e-2,
    5.48141210519176538961387e-2,
    4.134069595540929409382208e-2,
    3.316287351993628748511051e-2,
    2.767792568499833914878929e-2,
    2.374616365629749597133028e-2,
    2.079067210376509311152277e-2,
    1.848845053267318523077936e-2,
    1.664469118982119216319487e-2,
    1.513497322191737887351384e-2,
    1.387612882307074799874573e-2,
    1.281046524292022692425066e-2,
    1.189670994589177009505572e-2,
    1.110455975820691732663076e-2,
    1.041126526197209649747857e-2,
    9.799416126158803298390373e-3,
    9.255462182712732917728637e-3,
    8.768700134139385462955047e-3,
    8.330563433362871256469319e-3,
    7.934114564314020547249562e-3,
    7.573675487951840794972024e-3,
    7.244554301320383179546197e-3,
    6.942840107209529865664153e-3,
    6.665247032707682442356181e-3,
    6.408994188004207068439631e-3,
    6.171712263039457647534605e-3,
    5.951370112758847735624416e-3,
    5.746216513010115682026102e-3,
    5.55473355196280137103869e-3,
};

double pst__stirlerr(double n)
{
  /* Coefficients of the Stirling series: 1/12, 1/360, 1/1260, 1/1680,
   * 1/1188 (Abramowitz & Stegun 6.1.41). */
  static const double S0 = 1.0 / 12.0, S1 = 1.0 / 360.0, S2 = 1.0 / 1260.0,
                      S3 = 1.0 / 1680.0, S4 = 1.0 / 1188.0;
  double nn;
  if (n <= 15.0) {
    nn = n + n;
    if (nn == floor(nn)) return sferr_halves[(int)nn];
    /* Not a half integer: the definition, losing only a few ulp of the
     * O(1) lgamma value (absolute error ~1e-15). */
    return lgamma(n + 1.0) - (n + 0.5) * log(n) + n - LN_SQRT_2PI;
  }
  nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

double pst__bd0(double x, double M, double d)
{
  if (!(fabs(d) < 0.1 * (x + M))) {
    double r = x / M; /* overflows for M near the subnormal range */
    double l = (r > 0 && r <= DBL_MAX) ? log(r) : log(x) - log(M);
    return x * l + M - x;
  }
  /* x log(x/M) + M - x = (x-M) v + 2x sum_{j>=1} v^(2j+1)/(2j+1) with
   * v = (x-M)/(x+M) (Loader 2000, eq. 5); |v| < 0.1, so each term gains
   * two digits and at most ~10 terms are needed. */
  double v = d / (x + M);
  double s = d * v;
  if (fabs(s) < DBL_MIN) return s;
  double ej = 2 * x * v;
  double v2 = v * v;
  for (int j = 1; j < 64; j++) {
    ej *= v2;
    double s1 = s + ej / (2 * j + 1);
    if (s1 == s) return s1;
    s = s1;
  }
  return s;
}

double pst__log1pmx(double e)
{
  if (fabs(e) > 0.25) return log1p(e) - e;
  /* log1p(e) = 2 atanh(v), v = e/(2+e), so
   * log1p(e) - e = -v e + 2 (v^3/3 + v^5/5 + ...), |v| <= 1/7. */
  double v = e / (2.0 + e);
  double v2 = v * v;
  double term = 2.0 * v * v2, sum = 0.0;
  for (int j = 1; j < 40; j++) {
    double s1 = sum + term / (2 * j + 1);
    if (s1 == sum) break;
    sum = s1;
    term *= v2;
  }
  return sum - v * e;
}

double pst__log1mexp(double l)
{
  return (l > -LN2) ? log(-expm1(l)) : log1p(-exp(l));
}

double pst__logaddexp(double a, double b)
{
  if (a < b) {
    double t = a;
    a = b;
    b = t;
  }
  if (b == -PST__INF) return a;
  return a + log1p(exp(b - a));
}

double pst__ldbinom_raw(double x, double nmx, double p, double q)
{
  double n = x + nmx;
  if (p == 0) return (x == 0) ? 0.0 : -PST__INF;
  if (q == 0) return (nmx == 0) ? 0.0 : -PST__INF;
  if (x == 0) {
    if (n == 0) return 0.0;
    /* n log q, with log q = log1p(-p) done by bd0 when p is small. */
    return (p < 0.1) ? -pst__bd0(n, n * q, fma(-n, q, n)) - n * p : n * log(q);
  }
  if (nmx == 0) return (q < 0.1) ? -pst__bd0(n, n * p, fma(-n, p, n)) - n * q : n * log(p);
  /* The differences x - np and (n-x) - nq = -(x - np) enter bd0 with one
   * rounding, formed from the smaller of p, q: the larger one may be the
   * rounded 1 - (smaller), and n times its rounding error (1e-7 at n = 2e9)
   * would otherwise show up in bd0 near the centre. */
  double d1 = (p <= q) ? fma(-n, p, x) : -fma(-n, q, nmx);
  double lc = pst__stirlerr(n) - pst__stirlerr(x) - pst__stirlerr(nmx)
              - pst__bd0(x, n * p, d1) - pst__bd0(nmx, n * q, -d1);
  double lf = LN_2PI + log(x) + log(nmx / n);
  return lc - 0.5 * lf;
}

static int binom_args_ok(uint64_t k, uint64_t n, double p)
{
  return k <= n && (double)n <= TWO53 && p >= 0 && p <= 1;
}

double pst_binom_logpmf(uint64_t k, uint64_t n, double p)
{
  if (!binom_args_ok(k, n, p)) return PST__NAN;
  return pst__ldbinom_raw((double)k, (double)(n - k), p, 1.0 - p);
}

double pst_binom_pmf(uint64_t k, uint64_t n, double p)
{
  return exp(pst_binom_logpmf(k, n, p));
}

double pst_normal_quantile(double p, int lower_tail)
{
  if (!(p >= 0 && p <= 1)) return PST__NAN;
  if (p == 0) return lower_tail ? -PST__INF : PST__INF;
  if (p == 1) return lower_tail ? PST__INF : -PST__INF;
  /* GSL's ugaussian quantiles do not go through the error handler for p in
   * (0,1) and are accurate to ~1e-15 relative in both tails. */
  return lower_tail ? gsl_cdf_ugaussian_Pinv(p) : gsl_cdf_ugaussian_Qinv(p);
}

double pst_chisq1_quantile(double p, int lower_tail)
{
  if (!(p >= 0 && p <= 1)) return PST__NAN;
  /* P(Z^2 > c) = 2 Q(sqrt c): the upper tail q of chi2_1 is the two-sided
   * normal tail, so z = Q^-1(q/2). */
  double q_up = lower_tail ? 1.0 - p : p; /* exact when p >= 1/2 */
  if (lower_tail && p < 0.5) {
    /* Central form z = Phi^-1((1+p)/2).  Only the upper tail is used by the
     * library; here the rounding of (1+p)/2 limits the relative accuracy
     * to about 1e-16/p for tiny p. */
    double z = gsl_cdf_ugaussian_Pinv(0.5 + 0.5 * p);
    return z * z;
  }
  if (q_up == 0) return PST__INF;
  double z = gsl_cdf_ugaussian_Qinv(0.5 * q_up);
  return z * z;
}
