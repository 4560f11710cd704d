/* powstat/dist_gamma.h -- Poisson tail probabilities and integer-shape gamma
 * quantiles, accurate at counts in the billions.
 *
 * GSL's gsl_sf_gamma_inc_Q returns GSL_EMAXITER (and a wrong value) for
 * shapes above about 1e6, and gsl_cdf_gamma_Pinv returns NaN there
 * (TECH-NOTES), so the exact Poisson (Garwood 1936) interval of a rate with
 * millions of deaths needs its own functions:
 *
 *   - the Poisson log density by Loader's saddle-point form
 *     log dpois(k; mu) = -stirlerr(k) - bd0(k, mu) - log(2 pi k)/2
 *     (Loader C. (2000) "Fast and accurate computation of binomial
 *     probabilities"; R's dpois), shared with dist.h's binomial;
 *   - the smaller Poisson tail as dpois(k; mu) times a finite series with
 *     terms decreasing from 1 (P(X <= k) = dpois(k) sum_j k!/(k-j)! mu^-j for
 *     mu > k; P(X > k) = dpois(k) sum_{j>=1} mu^j k!/(k+j)! for mu <= k),
 *     the other by log1mexp, so log tail probabilities far below DBL_MIN
 *     are represented;
 *   - gamma quantiles for an integer shape a from the identity
 *     P(Gamma(a) <= x) = P(Poisson(x) >= a) (DLMF 8.4.10), by safeguarded
 *     Newton iteration in log x inside a bracket.
 *
 * Conventions are those of dist.h: _e functions return PST_OK, PST_EINVAL
 * (result untouched) or PST_ENOCONV (best value written).  Accuracy
 * (tests/test_rate.c, against R 4.2 ppois/qgamma): relative 1e-12 or better
 * for k, mu up to 3e9.
 */
#ifndef POWSTAT_DIST_GAMMA_H
#define POWSTAT_DIST_GAMMA_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* log P(X = k) for X ~ Poisson(mu); mu >= 0 finite, k <= 2^53.  NaN for
 * invalid arguments; -Inf where the probability is 0 (mu = 0, k > 0). */
double pst_pois_logpmf(uint64_t k, double mu);

/* P(X <= k) (lower_tail) or P(X > k) for X ~ Poisson(mu), as a natural log
 * if log_p.  Domain: 0 <= mu finite, k <= 2^53; otherwise PST_EINVAL.  Equals
 * R's ppois(k, mu, lower.tail, log.p).  Cost O(sqrt(k) + 1) terms. */
int pst_pois_cdf_e(uint64_t k, double mu, int lower_tail, int log_p, double *result);

/* Quantile of Gamma(shape a, scale 1) for an integer shape 1 <= a <= 2^53:
 * the x with P(X <= x) = p (lower_tail) or P(X > x) = p; 0 <= p <= 1
 * (p = 0 and 1 give the endpoints 0 and +Inf).  Equals R's
 * qgamma(p, a, lower.tail = lower_tail).  PST_EINVAL outside the domain,
 * PST_ENOCONV if the iteration cap was hit (tests check it is not). */
int pst_gamma_quantile_int_e(double p, uint64_t a, int lower_tail, double *result);

#ifdef __cplusplus
}
#endif
#endif
