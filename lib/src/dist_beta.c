/* dist_beta.c -- regularized incomplete beta I_x(a,b) in log space.
 *
 * Notation: y = 1 - x, B = B(a,b), f(t) = t^(a-1) (1-t)^(b-1) / B, and
 *   LP = log(x^a y^b / B) = log(ab/(a+b)) + log b(a; a+b, x)
 * where b(.; n, p) is Loader's binomial density for real arguments
 * (pst__ldbinom_raw): Gamma(a+b+1)/(Gamma(a+1)Gamma(b+1)) = (a+b)/(ab B).
 * This form has no cancellation between log-gamma values of size 1e10 and
 * is insensitive to the rounding of y = 1 - x (bd0 is evaluated at its
 * centre).
 *
 * The tail on the side of x (lower if x <= a/(a+b), else upper) is computed
 * directly; the other is log1mexp of it (no cancellation, since the direct
 * tail is then the smaller one or at most ~0.75, in which case the other
 * tail is also computed directly where possible).  The direct tail is the
 * lower tail of Beta(a,b) at x or of Beta(b,a) at y, always with
 * lambda = a - (a+b)x >= 0 (resp. b - (a+b)y = -lambda), formed by one fma
 * from the exact one of x, y.  Methods, first applicable wins (lower_by):
 *
 *   region                                   method            cost
 *   a = 1 or b = 1                           closed form       exact
 *   min(a,b) >= 100, lambda <= 0.03 min(a,b) Temme expansion   ~0.2 us
 *                                            (dist_basym.c)
 *   min(a,b) < 2000, variable exact, fast    DLMF fraction     ~0.6 sqrt(min)
 *     side x < (a+1)/(a+b+2)                 (1. below)          + 10 terms
 *   lambda >= 0, a, b > 1 otherwise (tails   lambda-form       about half as
 *     at large a, b; rounded y = 1 - x)      fraction (3.)       many terms
 *   not converged in 300 terms, or the       quadrature (2.)   ~10 us
 *     skewed other tail (lambda < 0)
 *
 * The thresholds of the expansion are those of TOMS 708 (DiDonato & Morris
 * 1992); tests/test_dist.c compares every pair of methods where their
 * regions meet.
 *
 * 1. Continued fraction, DLMF 8.17.22:
 *      I_x(a,b) = x^a y^b / (a B) * 1/(1+ d1/(1+ d2/(1+ ...))),
 *      d_2m = m(b-m)x / ((a+2m-1)(a+2m)),
 *      d_2m+1 = -(a+m)(a+b+m)x / ((a+2m)(a+2m+1)),
 *    evaluated by the modified Lentz algorithm (Numerical Recipes 3rd ed.,
 *    sec. 6.4 and 5.2).  Used when min(a,b) < 2000 and the point lies in the
 *    fast region x < (a+1)/(a+b+2) (or the mirror for the upper tail); there
 *    it needs about 0.6 sqrt(min(a,b)) + 10 terms.  The upper tail uses the
 *    fraction in y only when y = 1 - x is exact (x >= 1/2): with y rounded
 *    and b large the fraction amplifies the rounding of y (its first
 *    denominator is O(1/b)).
 *
 * 2. Quadrature of the tail integral after t = x e^-v (lower tail):
 *      I_x(a,b) = x f(x) Int_0^inf exp(H(v)) dv,
 *      H(v) = -a v + (b-1) log1p(z),  z = (x/y)(1 - e^-v),
 *    and the mirror t = 1 - y e^-v for the upper tail.  H(0) = 0 and H is
 *    decreasing for x <= a/(a+b-1) (and concave for b >= 1), so the
 *    integrand is a smooth bump of width h0 = 1/(|H'(0)| + sqrt|H''(0)|) on
 *    [0, inf) with no endpoint singularity.  H is assembled as
 *      H = v H'(0) + (b-1) log1pmx(z) - (b-1)(x/y) expm1mx(-v)
 *    where H'(0) = ((a+b-1)x - a)/y has its numerator formed by one fma
 *    (exact for integer or half-integer a, b below 2^52), so that nothing of
 *    size a v cancels.  The integral over u = v/h0 is done by the exp-sinh
 *    rule u = exp(pi/2 sinh tau) with trapezoidal steps halved until two
 *    successive sums agree to 1e-15 (Takahasi & Mori 1974; Bailey, Jeyabalan
 *    & Li 2005, Exp Math 14:317-329), at most 7 levels.
 *
 * 3. The even part of 1. in the form of DiDonato & Morris (BFRAC), in which
 *    the cancelling difference a - (a+b)x appears only as lambda
 *    (beta_cf_lambda below).
 *
 * All methods keep relative accuracy ~1e-15 in the computed tail down to
 * any magnitude, because everything is carried as a logarithm.
 */
#include "powstat/dist.h"
#include "powstat/status.h"
#include "dist_impl.h"

#include <float.h>
#include <math.h>

#define CF_MAX_MINAB 2000.0 /* beyond: quadrature (CF needs ~0.6 sqrt(min)) */
#define CF_MAXIT 1000
#define CFL_MAXIT 300         /* lambda-form fraction in the dispatch; then quadrature */
#define BASYM_MIN_AB 100.0    /* Temme's expansion for min(a,b) >= this ... */
#define BASYM_MAX_LAMBDA 0.03 /* ... and lambda <= this * min(a,b) (TOMS 708) */
#define LN_2PI 1.837877066409345483560659472811
#define CF_EPS 1e-16
#define CF_TINY 1e-300
#define DE_MAXLEVEL 7
#define DE_TAU_MIN (-4.0) /* u = exp(pi/2 sinh(-4)) = 2.5e-19 */
#define DE_TAU_MAX 3.0    /* u = exp(pi/2 sinh 3) = 6.9e6 */
#define DE_TOL 1e-15
#define HALF_PI 1.57079632679489661923132169164

/* log(x^a y^b / B(a,b)); see the file comment. */
static double log_prefactor(double x, double y, double a, double b)
{
  return log(a * b / (a + b)) + pst__ldbinom_raw(a, b, x, y);
}

/* exp(t) - 1 - t, without cancellation for small |t|. */
static double expm1mx(double t)
{
  if (fabs(t) > 0.5) return expm1(t) - t;
  double term = 0.5 * t * t, sum = 0.0;
  for (int k = 3; k < 30; k++) {
    double s1 = sum + term;
    if (s1 == sum) break;
    sum = s1;
    term *= t / k;
  }
  return sum;
}

/* Continued fraction of DLMF 8.17.22 at (x, a, b): returns log of
 * 1/(1+d1/(1+...)) in *log_h.  Modified Lentz (NR 5.2). */
static int beta_cf(double x, double a, double b, double *log_h)
{
  double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0, d = 1.0 - qab * x / qap, h;
  if (fabs(d) < CF_TINY) d = CF_TINY;
  d = 1.0 / d;
  h = d;
  for (int m = 1; m <= CF_MAXIT; m++) {
    double dm = (double)m, m2 = 2.0 * dm;
    double aa = dm * (b - dm) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (fabs(d) < CF_TINY) d = CF_TINY;
    c = 1.0 + aa / c;
    if (fabs(c) < CF_TINY) c = CF_TINY;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + dm) * (qab + dm) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (fabs(d) < CF_TINY) d = CF_TINY;
    c = 1.0 + aa / c;
    if (fabs(c) < CF_TINY) c = CF_TINY;
    d = 1.0 / d;
    double del = d * c;
    h *= del;
    if (fabs(del - 1.0) < CF_EPS) {
      *log_h = log(h);
      return PST_OK;
    }
  }
  *log_h = log(h);
  return PST_ENOCONV;
}

/* Integrand parameters for the lower-tail quadrature in the variable
 * v = log(x/t): H(v) = v*h1 + bm1*log1pmx(r(1-e^-v)) - bm1*r*expm1mx(-v). */
typedef struct {
  double h1;  /* H'(0) <= 0 */
  double bm1; /* b - 1 */
  double r;   /* x / y */
  double h0;  /* scale of v */
} quad_par;

static double quad_integrand(const quad_par *q, double u)
{
  double v = q->h0 * u;
  double z = -q->r * expm1(-v);
  double H = v * q->h1 + q->bm1 * (pst__log1pmx(z) - q->r * expm1mx(-v));
  return exp(H);
}

/* Int_0^inf exp(H(h0 u)) du by the exp-sinh rule; returns the log. */
static int quad_exp_sinh(const quad_par *q, double *log_int)
{
  double h = 0.5, sum = 0.0, prev = 0.0;
  for (int level = 0; level <= DE_MAXLEVEL; level++) {
    /* level 0: all multiples of h; later levels: odd multiples only. */
    double step = (level == 0) ? h : 2.0 * h;
    double start = (level == 0) ? 0.0 : h;
    double add = 0.0;
    for (int dir = 0; dir < 2; dir++) {
      /* dir 0: tau = start, start+step, ... ; dir 1: -start, ... */
      double tau0 = dir == 0 ? start : -start;
      if (dir == 1 && level == 0) tau0 = -step; /* tau = 0 counted once */
      double sgn = dir == 0 ? 1.0 : -1.0;
      for (int j = 0;; j++) {
        double tau = tau0 + sgn * step * (double)j;
        if (tau > DE_TAU_MAX || tau < DE_TAU_MIN) break;
        double et = exp(tau), sh = 0.5 * (et - 1.0 / et), ch = 0.5 * (et + 1.0 / et);
        double u = exp(HALF_PI * sh);
        double w = HALF_PI * ch * u;
        double fv = quad_integrand(q, u);
        double term = w * fv;
        add += term;
        /* The integrand decreases in u; once it is negligible against the
         * running sum beyond the bump, later nodes add nothing. */
        if (dir == 0 && u > 1.0 && (fv == 0.0 || term < 1e-20 * (sum + add))) break;
      }
    }
    sum += add;
    double est = sum * h;
    if (level > 0 && fabs(est - prev) <= DE_TOL * est) {
      *log_int = log(est);
      return PST_OK;
    }
    prev = est;
    h *= 0.5;
  }
  *log_int = log(prev);
  return PST_ENOCONV;
}

/* Lower tail log I_x(a,b) by quadrature; requires x <= a/(a+b-1) (or
 * a + b <= 1), i.e. H'(0) <= 0.  lp = log_prefactor. */
static int lower_quad(double x, double y, double a, double b, double lp, double *res)
{
  quad_par q;
  double n1 = a + b - 1.0;
  /* a - (a+b-1) x, exactly rounded, from whichever of x, y is exact. */
  double num = (x <= 0.5) ? fma(-n1, x, a) : fma(n1, y, -(b - 1.0));
  if (num < 0) num = 0; /* only at the mean itself, by rounding */
  q.h1 = -num / y;
  q.bm1 = b - 1.0;
  q.r = x / y;
  double c2 = (b - 1.0) * x / (y * y);
  q.h0 = 1.0 / (-q.h1 + sqrt(c2 > 0 ? c2 : 0.0));
  double li;
  int st = quad_exp_sinh(&q, &li);
  *res = lp - log(y) + log(q.h0) + li;
  return st;
}

/* Continued fraction of DiDonato & Morris (1992, eq. 2.? / BFRAC), the even
 * part of DLMF 8.17.22 written with lambda = a - (a+b)x:
 *   I_x(a,b) = x^a y^b / B(a,b) * 1/(beta_0 + alpha_1/(beta_1 + ...)),
 *   beta_0  = a (lambda + 1)/(a + 1),
 *   alpha_n = (a+n-1)(a+b+n-1) n (b-n) x^2 / (a+2n-1)^2,
 *   beta_n  = n + n (b-n) x/(a+2n-1) + (a+n)/(a+2n+1) (lambda + 1 + n(1+y)).
 * For lambda >= 0 every term is a sum of non-negative parts (while n < b):
 * the one cancelling difference of the fraction in x, a - (a+b)x, enters
 * only through lambda, formed exactly by the caller.  So x and y may carry
 * the rounding of 1 - x: this is what lets the upper tail at a rounded
 * y = 1 - x use a fraction too (the DLMF form amplifies that rounding by
 * about a+b).  Modified Lentz; each step is two steps of DLMF 8.17.22. */
static int beta_cf_lambda(double x, double y, double a, double b, double lambda, int maxit,
                          double *log_h)
{
  double f = a * (lambda + 1.0) / (a + 1.0);
  if (f < CF_TINY) f = CF_TINY;
  double C = f, D = 0.0, ab = a + b, yp1 = 1.0 + y, lp1 = lambda + 1.0;
  for (int n = 1; n <= maxit; n++) {
    double dn = (double)n, s = a + 2.0 * dn - 1.0;
    double w = dn * (b - dn) * x;
    double alpha = (a + dn - 1.0) * (ab + dn - 1.0) * (w * x) / (s * s);
    double beta = dn + w / s + (a + dn) / (s + 2.0) * (lp1 + dn * yp1);
    D = beta + alpha * D;
    if (fabs(D) < CF_TINY) D = CF_TINY;
    D = 1.0 / D;
    C = beta + alpha / C;
    if (fabs(C) < CF_TINY) C = CF_TINY;
    double del = C * D;
    f *= del;
    if (fabs(del - 1.0) < CF_EPS) {
      *log_h = -log(f);
      return PST_OK;
    }
  }
  *log_h = -log(f);
  return PST_ENOCONV;
}

/* The point of evaluation with everything the methods share: lambda =
 * a - (a+b)x by one fma from whichever of x, y is at most 1/2 (exact by the
 * callers' convention), the deviance f = bd0(a, nx) + bd0(b, ny) and the
 * log prefactor lp = log(x^a y^b / B(a,b)), assembled exactly as
 * pst__ldbinom_raw(a, b, x, y) does (so lp is the same double as the
 * log_prefactor of earlier versions). */
typedef struct {
  double x, y, a, b, lambda, f, lp;
} beta_pt;

static void beta_point(double x, double y, double a, double b, beta_pt *P)
{
  double n = a + b;
  double d = (x <= y) ? fma(-n, x, a) : -fma(-n, y, b);
  /* bd0(a, nx) = a log(a/(nx)) + nx - a = -a log1pmx(-lambda/a) (nx =
   * a - lambda), and bd0(b, ny) = -b log1pmx(lambda/b): in this form the
   * deviance has no rounded n x inside a logarithm, whose error (a ulp of
   * log(a/(nx)), times a) was the largest one left in the tail (about
   * 1e-14 absolute at a = 41, i.e. an ulp or two in a quantile).  Not for
   * t = -lambda/a near -1 (nx << a, far in the lower tail), where forming
   * 1 + t inside log1p would cost eps/(1 + t) relative: there bd0's
   * log(a/(nx)) is the accurate form. */
  double t1 = -d / a, t2 = d / b;
  double f1 = (t1 > -0.5) ? -a * pst__log1pmx(t1) : pst__bd0(a, n * x, d);
  double f2 = (t2 > -0.5) ? -b * pst__log1pmx(t2) : pst__bd0(b, n * y, -d);
  double lc = pst__stirlerr(n) - pst__stirlerr(a) - pst__stirlerr(b) - f1 - f2;
  double lf = LN_2PI + log(a) + log(b / n);
  P->x = x;
  P->y = y;
  P->a = a;
  P->b = b;
  P->lambda = d;
  P->f = f1 + f2;
  P->lp = log(a * b / n) + (lc - 0.5 * lf);
}

/* The same point seen from the upper tail: Beta(b, a) at y. */
static void beta_point_mirror(const beta_pt *P, beta_pt *M)
{
  M->x = P->y;
  M->y = P->x;
  M->a = P->b;
  M->b = P->a;
  M->lambda = -P->lambda;
  M->f = P->f;
  M->lp = P->lp;
}

static int cf_fast_region(const beta_pt *P)
{
  return fmin(P->a, P->b) < CF_MAX_MINAB && P->x * (P->a + P->b + 2.0) < P->a + 1.0;
}

static int basym_region(const beta_pt *P)
{
  double m = fmin(P->a, P->b);
  return m >= BASYM_MIN_AB && P->lambda >= 0 && P->lambda <= BASYM_MAX_LAMBDA * m;
}

/* The lower tail of P by one method (see pst__beta_lower_by). */
static int lower_by(int method, const beta_pt *P, int x_exact, double *res)
{
  double lh;
  int st;
  switch (method) {
  case PST__BETA_CF:
    if (!x_exact) return PST_EINVAL;
    st = beta_cf(P->x, P->a, P->b, &lh);
    *res = P->lp - log(P->a) + lh;
    return st;
  case PST__BETA_CFL:
    if (!(P->lambda >= 0)) return PST_EINVAL;
    st = beta_cf_lambda(P->x, P->y, P->a, P->b, P->lambda, CF_MAXIT, &lh);
    *res = P->lp + lh;
    return st;
  case PST__BETA_BASYM:
    if (!(P->lambda >= 0)) return PST_EINVAL;
    return pst__beta_basym(P->a, P->b, P->f, res);
  case PST__BETA_QUAD:
    if (!(P->x * (P->a + P->b - 1.0) <= P->a || P->a + P->b <= 1.0)) return PST_EINVAL;
    return lower_quad(P->x, P->y, P->a, P->b, P->lp, res);
  default: break;
  }
  /* PST__BETA_AUTO: the cheapest accurate method for the region.  First
   * the closed forms I_x(1,b) = 1 - y^b and I_x(a,1) = x^a (mid-p at k = 1
   * and n - 1 needs them; the fractions' domain is a, b > 1), each from
   * the exact one of x, y. */
  if (P->a == 1.0 || P->b == 1.0) {
    double lx = x_exact ? log(P->x) : log1p(-P->y), ly = x_exact ? log1p(-P->x) : log(P->y);
    *res = (P->b == 1.0) ? P->a * lx : pst__log1mexp(P->b * ly);
    return PST_OK;
  }
  if (basym_region(P) && pst__beta_basym(P->a, P->b, P->f, res) == PST_OK)
    return PST_OK;
#ifndef PST_BETA_NO_CF
  if (x_exact && cf_fast_region(P)) {
    st = beta_cf(P->x, P->a, P->b, &lh);
    if (st == PST_OK) {
      *res = P->lp - log(P->a) + lh;
      return st;
    }
  }
  if (P->lambda >= 0 && fmin(P->a, P->b) > 1.0) {
    /* a, b > 1 as in TOMS 708: with b < 1 the factors (b - n) alternate
     * and the fraction near x = 1 is only good to ~1e-14 (measured
     * against mpmath), where the quadrature keeps 1e-15 */
    st = beta_cf_lambda(P->x, P->y, P->a, P->b, P->lambda, CFL_MAXIT, &lh);
    if (st == PST_OK) {
      *res = P->lp + lh;
      return st;
    }
  }
#endif
  return lower_quad(P->x, P->y, P->a, P->b, P->lp, res);
}

int pst__beta_lower_by(int method, double x, double y, double a, double b, double *log_lower)
{
  if (!(x > 0 && y > 0 && a > 0 && b > 0 && isfinite(a) && isfinite(b))) return PST_EINVAL;
  beta_pt P;
  beta_point(x, y, a, b, &P);
  return lower_by(method, &P, x <= 0.5, log_lower);
}

int pst__beta_tails(double x, double y, double a, double b, double *log_lower,
                    double *log_upper, double *log_dens)
{
  int st = PST_OK, st2;
  double lo, up;
  if (x > 0.5) {
    /* Reflect, I_x(a,b) = 1 - I_y(b,a), so that the variable worked with
     * is the small one and exact (y = 1 - x is exact for x >= 1/2). */
    st = pst__beta_tails(y, x, b, a, log_upper, log_lower, log_dens);
    return st;
  }
  beta_pt P, M;
  beta_point(x, y, a, b, &P);
  beta_point_mirror(&P, &M);
  if (log_dens) *log_dens = P.lp - log(x) - log(y);
  if (P.lambda >= 0) {
    /* x at or below the mean: lower tail directly. */
    st = lower_by(PST__BETA_AUTO, &P, 1, &lo);
    up = pst__log1mexp(lo);
    if (lo > -0.2876820724517809 /* log 0.75 */ && y * (a + b - 1.0) <= b) {
      /* Skewed case (small a): the upper tail is not small either; get it
       * directly rather than by subtraction. */
      st2 = lower_quad(y, x, b, a, P.lp, &up);
      if (st2 != PST_OK) {
        up = pst__log1mexp(lo);
        st = st2;
      }
    }
  } else {
    /* Upper tail = lower tail of Beta(b, a) at y; y = 1 - x may be
     * rounded, which the lambda-form fraction, the expansion and the
     * quadrature tolerate (not the DLMF fraction; see the file comment). */
    st = lower_by(PST__BETA_AUTO, &M, 0, &up);
    lo = pst__log1mexp(up);
    if (up > -0.2876820724517809 && x * (a + b - 1.0) <= a) {
      st2 = lower_by(PST__BETA_AUTO, &P, 1, &lo);
      if (st2 != PST_OK) {
        lo = pst__log1mexp(up);
        st = st2;
      }
    }
  }
  if (lo > 0) lo = 0;
  if (up > 0) up = 0;
  *log_lower = lo;
  *log_upper = up;
  return st;
}

static int beta_args_ok(double a, double b)
{
  return a > 0 && b > 0 && isfinite(a) && isfinite(b);
}

int pst_beta_inc_e(double x, double a, double b, int lower_tail, int log_p, double *result)
{
  if (!result || !beta_args_ok(a, b) || !(x >= 0 && x <= 1)) return PST_EINVAL;
  double lo, up;
  int st = PST_OK;
  if (x == 0) {
    lo = -PST__INF;
    up = 0;
  } else if (x == 1) {
    lo = 0;
    up = -PST__INF;
  } else {
    st = pst__beta_tails(x, 1.0 - x, a, b, &lo, &up, NULL);
  }
  double l = lower_tail ? lo : up;
  *result = log_p ? l : exp(l);
  return st;
}

static double beta_inc_value(double x, double a, double b, int lower_tail, int log_p)
{
  double r;
  int st = pst_beta_inc_e(x, a, b, lower_tail, log_p, &r);
  return st == PST_OK ? r : PST__NAN;
}

double pst_beta_cdf(double x, double a, double b) { return beta_inc_value(x, a, b, 1, 0); }
double pst_beta_sf(double x, double a, double b) { return beta_inc_value(x, a, b, 0, 0); }
double pst_beta_logcdf(double x, double a, double b) { return beta_inc_value(x, a, b, 1, 1); }
double pst_beta_logsf(double x, double a, double b) { return beta_inc_value(x, a, b, 0, 1); }

double pst_beta_logpdf(double x, double a, double b)
{
  if (!beta_args_ok(a, b) || isnan(x)) return PST__NAN;
  if (x < 0 || x > 1) return -PST__INF;
  if (x == 0 || x == 1) {
    double s = (x == 0) ? a : b, o = (x == 0) ? b : a;
    if (s < 1) return PST__INF;
    if (s > 1) return -PST__INF;
    return log(o); /* Beta(1, o) at 0: o (1-0)^(o-1) */
  }
  double y = 1.0 - x;
  return log_prefactor(x, y, a, b) - log(x) - log(y);
}

/* ---- binomial distribution function via the beta relation ---- */

int pst_binom_cdf_e(uint64_t k, uint64_t n, double p, int lower_tail, int log_p,
                    double *result)
{
  if (!result || k > n || (double)n > 9007199254740992.0 || !(p >= 0 && p <= 1))
    return PST_EINVAL;
  double lo, up;
  int st = PST_OK;
  if (k == n || p == 0) {
    lo = 0;
    up = -PST__INF;
  } else if (p == 1) {
    lo = -PST__INF;
    up = 0;
  } else {
    /* P(X > k) = I_p(k+1, n-k) (DLMF 8.17.5). */
    st = pst__beta_tails(p, 1.0 - p, (double)k + 1.0, (double)(n - k), &up, &lo, NULL);
  }
  double l = lower_tail ? lo : up;
  *result = log_p ? l : exp(l);
  return st;
}

double pst_binom_cdf(uint64_t k, uint64_t n, double p)
{
  double r;
  return pst_binom_cdf_e(k, n, p, 1, 0, &r) == PST_OK ? r : PST__NAN;
}

double pst_binom_sf(uint64_t k, uint64_t n, double p)
{
  double r;
  return pst_binom_cdf_e(k, n, p, 0, 0, &r) == PST_OK ? r : PST__NAN;
}
