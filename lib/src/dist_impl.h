/* dist_impl.h -- internal helpers shared by dist*.c and prop*.c.
 * Not installed; names carry the pst__ prefix. */
#ifndef POWSTAT_DIST_IMPL_H
#define POWSTAT_DIST_IMPL_H

#include <math.h>
#include <stddef.h>

/* C's INFINITY and NAN are float constants; these avoid implicit
 * float-to-double promotions (-Wdouble-promotion). */
#define PST__INF ((double)INFINITY)
#define PST__NAN ((double)NAN)

/* Stirling-formula remainder
 *   stirlerr(n) = log(n!) - log(sqrt(2 pi n) (n/e)^n),
 * Loader (2000) eq. (6); exact table at half integers <= 15, lgamma below 15
 * otherwise, and the asymptotic series 1/(12n) - 1/(360n^3) + ... above. */
double pst__stirlerr(double n);

/* Deviance term bd0(x, M) = x log(x/M) + M - x >= 0, Loader (2000) eq. (5),
 * by the series in v = (x-M)/(x+M) when |x-M| < 0.1 (x+M).  d must be x - M
 * computed as accurately as the caller can (e.g. fma(-n, p, x)); this keeps
 * full relative precision where x and M agree to many digits. */
double pst__bd0(double x, double M, double d);

/* log1p(e) - e without cancellation for small |e| (e > -1). */
double pst__log1pmx(double e);

/* log of the binomial density Gamma(n+1)/(Gamma(x+1)Gamma(nmx+1)) p^x q^nmx
 * with n = x + nmx, for real x, nmx >= 0 and p + q = 1 (both passed, so that
 * the smaller one keeps its relative precision).  Loader (2000) eq. (7),
 * R's dbinom_raw. */
double pst__ldbinom_raw(double x, double nmx, double p, double q);

/* log(1 - exp(l)) for l <= 0 (Maechler 2012, "Accurately computing
 * log(1 - exp(-|a|))", Rmpfr vignette). */
double pst__log1mexp(double l);

/* log(exp(a) + exp(b)). */
double pst__logaddexp(double a, double b);

/* Core of the incomplete beta: with y = 1 - x supplied by the caller (so that
 * whichever of x, y is small keeps full precision), return the log of the
 * lower tail and of the upper tail (one of them is formed by log1mexp from
 * the other, the smaller one is computed directly) and the log density at x.
 * Requires 0 < x < 1, a, b > 0 finite.  Returns PST_OK or PST_ENOCONV. */
int pst__beta_tails(double x, double y, double a, double b, double *log_lower,
                    double *log_upper, double *log_dens);

/* Safeguarded Newton root finding for a monotone function on [lo, hi].
 * fdf(x, ctx, &f, &df) evaluates f and its derivative and returns a status;
 * f must be < 0 on the `lo` side and > 0 on the `hi` side if incr, the
 * reverse otherwise (the endpoints themselves are never evaluated).  Steps
 * are Newton steps in x (mode 0), in log x (mode 1), in log(1 - x)
 * (mode 2), or for roots in [0,1] in log x below 1/2 and log(1 - x) above
 * (mode 3), so that the small one of x, 1 - x keeps its relative precision;
 * a step leaving the current bracket is replaced by bisection
 * (geometric where the bracket spans more than a factor 4).  Stops when the
 * step or the bracket is below 2 ulp; at most PST__ROOT_MAXIT evaluations.
 * Returns PST_OK, PST_ENOCONV (cap hit; *root holds the best point found) or
 * the first failing status of fdf. */
#define PST__ROOT_MAXIT 200
typedef int (*pst__fdf)(double x, void *ctx, double *f, double *df);
int pst__root(pst__fdf fdf, void *ctx, double lo, double hi, double x0,
              int incr, int mode, double *root);

/* ---- incomplete beta internals (dist_beta.c, dist_basym.c) ---- */

/* exp(z^2) erfc(z) for z >= 0, to a few ulp (DLMF 7.9.2 for z >= 26). */
double pst__erfcx(double z);

/* Temme's uniform asymptotic expansion of the lower tail (DiDonato & Morris
 * 1992, BASYM): log I_x(a,b) for x at or below the mean (lambda =
 * a - (a+b)x >= 0, the caller's responsibility), given the deviance
 * f = bd0(a, (a+b)x) + bd0(b, (a+b)(1-x)) formed accurately by the caller.  Meant for min(a,b) >= 100 and lambda <= 0.03 min(a,b), where the
 * truncation error is below 1e-15 relative (tests/test_dist.c checks it
 * against the quadrature).  PST_ENOCONV if the series did not reach
 * DBL_EPSILON/2 within 20 terms (the value is then only approximate). */
int pst__beta_basym(double a, double b, double f, double *log_i);

/* Methods of the direct lower tail, for tests that compare them where
 * their regions meet (PST__BETA_AUTO is the dispatch pst__beta_tails uses). */
enum {
  PST__BETA_AUTO = 0,
  PST__BETA_CF,    /* continued fraction DLMF 8.17.22 (x must be exact) */
  PST__BETA_CFL,   /* its even part in lambda form (DiDonato & Morris BFRAC) */
  PST__BETA_BASYM, /* Temme's expansion */
  PST__BETA_QUAD   /* exp-sinh quadrature of the tail integral */
};

/* log I_x(a,b) by the given method, y = 1 - x supplied as in
 * pst__beta_tails; x must be at or below the mean (lambda >= 0) for CFL and
 * BASYM and at most a/(a+b-1) for QUAD.  PST_EINVAL for a method outside
 * its domain, else the method's status. */
int pst__beta_lower_by(int method, double x, double y, double a, double b, double *log_lower);

#endif
