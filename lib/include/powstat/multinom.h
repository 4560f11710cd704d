/* powstat/multinom.h -- simultaneous confidence intervals for multinomial
 * proportions, and the chi-square test of homogeneity of two compositions.
 *
 * A composition is k >= 2 counts x_1..x_k with n = sum x_i (e.g. what became
 * of the 302,992 prisoners who passed the special camps by 1 Oct 1944).  A
 * simultaneous interval set covers all k proportions at once with probability
 * (about) `level`, so the k intervals may be read together.
 *
 * Methods (alpha = 1 - level):
 *   PST_MN_GOODMAN        Goodman L.A. (1965) Technometrics 7:247-254, eq. (7):
 *                         the bounds solve (x_i - n p)^2 = A n p (1 - p) with
 *                         A = chi2_1 quantile at 1 - alpha/k (= statsmodels
 *                         multinomial_proportions_confint 'goodman', DescTools
 *                         MultinomCI 'goodman').
 *   PST_MN_QH             Quesenberry C.P., Hurst D.C. (1964) Technometrics
 *                         6:191-195: the same equation with A = chi2_{k-1}
 *                         quantile at 1 - alpha (Scheffe-type; wider for k > 2).
 *   PST_MN_SISON_GLAZ     Sison C.P., Glaz J. (1995) JASA 90:366-369: intervals
 *                         [x_i/n - c/n, x_i/n + (c + 2 gamma)/n] where c is the
 *                         integer with nu(c) <= level < nu(c+1), nu(c) the
 *                         probability of the box {|X_i - x_i| <= c} under
 *                         Multinomial(n, x/n) approximated by Levin's (1981)
 *                         representation with an Edgeworth expansion of the sum
 *                         of truncated Poisson variables (their eq. (1)-(7)),
 *                         and gamma = (level - nu(c)) / (nu(c+1) - nu(c)).
 *                         The search for c follows statsmodels (first c >= 1,
 *                         values of nu that are not finite count as "below").
 *                         The approximation fails for sparse tables (e.g.
 *                         (1, 1), (5, 0, 0, 0)): no c brackets the level.  Then
 *                         the Goodman intervals are returned with PST_ENOCONV
 *                         (a warning: the intervals are usable, they are
 *                         Goodman's) and info->used = PST_MN_GOODMAN.
 *                         Sison & Glaz tested k >= 7 categories; for fewer the
 *                         intervals are computed but their coverage is less
 *                         well founded (info->few_categories is set).
 *   PST_MN_WILSON_BONF    Wilson (1927) score interval for each x_i/n at level
 *                         1 - alpha/k (Bonferroni), via pst_prop_ci.  NOTE: this
 *                         is algebraically the same interval as Goodman's
 *                         (z^2 = chi2_1 at 1 - alpha/k); it is offered under its
 *                         own name because users look for it, and computed by
 *                         the independent route as a cross-check.
 *
 * Bounds are computed without cancellation: with D = A^2 + 4 A x (n-x)/n,
 *   upper = (2x + A + sqrt(D)) / (2 (n + A)),
 *   lower = 2 x^2 / (n (2x + A + sqrt(D)))        (product of the roots),
 * so a zero count has lower bound exactly 0 and small bounds at n ~ 1e9 keep
 * full relative precision.
 */
#ifndef POWSTAT_MULTINOM_H
#define POWSTAT_MULTINOM_H

#include <stddef.h>
#include <stdint.h>

#include "powstat/prop.h"
#include "powstat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Most categories accepted (a composition table of the article has at most
 * a dozen lines; the limit keeps chi2_{k-1} quantiles in GSL's good range). */
#define PST_MN_KMAX 1000

typedef enum {
  PST_MN_GOODMAN = 0,
  PST_MN_QH,
  PST_MN_SISON_GLAZ,
  PST_MN_WILSON_BONF,
  PST_MN_NMETHODS
} pst_mn_method;

typedef struct {
  pst_mn_method used; /* method whose intervals were returned */
  int fallback;       /* 1 if Sison-Glaz failed and Goodman was used */
  int few_categories; /* Sison-Glaz with k < 7 (outside the paper's tests) */
  double sg_c;        /* Sison-Glaz: the integer c (NaN otherwise) */
  double sg_gamma;    /* Sison-Glaz: the interpolation gamma in [0,1) */
  double sg_nu_c, sg_nu_c1; /* nu(c) and nu(c+1) */
  double a;           /* Goodman/QH: the chi-square constant A (NaN otherwise) */
} pst_mn_info;

/* Simultaneous intervals for counts[0..k) at `level`; out[0..k) receives
 * [lower, upper] with 0 <= lower <= x_i/n <= upper <= 1.  info may be NULL.
 * Returns PST_OK; PST_EINVAL if k < 2, k > PST_MN_KMAX, n = 0, n > 2^53,
 * level outside (0,1), or method out of range (out untouched); PST_ENOCONV
 * for a Sison-Glaz fallback (out holds Goodman's intervals, see above). */
int pst_multinom_ci(pst_mn_method method, const uint64_t *counts, size_t k, double level,
                    pst_interval *out, pst_mn_info *info);

/* Sison-Glaz coverage approximation nu(c) for counts at integer c >= 0 (for
 * tests and diagnostics; NaN where the Edgeworth density is not positive). */
double pst_multinom_sg_nu(const uint64_t *counts, size_t k, double c);

/* Canonical names: "goodman", "qh", "sison-glaz", "wilson-bonferroni". */
const char *pst_mn_method_name(pst_mn_method m);
/* Parse a canonical name (also "quesenberry-hurst"); PST_OK or PST_ENOTFOUND. */
int pst_mn_method_parse(const char *name, pst_mn_method *m);
/* Short citation, e.g. "Goodman (1965)"; NULL if out of range. */
const char *pst_mn_method_ref(pst_mn_method m);

/* ---- Chi-square test of homogeneity of two compositions ---------------- */

/* Result of the Pearson chi-square test on the 2 x k table whose rows are
 * a[0..k) and b[0..k).  Columns with a zero total are left out (and get
 * NaN expected values and residuals), so df = (number of used columns) - 1.
 *   expected E_rj = R_r C_j / N;  X^2 = sum (O - E)^2 / E (no continuity
 *   correction; = R chisq.test(correct = FALSE));
 *   adjusted standardised residual (Haberman 1973, Biometrics 29:205-220)
 *   r_rj = (O - E) / sqrt(E (1 - R_r/N) (1 - C_j/N)) (= R chisq.test()$stdres);
 *   p = P(chi2_df > X^2) = Q(df/2, X^2/2) (GSL gamma_inc_Q), and log10 p from
 *   the continued fraction of the upper incomplete gamma (DLMF 8.9.2) in log
 *   space, so that it stays finite where p underflows. */
typedef struct {
  double statistic;  /* X^2 */
  double df;
  double p_value;    /* may underflow to 0: see log10_p */
  double log10_p;
  double min_expected; /* smallest expected count over used cells */
  size_t n_small;      /* used cells with expected count < 5 (Cochran 1954) */
} pst_chisq_result;

/* expected_a/b and resid_a/b (each k values) may be NULL.  Returns PST_OK;
 * PST_EINVAL if k < 2 or k > PST_MN_KMAX; PST_EUNDEF if a row total is 0 or
 * fewer than two columns have a non-zero total (no test possible);
 * PST_ENOCONV if the p-value computation failed (fields hold best values). */
int pst_chisq_homogeneity(const uint64_t *a, const uint64_t *b, size_t k, pst_chisq_result *res,
                          double *expected_a, double *expected_b, double *resid_a,
                          double *resid_b);

/* log10 of P(chi2_df > x) for x >= 0, df > 0, accurate where the
 * probability underflows (PST_EINVAL outside the domain). */
int pst_chisq_log10_sf(double x, double df, double *result);

#ifdef __cplusplus
}
#endif
#endif
