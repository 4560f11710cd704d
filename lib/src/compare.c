/* compare.c -- two-group measures: names, argument checks, the Wald-type
 * and score (Koopman, Miettinen-Nurminen, Cornfield) intervals.  Formulas
 * and references are in powstat/compare.h; the conditional odds-ratio
 * methods are in compare_exact.c and the rate ratios in compare_rate.c. */
#include "powstat/compare.h"
#include "powstat/dist.h"
#include "powstat/prop.h"
#include "powstat/status.h"
#include "compare_impl.h"

#include <math.h>
#include <string.h>

#define TWO53 9007199254740992.0
#define INF ((double)INFINITY)
#define NaN ((double)NAN)
#define PST_PI 3.141592653589793238462643383279
#define PST_INFV ((double)INFINITY)
#define TLIM 700.0 /* |log theta| beyond which a ratio bound is 0 or +Inf */

static const struct {
  pst_cmp_measure measure;
  const char *name, *ref;
} methods[PST_CMP_NMETHODS] = {
  {PST_CMP_DIFF, "wald", "Wald (large-sample)"},
  {PST_CMP_DIFF, "wald-cc", "Wald with continuity correction, R prop.test; Newcombe (1998) method 2"},
  {PST_CMP_DIFF, "newcombe", "Newcombe (1998) hybrid score, method 10"},
  {PST_CMP_DIFF, "agresti-caffo", "Agresti & Caffo (2000)"},
  {PST_CMP_DIFF, "mn", "Miettinen & Nurminen (1985) score"},
  {PST_CMP_RATIO, "katz", "Katz et al. (1978) log"},
  {PST_CMP_RATIO, "koopman", "Koopman (1984) score"},
  {PST_CMP_RATIO, "mn", "Miettinen & Nurminen (1985) score"},
  {PST_CMP_ODDS_RATIO, "woolf", "Woolf (1955) logit"},
  {PST_CMP_ODDS_RATIO, "exact", "conditional exact, Cornfield (1956); conditional MLE"},
  {PST_CMP_ODDS_RATIO, "mid-p", "conditional mid-p (Lancaster 1961); conditional MLE"},
  {PST_CMP_ODDS_RATIO, "mn", "Miettinen & Nurminen (1985) score"},
  {PST_CMP_ODDS_RATIO, "cornfield", "Cornfield (1956) approximate"},
  {PST_CMP_RATE_RATIO, "exact", "conditional binomial exact (Clopper-Pearson), R poisson.test"},
  {PST_CMP_RATE_RATIO, "mid-p", "conditional binomial mid-p"},
  {PST_CMP_RATE_RATIO, "wald", "Wald on the log scale"},
};

static const char *const measure_names[PST_CMP_NMEASURES] = {"diff", "ratio", "odds-ratio",
                                                             "rate-ratio"};

pst_cmp_measure pst_cmp_method_measure(pst_cmp_method m)
{
  return (unsigned)m < PST_CMP_NMETHODS ? methods[m].measure : PST_CMP_NMEASURES;
}

const char *pst_cmp_measure_name(pst_cmp_measure m)
{
  return (unsigned)m < PST_CMP_NMEASURES ? measure_names[m] : NULL;
}

const char *pst_cmp_method_name(pst_cmp_method m)
{
  return (unsigned)m < PST_CMP_NMETHODS ? methods[m].name : NULL;
}

const char *pst_cmp_method_ref(pst_cmp_method m)
{
  return (unsigned)m < PST_CMP_NMETHODS ? methods[m].ref : NULL;
}

int pst_cmp_measure_parse(const char *name, pst_cmp_measure *out)
{
  for (int i = 0; i < PST_CMP_NMEASURES; i++)
    if (name && strcmp(name, measure_names[i]) == 0) {
      *out = (pst_cmp_measure)i;
      return PST_OK;
    }
  return PST_ENOTFOUND;
}

int pst_cmp_method_parse(pst_cmp_measure measure, const char *name, pst_cmp_method *out)
{
  for (int i = 0; i < PST_CMP_NMETHODS; i++)
    if (name && methods[i].measure == measure && strcmp(name, methods[i].name) == 0) {
      *out = (pst_cmp_method)i;
      return PST_OK;
    }
  return PST_ENOTFOUND;
}

/* ---- shared pieces ----------------------------------------------------- */

typedef struct {
  double k1, n1, k2, n2, p1, p2, N;
  double crit;   /* z^2 */
  int variant;   /* MN (1) or not (0); for OR: 0 MN, 1 Cornfield, 2 Cornfield cc */
} sc_ctx;

static double zcrit(double level) { return pst_normal_quantile(0.5 * (1.0 - level), 0); }

static double p_normal(double z) { return erfc(fabs(z) / sqrt(2.0)); }

static void set_ci(pst_cmp_ci *o, double est, double lo, double hi, double p, int st)
{
  o->estimate = est;
  o->lower = lo;
  o->upper = hi;
  o->p_value = p;
  o->status = st;
}

/* ---- risk difference --------------------------------------------------- */

/* Restricted MLE of (p1, p2) under p1 - p2 = delta: the root of the cubic of
 * Farrington & Manning (1990) / Miettinen & Nurminen (1985, appendix) in
 * its trigonometric form. */
static void diff_rmle(const sc_ctx *c, double delta, double *p1t, double *p2t)
{
  double th = c->n2 / c->n1, a = 1 + th;
  double b = -(1 + th + c->p1 + th * c->p2 + delta * (th + 2));
  double cc = delta * delta + delta * (2 * c->p1 + th + 1) + c->p1 + th * c->p2;
  double d = -c->p1 * delta * (1 + delta);
  double v = b * b * b / (27 * a * a * a) - b * cc / (6 * a * a) + d / (2 * a);
  double u2 = b * b / (9 * a * a) - cc / (3 * a);
  double u = (v < 0 ? -1.0 : 1.0) * sqrt(fmax(u2, 0.0));
  double r = (u == 0) ? 0.0 : v / (u * u * u);
  double w = (PST_PI + acos(fmax(-1.0, fmin(1.0, r)))) / 3.0;
  double x = 2 * u * cos(w) - b / (3 * a);
  double lo = fmax(0.0, delta), hi = fmin(1.0, 1.0 + delta);
  double q, f0;
  x = fmin(hi, fmax(lo, x));
  /* The trigonometric root loses the digits of a small p1~ to cancellation
   * (2u cos w and b/3a are O(1) when p1~ ~ 1e-6), so it is polished by
   * Newton steps on the score equation of the constrained likelihood in
   * q = p2~, which is decreasing in q (concave log-likelihood):
   *   k1/(q+d) - (n1-k1)/(1-d-q) + k2/q - (n2-k2)/(1-q) = 0. */
  q = x - delta;
  f0 = PST_INFV;
  for (int it = 0; it < 8; it++) {
    double u1 = q + delta, v1 = (1 - delta) - q, f = 0, df = 0, qn;
    if (!(u1 > 0 && v1 > 0 && q > 0 && q < 1)) break;
    f = c->k1 / u1 - (c->n1 - c->k1) / v1 + c->k2 / q - (c->n2 - c->k2) / (1 - q);
    df = -c->k1 / (u1 * u1) - (c->n1 - c->k1) / (v1 * v1) - c->k2 / (q * q) -
         (c->n2 - c->k2) / ((1 - q) * (1 - q));
    if (!(fabs(f) < f0) || df == 0) break;
    f0 = fabs(f);
    qn = q - f / df;
    if (!(qn > fmax(0.0, -delta) && qn < fmin(1.0, 1.0 - delta))) break;
    if (qn == q) break;
    q = qn;
  }
  *p2t = q;
  *p1t = fmin(1.0, fmax(0.0, q + delta));
}

static double diff_z2(double delta, void *vc)
{
  const sc_ctx *c = vc;
  double p1t, p2t, num = c->p1 - c->p2 - delta, V;
  if (num == 0) return -c->crit;
  diff_rmle(c, delta, &p1t, &p2t);
  V = p1t * (1 - p1t) / c->n1 + p2t * (1 - p2t) / c->n2;
  if (c->variant) V *= c->N / (c->N - 1);
  return (V > 0 ? num * num / V : INF) - c->crit;
}

static int diff_score(const sc_ctx *c, pst_cmp_ci *o)
{
  double d = c->p1 - c->p2, lo, hi, step;
  int s1, s2;
  step = 0.25 * sqrt((c->p1 * (1 - c->p1) + 1 / c->n1) / c->n1 +
                     (c->p2 * (1 - c->p2) + 1 / c->n2) / c->n2);
  sc_ctx w = *c;
  s1 = pst__cmp_bound(diff_z2, &w, d, step, -1.0, &lo);
  s2 = pst__cmp_bound(diff_z2, &w, d, step, 1.0, &hi);
  {
    sc_ctx c0 = *c;
    c0.crit = 0;
    set_ci(o, d, lo, hi, pst__cmp_p_chisq(diff_z2(0.0, &c0)), PST_OK);
  }
  return (s1 != PST_OK) ? s1 : s2;
}

static int diff_ci(pst_cmp_method m, const sc_ctx *c, double level, pst_cmp_ci *o)
{
  double z = zcrit(level), d = c->p1 - c->p2, se, w;
  switch (m) {
  case PST_CMP_DIFF_WALD:
    se = sqrt(c->p1 * (1 - c->p1) / c->n1 + c->p2 * (1 - c->p2) / c->n2);
    set_ci(o, d, fmax(-1.0, d - z * se), fmin(1.0, d + z * se), se > 0 ? p_normal(d / se) : (d == 0 ? 1.0 : 0.0),
           PST_OK);
    return PST_OK;
  case PST_CMP_DIFF_WALD_CC: {
    /* R prop.test: YATES = min(0.5, |d| / (1/n1 + 1/n2)) */
    double sn = 1 / c->n1 + 1 / c->n2, cc = fmin(0.5, fabs(d) / sn) * sn;
    se = sqrt(c->p1 * (1 - c->p1) / c->n1 + c->p2 * (1 - c->p2) / c->n2);
    w = z * se + cc;
    set_ci(o, d, fmax(-1.0, d - w), fmin(1.0, d + w),
           se > 0 ? p_normal((fabs(d) - cc) / se) : (fabs(d) - cc > 0 ? 0.0 : 1.0), PST_OK);
    return PST_OK;
  }
  case PST_CMP_DIFF_NEWCOMBE: {
    pst_interval w1, w2;
    int st = pst_prop_ci(PST_PROP_WILSON, (uint64_t)c->k1, (uint64_t)c->n1, level, PST_SIDES_TWO, &w1);
    if (st == PST_OK) st = pst_prop_ci(PST_PROP_WILSON, (uint64_t)c->k2, (uint64_t)c->n2, level, PST_SIDES_TWO, &w2);
    if (st != PST_OK) return st;
    set_ci(o, d, d - hypot(c->p1 - w1.lower, w2.upper - c->p2), d + hypot(w1.upper - c->p1, c->p2 - w2.lower),
           NaN, PST_OK);
    return PST_OK;
  }
  case PST_CMP_DIFF_AGRESTI_CAFFO: {
    double a1 = (c->k1 + 1) / (c->n1 + 2), a2 = (c->k2 + 1) / (c->n2 + 2), da = a1 - a2;
    se = sqrt(a1 * (1 - a1) / (c->n1 + 2) + a2 * (1 - a2) / (c->n2 + 2));
    set_ci(o, d, fmax(-1.0, da - z * se), fmin(1.0, da + z * se), p_normal(da / se), PST_OK);
    return PST_OK;
  }
  case PST_CMP_DIFF_MN:
    return diff_score(c, o);
  default:
    return PST_EINVAL;
  }
}

/* ---- risk ratio -------------------------------------------------------- */

/* Restricted MLE under p1 = theta p2 (Miettinen & Nurminen 1985, eq. for
 * the risk ratio): the smaller root of N theta x^2 - (n1 theta + k1 + n2 +
 * k2 theta) x + k1 + k2 = 0, in the form without cancellation. */
static double ratio_z2(double t, void *vc)
{
  const sc_ctx *c = vc;
  double th = exp(t), K = c->k1 + c->k2;
  double B = c->n1 * th + c->k1 + c->n2 + c->k2 * th;
  double disc = B * B - 4 * c->N * th * K;
  double p2t = (K == 0) ? 0.0 : 2 * K / (B + sqrt(fmax(disc, 0.0)));
  double p1t = fmin(1.0, th * p2t), num = c->p1 - th * c->p2, V;
  if (num == 0) return -c->crit;
  V = p1t * (1 - p1t) / c->n1 + th * th * p2t * (1 - p2t) / c->n2;
  if (c->variant) V *= c->N / (c->N - 1);
  return (V > 0 ? num * num / V : INF) - c->crit;
}

/* ---- odds ratio score statistics ---------------------------------------- */

static double or_z2(double t, void *vc)
{
  const sc_ctx *c = vc;
  double th = exp(t), K = c->k1 + c->k2, tm1 = expm1(t);
  double B = c->n1 * th + c->n2 - K * tm1;
  double s = sqrt(fmax(B * B + 4 * c->n2 * K * tm1, 0.0));
  double p2t, p1t, q1t, q2t, den, diff, sinv;
  if (B > 0) p2t = 2 * K / (B + s);
  else p2t = (s - B) / (2 * c->n2 * tm1);
  p2t = fmin(1.0, fmax(0.0, p2t));
  q2t = 1 - p2t;
  den = 1 + p2t * tm1;
  p1t = th * p2t / den;
  q1t = q2t / den;
  if (!isfinite(p1t)) { p1t = 1; q1t = 0; }
  diff = c->k1 - c->n1 * p1t;
  if (c->variant == 2) diff = fmax(0.0, fabs(diff) - 0.5);
  if (diff == 0) return -c->crit;
  sinv = 1 / (c->n1 * p1t) + 1 / (c->n1 * q1t) + 1 / (c->n2 * p2t) + 1 / (c->n2 * q2t);
  {
    double x2 = diff * diff * sinv;
    if (c->variant == 0) x2 *= (c->N - 1) / c->N;
    return (isnan(x2) ? INF : x2) - c->crit;
  }
}

/* Score interval on the log scale for RATIO or OR; est is the point
 * estimate (0, finite or +Inf; NaN for 0/0). */
static int log_score(pst__cmp_fn fn, const sc_ctx *c, double est, double step, pst_cmp_ci *o)
{
  double t0, lo = 0, hi = INF, r;
  int s1 = PST_OK, s2 = PST_OK;
  sc_ctx w = *c;
  if (est > 0 && isfinite(est)) t0 = log(est);
  else if (est == 0) t0 = -60;          /* the statistic tends to 0 there */
  else t0 = isnan(est) ? 0.0 : 60;
  if (!(fn(t0, &w) < 0)) {
    /* with zero cells the statistic need not vanish at the boundary
     * estimate: look for the inside of the interval from t0 towards the
     * other side; none found means the data bound nothing */
    double dir = (est == 0) ? 1.0 : -1.0, st = step, t = t0;
    int found = 0;
    for (int i = 0; i < 80 && fabs(t) < TLIM; i++, st *= 1.5) {
      t += dir * st;
      if (fn(t, &w) < 0) { found = 1; break; }
    }
    if (!found) {
      sc_ctx c0 = *c;
      c0.crit = 0;
      set_ci(o, est, 0.0, INF, pst__cmp_p_chisq(fn(0.0, &c0)), isfinite(est) ? PST_OK : PST_EUNDEF);
      return PST_OK;
    }
    t0 = t;
  }
  if (est > 0) {
    s1 = pst__cmp_bound(fn, &w, t0, step, -TLIM, &r);
    lo = (r <= -TLIM) ? 0.0 : exp(r);
  }
  if (!(est == INF)) {
    s2 = pst__cmp_bound(fn, &w, t0, step, TLIM, &r);
    hi = (r >= TLIM) ? INF : exp(r);
  }
  if (isnan(est)) { lo = 0; hi = INF; s1 = s2 = PST_OK; }
  {
    sc_ctx c0 = *c;
    c0.crit = 0;
    set_ci(o, est, lo, hi, pst__cmp_p_chisq(fn(0.0, &c0)),
           (isfinite(est)) ? PST_OK : PST_EUNDEF);
  }
  return s1 != PST_OK ? s1 : s2;
}

int pst_cmp_props(pst_cmp_method m, uint64_t k1, uint64_t n1, uint64_t k2, uint64_t n2,
                  double level, unsigned flags, pst_cmp_ci *out)
{
  sc_ctx c;
  double z, a, b, cc, d, step;
  pst_cmp_measure meas = pst_cmp_method_measure(m);
  if (!out || n1 == 0 || n2 == 0 || k1 > n1 || k2 > n2 || (double)n1 + (double)n2 > TWO53 ||
      !(level > 0 && level < 1) || meas == PST_CMP_RATE_RATIO || meas == PST_CMP_NMEASURES)
    return PST_EINVAL;
  c.k1 = (double)k1;
  c.n1 = (double)n1;
  c.k2 = (double)k2;
  c.n2 = (double)n2;
  c.p1 = c.k1 / c.n1;
  c.p2 = c.k2 / c.n2;
  c.N = c.n1 + c.n2;
  z = zcrit(level);
  c.crit = z * z;
  c.variant = 1;
  a = c.k1; b = c.n1 - c.k1; cc = c.k2; d = c.n2 - c.k2;
  if (meas == PST_CMP_DIFF) return diff_ci(m, &c, level, out);
  step = 0.25 * sqrt(1 / (a + 0.5) + 1 / (b + 0.5) + 1 / (cc + 0.5) + 1 / (d + 0.5));
  if (meas == PST_CMP_RATIO) {
    double est = (k2 > 0) ? c.p1 / c.p2 : (k1 > 0 ? INF : NaN);
    if (m == PST_CMP_RATIO_KATZ) {
      double se, l;
      if (k1 == 0 || k2 == 0) {
        set_ci(out, est, NaN, NaN, NaN, PST_EUNDEF);
        return PST_OK;
      }
      se = sqrt(1 / c.k1 - 1 / c.n1 + 1 / c.k2 - 1 / c.n2);
      l = log(est);
      set_ci(out, est, exp(l - z * se), exp(l + z * se), se > 0 ? p_normal(l / se) : (l == 0 ? 1.0 : 0.0),
             PST_OK);
      return PST_OK;
    }
    c.variant = (m == PST_CMP_RATIO_MN);
    return log_score(ratio_z2, &c, est, step, out);
  }
  /* odds ratio */
  {
    double est = (b * cc > 0) ? (a * d) / (b * cc) : (a * d > 0 ? INF : NaN);
    if (b * cc > 0 && a * d == 0) est = 0;
    switch (m) {
    case PST_CMP_OR_WOOLF: {
      double se, l;
      if (a == 0 || b == 0 || cc == 0 || d == 0) {
        set_ci(out, est, NaN, NaN, NaN, PST_EUNDEF);
        return PST_OK;
      }
      se = sqrt(1 / a + 1 / b + 1 / cc + 1 / d);
      /* log OR as a sum of logs: a d / (b c) may overflow for huge counts */
      l = log(a) + log(d) - log(b) - log(cc);
      set_ci(out, exp(l), exp(l - z * se), exp(l + z * se), p_normal(l / se), PST_OK);
      return PST_OK;
    }
    case PST_CMP_OR_EXACT:
    case PST_CMP_OR_MIDP:
      return pst__cmp_or_exact(k1, n1, k2, n2, level, m == PST_CMP_OR_MIDP, out);
    case PST_CMP_OR_MN:
      c.variant = 0;
      return log_score(or_z2, &c, est, step, out);
    case PST_CMP_OR_CORNFIELD:
      c.variant = (flags & PST_CMP_CORNFIELD_CC) ? 2 : 1;
      return log_score(or_z2, &c, est, step, out);
    default:
      return PST_EINVAL;
    }
  }
}
