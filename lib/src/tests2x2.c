/* tests2x2.c -- Pearson, Yates, G and Fisher tests for a 2x2 table of two
 * groups' deaths (definitions and references in powstat/tests2x2.h). */
#include "powstat/tests2x2.h"
#include "powstat/dist.h"
#include "powstat/status.h"
#include "dist_impl.h"

#include <gsl/gsl_sf_erf.h>
#include <math.h>

#define TWO53 9007199254740992.0
#define LN10 2.302585092994045684017991454684

static int args_ok(uint64_t k1, uint64_t n1, uint64_t k2, uint64_t n2)
{
  return n1 >= 1 && n2 >= 1 && k1 <= n1 && k2 <= n2 && (double)n1 + (double)n2 <= TWO53;
}

void pst_chisq1_sf(double x, double *p, double *log10_p)
{
  double r = (double)NAN, l = (double)NAN;
  if (x >= 0) {
    /* P(chi2_1 > x) = P(|Z| > sqrt x) = erfc(sqrt(x/2)) */
    double s = sqrt(0.5 * x);
    r = gsl_sf_erfc(s);
    l = gsl_sf_log_erfc(s) / LN10;
  } else if (isinf(x) && x > 0) {
    r = 0;
    l = -(double)INFINITY;
  }
  if (p) *p = r;
  if (log10_p) *log10_p = l;
}

/* ad - bc for the table, exact up to one rounding: b*c is split into its
 * rounded product and the exact error (fma), so the difference of two
 * numbers near 1e30 that agree to many digits is not lost. */
static double cross_diff(double a, double b, double c, double d)
{
  double p = b * c;
  double e = fma(b, c, -p);
  return fma(a, d, -p) - e;
}

static int undefined_margin(pst_test_result *out)
{
  out->stat = 0.0;
  out->p = 1.0;
  out->log10_p = 0.0;
  return PST_EUNDEF;
}

int pst_chisq_2x2(uint64_t k1, uint64_t n1, uint64_t k2, uint64_t n2, int yates,
                  pst_test_result *out)
{
  double a = (double)k1, b = (double)(n1 - k1), c = (double)k2, d = (double)(n2 - k2);
  double r1 = (double)n1, r2 = (double)n2, N = r1 + r2, K = a + c, D, x;
  if (!out || !args_ok(k1, n1, k2, n2)) return PST_EINVAL;
  if (K == 0 || K == N) return undefined_margin(out);
  D = fabs(cross_diff(a, b, c, d));
  if (yates) D -= fmin(0.5 * N, D);
  /* N D^2 / (r1 r2 K (N-K)), in an order that neither overflows nor
   * underflows for counts up to 2^53 */
  x = (D / r1) * (D / r2) * (N / K) / (N - K);
  out->stat = x;
  pst_chisq1_sf(x, &out->p, &out->log10_p);
  return PST_OK;
}

/* x log(x/M) + M - x, with 0 log 0 = 0 */
static double dev(double x, double M, double diff)
{
  if (x == 0) return M;
  return pst__bd0(x, M, diff);
}

int pst_gtest_2x2(uint64_t k1, uint64_t n1, uint64_t k2, uint64_t n2, pst_test_result *out)
{
  double a = (double)k1, b = (double)(n1 - k1), c = (double)k2, d = (double)(n2 - k2);
  double r1 = (double)n1, r2 = (double)n2, N = r1 + r2, K = a + c, L = N - K, D, g;
  if (!out || !args_ok(k1, n1, k2, n2)) return PST_EINVAL;
  if (K == 0 || K == N) return undefined_margin(out);
  /* Every O - E is +-(ad - bc)/N; sum (O - E) = 0, so
   * G = 2 sum O log(O/E) = 2 sum [O log(O/E) + E - O]. */
  D = cross_diff(a, b, c, d) / N;
  g = dev(a, r1 * K / N, D) + dev(b, r1 * L / N, -D) + dev(c, r2 * K / N, -D) +
      dev(d, r2 * L / N, D);
  g *= 2.0;
  out->stat = g;
  pst_chisq1_sf(g, &out->p, &out->log10_p);
  return PST_OK;
}

double pst_hyper_logpmf(uint64_t x, uint64_t n1, uint64_t n2, uint64_t K)
{
  double p;
  uint64_t N = n1 + n2;
  if (K > N || x > K || x > n1 || K - x > n2) return -(double)INFINITY;
  if (N == 0) return 0.0;
  /* R's dhyper: dbinom(x; n1, p) dbinom(K-x; n2, p) / dbinom(K; N, p) with
   * p = K/N, each density by Loader's saddle point. */
  p = (double)K / (double)N;
  return pst_binom_logpmf(x, n1, p) + pst_binom_logpmf(K - x, n2, p) - pst_binom_logpmf(K, N, p);
}

typedef struct {
  uint64_t n1, n2, K, lo, hi;
} hyp;

/* P(X = x + 1) / P(X = x) */
static double ratio_up(const hyp *h, uint64_t x)
{
  return ((double)(h->n1 - x) * (double)(h->K - x)) /
         ((double)(x + 1) * (double)(h->n2 - h->K + x + 1));
}

static double lpmf(const hyp *h, uint64_t x) { return pst_hyper_logpmf(x, h->n1, h->n2, h->K); }

/* log of sum_{x in tail} P(X = x) / P(X = x0), walking away from x0 (down
 * if dir < 0, up otherwise) until the terms stop adding to the sum.  The
 * running product of ratios is re-anchored on the exact log density every
 * 512 steps so rounding cannot accumulate over long walks. */
static double tail_logsum(const hyp *h, uint64_t x0, int dir)
{
  double s = 1.0, t = 1.0, l0 = lpmf(h, x0);
  uint64_t x = x0;
  for (unsigned long step = 1;; step++) {
    if (dir < 0) {
      if (x == h->lo) break;
      t /= ratio_up(h, x - 1);
      x--;
    } else {
      if (x == h->hi) break;
      t *= ratio_up(h, x);
      x++;
    }
    if ((step & 511) == 0) t = exp(lpmf(h, x) - l0);
    double s1 = s + t;
    if (s1 == s) break;
    s = s1;
  }
  return log(s);
}

int pst_fisher_2x2(uint64_t k1, uint64_t n1, uint64_t k2, uint64_t n2, pst_test_result *out)
{
  hyp h;
  uint64_t m, a = k1, lo, hi;
  double lobs, thr, lp = -(double)INFINITY;
  if (!out || !args_ok(k1, n1, k2, n2)) return PST_EINVAL;
  h.n1 = n1;
  h.n2 = n2;
  h.K = k1 + k2;
  h.lo = h.K > n2 ? h.K - n2 : 0;
  h.hi = h.K < n1 ? h.K : n1;
  out->stat = (double)NAN;
  out->p = 1.0;
  out->log10_p = 0.0;
  if (h.lo == h.hi) return PST_OK;
  /* Mode: the smallest x with P(x+1)/P(x) <= 1, from the closed form
   * floor((K+1)(n1+1)/(N+2)) corrected for its rounding. */
  m = (uint64_t)floor(((double)h.K + 1) * ((double)n1 + 1) / ((double)(n1 + n2) + 2));
  if (m < h.lo) m = h.lo;
  if (m > h.hi) m = h.hi;
  while (m > h.lo && ratio_up(&h, m - 1) <= 1) m--;
  while (m < h.hi && ratio_up(&h, m) > 1) m++;
  lobs = lpmf(&h, a);
  thr = lobs + log1p(1e-7); /* R: d <= d_obs * (1 + 1e-7) */
  if (lpmf(&h, m) <= thr) return PST_OK; /* every term qualifies: p = 1 */
  /* left tail [h.lo, xl]: the density is nondecreasing on [lo, m] */
  if (lpmf(&h, h.lo) <= thr) {
    lo = h.lo;
    hi = m; /* invariant: l(lo) <= thr < l(hi) */
    while (hi - lo > 1) {
      uint64_t mid = lo + (hi - lo) / 2;
      if (lpmf(&h, mid) <= thr) lo = mid; else hi = mid;
    }
    lp = pst__logaddexp(lp, lpmf(&h, lo) + tail_logsum(&h, lo, -1));
  }
  /* right tail [xr, h.hi]: nonincreasing on [m, hi] */
  if (lpmf(&h, h.hi) <= thr) {
    lo = m;
    hi = h.hi; /* invariant: l(lo) > thr >= l(hi) */
    while (hi - lo > 1) {
      uint64_t mid = lo + (hi - lo) / 2;
      if (lpmf(&h, mid) <= thr) hi = mid; else lo = mid;
    }
    lp = pst__logaddexp(lp, lpmf(&h, hi) + tail_logsum(&h, hi, +1));
  }
  if (lp > 0) lp = 0;
  out->p = exp(lp);
  out->log10_p = lp / LN10;
  return PST_OK;
}
