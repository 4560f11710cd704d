/* prop.c -- confidence intervals for one binomial proportion (prop.h).
 *
 * Each method computes its lower and/or upper bound at a tail probability
 * t (alpha/2 for a two-sided interval, alpha for a one-sided bound) and
 * z = Phi^-1(1 - t).  The exact methods (Jeffreys, Clopper-Pearson, mid-p)
 * and the likelihood-ratio interval use this library's log-space beta and
 * binomial functions (dist.h) and the safeguarded root finder; no GSL beta
 * or gamma function is called (TECH-NOTES).
 *
 * Bounds near 0 are computed in a form that keeps relative precision (a
 * product of roots for the score intervals, -expm1 for the closed forms, a
 * root finder stepping in log p), bounds near 1 in absolute precision,
 * which is all a double near 1 can hold.  Finally every interval is clipped
 * to [0,1] and widened, if needed, to contain k/n (prop.h); the widening
 * matters only for Jeffreys and mid-p at levels below about 0.2, where the
 * equal-tailed interval can exclude the estimate. */
#include "powstat/prop.h"
#include "powstat/dist.h"
#include "powstat/status.h"
#include "dist_impl.h"

#include <float.h>
#include <math.h>
#include <string.h>

#define LN2 0.693147180559945309417232121458

static const char *const method_names[PST_PROP_NMETHODS] = {
    "wald", "wilson", "wilson-cc", "agresti-coull", "jeffreys", "clopper-pearson", "mid-p", "lr",
};

static const char *const method_refs[PST_PROP_NMETHODS] = {
    "Laplace (1812)",
    "Wilson (1927)",
    "Newcombe (1998), method 4",
    "Agresti & Coull (1998)",
    "Brown, Cai & DasGupta (2001)",
    "Clopper & Pearson (1934)",
    "Lancaster (1961); Berry & Armitage (1995)",
    "Wilks (1938); Brown, Cai & DasGupta (2001)",
};

const char *pst_prop_method_name(pst_prop_method method)
{
  int m = (int)method;
  return (m >= 0 && m < PST_PROP_NMETHODS) ? method_names[m] : NULL;
}

const char *pst_prop_method_ref(pst_prop_method method)
{
  int m = (int)method;
  return (m >= 0 && m < PST_PROP_NMETHODS) ? method_refs[m] : NULL;
}

int pst_prop_method_parse(const char *name, pst_prop_method *method)
{
  if (!name) return PST_ENOTFOUND;
  for (int m = 0; m < PST_PROP_NMETHODS; m++)
    if (strcmp(name, method_names[m]) == 0) {
      if (method) *method = (pst_prop_method)m;
      return PST_OK;
    }
  return PST_ENOTFOUND;
}

/* Problem data shared by the bound functions. */
typedef struct {
  double k, n, nmk; /* k, n, n - k (exact: n <= 2^53) */
  double t;         /* tail probability of each bound */
  double z;         /* Phi^-1(1 - t), >= 0 */
} prob;

/* ---- score intervals ---------------------------------------------------- */

/* Roots L <= U of (n + z^2) p^2 - (2c + z^2) p + c^2/n = 0, the Wilson
 * interval for c successes (Wilson 1927; Newcombe 1998 eq. for method 3):
 *   (c + z^2/2 -+ z sqrt(c(n-c)/n + z^2/4)) / (n + z^2).
 * The root nearer 0 (or 1) is obtained from the product of the roots,
 * L U = c^2 / (n (n + z^2)) (and (1-L)(1-U) = (n-c)^2 / (n (n + z^2))),
 * instead of by the cancelling subtraction. */
static void wilson_roots(double c, double n, double z, double *L, double *U)
{
  double z2 = z * z, den = n + z2;
  double half = z * sqrt(c * ((n - c) / n) + 0.25 * z2) / den;
  if (c <= 0.5 * n) {
    double u = (c + 0.5 * z2) / den + half;
    *U = u;
    *L = (u > 0) ? (c / n) * (c / den) / u : 0.0;
  } else {
    double cc = n - c;
    double one_m_l = (cc + 0.5 * z2) / den + half; /* 1 - L */
    double one_m_u = (one_m_l > 0) ? (cc / n) * (cc / den) / one_m_l : 0.0;
    *L = 1.0 - one_m_l;
    *U = 1.0 - one_m_u;
  }
}

static void ci_wald(const prob *P, double *L, double *U)
{
  double p = P->k / P->n, se = sqrt((P->k / P->n) * (P->nmk / P->n) / P->n);
  *L = p - P->z * se;
  *U = p + P->z * se;
}

static void ci_wilson(const prob *P, double *L, double *U)
{
  wilson_roots(P->k, P->n, P->z, L, U);
}

/* Newcombe (1998) method 4: the Wilson bounds at k - 1/2 (lower) and
 * k + 1/2 (upper), with L = 0 at k = 0 and U = 1 at k = n.  This is R's
 * prop.test(correct = TRUE) interval whenever |k - n p0| >= 1/2 (R shrinks
 * the correction to |k - n p0| otherwise, which depends on the null p0 and
 * is not part of the interval's definition). */
static void ci_wilson_cc(const prob *P, double *L, double *U)
{
  double l, u;
  if (P->k == 0)
    *L = 0;
  else {
    wilson_roots(P->k - 0.5, P->n, P->z, &l, &u);
    *L = l;
  }
  if (P->nmk == 0)
    *U = 1;
  else {
    wilson_roots(P->k + 0.5, P->n, P->z, &l, &u);
    *U = u;
  }
}

/* Agresti & Coull (1998): Wald on n~ = n + z^2, p~ = (k + z^2/2)/n~. */
static void ci_agresti_coull(const prob *P, double *L, double *U)
{
  double z2 = P->z * P->z, nt = P->n + z2;
  double pt = (P->k + 0.5 * z2) / nt, qt = (P->nmk + 0.5 * z2) / nt;
  double se = sqrt(pt * qt / nt);
  *L = pt - P->z * se;
  *U = pt + P->z * se;
}

/* ---- beta-quantile intervals ------------------------------------------ */

static int ci_jeffreys(const prob *P, int want_lo, int want_up, double *L, double *U)
{
  int st = PST_OK, s;
  double a = P->k + 0.5, b = P->nmk + 0.5;
  *L = 0;
  *U = 1;
  if (want_lo && P->k > 0) {
    s = pst_beta_quantile_e(P->t, a, b, 1, 0, L);
    if (s != PST_OK) st = s;
  }
  if (want_up && P->nmk > 0) {
    s = pst_beta_quantile_e(P->t, a, b, 0, 0, U);
    if (s != PST_OK) st = s;
  }
  return st;
}

/* Clopper & Pearson (1934): L = B^-1(t; k, n-k+1), U = B^-1(1-t; k+1, n-k)
 * (the upper one as an upper-tail quantile, so 1 - t is never rounded);
 * at k = 0, U = 1 - t^(1/n), and at k = n, L = t^(1/n). */
static int ci_clopper_pearson(const prob *P, int want_lo, int want_up, double *L, double *U)
{
  int st = PST_OK, s;
  *L = 0;
  *U = 1;
  if (want_lo && P->k > 0) {
    if (P->nmk == 0)
      *L = exp(log(P->t) / P->n);
    else {
      s = pst_beta_quantile_e(P->t, P->k, P->nmk + 1, 1, 0, L);
      if (s != PST_OK) st = s;
    }
  }
  if (want_up && P->nmk > 0) {
    if (P->k == 0)
      *U = -expm1(log(P->t) / P->n);
    else {
      s = pst_beta_quantile_e(P->t, P->k + 1, P->nmk, 0, 0, U);
      if (s != PST_OK) st = s;
    }
  }
  return st;
}

/* ---- mid-p ---------------------------------------------------------------- */

/* Lower bound: M(p) = P(X > k) + P(X = k)/2 = t, M increasing in p;
 * upper bound: P(X < k) + P(X = k)/2 = t, decreasing.  With the beta
 * relation P(X > k) = I_p(k+1, n-k) and P(X < k) = 1 - I_p(k, n-k+1), and
 * dM/dp = +-b(k) (k/p + (n-k)/(1-p)) / 2 with b(k) the binomial pmf (the
 * two tails' derivatives are beta densities, (n-k) b(k)/(1-p) and
 * k b(k)/p).  Solved for log M = log t. */
typedef struct {
  const prob *P;
  int upper;
} midp_ctx;

static int midp_fdf(double p, void *vc, double *f, double *df)
{
  const midp_ctx *c = vc;
  const prob *P = c->P;
  double q = 1.0 - p, lo, up, lt;
  int st;
  if (!c->upper)
    st = pst__beta_tails(p, q, P->k + 1, P->nmk, &lt, &up, NULL); /* P(X > k) */
  else
    st = pst__beta_tails(p, q, P->k, P->nmk + 1, &lo, &lt, NULL); /* P(X < k) */
  double lpmf = pst__ldbinom_raw(P->k, P->nmk, p, q);
  double lm = pst__logaddexp(lt, lpmf - LN2);
  double slope = 0.5 * exp(lpmf - lm) * (P->k / p + P->nmk / q);
  *f = lm - log(P->t);
  *df = c->upper ? -slope : slope;
  return st == PST_ENOCONV ? PST_OK : st;
}

static int ci_midp(const prob *P, int want_lo, int want_up, double *L, double *U)
{
  int st = PST_OK, s;
  double phat = P->k / P->n, wl, wu;
  double lt2 = log(2 * P->t); /* 2t >= 1 only for one-sided levels <= 1/2 */
  wilson_roots(P->k, P->n, P->z, &wl, &wu);
  *L = 0;
  *U = 1;
  if (want_lo && P->k > 0) {
    if (P->nmk == 0)
      *L = (lt2 < 0) ? exp(lt2 / P->n) : 1.0; /* p^n / 2 = t */
    else {
      midp_ctx c = {P, 0};
      s = pst__root(midp_fdf, &c, 0.0, phat, wl, 1, 3, L);
      if (s != PST_OK) st = s;
    }
  }
  if (want_up && P->nmk > 0) {
    if (P->k == 0)
      *U = (lt2 < 0) ? -expm1(lt2 / P->n) : 0.0; /* (1-p)^n / 2 = t */
    else {
      midp_ctx c = {P, 1};
      s = pst__root(midp_fdf, &c, phat, 1.0, wu, 0, 3, U);
      if (s != PST_OK) st = s;
    }
  }
  return st;
}

/* ---- likelihood ratio ------------------------------------------------ */

/* Signed root of the deviance, r(p) = sign(p - k/n) sqrt(D(p)),
 *   D(p) = 2 [k log(k/(np)) + (n-k) log((n-k)/(n(1-p)))]
 *        = 2 [bd0(k, np) + bd0(n-k, n(1-p))]
 * (the M - x terms of bd0 cancel), which keeps full relative precision near
 * p = k/n.  r is increasing with dr/dp = (np - k) / (p (1-p) r).  The bounds
 * solve r = -z and r = +z (z^2 = chi2_1 quantile for two-sided intervals). */
typedef struct {
  const prob *P;
  double target;
} lr_ctx;

static int lr_fdf(double p, void *vc, double *f, double *df)
{
  const lr_ctx *c = vc;
  const prob *P = c->P;
  double n = P->n, q = 1.0 - p;
  double d = (p <= q) ? fma(-n, p, P->k) : -fma(-n, q, P->nmk); /* k - np */
  double D = 2.0 * (pst__bd0(P->k, n * p, d) + pst__bd0(P->nmk, n * q, -d));
  double r = sqrt(D > 0 ? D : 0.0);
  if (d > 0) r = -r;
  *f = r - c->target;
  *df = (r != 0) ? (-d) / (p * q * r) : PST__INF;
  return PST_OK;
}

static int ci_lr(const prob *P, int want_lo, int want_up, double *L, double *U)
{
  int st = PST_OK, s;
  double phat = P->k / P->n, c2 = P->z * P->z, wl, wu;
  wilson_roots(P->k, P->n, P->z, &wl, &wu);
  *L = 0;
  *U = 1;
  if (want_lo && P->k > 0) {
    if (P->nmk == 0)
      *L = exp(-0.5 * c2 / P->n); /* D = -2 n log p */
    else {
      lr_ctx c = {P, -P->z};
      s = pst__root(lr_fdf, &c, 0.0, phat, wl, 1, 3, L);
      if (s != PST_OK) st = s;
    }
  }
  if (want_up && P->nmk > 0) {
    if (P->k == 0)
      *U = -expm1(-0.5 * c2 / P->n); /* D = -2 n log(1-p) */
    else {
      lr_ctx c = {P, P->z};
      s = pst__root(lr_fdf, &c, phat, 1.0, wu, 1, 3, U);
      if (s != PST_OK) st = s;
    }
  }
  return st;
}

/* ---- driver ------------------------------------------------------------- */

int pst_prop_ci(pst_prop_method method, uint64_t k, uint64_t n, double level, pst_sides sides,
                pst_interval *out)
{
  int m = (int)method, sd = (int)sides;
  if (!out || n == 0 || k > n || (double)n > PST_PROP_NMAX || !(level > 0 && level < 1) ||
      m < 0 || m >= PST_PROP_NMETHODS || sd < PST_SIDES_TWO || sd > PST_SIDES_UPPER)
    return PST_EINVAL;

  prob P;
  P.k = (double)k;
  P.n = (double)n;
  P.nmk = (double)(n - k);
  double alpha = 1.0 - level; /* exact for level >= 1/2 */
  P.t = (sd == PST_SIDES_TWO) ? 0.5 * alpha : alpha;
  P.z = pst_normal_quantile(P.t, 0);
  /* One-sided levels below 1/2 give z < 0: such a "bound" lies on the far
   * side of k/n and is clipped to k/n below; z = 0 yields exactly that. */
  if (!(P.z > 0)) P.z = 0;
  int want_lo = sd != PST_SIDES_UPPER, want_up = sd != PST_SIDES_LOWER;

  double L = 0, U = 1;
  int st = PST_OK;
  switch (method) {
  case PST_PROP_WALD: ci_wald(&P, &L, &U); break;
  case PST_PROP_WILSON: ci_wilson(&P, &L, &U); break;
  case PST_PROP_WILSON_CC: ci_wilson_cc(&P, &L, &U); break;
  case PST_PROP_AGRESTI_COULL: ci_agresti_coull(&P, &L, &U); break;
  case PST_PROP_JEFFREYS: st = ci_jeffreys(&P, want_lo, want_up, &L, &U); break;
  case PST_PROP_CLOPPER_PEARSON: st = ci_clopper_pearson(&P, want_lo, want_up, &L, &U); break;
  case PST_PROP_MIDP: st = ci_midp(&P, want_lo, want_up, &L, &U); break;
  case PST_PROP_LR: st = ci_lr(&P, want_lo, want_up, &L, &U); break;
  case PST_PROP_NMETHODS: return PST_EINVAL; /* excluded above */
  }

  /* Contract of prop.h: 0 <= lower <= k/n <= upper <= 1, never NaN. */
  double phat = P.k / P.n;
  if (!want_lo) L = 0;
  if (!want_up) U = 1;
  if (!(L <= phat)) L = phat; /* also replaces a NaN */
  if (!(U >= phat)) U = phat;
  if (L < 0) L = 0;
  if (U > 1) U = 1;
  out->lower = L;
  out->upper = U;
  return st;
}
