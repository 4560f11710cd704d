/* test_dtoa.c -- shortest round-trip double-to-decimal (Ryu) and %g layout.
 *
 * The reference is the C library itself: glibc's printf("%.*g") is exact
 * (correctly rounded at any precision) and strtod is correctly rounded, so
 *   - every output must read back as the same double (round trip);
 *   - it must have no more digits than the shortest printf precision that
 *     round-trips (the "%.{1..17}g search"), checked in full on a sample and,
 *     on all 10^7 doubles, by checking that one digit fewer does not
 *     round-trip;
 *   - with n digits it must equal %.{n}g whenever that round-trips (Ryu picks
 *     the decimal nearest x);
 *   - with min_prec = 15 it must equal the former pst_fmt_real (first of
 *     %.15g/%.16g/%.17g that round-trips) except for the documented cases.
 * Inputs: random bit patterns (all exponents), subnormals, powers of ten and
 * their neighbours, integers, and proportions k/n as the tools print them.
 * POWSTAT_DTOA_N=<count> sets the number of random doubles per test (default
 * 5e6 in each of two tests, a few seconds); run e.g. with 1e9 by hand. */
#include <criterion/criterion.h>

#include "powstat/dtoa.h"
#include "powstat/num.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state;
static uint64_t rnd(void)
{
  /* splitmix64: deterministic, every bit pattern reachable */
  uint64_t z = (rng_state += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static double from_bits(uint64_t b)
{
  double x;
  memcpy(&x, &b, sizeof x);
  return x;
}

static uint64_t to_bits(double x)
{
  uint64_t b;
  memcpy(&b, &x, sizeof b);
  return b;
}

/* The former pst_fmt_real: first of %.15g, %.16g, %.17g that reads back. */
static void old_fmt(char *buf, double x)
{
  for (int prec = 15; prec <= 17; prec++) {
    snprintf(buf, 400, "%.*g", prec, x);
    if (prec == 17 || strtod(buf, NULL) == x) break;
  }
}

static int sig_digits(const char *s)
{
  int n = 0, lead = 1;
  for (; *s && *s != 'e'; s++) {
    if (*s < '0' || *s > '9') continue;
    if (lead && *s == '0') continue;
    lead = 0;
    n++;
  }
  return n;
}

static int roundtrips(double x, int prec)
{
  char b[400];
  snprintf(b, sizeof b, "%.*g", prec, x);
  return strtod(b, NULL) == x;
}

/* A power of two (zero fraction bits) of normal exponent > 1: the only doubles
 * whose rounding interval is asymmetric. */
static int asymmetric(double x)
{
  uint64_t b = to_bits(x);
  return (b & ((UINT64_C(1) << 52) - 1)) == 0 && ((b >> 52) & 0x7FF) > 1;
}

static int subnormal(double x) { return ((to_bits(x) >> 52) & 0x7FF) == 0; }

static long failures;

/* All checks for one finite double; `full` also runs the %.{1..17}g search,
 * `legacy` the comparison with the former pst_fmt_real, `nearest` the
 * comparison with %.{n}g (each costs printf calls of ~0.5 us, so the random
 * runs do them on every 256th / 16th / 4th value; round trip and shortness
 * are checked on every value). */
static void check_one(double x, int nearest, int full, int legacy)
{
  char s[PST_DTOA_BUFSZ], g[400], o[400];
  int n, len;
  uint64_t d;
  int e;
  len = pst_dtoa_fmt_g(s, x, 1);
  if ((size_t)len != strlen(s) || strtod(s, NULL) != x) {
    if (failures++ < 10) cr_log_error("no round trip: %a -> '%s'", x, s);
    return;
  }
  if (x == 0.0) return;
  n = pst_dtoa_shortest(x, &d, &e);
  if (n != sig_digits(s) || d % 10 == 0) {
    if (failures++ < 10) cr_log_error("digit count: %a -> '%s' n=%d", x, s, n);
    return;
  }
  /* shortest: one digit fewer never reads back (so the printf search can't
   * find anything shorter) */
  if (n > 1 && roundtrips(x, n - 1)) {
    if (failures++ < 10) cr_log_error("not shortest: %a -> '%s'", x, s);
    return;
  }
  if (nearest) {
    /* min_prec 1 gives exactly %.{n}g's text whenever %.{n}g round-trips */
    snprintf(g, sizeof g, "%.*g", n, x);
    if (strtod(g, NULL) == x && strcmp(g, s) != 0) {
      if (failures++ < 10) cr_log_error("not nearest: %a -> '%s', %%.%dg '%s'", x, s, n, g);
      return;
    }
    if (strtod(g, NULL) != x && !asymmetric(x)) {
      if (failures++ < 10) cr_log_error("%%.%dg fails only at powers of two: %a", n, x);
      return;
    }
  }
  if (full) {
    int p = 1;
    while (p < 17 && !roundtrips(x, p)) p++;
    if (n > p) {
      if (failures++ < 10) cr_log_error("search found %d < %d digits: %a", p, n, x);
      return;
    }
  }
  if (!legacy) return;
  /* min_prec 15 = the former pst_fmt_real, outside the documented cases */
  pst_dtoa_fmt_g(s, x, 15);
  old_fmt(o, x);
  if (strcmp(s, o) != 0 && !subnormal(x) && !(asymmetric(x) && sig_digits(o) == 17 && n == 16)) {
    if (failures++ < 10) cr_log_error("differs from %%.15g..17g: %a '%s' vs '%s'", x, s, o);
  }
}

static long count_from_env(void)
{
  const char *e = getenv("POWSTAT_DTOA_N");
  return e ? (long)strtod(e, NULL) : 5000000L;
}

/* One random double of a mixture of the input classes. */
static double draw(void)
{
  uint64_t r = rnd();
  switch (r & 7) {
  case 0: /* subnormal */
    return from_bits((rnd() & ((UINT64_C(1) << 52) - 1)) | ((r >> 63) << 63));
  case 1: /* integer below 2^53 (counts), any magnitude */
    return (double)(rnd() >> (11 + (r >> 3) % 53));
  case 2: /* a proportion k/n with n up to 2^40 */
  {
    uint64_t n = (rnd() >> (24 + (r >> 3) % 40)) + 1;
    return (double)(rnd() % (n + 1)) / (double)n;
  }
  case 3: /* a short decimal read by strtod: 1-6 digits, exponent -30..30 */
  {
    char b[32];
    snprintf(b, sizeof b, "%llue%d", (unsigned long long)(rnd() % 1000000),
             (int)((r >> 8) % 61) - 30);
    return strtod(b, NULL);
  }
  case 4: /* a random mantissa at a moderate exponent, 2^-70 .. 2^70 */
    return ldexp((double)(rnd() >> 11) / 9007199254740992.0 + 0.5, (int)((r >> 8) % 141) - 70);
  default: /* any finite bit pattern: all exponents uniformly */
    for (;;) {
      double x = from_bits(rnd());
      if (isfinite(x)) return x;
    }
  }
}

static void random_run(uint64_t seed)
{
  long n = count_from_env();
  rng_state = seed;
  failures = 0;
  for (long i = 0; i < n; i++) check_one(draw(), (i & 3) == 0, (i & 255) == 0, (i & 15) == 0);
  cr_assert_eq(failures, 0, "%ld of %ld doubles failed (first ones logged)", failures, n);
}

Test(dtoa, random_doubles_part1, .timeout = 240) { random_run(UINT64_C(20180618)); }
Test(dtoa, random_doubles_part2, .timeout = 240) { random_run(UINT64_C(0x5eed)); }

Test(dtoa, powers_of_ten_and_neighbours)
{
  failures = 0;
  for (int k = -323; k <= 308; k++) {
    char b[32];
    double x;
    snprintf(b, sizeof b, "1e%d", k);
    x = strtod(b, NULL);
    check_one(x, 1, 1, 1);
    check_one(nextafter(x, 0.0), 1, 1, 1);
    check_one(nextafter(x, INFINITY), 1, 1, 1);
    check_one(-x, 1, 1, 1);
  }
  cr_assert_eq(failures, 0);
}

Test(dtoa, powers_of_two_and_extremes)
{
  failures = 0;
  for (int k = -1074; k <= 1023; k++) {
    double x = ldexp(1.0, k);
    check_one(x, 1, 1, 1);
    check_one(nextafter(x, 0.0), 1, 1, 1);
    if (k < 1023) check_one(nextafter(x, INFINITY), 1, 1, 1);
  }
  check_one(DBL_MAX, 1, 1, 1);
  check_one(DBL_MIN, 1, 1, 1);
  check_one(DBL_TRUE_MIN, 1, 1, 1);
  check_one(DBL_EPSILON, 1, 1, 1);
  cr_assert_eq(failures, 0);
}

Test(dtoa, every_small_integer_and_fraction)
{
  failures = 0;
  for (int i = 1; i <= 100000; i++) {
    check_one((double)i, 1, 0, 1);
    check_one((double)i / 100000.0, 1, 0, 1);
    check_one(1.0 / (double)i, 1, 0, 1);
  }
  check_one(9007199254740992.0, 1, 1, 1);
  check_one(9007199254740991.0, 1, 1, 1);
  check_one(9007199254740994.0, 1, 1, 1);
  cr_assert_eq(failures, 0);
}

/* The texts users see: fixed vs exponent as %g chooses it. */
Test(dtoa, layout)
{
  static const struct {
    double x;
    int min_prec;
    const char *want;
  } t[] = {
    {0.5, 15, "0.5"},
    {0.95, 15, "0.95"},
    {41.0 / 120000.0, 15, "0.00034166666666666666"},
    {3.4166666666666666e-05, 15, "3.4166666666666666e-05"},
    {0.1 + 0.2, 15, "0.30000000000000004"},
    {1e-5, 15, "1e-05"},
    {1e-4, 15, "0.0001"},
    {123.456, 15, "123.456"},
    {100.0, 15, "100"},
    {100.0, 1, "1e+02"},
    {100.0, 3, "100"},
    {1e14, 15, "100000000000000"},
    {1e15, 15, "1e+15"},
    {1234567890123456.0, 15, "1234567890123456"},
    {12345678901234568.0, 15, "12345678901234568"},
    {123456789012345680.0, 15, "1.2345678901234568e+17"},
    {1e100, 15, "1e+100"},
    {-2.5e-300, 15, "-2.5e-300"},
    {DBL_MAX, 15, "1.7976931348623157e+308"},
    {DBL_MIN, 15, "2.2250738585072014e-308"},
    {DBL_TRUE_MIN, 15, "5e-324"},
    {0.0, 15, "0"},
    {-0.0, 15, "-0"},
    {9007199254740992.0, 15, "9007199254740992"},
    {0.01, 99, "0.01"},
  };
  for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
    char b[PST_DTOA_BUFSZ];
    int n = pst_dtoa_fmt_g(b, t[i].x, t[i].min_prec);
    cr_expect_str_eq(b, t[i].want, "%a (min_prec %d)", t[i].x, t[i].min_prec);
    cr_expect_eq((size_t)n, strlen(b));
  }
}

Test(dtoa, non_finite_and_zero)
{
  char b[PST_DTOA_BUFSZ];
  uint64_t d = 7;
  int e = 7;
  pst_dtoa_fmt_g(b, (double)INFINITY, 15);
  cr_expect_str_eq(b, "inf");
  pst_dtoa_fmt_g(b, -(double)INFINITY, 15);
  cr_expect_str_eq(b, "-inf");
  pst_dtoa_fmt_g(b, (double)NAN, 15);
  cr_expect(strcmp(b, "nan") == 0 || strcmp(b, "-nan") == 0);
  cr_expect_eq(pst_dtoa_shortest(0.0, &d, &e), 0);
  cr_expect_eq(pst_dtoa_shortest((double)INFINITY, &d, &e), 0);
  cr_expect_eq(pst_dtoa_shortest((double)NAN, &d, &e), 0);
  cr_expect(d == 7 && e == 7, "outputs untouched");
  cr_expect_eq(pst_dtoa_shortest(1.5e-7, &d, &e), 2);
  cr_expect(d == 15 && e == -8);
}

/* pst_fmt_real now uses this module: same text, zero printed as "0". */
Test(dtoa, fmt_real_uses_dtoa)
{
  char a[PST_FMT_BUFSZ], b[PST_DTOA_BUFSZ];
  rng_state = 42;
  for (int i = 0; i < 100000; i++) {
    double x = draw();
    pst_fmt_real(a, x);
    pst_dtoa_fmt_g(b, x, 15);
    if (x == 0.0) cr_assert_str_eq(a, "0");
    else cr_assert_str_eq(a, b);
  }
  pst_fmt_real(a, -0.0);
  cr_expect_str_eq(a, "0");
}
