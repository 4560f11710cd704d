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

#endif
