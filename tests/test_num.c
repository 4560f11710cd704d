/* test_num.c -- strict count/real parsing and round-trip printing. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "powstat/num.h"
#include "powstat/status.h"

static int count(const char *s, uint64_t *v, const char **why, size_t *where)
{
  return pst_parse_count(s, strlen(s), v, why, where);
}

Test(num, counts_plain_and_grouped)
{
  uint64_t v;
  cr_assert(eq(int, count("0", &v, NULL, NULL), PST_OK));
  cr_assert(eq(u64, v, 0));
  cr_assert(eq(int, count("3576300", &v, NULL, NULL), PST_OK));
  cr_assert(eq(u64, v, 3576300));
  cr_assert(eq(int, count("3,576,300", &v, NULL, NULL), PST_OK));
  cr_assert(eq(u64, v, 3576300));
  cr_assert(eq(int, count(" 41 ", &v, NULL, NULL), PST_OK));
  cr_assert(eq(u64, v, 41));
  cr_assert(eq(int, count("9007199254740992", &v, NULL, NULL), PST_OK));
  cr_assert(eq(u64, v, UINT64_C(9007199254740992)));
}

Test(num, counts_rejected_with_reason_and_position)
{
  uint64_t v = 77;
  const char *why = NULL;
  size_t where = 99;
  cr_assert(eq(int, count("-0", &v, &why, &where), PST_EDATA));
  cr_assert(eq(str, (char *)why, "negative count"));
  cr_assert(eq(int, count("1,5", &v, &why, &where), PST_EDATA));
  cr_assert(eq(str, (char *)why, "misplaced thousands separator"));
  cr_assert(eq(int, count("12,34,567", &v, &why, &where), PST_EDATA));
  cr_assert(eq(int, count("1234,567", &v, &why, &where), PST_EDATA));
  cr_assert(eq(int, count("1,234,", &v, &why, &where), PST_EDATA));
  cr_assert(eq(int, count("0x10", &v, &why, &where), PST_EDATA));
  cr_assert(eq(sz, where, 1));
  cr_assert(eq(int, count("1e3", &v, &why, &where), PST_EDATA));
  cr_assert(eq(str, (char *)why, "count is not a whole number"));
  cr_assert(eq(int, count("12.0", &v, &why, &where), PST_EDATA));
  cr_assert(eq(int, count("nan", &v, &why, &where), PST_EDATA));
  cr_assert(eq(int, count("", &v, &why, &where), PST_EDATA));
  cr_assert(eq(int, count("9007199254740993", &v, &why, &where), PST_EDATA));
  cr_assert(eq(int, count("9223372036854775808", &v, &why, &where), PST_EDATA));
  cr_assert(eq(int, count("99999999999999999999999", &v, &why, &where), PST_EDATA));
  cr_assert(eq(u64, v, 77), "output untouched on error");
}

static int real(const char *s, double *v, const char **why)
{
  return pst_parse_real(s, strlen(s), v, why, NULL);
}

Test(num, reals)
{
  double v;
  const char *why;
  cr_assert(eq(int, real("0.95", &v, &why), PST_OK));
  cr_assert(eq(dbl, v, 0.95));
  cr_assert(eq(int, real("-1.5e-3", &v, &why), PST_OK));
  cr_assert(eq(dbl, v, -1.5e-3));
  cr_assert(eq(int, real(".5", &v, &why), PST_OK));
  cr_assert(eq(dbl, v, 0.5));
  cr_assert(eq(int, real("1e-320", &v, &why), PST_OK), "subnormal is finite");
  cr_assert(eq(int, real("1e999", &v, &why), PST_EDATA));
  cr_assert(eq(str, (char *)why, "number out of range"));
  cr_assert(eq(int, real("nan", &v, &why), PST_EDATA));
  cr_assert(eq(int, real("inf", &v, &why), PST_EDATA));
  cr_assert(eq(int, real("0x10", &v, &why), PST_EDATA));
  cr_assert(eq(int, real("1,5", &v, &why), PST_EDATA));
  cr_assert(eq(str, (char *)why, "',' in a number (use '.' as the decimal point)"));
  cr_assert(eq(int, real("1e", &v, &why), PST_EDATA));
  cr_assert(eq(int, real("", &v, &why), PST_EDATA));
}

Test(num, roundtrip_shortest)
{
  char b[PST_FMT_BUFSZ];
  const double xs[] = {0.5, 0.1, 1.0 / 3.0, 0.30000000000000004, 2.4519670643278352e-4,
                       1e-300, 4.9e-324, 1.7976931348623157e308, 123456789012345678.0};
  pst_fmt_real(b, 0.5);
  cr_assert(eq(str, b, "0.5"));
  pst_fmt_real(b, -0.0);
  cr_assert(eq(str, b, "0"));
  pst_fmt_real(b, 0.1);
  cr_assert(eq(str, b, "0.1"));
  for (size_t i = 0; i < sizeof xs / sizeof *xs; i++) {
    pst_fmt_real(b, xs[i]);
    cr_assert(eq(dbl, strtod(b, NULL), xs[i]), "%s", b);
  }
}

Test(num, locale_independent)
{
  /* A German locale must not turn 0.5 into 0,5, in parsing or printing. */
  char b[PST_FMT_BUFSZ];
  double v;
  if (!setlocale(LC_ALL, "de_DE.UTF-8") && !setlocale(LC_ALL, "de_DE"))
    cr_skip_test("no German locale installed");
  cr_assert(eq(int, real("0.5", &v, NULL), PST_OK));
  cr_assert(eq(dbl, v, 0.5));
  pst_fmt_real(b, 0.25);
  cr_assert(eq(str, b, "0.25"));
  setlocale(LC_ALL, "C");
}
