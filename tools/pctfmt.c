/* pctfmt.c -- adaptive precision for percentages in tables. */
#include "pctfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Decimals for a percentage so that `sig` significant digits show. */
static int decimals_for(double pct, int sig)
{
  int mag, d;
  if (pct == 0.0) return 1;
  mag = (int)floor(log10(fabs(pct)));
  d = sig - 1 - mag;
  if (d < 1) d = 1;
  if (d > 12) d = 12;
  return d;
}

static void fmt_fixed(char *b, size_t n, double pct, int dec)
{
  /* the tool never calls setlocale(), so printf uses the C locale's '.' */
  snprintf(b, n, "%.*f", dec, pct);
}

void pct_format3(double p, double lo, double hi, char *pb, size_t pbn, char *cib, size_t cibn)
{
  /* Start at 4 significant digits of the point and add digits until the
   * three numbers print differently (up to 10), so a 1e-5-wide interval at
   * a count of a billion does not print as "12.3–12.3". */
  int dec = decimals_for(p * 100, 4);
  char a[64], l[64], u[64];
  for (int extra = 0; extra < 8; extra++, dec++) {
    fmt_fixed(a, sizeof a, p * 100, dec);
    fmt_fixed(l, sizeof l, lo * 100, dec);
    fmt_fixed(u, sizeof u, hi * 100, dec);
    if ((strcmp(a, l) != 0 || lo == p) && (strcmp(a, u) != 0 || hi == p)) break;
  }
  snprintf(pb, pbn, "%s", a);
  snprintf(cib, cibn, "%s\u2013%s", l, u);
}

void pct_format_range(double lo, double hi, char *b, size_t n)
{
  int dec = decimals_for(fmax(lo, hi) * 100, 3);
  char l[64], u[64];
  fmt_fixed(l, sizeof l, lo * 100, dec);
  fmt_fixed(u, sizeof u, hi * 100, dec);
  snprintf(b, n, "%s\u2013%s", l, u);
}

void pct_format1(double p, int sig, char *b, size_t n)
{
  fmt_fixed(b, n, p * 100, decimals_for(p * 100, sig));
}
