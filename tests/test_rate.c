/* test_rate.c -- person-time, Garwood intervals, Poisson tails, constant-
 * hazard conversions and windows.csv, against R 4.2 (tests/ref/gen_compare.R:
 * qgamma(alpha/2, k), qgamma(alpha/2, k + 1, lower.tail = FALSE),
 * ppois(k, mu, log.p = TRUE) and its upper tail).  Relative 1e-12. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "powstat/dist_gamma.h"
#include "powstat/rate.h"
#include "powstat/status.h"

static int rel(double a, double b, double tol) { return b == 0 ? fabs(a) <= tol : fabs(a - b) <= tol * fabs(b); }

/* {k, level, qgamma lower, qgamma upper} */
static const double G[][4] = {
  {0, 0.95, 0, 3.688879454113934}, {0, 0.5, 0, 1.3862943611198906}, {0, 0.9999, 0, 9.9034875525362374},
  {1, 0.95, 0.025317807984289897, 5.5716433909388989}, {1, 0.5, 0.28768207245178096, 2.6926345288896956},
  {1, 0.9999, 5.000125004166272e-05, 12.506671285192732},
  {41, 0.95, 29.422307868455281, 55.621129565734911}, {41, 0.5, 36.51901234647719, 46.170924881548487},
  {41, 0.9999, 20.637410140222872, 72.040923738022769},
  {8193, 0.95, 8016.5425278336534, 8372.3625879216779}, {8193, 0.9999, 7845.5447302948842, 8550.9009957320395},
  {60948, 0.95, 60465.078824559918, 61433.819448598697}, {60948, 0.5, 60781.303148829677, 61115.334841991855},
  {3300000, 0.95, 3296440.4958564946, 3303562.3989888066}, {3300000, 0.9999, 3292937.1006091898, 3307073.3249312295},
  {3e9, 0.95, 2999892649.298533, 3000107353.5957909}, {3e9, 0.5, 2999963056.4932156, 3000036944.143415},
  {3e9, 0.9999, 2999786908.2183957, 3000213102.20611},
};

Test(rate, garwood)
{
  for (size_t i = 0; i < sizeof G / sizeof G[0]; i++) {
    pst_interval ci;
    double r;
    /* person-time 1e6 scales the bounds: same relative accuracy */
    cr_assert_eq(pst_rate_ci((uint64_t)G[i][0], 1e6, G[i][1], &r, &ci), PST_OK);
    cr_expect(rel(ci.lower * 1e6, G[i][2], 1e-12), "k=%g @%g lower %.17g", G[i][0], G[i][1], ci.lower * 1e6);
    cr_expect(rel(ci.upper * 1e6, G[i][3], 1e-12), "k=%g @%g upper %.17g", G[i][0], G[i][1], ci.upper * 1e6);
    cr_expect(rel(r, G[i][0] / 1e6, 1e-15));
  }
}

/* {k, mu, ppois log lower, log upper} */
static const double P[][4] = {
  {5, 2.5, -0.042929461790310451, -3.1695848766999597}, {5, 4.995, -0.48314886500073623, -0.95929737911138147},
  {5, 5.005, -0.48599754276655793, -0.95472838036154295}, {5, 10, -2.7017804539230563, -0.069442218369962075},
  {0, 0.5, -0.5, -0.93275212956718856}, {0, 2, -2, -0.14541345786885906},
  {1e6, 5e5, 0, -193155.0072578408}, {1e6, 999000, -0.17246626836679446, -1.8425476896673723},
  {1e6, 1001000, -1.8394974180109873, -0.17304146826053052}, {1e6, 2e6, -306859.95298776968, 0},
  {3e9, 2.997e9, 0, -1505.9242064741238}, {3e9, 3.003e9, -1503.9222052725377, 0},
  {3e9, 6e9, -920558469.45689452, 0},
};

Test(rate, poisson_tails)
{
  for (size_t i = 0; i < sizeof P / sizeof P[0]; i++) {
    double lo, up;
    cr_assert_eq(pst_pois_cdf_e((uint64_t)P[i][0], P[i][1], 1, 1, &lo), PST_OK);
    cr_assert_eq(pst_pois_cdf_e((uint64_t)P[i][0], P[i][1], 0, 1, &up), PST_OK);
    cr_expect(rel(lo, P[i][2], 1e-12) || fabs(lo - P[i][2]) < 1e-300, "%zu lower %.17g", i, lo);
    cr_expect(rel(up, P[i][3], 1e-12) || fabs(up - P[i][3]) < 1e-300, "%zu upper %.17g", i, up);
  }
}

Test(rate, gamma_quantile_roundtrip)
{
  double x, p;
  cr_assert_eq(pst_gamma_quantile_int_e(1e-250, 41, 1, &x), PST_OK);
  /* P(G(41) <= x) = P(Poisson(x) >= 41) */
  pst_pois_cdf_e(40, x, 0, 1, &p);
  cr_expect(rel(p, log(1e-250), 1e-12), "%.17g", p);
  cr_expect_eq(pst_gamma_quantile_int_e(0.5, 0, 1, &x), PST_EINVAL);
  cr_expect_eq(pst_gamma_quantile_int_e(1.5, 3, 1, &x), PST_EINVAL);
}

/* The article's snapshot: 41 deaths in 7 days among 123,765 -> 119,859 */
Test(rate, person_time_and_units)
{
  double pt, r, m;
  pst_interval ci;
  cr_assert_eq(pst_person_time(123765, 119859, 7, &pt), PST_OK);
  cr_expect_eq(pt, 852684.0);
  cr_assert_eq(pst_rate_ci(41, pt, 0.95, &r, &ci), PST_OK);
  /* 41 / 852684 * 30 * 1000 = 1.4425039053154510 per 1,000 per 30 days */
  cr_expect(rel(r * PST_RATE_UNIT_DAYS * PST_RATE_UNIT_PERSONS, 1.442503905315451, 1e-14));
  cr_expect(rel(ci.lower * pt, 29.422307868455281, 1e-12));
  /* constant hazard: a year of GULAG 8.84 % is 1 - (1 - 0.0884)^(7/366) a week */
  m = pst_mortality_convert(0.0884, 366, 7);
  cr_expect(rel(m, -expm1(log1p(-0.0884) * 7.0 / 366.0), 1e-15));
  cr_expect(rel(pst_mortality_convert(m, 7, 366), 0.0884, 1e-13));
  cr_expect(rel(pst_rate_mortality(pst_mortality_hazard(0.0884, 366), 366), 0.0884, 1e-14));
  cr_expect_eq(pst_rate_mortality(0, 30), 0.0);
  cr_expect_eq(pst_mortality_convert(1, 7, 366), 1.0);
  cr_expect(isnan(pst_mortality_convert(0.1, -7, 366)));
  cr_expect_eq(pst_person_time(10, 10, -1, &pt), PST_EINVAL);
  cr_expect_eq(pst_person_time(0, 0, 7, &pt), PST_EINVAL);
  cr_expect_eq(pst_rate_ci(1, 0, 0.95, &r, &ci), PST_EINVAL);
  cr_expect_eq(pst_rate_ci(1, 10, 1, &r, &ci), PST_EINVAL);
}

static FILE *mem(const char *s) { return fmemopen((void *)(uintptr_t)s, strlen(s), "r"); }

Test(rate, windows_load)
{
  pst_windows w = {0};
  pst_diag d = {0};
  FILE *fp = mem("id,window,days,days_stated,population_start,population_end,note\n"
                 "ART07,last week,7,,\"123,765\",\"119,859\",x\nART06,week,7,10,\"680,921\",,\n");
  cr_assert_eq(pst_windows_load(fp, "w.csv", &w, &d), PST_OK, "%s", d.msg);
  fclose(fp);
  cr_assert_eq(w.n, 2);
  cr_expect_eq(pst_windows_find(&w, "ART07")->pop_end, 119859);
  cr_expect_eq(pst_windows_find(&w, "ART06")->days_stated, 10.0);
  cr_expect(isnan(pst_windows_find(&w, "ART07")->days_stated));
  cr_expect_eq(pst_windows_find(&w, "ART06")->pop_end, PST_WINDOW_MISSING);
  pst_windows_free(&w);

  /* the id cell's position, wherever the column is (and after a quoted
   * note spanning two lines) */
  fp = mem("note,days,id\n\"a\nb\",7,A\nx,7,B\n");
  cr_assert_eq(pst_windows_load(fp, "w.csv", &w, &d), PST_OK, "%s", d.msg);
  fclose(fp);
  cr_assert_eq(w.n, 2);
  cr_expect_eq(w.v[0].line, 2);
  cr_expect_eq(w.v[0].id_line, 3);
  cr_expect_eq(w.v[0].id_col, 6);
  cr_expect_eq(w.v[1].line, 4);
  cr_expect_eq(w.v[1].id_line, 4);
  cr_expect_eq(w.v[1].id_col, 5);
  pst_windows_free(&w);

  fp = mem("id,days\nA,7\nB,-3\n");
  cr_expect_eq(pst_windows_load(fp, "w.csv", &w, &d), PST_EDATA);
  fclose(fp);
  cr_expect_eq(d.line, 3);
  cr_expect_eq(d.col, 3);
  cr_expect(strstr(d.msg, "positive") != NULL, "%s", d.msg);
  pst_windows_free(&w);

  fp = mem("id,days,dayz\nA,7,1\n");
  cr_expect_eq(pst_windows_load(fp, "w.csv", &w, &d), PST_EDATA);
  fclose(fp);
  pst_windows_free(&w);
  fp = mem("id,days\nA,7\nA,8\n");
  cr_expect_eq(pst_windows_load(fp, "w.csv", &w, &d), PST_EDATA);
  cr_expect(strstr(d.msg, "duplicate") != NULL);
  fclose(fp);
  pst_windows_free(&w);
}
