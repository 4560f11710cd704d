/* audit_stated.c -- reading a printed value and the precision its printing
 * implies ("12.4%" allows +-0.05, "57%" +-0.5, "more than 83,000" is a bound). */
#include "powstat/audit.h"
#include "powstat/num.h"

#include <math.h>
#include <string.h>

static int lower_eq(const char *s, size_t n, const char *w)
{
  size_t m = strlen(w);
  if (n < m) return 0;
  for (size_t i = 0; i < m; i++) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
    if (c != w[i]) return 0;
  }
  /* a word must end at a blank, a digit or the end */
  return n == m || s[m] == ' ' || (s[m] >= '0' && s[m] <= '9') || w[m - 1] == '~' ||
         w[m - 1] == '>' || w[m - 1] == '<' || w[m - 1] == '=';
}

static const struct {
  const char *text;
  pst_qualifier q;
} qualifiers[] = {
  {">=", PST_Q_ATLEAST}, {"<=", PST_Q_ATMOST}, {"~", PST_Q_APPROX}, {">", PST_Q_OVER},
  {"<", PST_Q_UNDER}, {"about", PST_Q_APPROX}, {"approximately", PST_Q_APPROX},
  {"around", PST_Q_APPROX}, {"nearly", PST_Q_APPROX}, {"almost", PST_Q_APPROX},
  {"some", PST_Q_APPROX}, {"over", PST_Q_OVER}, {"more than", PST_Q_OVER},
  {"above", PST_Q_OVER}, {"at least", PST_Q_ATLEAST}, {"less than", PST_Q_UNDER},
  {"fewer than", PST_Q_UNDER}, {"under", PST_Q_UNDER}, {"below", PST_Q_UNDER},
  {"at most", PST_Q_ATMOST}, {"up to", PST_Q_ATMOST},
};

static const char *const words[] = {
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
  "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
  "nineteen", "twenty",
};
static const struct {
  const char *w;
  int v;
} tens[] = {{"thirty", 30}, {"forty", 40}, {"fifty", 50}, {"sixty", 60}, {"seventy", 70},
            {"eighty", 80}, {"ninety", 90}, {"hundred", 100}};

double pst_stated_unit(const char *num, int count, int approx)
{
  const char *dot = strchr(num, '.');
  size_t n = strlen(num), z = 0;
  if (dot) return pow(10.0, -(double)(n - (size_t)(dot - num) - 1));
  while (z < n && num[n - 1 - z] == '0') z++;
  if (z == n) return 1.0; /* "0" */
  /* "83,000" or "~50" are round numbers: precise to their last non-zero
   * digit.  "920" or "100%" are read as exact (fewer than three zeros). */
  if (approx || (count && z >= 3)) return pow(10.0, (double)z);
  return 1.0;
}

/* Read one number at s[*i]: digits with ',' thousands groups and an optional
 * '.' fraction, a decimal comma when a '%' follows ("88, 9%"), or a word.
 * Writes the digits without separators to num. */
static int read_number(const char *s, size_t n, size_t *i, char *num, int *words_used,
                       int *dcomma, const char **why)
{
  size_t k = 0, start = *i, j = *i, group_len = 0;
  int grouped = 0;
  *words_used = 0;
  if (j < n && !(s[j] >= '0' && s[j] <= '9')) {
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
      if (lower_eq(s + j, n - j, words[w])) {
        size_t m = strlen(words[w]);
        /* pick the longest word ("seventeen" over "seven") */
        size_t best = m;
        int v = (int)w;
        for (size_t w2 = w + 1; w2 < sizeof words / sizeof words[0]; w2++)
          if (strlen(words[w2]) > best && lower_eq(s + j, n - j, words[w2])) { best = strlen(words[w2]); v = (int)w2; }
        snprintf(num, PST_NUM_TEXT, "%d", v);
        *i = j + best;
        *words_used = 1;
        return PST_OK;
      }
    for (size_t w = 0; w < sizeof tens / sizeof tens[0]; w++)
      if (lower_eq(s + j, n - j, tens[w].w)) {
        snprintf(num, PST_NUM_TEXT, "%d", tens[w].v);
        *i = j + strlen(tens[w].w);
        *words_used = 1;
        return PST_OK;
      }
    *why = "expected a number";
    return PST_EDATA;
  }
  while (j < n) {
    char c = s[j];
    if (c >= '0' && c <= '9') {
      if (k + 2 >= PST_NUM_TEXT) { *why = "number too long"; return PST_EDATA; }
      num[k++] = c;
      group_len++;
      j++;
    } else if (c == ',') {
      size_t d = j + 1, m = 0;
      int sp = 0;
      if (d < n && s[d] == ' ') { sp = 1; d++; }
      while (d + m < n && s[d + m] >= '0' && s[d + m] <= '9') m++;
      if (!sp && m == 3 && (!grouped ? group_len <= 3 : group_len == 3)) {
        grouped = 1;
        group_len = 0;
        j++;
        continue;
      }
      if (m >= 1 && m <= 2 && d + m < n && s[d + m] == '%' && !grouped) {
        /* decimal comma, as in the translation's "88, 9%" */
        if (k + m + 2 > PST_NUM_TEXT) { *i = j; *why = "number too long"; return PST_EDATA; }
        num[k++] = '.';
        memcpy(num + k, s + d, m);
        k += m;
        j = d + m;
        *dcomma = 1;
        break;
      }
      *i = j;
      *why = "misplaced ',' (thousands separators group three digits)";
      return PST_EDATA;
    } else if (c == '.') {
      size_t m = 0;
      if (grouped && group_len != 3) { *i = j; *why = "misplaced ','"; return PST_EDATA; }
      while (j + 1 + m < n && s[j + 1 + m] >= '0' && s[j + 1 + m] <= '9') m++;
      if (m == 0 || k + m + 2 >= PST_NUM_TEXT) { *i = j; *why = "expected digits after '.'"; return PST_EDATA; }
      num[k++] = '.';
      memcpy(num + k, s + j + 1, m);
      k += m;
      j += 1 + m;
      break;
    } else {
      break;
    }
  }
  if (grouped && group_len != 3 && (k == 0 || num[k - 1] != '.')) {
    int frac = memchr(num, '.', k) != NULL;
    if (!frac) { *i = j; *why = "misplaced ',' (thousands separators group three digits)"; return PST_EDATA; }
  }
  num[k] = '\0';
  if (k == 0) { *i = start; *why = "expected a number"; return PST_EDATA; }
  if (k > 1 && num[0] == '0' && num[1] != '.') { *i = start; *why = "leading zero"; return PST_EDATA; }
  *i = j;
  return PST_OK;
}

static void skip_blanks(const char *s, size_t n, size_t *i)
{
  while (*i < n && (s[*i] == ' ' || s[*i] == '\t')) (*i)++;
}

int pst_stated_parse(const char *s, unsigned flags, pst_stated *out, const char **why,
                     size_t *where)
{
  size_t n = s ? strlen(s) : 0, i = 0, e;
  const char *w = "empty value";
  int words_used = 0, pct = 0;
  memset(out, 0, sizeof *out);
  out->value_hi = out->unit_hi = (double)NAN;
  out->qual = PST_Q_EXACT;
  if (!s) goto fail;
  skip_blanks(s, n, &i);
  if (i < n && s[i] == '=' && !(i + 1 < n && s[i + 1] == '=')) {
    out->compiled = 1;
    i++;
    skip_blanks(s, n, &i);
  }
  for (size_t q = 0; q < sizeof qualifiers / sizeof qualifiers[0]; q++)
    if (lower_eq(s + i, n - i, qualifiers[q].text)) {
      out->qual = qualifiers[q].q;
      i += strlen(qualifiers[q].text);
      skip_blanks(s, n, &i);
      break;
    }
  if (i >= n) { w = "expected a number"; goto fail; }
  if (read_number(s, n, &i, out->num, &words_used, &out->decimal_comma, &w) != PST_OK) goto fail;
  out->words = words_used;
  skip_blanks(s, n, &i);
  /* a range: "3.5-4", "17-40", "=28.1-39.1" (a dash after a number) */
  if (i < n && (s[i] == '-' || (i + 2 < n && (unsigned char)s[i] == 0xE2 &&
                                (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x93))) {
    int wu = 0;
    if (!(flags & PST_STATED_RANGE)) { w = "a range is not allowed here"; goto fail; }
    if (out->qual != PST_Q_EXACT) { w = "a range cannot also be a bound or an approximation"; goto fail; }
    i += s[i] == '-' ? 1 : 3;
    skip_blanks(s, n, &i);
    if (read_number(s, n, &i, out->num_hi, &wu, &out->decimal_comma, &w) != PST_OK) goto fail;
    out->range = 1;
    skip_blanks(s, n, &i);
  }
  if (i < n && s[i] == '%') {
    pct = 1;
    i++;
  } else if (i < n && lower_eq(s + i, n - i, "times")) {
    i += 5;
  }
  skip_blanks(s, n, &i);
  if (i != n) { w = "unexpected text after the number"; goto fail; }
  out->percent = pct || (flags & PST_STATED_PERCENT);
  {
    int count = (flags & PST_STATED_COUNT) && !out->percent;
    int approx = out->qual == PST_Q_APPROX;
    const char *pw;
    if (pst_parse_real(out->num, strlen(out->num), &out->value, &pw, &e) != PST_OK) { w = pw; goto fail; }
    out->unit = pst_stated_unit(out->num, count, approx);
    if (out->range) {
      if (pst_parse_real(out->num_hi, strlen(out->num_hi), &out->value_hi, &pw, &e) != PST_OK) { w = pw; goto fail; }
      out->unit_hi = pst_stated_unit(out->num_hi, count, approx);
      if (out->value_hi < out->value) { w = "range upper end below its lower end"; goto fail; }
    }
  }
  return PST_OK;
fail:
  if (why) *why = w;
  if (where) *where = i;
  return PST_EDATA;
}

const char *pst_qualifier_name(pst_qualifier q)
{
  switch (q) {
  case PST_Q_APPROX: return "about";
  case PST_Q_OVER: return "more than";
  case PST_Q_ATLEAST: return "at least";
  case PST_Q_UNDER: return "less than";
  case PST_Q_ATMOST: return "at most";
  case PST_Q_EXACT: break;
  }
  return "";
}
