/* multinom_sg.c -- Sison & Glaz (1995) simultaneous multinomial intervals.
 *
 * Sison & Glaz approximate the probability that Multinomial(n, x/n) lies in
 * the box prod [x_i - c, x_i + c] by Levin's (1981, Ann Stat 9:1123-1126)
 * representation
 *     P(box) = n! / (n^n e^-n) * prod_i P(b_i <= Y_i <= a_i) * P(W = n),
 * Y_i ~ Poisson(x_i) independent, W = sum of the Y_i truncated to their
 * boxes, with P(W = n) from a four-moment Edgeworth expansion of W (their
 * eq. (1)-(4)); nu(c) is that approximation (their eq. (7)).
 *
 * Where this implementation differs from statsmodels' transcription, and why:
 * statsmodels forms the truncated moments from factorial moments
 * (mu2 = mu_(2) + mu - mu^2, mu4 from lambda^4 terms) and the box
 * probabilities as differences of CDFs; at counts in the millions both lose
 * most of their digits (lambda^4 ~ 1e24 cancelling to ~1e12).  Here, because
 * every lambda = x_i is an integer, the moments about lambda are summed
 * directly over the box, sum_j p(j) (j - lambda)^r with j - lambda exact,
 * the Poisson probabilities p(j) stepping out from the mode by the ratio
 * recurrence and re-anchored to Loader's (2000) saddle-point density every
 * 256 steps; central moments follow with the (small) mean offset.  The
 * same quantities, mathematically; the c search is statsmodels' (see below).
 */
#include "multinom_impl.h"
#include "dist_impl.h"

#include <math.h>

#define TWO_PI 6.283185307179586476925287
/* Beyond 40 standard deviations from its mean a Poisson probability is
 * below e^-800: the box is cut there, it changes no digit. */
#define SG_WIDTH_SD 40.0

/* Poisson(lambda) probability of j (Loader's form), lambda > 0. */
static double pois_pmf(double j, double lambda)
{
  if (j == 0) return exp(-lambda);
  return exp(-pst__stirlerr(j) - pst__bd0(j, lambda, j - lambda)) / sqrt(TWO_PI * j);
}

typedef struct {
  double prob; /* P(b <= Y <= a) */
  double mean, m2, m3, m4; /* mean and central moments of Y truncated to [b, a] */
} trunc_pois;

/* Accumulate p (j - lambda)^r for j in [from, to], stepping from j = start
 * (at which the probability is p0) in direction dir. */
static void sum_side(double lambda, double start, double p0, double end, int dir, double *s)
{
  double p = p0;
  double j = start;
  long steps = 0;
  for (;;) {
    double d = j - lambda, d2 = d * d;
    s[0] += p;
    s[1] += p * d;
    s[2] += p * d2;
    s[3] += p * d2 * d;
    s[4] += p * d2 * d2;
    if (j == end) break;
    if (dir > 0) {
      p *= lambda / (j + 1);
      j += 1;
    } else {
      p *= j / lambda;
      j -= 1;
    }
    if (++steps % 256 == 0) p = pois_pmf(j, lambda);
    if (p == 0) break;
  }
}

static void truncated(double lambda, double b, double a, trunc_pois *t)
{
  double s[5] = {0, 0, 0, 0, 0};
  double w, lo, hi, p0, m1, m2, m3, m4;
  if (lambda == 0) {
    /* Y = 0 surely, and 0 is in every box [0, c] */
    t->prob = 1;
    t->mean = t->m2 = t->m3 = t->m4 = 0;
    return;
  }
  w = ceil(SG_WIDTH_SD * sqrt(lambda) + SG_WIDTH_SD);
  lo = fmax(b, lambda - w);
  hi = fmin(a, lambda + w);
  p0 = pois_pmf(lambda, lambda);
  sum_side(lambda, lambda, p0, hi, +1, s);
  if (lo < lambda) sum_side(lambda, lambda - 1, p0, lo, -1, s); /* p(l-1) = p(l) l/l */
  t->prob = s[0];
  m1 = s[1] / s[0];
  m2 = s[2] / s[0];
  m3 = s[3] / s[0];
  m4 = s[4] / s[0];
  t->mean = lambda + m1;
  t->m2 = m2 - m1 * m1;
  t->m3 = m3 - 3 * m1 * m2 + 2 * m1 * m1 * m1;
  t->m4 = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 * m1 * m1 * m1;
}

double pst_multinom_sg_nu(const uint64_t *counts, size_t k, double c)
{
  double n = 0, logprob = 0, smean = 0, s2 = 0, s3 = 0, s4 = 0, s22 = 0;
  double g1, g2, x, x2, phi, h3, h4, h6, f, logpn;
  for (size_t i = 0; i < k; i++) n += (double)counts[i];
  if (!(n > 0) || !(c >= 0)) return (double)NAN;
  for (size_t i = 0; i < k; i++) {
    trunc_pois t;
    double lam = (double)counts[i];
    truncated(lam, fmax(lam - c, 0), fmin(lam + c, n), &t);
    logprob += log(t.prob);
    /* sum of the means minus n, accumulated as offsets from lambda_i so that
     * it is not the difference of two numbers ~ n */
    smean += t.mean - lam;
    s2 += t.m2;
    s3 += t.m3;
    s4 += t.m4;
    s22 += t.m2 * t.m2;
  }
  if (!(s2 > 0)) return (double)NAN;
  g1 = s3 / pow(s2, 1.5);
  g2 = (s4 - 3 * s22) / (s2 * s2);
  x = -smean / sqrt(s2);
  x2 = x * x;
  phi = exp(-x2 / 2) / sqrt(TWO_PI);
  h3 = x2 * x - 3 * x;
  h4 = x2 * x2 - 6 * x2 + 3;
  h6 = x2 * x2 * x2 - 15 * x2 * x2 + 45 * x2 - 15;
  f = phi * (1 + g1 * h3 / 6 + g2 * h4 / 24 + g1 * g1 * h6 / 72) / sqrt(s2);
  if (!(f > 0)) return (double)NAN;
  /* log P(Poisson(n) = n) = -stirlerr(n) - log(2 pi n)/2 (bd0 = 0) */
  logpn = -pst__stirlerr(n) - 0.5 * log(TWO_PI * n);
  return exp(logprob + log(f) - logpn);
}

/* nu above the level?  NaN is "not above", as in statsmodels' comparisons. */
static int above(double v, double level) { return v > level; }

int pst__mn_sison_glaz(const uint64_t *counts, size_t k, double n, double level,
                       pst_interval *out, pst_mn_info *info)
{
  /* statsmodels scans c = 1, 2, ... for the first c with
   * nu(c) <= level < nu(c+1).  The scan is kept for small c, where nu may be
   * NaN (negative Edgeworth density) or not yet monotone; beyond, nu is
   * increasing in c and the same c is found by doubling and bisection, so
   * that counts in the billions (c ~ 1e5) cost ~40 evaluations. */
  enum { SCAN = 64 };
  double c = 1, nuc, nuc1, lo, hi;
  nuc = pst_multinom_sg_nu(counts, k, c);
  nuc1 = pst_multinom_sg_nu(counts, k, c + 1);
  while (!(nuc <= level && above(nuc1, level))) {
    if (c > n) return PST_ENOCONV;
    if (c >= SCAN) goto bisect;
    c += 1;
    nuc = nuc1;
    nuc1 = pst_multinom_sg_nu(counts, k, c + 1);
  }
  goto found;
bisect:
  lo = c;
  hi = 2 * c;
  for (;;) {
    double v = pst_multinom_sg_nu(counts, k, hi);
    if (above(v, level)) break;
    lo = hi;
    if (hi > n) return PST_ENOCONV;
    hi *= 2;
  }
  while (hi - lo > 1) {
    double mid = floor((lo + hi) / 2);
    if (above(pst_multinom_sg_nu(counts, k, mid), level)) hi = mid;
    else lo = mid;
  }
  c = lo;
  nuc = pst_multinom_sg_nu(counts, k, c);
  nuc1 = pst_multinom_sg_nu(counts, k, c + 1);
  if (!(nuc <= level && above(nuc1, level))) return PST_ENOCONV;
found:
  {
    double g = (level - nuc) / (nuc1 - nuc);
    for (size_t i = 0; i < k; i++) {
      double x = (double)counts[i];
      out[i].lower = x > c ? (x - c) / n : 0.0;
      out[i].upper = fmin((x + c + 2 * g) / n, 1.0);
    }
    info->sg_c = c;
    info->sg_gamma = g;
    info->sg_nu_c = nuc;
    info->sg_nu_c1 = nuc1;
  }
  return PST_OK;
}
