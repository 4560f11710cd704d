/* wilson_ratio.c -- a program using libpowstat through its public API only.
 *
 * Two groups of prisoners (K1 deaths among N1, K2 among N2): the Wilson 95 %
 * interval of each mortality proportion (pst_prop_ci) and the risk ratio
 * p1/p2 with its Koopman score interval (pst_cmp_props), printed as CSV with
 * shortest round-trip numbers (pst_fmt_real).
 *
 *   wilson_ratio                 the Streit (1978) and Overmans (2000) figures
 *   wilson_ratio K1 N1 K2 N2     your own counts
 *
 * Build against an installed powstat (prefix P):
 *   cc wilson_ratio.c $(pkg-config --cflags --libs powstat) -o wilson_ratio
 *   (PKG_CONFIG_PATH=P/lib/pkgconfig; add -Wl,-rpath,P/lib or set
 *   LD_LIBRARY_PATH if P/lib is not on the loader's path), or with CMake:
 *   find_package(powstat) and target_link_libraries(app powstat::powstat),
 *   see CMakeLists.txt beside this file.
 */
#include <powstat/compare.h>
#include <powstat/num.h>
#include <powstat/prop.h>
#include <powstat/status.h>

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int parse(const char *s, uint64_t *v)
{
  /* pst_parse_count accepts "3,300,000" as well as 3300000 */
  const char *why = NULL;
  if (pst_parse_count(s, strlen(s), v, &why, NULL) == PST_OK) return 0;
  fprintf(stderr, "wilson_ratio: '%s': %s\n", s, why);
  return 1;
}

static void row(const char *what, double est, double lo, double hi)
{
  char b1[PST_FMT_BUFSZ], b2[PST_FMT_BUFSZ], b3[PST_FMT_BUFSZ];
  pst_fmt_real(b1, est);
  pst_fmt_real(b2, lo);
  pst_fmt_real(b3, hi);
  printf("%s,%s,%s,%s\n", what, b1, b2, b3);
}

int main(int argc, char **argv)
{
  /* Soviet POWs in German hands (Streit 1978) and German POWs in Soviet hands
   * (Overmans 2000, confirmed deaths), datasets/estimates.csv S01 and G06 */
  uint64_t k1 = 3300000, n1 = 5700000, k2 = 363000, n2 = 3000000;
  const double level = 0.95;
  pst_interval w1, w2;
  pst_cmp_ci rr;
  int st;

  if (argc == 5) {
    if (parse(argv[1], &k1) || parse(argv[2], &n1) || parse(argv[3], &k2) ||
        parse(argv[4], &n2))
      return 64;
  } else if (argc != 1) {
    fprintf(stderr, "usage: wilson_ratio [K1 N1 K2 N2]\n");
    return 64;
  }

  st = pst_prop_ci(PST_PROP_WILSON, k1, n1, level, PST_SIDES_TWO, &w1);
  if (st == PST_OK) st = pst_prop_ci(PST_PROP_WILSON, k2, n2, level, PST_SIDES_TWO, &w2);
  if (st == PST_OK) st = pst_cmp_props(PST_CMP_RATIO_KOOPMAN, k1, n1, k2, n2, level, 0, &rr);
  if (st != PST_OK) {
    fprintf(stderr, "wilson_ratio: invalid counts (status %d)\n", st);
    return 65;
  }
  puts("quantity,estimate,lower,upper");
  row("p1 wilson", (double)k1 / (double)n1, w1.lower, w1.upper);
  row("p2 wilson", (double)k2 / (double)n2, w2.lower, w2.upper);
  row("p1/p2 koopman", rr.estimate, rr.lower, rr.upper);
  return rr.status == PST_OK ? 0 : 65;
}
