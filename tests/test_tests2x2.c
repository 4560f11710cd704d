/* test_tests2x2.c -- Pearson, Yates, G and Fisher tests against R 4.2
 * (tests/ref/gen_compare.R): prop.test(correct = FALSE / TRUE) statistics
 * and p-values; G = 2 sum(O log(O/E)) with pchisq(G, 1, lower.tail = FALSE);
 * fisher.test(tab)$p.value, and for large tables log10 p from
 * dhyper(support, n1, n2, K, log = TRUE) summed by log-sum-exp over the
 * terms <= dhyper(k1) (1 + 1e-7), R's definition.  Relative 1e-9 (p-values
 * near 1e-300 to 1e-12: they come from erfc). */
#include <criterion/criterion.h>
#include <math.h>

#include "powstat/status.h"
#include "powstat/tests2x2.h"

typedef struct {
  uint64_t k1, n1, k2, n2;
  double chi2, chi2_p, yates, yates_p, g, g_p, fisher_log10;
} row;

/* R: prop.test(c(k1, k2), c(n1, n2), correct = F/T)$statistic, $p.value ... */
static const row T[] = {
  {56, 70, 48, 80, 7.0234113712374597, 0.0080450813681965643, 6.1142704102962266, 0.013409475178668924,
   7.1840667136471428, 0.0073553801800367372, -1.9023564840878855},
  {8193, 680921, 41, 120000, 1370.3330865918876, 5.8770813376165494e-300, 1369.1843743112984,
   1.0441989294229929e-299, 2312.8209829769867, -1, -503.06526458825977},
  {0, 10, 5, 20, 3, 0.083264516663550558, 1.4700000000000002, 0.22534569370166688, 4.5402667472259441,
   0.033106432573919431, -0.85375965477587434},
  {5, 5, 2, 10, 8.5714285714285712, 0.0034147911781178134, 5.6584821428571423, 0.017371150054409222,
   10.719650808650783, 0.0010600367547710869, -2.1553360374650614},
  {1, 1, 0, 1, 2, 0.15729920705028447, 0, 1, 2.7725887222397811, 0.095890967142465477, 0},
  {3, 17, 9, 21, 2.763413057530705, 0.096442284337156264, 1.719798175680529, 0.18971902625288367,
   2.8716534330809891, 0.090152207956196911, -0.79276961858392925},
  {3300000, 5700000, 442100, 3576300, 1893049.7701394428, -1, 1893047.8782159628, -1, 2076493.8581923074, -1,
   -450907.86684729042},
  {0, 1000000, 3, 1000000, 3.0000045000067499, 0.083264285393056192, 1.3333353333363334, 0.24821272422448015,
   4.1588875833664218, 0.041416596448964567, -0.6020606427704992},
  {60948, 689550, 8252, 218993, 6073.2805887740396, -1, 6072.5599854875118, -1, 6984.6755757119954, -1,
   -1518.5342487170481},
};

static int rel(double a, double b, double tol) { return b == 0 ? fabs(a) <= tol : fabs(a - b) <= tol * fabs(b); }

Test(tests2x2, against_R)
{
  for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
    const row *w = &T[i];
    pst_test_result r;
    cr_assert_eq(pst_chisq_2x2(w->k1, w->n1, w->k2, w->n2, 0, &r), PST_OK);
    cr_expect(rel(r.stat, w->chi2, 1e-12), "%zu chi2 %.17g", i, r.stat);
    if (w->chi2_p >= 0) cr_expect(rel(r.p, w->chi2_p, 1e-9), "%zu chi2 p %.17g", i, r.p);
    cr_assert_eq(pst_chisq_2x2(w->k1, w->n1, w->k2, w->n2, 1, &r), PST_OK);
    cr_expect(rel(r.stat, w->yates, 1e-12), "%zu yates %.17g", i, r.stat);
    if (w->yates_p >= 0) cr_expect(rel(r.p, w->yates_p, 1e-9), "%zu yates p %.17g", i, r.p);
    cr_assert_eq(pst_gtest_2x2(w->k1, w->n1, w->k2, w->n2, &r), PST_OK);
    cr_expect(rel(r.stat, w->g, 1e-12), "%zu G %.17g", i, r.stat);
    if (w->g_p >= 0) cr_expect(rel(r.p, w->g_p, 1e-9), "%zu G p %.17g", i, r.p);
    cr_assert_eq(pst_fisher_2x2(w->k1, w->n1, w->k2, w->n2, &r), PST_OK);
    cr_expect(rel(r.log10_p, w->fisher_log10, 1e-12) || fabs(r.log10_p - w->fisher_log10) < 1e-15,
              "%zu fisher log10 %.17g", i, r.log10_p);
  }
}

/* fisher.test(matrix(c(k1, n1-k1, k2, n2-k2), 2, byrow = TRUE))$p.value */
Test(tests2x2, fisher_small_R)
{
  static const struct { uint64_t k1, n1, k2, n2; double p; } F[] = {
    {56, 70, 48, 80, 0.012521129749209155}, {0, 10, 5, 20, 0.14003620900172625},
    {5, 5, 2, 10, 0.0069930069930069947}, {1, 1, 0, 1, 1}, {3, 17, 9, 21, 0.16115002655603297}};
  for (size_t i = 0; i < 5; i++) {
    pst_test_result r;
    cr_assert_eq(pst_fisher_2x2(F[i].k1, F[i].n1, F[i].k2, F[i].n2, &r), PST_OK);
    cr_expect(rel(r.p, F[i].p, 1e-12), "%zu: %.17g", i, r.p);
  }
}

/* p-values below DBL_MIN: the log10 is finite, p itself is 0, never NaN */
Test(tests2x2, underflow)
{
  pst_test_result r;
  cr_assert_eq(pst_gtest_2x2(3300000, 5700000, 442100, 3576300, &r), PST_OK);
  cr_expect(r.p == 0 && isfinite(r.log10_p) && r.log10_p < -300000);
  /* chi-square tail: log10 erfc(sqrt(x/2)) at x = 1893049.77 is about -411099 */
  cr_assert_eq(pst_chisq_2x2(3300000, 5700000, 442100, 3576300, 0, &r), PST_OK);
  cr_expect(isfinite(r.log10_p) && r.log10_p < -400000);
  cr_assert_eq(pst_fisher_2x2(3300000, 5700000, 442100, 3576300, &r), PST_OK);
  cr_expect(r.p == 0 && !isnan(r.log10_p));
}

/* Symmetries that must hold: swapping the groups, or deaths and survivors,
 * leaves every two-sided test unchanged. */
Test(tests2x2, symmetry)
{
  pst_test_result a, b;
  pst_fisher_2x2(120, 50000, 80, 40000, &a);
  pst_fisher_2x2(80, 40000, 120, 50000, &b);
  cr_expect(rel(a.log10_p, b.log10_p, 1e-12));
  pst_fisher_2x2(50000 - 120, 50000, 40000 - 80, 40000, &b);
  cr_expect(rel(a.log10_p, b.log10_p, 1e-12));
  pst_gtest_2x2(120, 50000, 80, 40000, &a);
  pst_gtest_2x2(80, 40000, 120, 50000, &b);
  cr_expect(rel(a.stat, b.stat, 1e-12));
}

Test(tests2x2, margins_and_invalid)
{
  pst_test_result r;
  cr_expect_eq(pst_chisq_2x2(0, 10, 0, 20, 0, &r), PST_EUNDEF);
  cr_expect(r.p == 1 && r.stat == 0);
  cr_expect_eq(pst_gtest_2x2(10, 10, 20, 20, &r), PST_EUNDEF);
  cr_expect_eq(pst_fisher_2x2(0, 10, 0, 20, &r), PST_OK);
  cr_expect_eq(r.p, 1.0);
  cr_expect_eq(pst_chisq_2x2(11, 10, 0, 20, 0, &r), PST_EINVAL);
  cr_expect_eq(pst_fisher_2x2(1, 0, 0, 20, &r), PST_EINVAL);
  cr_expect(isinf(pst_hyper_logpmf(11, 10, 20, 15)));
}
