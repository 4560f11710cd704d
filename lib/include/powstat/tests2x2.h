/* powstat/tests2x2.h -- tests of independence for two groups' mortality.
 *
 * Group 1 has k1 deaths among n1, group 2 k2 among n2: the 2x2 table
 *                deaths   survivors
 *     group 1    a = k1   b = n1 - k1
 *     group 2    c = k2   d = n2 - k2        N = n1 + n2, K = k1 + k2.
 *
 *   Pearson   X2 = N (ad - bc)^2 / (n1 n2 K (N - K)), 1 df (Pearson 1900);
 *             ad - bc is formed with fma so it is exact to rounding even
 *             when ad ~ 1e30.  Equals R chisq.test(correct = FALSE).
 *   Yates     X2 = N (|ad - bc| - min(N/2, |ad - bc|))^2 / (n1 n2 K (N-K)),
 *             Yates F. (1934) JRSS Suppl 1:217-235, with R's cap of the
 *             correction at |O - E| (chisq.test(correct = TRUE), prop.test).
 *   G         G = 2 sum O log(O/E) = 2 sum bd0(O, E) (Woolf B. (1957) Ann Hum
 *             Genet 21:397-409; Sokal & Rohlf), written as a sum of
 *             non-negative deviance terms bd0(x, M) = x log(x/M) + M - x
 *             (Loader 2000) so it keeps full precision when G is tiny.
 *   p-values  chi-square(1) tail P(X2 > x) = erfc(sqrt(x/2)), with
 *             log10 p from gsl_sf_log_erfc, exact far below DBL_MIN.
 *   Fisher    two-sided exact p by R's definition (fisher.test): the sum of
 *             the hypergeometric probabilities P(X = x) over the support
 *             that are <= P(X = a) (1 + 1e-7).  Computed in log space: the
 *             two tails {x <= xl} and {x >= xr} are found by bisection on the
 *             unimodal log density (R's dhyper, Loader's binomial densities),
 *             and each tail is summed outwards from its boundary until the
 *             terms are negligible, so the cost is O(sd + log N), not O(N),
 *             and p below DBL_MIN is still given as log10 p.  Fisher R.A.
 *             (1935) JRSS 98:39-82.
 *
 * Every function takes 0 <= k1 <= n1, 0 <= k2 <= n2, n1, n2 >= 1 and
 * N <= 2^53; otherwise PST_EINVAL (out untouched).  A table with an empty
 * margin (K = 0 or K = N) makes the chi-square and G statistics 0/0:
 * PST_EUNDEF, with out->stat = 0, p = 1, log10_p = 0 filled (no evidence
 * either way; R returns NaN).  Fisher's p is then 1 (PST_OK).
 */
#ifndef POWSTAT_TESTS2X2_H
#define POWSTAT_TESTS2X2_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  double stat;    /* test statistic (NaN for Fisher, which has none) */
  double p;       /* p-value; may underflow to 0, then see log10_p */
  double log10_p; /* log10 of the p-value, finite even when p underflows */
} pst_test_result;

/* The 2x2 table is k1 deaths among n1 against k2 among n2.  Each test
 * returns PST_OK; PST_EINVAL when out is NULL, n1 or n2 is 0, k1 > n1,
 * k2 > n2 or n1 + n2 > 2^53; PST_EUNDEF when a margin is zero (no deaths or
 * no survivors at all), with stat 0, p 1, log10_p 0 (chi-square and G).
 *
 * Pearson chi-square (yates == 0) or Yates-corrected chi-square (yates != 0),
 * 1 df (Pearson 1900; Yates 1934, Suppl JRSS 1:217-235). */
int pst_chisq_2x2(uint64_t k1, uint64_t n1, uint64_t k2, uint64_t n2, int yates,
                  pst_test_result *out);

/* Likelihood-ratio G-test, G = 2 sum O ln(O/E), 1 df (Woolf B. 1957, Ann
 * Hum Genet 21:397-409). */
int pst_gtest_2x2(uint64_t k1, uint64_t n1, uint64_t k2, uint64_t n2, pst_test_result *out);

/* Fisher's exact test, two-sided, R's definition (the sum of the
 * hypergeometric probabilities not above the observed one, with R's
 * relative tolerance 1e-7); a zero margin gives p = 1 with PST_OK. */
int pst_fisher_2x2(uint64_t k1, uint64_t n1, uint64_t k2, uint64_t n2, pst_test_result *out);

/* log P(X = x) for the hypergeometric count of deaths in group 1 given the
 * margins (R's dhyper(x, n1, n2, K, log = TRUE)); -Inf outside the support. */
double pst_hyper_logpmf(uint64_t x, uint64_t n1, uint64_t n2, uint64_t K);

/* Chi-square(1) upper tail: p = P(X > x) and its log10 (either may be NULL).
 * x >= 0; NaN results for negative or NaN x. */
void pst_chisq1_sf(double x, double *p, double *log10_p);

#ifdef __cplusplus
}
#endif
#endif
