/* powstat/compare.h -- comparing two groups' mortality: risk difference,
 * risk ratio, odds ratio and person-time rate ratio with confidence
 * intervals and the p-value of the matching test.
 *
 * Group 1 has k1 deaths among n1, group 2 has k2 among n2; p1 = k1/n1,
 * p2 = k2/n2; the measures are p1 - p2, p1/p2, [p1/(1-p1)]/[p2/(1-p2)] and,
 * for rates with person-time pt1, pt2, (k1/pt1)/(k2/pt2).  alpha = 1 - level,
 * z = Phi^-1(1 - alpha/2); every interval is two-sided.
 *
 * Methods and references:
 *   risk difference
 *     WALD           d +- z sqrt(p1 q1/n1 + p2 q2/n2), clipped to [-1, 1].
 *     WALD_CC        the same widened by the continuity correction
 *                    min(1/2, |d|/(1/n1+1/n2)) (1/n1 + 1/n2), exactly as R's
 *                    prop.test(correct = TRUE); Newcombe (1998) method 2.
 *     NEWCOMBE       hybrid score: Wilson limits l_i, u_i of each proportion,
 *                    d - sqrt((p1-l1)^2 + (u2-p2)^2), d + sqrt((u1-p1)^2 +
 *                    (p2-l2)^2); Newcombe R.G. (1998) Stat Med 17:873-890,
 *                    method 10.
 *     AGRESTI_CAFFO  Wald on (k_i + 1)/(n_i + 2); Agresti A., Caffo B. (2000)
 *                    Am Stat 54:280-288.
 *     MN             score interval of Miettinen O., Nurminen M. (1985) Stat
 *                    Med 4:213-226: {delta : (p1 - p2 - delta)^2 <= z^2 V},
 *                    V = [p1~q1~/n1 + p2~q2~/n2] N/(N-1) at the restricted
 *                    MLE (p1~ - p2~ = delta), from the cubic of Farrington &
 *                    Manning (1990) Stat Med 9:1447-1454 (trigonometric root).
 *   risk ratio
 *     KATZ           log(p1/p2) +- z sqrt(1/k1 - 1/n1 + 1/k2 - 1/n2); Katz D.
 *                    et al. (1978) Biometrics 34:469-474.  Undefined if k1 or
 *                    k2 is 0.
 *     KOOPMAN        score interval, Koopman P.A.R. (1984) Biometrics
 *                    40:513-517: MN's statistic without the N/(N-1) factor.
 *     MN             Miettinen & Nurminen (1985), restricted MLE from their
 *                    quadratic (p1~ = theta p2~).
 *   odds ratio
 *     WOOLF          log OR +- z sqrt(1/a + 1/b + 1/c + 1/d); Woolf (1955)
 *                    Ann Hum Genet 19:251-253.  Undefined with a zero cell.
 *     EXACT          conditional (Fisher's noncentral hypergeometric)
 *                    interval: P(X >= k1; psi_L) = alpha/2, P(X <= k1; psi_U) =
 *                    alpha/2, and the conditional MLE E[X; psi] = k1; Cornfield
 *                    J. (1956), as R's fisher.test (solved here to 1e-13, not
 *                    fisher.test's uniroot tolerance).
 *     MIDP           the same with P(X > k1) + P(X = k1)/2 (Lancaster 1961).
 *     MN             MN (1985) score with the restricted MLE of the odds-ratio
 *                    quadratic and the N/(N-1) factor.
 *     CORNFIELD      Cornfield's (1956) approximate interval:
 *                    (|k1 - A(psi)| - c)^2 (1/A + 1/B + 1/C + 1/D) = z^2 with
 *                    the fitted cells A..D of odds ratio psi given the margins;
 *                    c = 1/2 with PST_CMP_CORNFIELD_CC, else 0 (packages
 *                    differ on this, hence the explicit flag).
 *   rate ratio (person-time)
 *     RATE_EXACT     conditional on k1 + k2, k1 ~ Bin(k1 + k2, pi) with
 *                    pi = R pt1/(R pt1 + pt2); Clopper-Pearson limits of pi
 *                    mapped to R = pi pt2 / ((1 - pi) pt1); as R poisson.test.
 *                    (Armitage, Berry & Matthews 2002, sec. 5.3.)
 *     RATE_MIDP      the same with mid-p limits of pi (prop.h).
 *     RATE_WALD      log R +- z sqrt(1/k1 + 1/k2); undefined if k1 or k2 is 0.
 *
 * p-values: each method's p_value is the two-sided p of H0 (difference 0,
 * ratio 1) from the same function that is inverted for its interval, so the
 * interval excludes the null value exactly when p_value < alpha: Wald z
 * tests for the Wald-type methods, the score statistic at the null for the
 * score methods, and the central (doubled one-tailed) exact or mid-p
 * probabilities for the exact methods.  The Newcombe hybrid interval has no
 * single test statistic: its p_value is NaN.  Fisher's minimum-likelihood p
 * (tests2x2.h) can differ from the central exact p.
 *
 * Undefined estimates: when a ratio's denominator is 0 (k2 = 0 for the risk
 * and rate ratios; b = 0 or c = 0 for the odds ratio) or 0/0, the estimate
 * is +Inf or NaN and `status` is PST_EUNDEF; the bounds that still exist are
 * given (e.g. the score and exact lower bounds with upper = +Inf).  Methods
 * that give no interval at all (Katz, Woolf, Wald with a zero cell) return
 * NaN bounds with PST_EUNDEF.  Bounds of ratios are in [0, +Inf].
 */
#ifndef POWSTAT_COMPARE_H
#define POWSTAT_COMPARE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  PST_CMP_DIFF = 0,   /* risk difference p1 - p2 */
  PST_CMP_RATIO,      /* risk ratio p1 / p2 */
  PST_CMP_ODDS_RATIO, /* odds ratio */
  PST_CMP_RATE_RATIO, /* person-time rate ratio */
  PST_CMP_NMEASURES
} pst_cmp_measure;

typedef enum {
  PST_CMP_DIFF_WALD = 0,
  PST_CMP_DIFF_WALD_CC,
  PST_CMP_DIFF_NEWCOMBE,
  PST_CMP_DIFF_AGRESTI_CAFFO,
  PST_CMP_DIFF_MN,
  PST_CMP_RATIO_KATZ,
  PST_CMP_RATIO_KOOPMAN,
  PST_CMP_RATIO_MN,
  PST_CMP_OR_WOOLF,
  PST_CMP_OR_EXACT,
  PST_CMP_OR_MIDP,
  PST_CMP_OR_MN,
  PST_CMP_OR_CORNFIELD,
  PST_CMP_RATE_EXACT,
  PST_CMP_RATE_MIDP,
  PST_CMP_RATE_WALD,
  PST_CMP_NMETHODS
} pst_cmp_method;

/* flags for pst_cmp_props */
#define PST_CMP_CORNFIELD_CC 1u /* continuity correction 1/2 in CORNFIELD */

typedef struct {
  double estimate; /* point estimate (conditional MLE for OR EXACT/MIDP) */
  double lower, upper;
  double p_value;  /* two-sided p of the method's own test of H0; NaN if none */
  int status;      /* PST_OK, or PST_EUNDEF (see the header comment) */
} pst_cmp_ci;

/* Two proportions k1/n1 and k2/n2 with a DIFF, RATIO or OR method.
 * Requires n1, n2 >= 1, k1 <= n1, k2 <= n2, n1 + n2 <= 2^53, 0 < level < 1.
 * Returns PST_OK (out->status tells whether the estimate is defined),
 * PST_EINVAL (bad arguments or a RATE method; out untouched) or
 * PST_ENOCONV (a root was not bracketed to tolerance; best values in out). */
int pst_cmp_props(pst_cmp_method m, uint64_t k1, uint64_t n1, uint64_t k2, uint64_t n2,
                  double level, unsigned flags, pst_cmp_ci *out);

/* Two person-time rates k1/pt1 and k2/pt2 (pt > 0 finite, same time unit)
 * with a RATE method.  Same statuses. */
int pst_cmp_rates(pst_cmp_method m, uint64_t k1, double pt1, uint64_t k2, double pt2,
                  double level, pst_cmp_ci *out);

/* The measure a method belongs to. */
pst_cmp_measure pst_cmp_method_measure(pst_cmp_method m);

/* CLI names: measures "diff", "ratio", "odds-ratio", "rate-ratio"; methods
 * "wald", "wald-cc", "newcombe", "agresti-caffo", "mn" (diff), "katz",
 * "koopman", "mn" (ratio), "woolf", "exact", "mid-p", "mn", "cornfield"
 * (odds-ratio), "exact", "mid-p", "wald" (rate-ratio).  NULL if out of range. */
const char *pst_cmp_measure_name(pst_cmp_measure m);
const char *pst_cmp_method_name(pst_cmp_method m);
/* Citation, e.g. "Newcombe (1998) method 10". */
const char *pst_cmp_method_ref(pst_cmp_method m);

/* Parse names; PST_OK or PST_ENOTFOUND. */
int pst_cmp_measure_parse(const char *name, pst_cmp_measure *out);
int pst_cmp_method_parse(pst_cmp_measure measure, const char *name, pst_cmp_method *out);

#ifdef __cplusplus
}
#endif
#endif
