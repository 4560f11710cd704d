/* compare_exact.c -- conditional odds-ratio methods: Fisher's noncentral
 * hypergeometric distribution of the deaths in group 1 given both margins,
 *   P(X = x; psi) ~ C(n1, x) C(n2, K - x) psi^x,  lo <= x <= hi,
 * its conditional MLE (E[X; psi] = k1) and the exact and mid-p intervals
 * (references in powstat/compare.h).
 *
 * Counts in the millions make the support millions wide, so nothing is
 * summed over the whole support: the weights are taken relative to the mode
 * (found by bisection on the ratio of successive weights), every sum walks
 * outwards from its starting point until the terms stop adding to it, and
 * the tail that contains the mode is obtained as a complement (log1mexp).
 * Everything is in log space and in t = log psi, so psi from 1e-300 to
 * 1e300 is representable. */
#include "compare_impl.h"
#include "powstat/dist.h"
#include "powstat/status.h"
#include "powstat/tests2x2.h"
#include "dist_impl.h"

#include <math.h>

#define INF ((double)INFINITY)
#define TLIM 700.0
#define LN2 0.693147180559945309417232121458

typedef struct {
  uint64_t n1, n2, K, lo, hi, m, a;
  double t;    /* log psi */
  double logZ; /* log of sum_x exp(rel(x)) */
  double target;
  int midp;
} nch;

static double l0(const nch *h, uint64_t x) { return pst_hyper_logpmf(x, h->n1, h->n2, h->K); }

/* log w(x) - log w(y) */
static double rel(const nch *h, uint64_t x, uint64_t y)
{
  double dx = (x >= y) ? (double)(x - y) : -(double)(y - x);
  return l0(h, x) - l0(h, y) + dx * h->t;
}

/* w(x + 1) / w(x) */
static double ratio(const nch *h, uint64_t x)
{
  return ((double)(h->n1 - x) * (double)(h->K - x)) /
         ((double)(x + 1) * (double)(h->n2 - h->K + x + 1)) * exp(h->t);
}

/* log sum_{x from x0 in direction dir} w(x)/w(x0), re-anchored every 512
 * steps on the exact log weights. */
static double walk(const nch *h, uint64_t x0, int dir)
{
  double s = 1.0, tt = 1.0;
  uint64_t x = x0;
  for (unsigned long step = 1;; step++) {
    if (dir < 0) {
      if (x == h->lo) break;
      tt /= ratio(h, x - 1);
      x--;
    } else {
      if (x == h->hi) break;
      tt *= ratio(h, x);
      x++;
    }
    if ((step & 511) == 0) tt = exp(rel(h, x, x0));
    double s1 = s + tt;
    if (s1 == s || tt == 0) break;
    s = s1;
  }
  return log(s);
}

static void setup(nch *h, double t)
{
  uint64_t lo, hi;
  h->t = t;
  /* mode: the smallest x with w(x+1)/w(x) <= 1 (the ratio decreases in x) */
  lo = h->lo;
  hi = h->hi;
  while (lo < hi) {
    uint64_t mid = lo + (hi - lo) / 2;
    if (ratio(h, mid) <= 1) hi = mid; else lo = mid + 1;
  }
  h->m = lo;
  h->logZ = walk(h, h->m, -1);
  if (h->m < h->hi) h->logZ = pst__logaddexp(h->logZ, rel(h, h->m + 1, h->m) + walk(h, h->m + 1, +1));
}

static double log_le(const nch *h, uint64_t a); /* log P(X <= a) */
static double log_ge(const nch *h, uint64_t a)  /* log P(X >= a) */
{
  if (a <= h->lo) return 0.0;
  if (a > h->hi) return -INF;
  if (a > h->m) return rel(h, a, h->m) + walk(h, a, +1) - h->logZ;
  return pst__log1mexp(fmin(0.0, log_le(h, a - 1)));
}

static double log_le(const nch *h, uint64_t a)
{
  if (a >= h->hi) return 0.0;
  if (a < h->lo) return -INF;
  if (a < h->m) return rel(h, a, h->m) + walk(h, a, -1) - h->logZ;
  return pst__log1mexp(fmin(0.0, log_ge(h, a + 1)));
}

static double log_eq(const nch *h, uint64_t a) { return rel(h, a, h->m) - h->logZ; }

/* mid-p tails: P(X > a) + P(X = a)/2 and P(X < a) + P(X = a)/2 */
static double log_mid_ge(const nch *h, uint64_t a)
{
  double e = log_eq(h, a) - LN2;
  return a >= h->hi ? e : pst__logaddexp(log_ge(h, a + 1), e);
}

static double log_mid_le(const nch *h, uint64_t a)
{
  double e = log_eq(h, a) - LN2;
  return a <= h->lo ? e : pst__logaddexp(log_le(h, a - 1), e);
}

/* E[X; psi] - a: walks from the mode both ways accumulating (x - m) w(x) */
static double mean_minus_a(double t, void *vh)
{
  nch *h = vh;
  double s = 0, sx = 0;
  setup(h, t);
  for (int dir = -1; dir <= 1; dir += 2) {
    uint64_t x = h->m;
    double tt = 1.0;
    if (dir > 0) {
      if (h->m == h->hi) break;
      x = h->m + 1;
      tt = exp(rel(h, x, h->m));
    }
    for (unsigned long step = 1;; step++) {
      double dx = (x >= h->m) ? (double)(x - h->m) : -(double)(h->m - x);
      double s1 = s + tt;
      sx += dx * tt;
      if (s1 == s && step > 1) break;
      s = s1;
      if (dir < 0) {
        if (x == h->lo) break;
        tt /= ratio(h, x - 1);
        x--;
      } else {
        if (x == h->hi) break;
        tt *= ratio(h, x);
        x++;
      }
      if ((step & 511) == 0) tt = exp(rel(h, x, h->m));
      if (tt == 0) break;
    }
  }
  {
    double am = (h->a >= h->m) ? (double)(h->a - h->m) : -(double)(h->m - h->a);
    return sx / s - am;
  }
}

static double neg_mean_minus_a(double t, void *vh) { return -mean_minus_a(t, vh); }

/* inside (< 0) where the tail probability is above alpha/2 */
static double g_lower(double t, void *vh)
{
  nch *h = vh;
  setup(h, t);
  return h->target - (h->midp ? log_mid_ge(h, h->a) : log_ge(h, h->a));
}

static double g_upper(double t, void *vh)
{
  nch *h = vh;
  setup(h, t);
  return h->target - (h->midp ? log_mid_le(h, h->a) : log_le(h, h->a));
}

/* Move t0 towards `inside` (+1/-1) until g(t0) < 0 (at most to +-TLIM). */
static double start_inside(pst__cmp_fn g, nch *h, double t0, double step, double inside)
{
  for (int i = 0; i < 60 && g(t0, h) >= 0; i++) {
    t0 += inside * step;
    step *= 2;
    if (fabs(t0) >= TLIM) return inside * TLIM;
  }
  return t0;
}

int pst__cmp_or_exact(uint64_t k1, uint64_t n1, uint64_t k2, uint64_t n2, double level, int midp,
                      pst_cmp_ci *out)
{
  nch h;
  double a = (double)k1, b = (double)(n1 - k1), c = (double)k2, d = (double)(n2 - k2);
  double tw = log((a + 0.5) * (d + 0.5) / ((b + 0.5) * (c + 0.5)));
  double step = 0.25 * sqrt(1 / (a + 0.5) + 1 / (b + 0.5) + 1 / (c + 0.5) + 1 / (d + 0.5));
  double est, tm = tw, lo = 0, hi = INF, r, pv;
  int st = PST_OK, s;
  h.n1 = n1;
  h.n2 = n2;
  h.K = k1 + k2;
  h.lo = h.K > n2 ? h.K - n2 : 0;
  h.hi = h.K < n1 ? h.K : n1;
  h.a = k1;
  h.midp = midp;
  h.target = log(0.5 * (1.0 - level));
  if (h.lo == h.hi) {
    /* a margin is empty: the table carries no information on psi */
    out->estimate = (double)NAN;
    out->lower = 0;
    out->upper = INF;
    out->p_value = 1.0;
    out->status = PST_EUNDEF;
    return PST_OK;
  }
  /* conditional MLE */
  if (h.a == h.lo) est = 0;
  else if (h.a == h.hi) est = INF;
  else {
    if (mean_minus_a(tw, &h) < 0) s = pst__cmp_bound(mean_minus_a, &h, tw, step, TLIM, &tm);
    else s = pst__cmp_bound(neg_mean_minus_a, &h, tw, step, -TLIM, &tm);
    if (s != PST_OK) st = s;
    est = exp(tm);
  }
  /* lower bound: P(X >= a; psi) = alpha/2 (0 when a is the support minimum;
   * for mid-p the equation has no root there either) */
  if (h.a > h.lo) {
    double t0 = start_inside(g_lower, &h, isfinite(est) ? tm : tw, step, +1);
    s = pst__cmp_bound(g_lower, &h, t0, step, -TLIM, &r);
    if (s != PST_OK) st = s;
    lo = (r <= -TLIM) ? 0.0 : exp(r);
  }
  if (h.a < h.hi) {
    double t0 = start_inside(g_upper, &h, (est > 0 && isfinite(est)) ? tm : tw, step, -1);
    s = pst__cmp_bound(g_upper, &h, t0, step, TLIM, &r);
    if (s != PST_OK) st = s;
    hi = (r >= TLIM) ? INF : exp(r);
  }
  /* central p at psi = 1, from the same tails */
  setup(&h, 0.0);
  if (midp) pv = 2 * exp(fmin(log_mid_le(&h, h.a), log_mid_ge(&h, h.a)));
  else pv = 2 * exp(fmin(log_le(&h, h.a), log_ge(&h, h.a)));
  out->estimate = est;
  out->lower = lo;
  out->upper = hi;
  out->p_value = fmin(1.0, pv);
  out->status = isfinite(est) ? PST_OK : PST_EUNDEF;
  return st;
}
