/* num.c -- strict, locale-independent number parsing and round-trip printing. */
#define _POSIX_C_SOURCE 200809L
#include "powstat/num.h"
#include "powstat/dtoa.h"
#include "powstat/status.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A C locale object, created once.  uselocale() switches only the calling
 * thread, so library callers that set a German locale for their own output are
 * not disturbed, and strtod/snprintf here always use '.' */
static locale_t c_locale(void)
{
  static locale_t loc = (locale_t)0;
  if (loc == (locale_t)0)
    loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
  return loc;
}

static int fail(const char **why, size_t *where, const char *reason, size_t pos)
{
  if (why) *why = reason;
  if (where) *where = pos;
  return PST_EDATA;
}

static void trim(const char *s, size_t len, size_t *b, size_t *e)
{
  size_t i = 0, j = len;
  while (i < j && (s[i] == ' ' || s[i] == '\t')) i++;
  while (j > i && (s[j - 1] == ' ' || s[j - 1] == '\t')) j--;
  *b = i;
  *e = j;
}

int pst_parse_count(const char *s, size_t len, uint64_t *out, const char **why, size_t *where)
{
  size_t b, e, i, group = 0;
  int seen_sep = 0;
  uint64_t v = 0;
  trim(s, len, &b, &e);
  if (b == e) return fail(why, where, "empty count", b);
  if (s[b] == '-') return fail(why, where, "negative count", b);
  if (s[b] == '+') return fail(why, where, "count with a sign", b);
  for (i = b; i < e; i++) {
    char c = s[i];
    if (c >= '0' && c <= '9') {
      uint64_t dgt = (uint64_t)(c - '0');
      if (v > (PST_COUNT_MAX - dgt) / 10)
        return fail(why, where, "count too large (limit 2^53 = 9007199254740992)", b);
      v = v * 10 + dgt;
      group++;
    } else if (c == ',') {
      /* first group 1-3 digits, later groups exactly 3 */
      if (group == 0 || group > 3 || (seen_sep && group != 3))
        return fail(why, where, "misplaced thousands separator", i);
      seen_sep = 1;
      group = 0;
    } else if (c == '.' || c == 'e' || c == 'E') {
      return fail(why, where, "count is not a whole number", i);
    } else {
      return fail(why, where, "not a count (digits with optional ',' thousands separators)", i);
    }
  }
  if (group == 0) return fail(why, where, "misplaced thousands separator", e - 1);
  if (seen_sep && group != 3) return fail(why, where, "misplaced thousands separator", e - group - 1);
  *out = v;
  return PST_OK;
}

int pst_parse_real(const char *s, size_t len, double *out, const char **why, size_t *where)
{
  size_t b, e, i, ndig = 0;
  char tmp[128];
  char *end;
  double v;
  locale_t old;
  trim(s, len, &b, &e);
  if (b == e) return fail(why, where, "empty number", b);
  if (e - b >= sizeof tmp) return fail(why, where, "number too long", b);
  /* Validate the grammar ourselves: strtod also takes hex, inf, nan and
   * stops silently at a ',' */
  i = b;
  if (s[i] == '+' || s[i] == '-') i++;
  while (i < e && s[i] >= '0' && s[i] <= '9') { i++; ndig++; }
  if (i < e && s[i] == '.') {
    i++;
    while (i < e && s[i] >= '0' && s[i] <= '9') { i++; ndig++; }
  }
  if (ndig == 0) return fail(why, where, "not a number", b);
  if (i < e && (s[i] == 'e' || s[i] == 'E')) {
    size_t expd = 0;
    i++;
    if (i < e && (s[i] == '+' || s[i] == '-')) i++;
    while (i < e && s[i] >= '0' && s[i] <= '9') { i++; expd++; }
    if (expd == 0) return fail(why, where, "malformed exponent", i);
  }
  if (i != e) {
    if (s[i] == ',') return fail(why, where, "',' in a number (use '.' as the decimal point)", i);
    if (s[i] == 'x' || s[i] == 'X') return fail(why, where, "hexadecimal numbers are not accepted", i);
    return fail(why, where, "not a number", i);
  }
  memcpy(tmp, s + b, e - b);
  tmp[e - b] = '\0';
  old = uselocale(c_locale());
  errno = 0;
  v = strtod(tmp, &end);
  uselocale(old);
  if (errno == ERANGE && (isinf(v) || fabs(v) > 1.0))
    return fail(why, where, "number out of range", b);
  if (!isfinite(v)) return fail(why, where, "number out of range", b);
  *out = v;
  return PST_OK;
}

int pst_fmt_real(char *buf, double x)
{
  if (x == 0.0) {
    /* print -0 as 0: a mortality of "-0" confuses readers and spreadsheets */
    memcpy(buf, "0", 2);
    return 1;
  }
  /* Shortest round-trip digits (Ryu, dtoa.h) laid out as %.15g would,
   * widened to 16 or 17 digits only when needed: the text of the former
   * "first of %.15g/%.16g/%.17g that reads back" search at ~1/15 of its
   * cost, and locale-free by construction. */
  return pst_dtoa_fmt_g(buf, x, 15);
}

int pst_fmt_sig(char *buf, size_t size, double x, int sig)
{
  int n;
  locale_t old = uselocale(c_locale());
  n = snprintf(buf, size, "%.*g", sig, x == 0.0 ? 0.0 : x);
  uselocale(old);
  return n;
}
