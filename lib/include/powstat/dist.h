/* powstat/dist.h -- distribution functions accurate at large parameters.
 *
 * The interval and test modules need beta and binomial tail probabilities
 * and quantiles at counts up to 2^53, where GSL's gsl_cdf_beta_P returns NaN
 * (a, b above about 8e5) and gsl_cdf_beta_Pinv fails or never returns
 * (TECH-NOTES).  Everything here is computed in this library:
 *
 *   - the regularized incomplete beta I_x(a,b) and its complement, evaluated
 *     in log space so that tails far below DBL_MIN are still represented;
 *     the tail on x's side of the mean is computed, the other derived from
 *     it, by the first method that applies (lib/src/dist_beta.c):
 *       * a = 1 or b = 1: closed forms;
 *       * min(a,b) >= 100 near the mean: Temme's uniform asymptotic
 *         expansion, as BASYM in DiDonato & Morris (1992) ACM TOMS 18:360-373
 *         (lib/src/dist_basym.c);
 *       * min(a,b) < 2000 on the fast side of the mean: the continued
 *         fraction of DLMF 8.17.22 (modified Lentz);
 *       * a, b > 1 otherwise: a continued fraction in a form that does not
 *         amplify the rounding of 1 - x;
 *       * fallback (no convergence, a or b below 1): the tail integral of the
 *         density, rescaled to its local width and integrated by exp-sinh
 *         quadrature, Takahasi & Mori (1974) Publ RIMS 9:721-741, with an
 *         integrand formed from log1p(e) - e pieces and an fma-exact slope so
 *         that it keeps full relative precision even at a, b ~ 1e15;
 *     the prefactor x^a (1-x)^b / B(a,b) comes from Loader's saddle-point
 *     binomial density (stirlerr/bd0), Loader C. (2000) "Fast and accurate
 *     computation of binomial probabilities", as in R's dbinom/dbeta, which
 *     avoids the cancellation of lgamma(a) + lgamma(b) - lgamma(a+b);
 *   - quantiles by safeguarded Halley iteration on the log tail probability
 *     (steps in log x or log(1-x)), always inside a shrinking bracket, from
 *     the AS 109 starting value (Cran, Martin & Thomas 1977, Appl Stat 26:111;
 *     Majumder & Bhattacharjee 1973, AS 64).
 *
 * Every loop has a fixed iteration cap: no call can hang.  A cap that is hit
 * returns PST_ENOCONV with the best available value in *result (the tests
 * check that this does not happen on a wide grid).
 *
 * Conventions: functions ending in _e return a status (PST_OK, PST_EINVAL
 * for arguments outside the domain -- *result is then left untouched --, or
 * PST_ENOCONV) and write the value through the last pointer.  The other
 * functions return the value directly and return NaN for invalid arguments
 * or (never observed) non-convergence, like R's p/q functions.
 *
 * lower_tail != 0 selects P(X <= x), lower_tail == 0 selects P(X > x);
 * log_p != 0 means probabilities are given or returned as natural logs.
 *
 * Accuracy (tests/test_dist.c, against R 4.2 pbeta/qbeta/dbinom/pbinom):
 * relative error below 1e-13 for a, b up to 1e9 wherever the value is above
 * DBL_MIN, and for log probabilities down to -1e5.
 */
#ifndef POWSTAT_DIST_H
#define POWSTAT_DIST_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Beta(a, b) ------------------------------------------------------- */

/* Regularized incomplete beta: I_x(a,b) (lower_tail) or 1 - I_x(a,b).
 * Domain: 0 <= x <= 1, a > 0, b > 0, all finite; otherwise PST_EINVAL.
 * References: DLMF 8.17.22 (continued fraction); Loader (2000); Takahasi &
 * Mori (1974).  Equals R's pbeta(x, a, b, lower.tail, log.p). */
int pst_beta_inc_e(double x, double a, double b, int lower_tail, int log_p,
                   double *result);

double pst_beta_cdf(double x, double a, double b);    /* I_x(a,b) */
double pst_beta_sf(double x, double a, double b);     /* 1 - I_x(a,b) */
double pst_beta_logcdf(double x, double a, double b); /* log I_x(a,b) */
double pst_beta_logsf(double x, double a, double b);  /* log(1 - I_x(a,b)) */

/* Log density of Beta(a,b) at x (R's dbeta(x, a, b, log = TRUE)); -Inf
 * outside [0,1] (or at an endpoint where the density is 0); NaN if a or b is
 * not positive and finite.  For a, b >= 1 via Loader's binomial density. */
double pst_beta_logpdf(double x, double a, double b);

/* Quantile: the x in [0,1] with P(X <= x) = p (lower_tail) or P(X > x) = p;
 * p is a log probability if log_p.  Domain: p in [0,1] (or [-Inf,0] if
 * log_p), a, b > 0 finite.  p = 0 / 1 give the endpoints.  Equals R's
 * qbeta(p, a, b, lower.tail, log.p).  PST_ENOCONV if the iteration cap
 * (200 steps) was hit. */
int pst_beta_quantile_e(double p, double a, double b, int lower_tail,
                        int log_p, double *result);
double pst_beta_quantile(double p, double a, double b, int lower_tail);

/* ---- Binomial(n, p) --------------------------------------------------- */
/* Counts are uint64_t and must satisfy k <= n <= 2^53 (exact in a double);
 * 0 <= p <= 1.  Invalid arguments give NaN (or PST_EINVAL for _e). */

/* P(X = k) and its log, Loader's saddle-point form (R's dbinom). */
double pst_binom_pmf(uint64_t k, uint64_t n, double p);
double pst_binom_logpmf(uint64_t k, uint64_t n, double p);

/* P(X <= k) (lower_tail) or P(X > k), via the beta relation
 * P(X > k) = I_p(k+1, n-k) (DLMF 8.17.5); R's pbinom.  X ~ Bin(n, p); with
 * log_p the natural log of the probability.  Returns PST_OK, PST_EINVAL
 * (result NULL, k > n, n > 2^53, p outside [0, 1]) or the status of
 * pst_beta_inc_e. */
int pst_binom_cdf_e(uint64_t k, uint64_t n, double p, int lower_tail,
                    int log_p, double *result);
double pst_binom_cdf(uint64_t k, uint64_t n, double p); /* P(X <= k) */
double pst_binom_sf(uint64_t k, uint64_t n, double p);  /* P(X > k) */

/* ---- Normal and chi-square(1) quantiles ------------------------------- */

/* z with Phi(z) = p (lower_tail) or 1 - Phi(z) = p; GSL's ugaussian
 * Pinv/Qinv, accurate in both tails (p down to 1e-300).  NaN outside [0,1];
 * -Inf/+Inf at the endpoints. */
double pst_normal_quantile(double p, int lower_tail);

/* Chi-square(1) quantile: the c with P(X <= c) = p (lower_tail) or
 * P(X > c) = p, computed as z^2 with z = Phi^-1(1 - (1-p)/2), so the upper
 * tail probability is never formed by subtraction. */
double pst_chisq1_quantile(double p, int lower_tail);

#ifdef __cplusplus
}
#endif
#endif
