/* audit_expr.c -- operand expressions of claims: "56,160 + >10,000 + 1,567",
 * "@sc-total - @sc-arrested", "@beria-pct / ..." (one expression per operand). */
#include "audit_impl.h"

#include "powstat/num.h"

#include <stdlib.h>
#include <string.h>

static int is_slug(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '/' || c == '_';
}

void audit_expr_free(pst_expr *e)
{
  for (size_t i = 0; i < e->n; i++) {
    free(e->t[i].ref);
    e->t[i].ref = NULL;
  }
  e->n = 0;
}

int audit_expr_parse(const char *s, pst_expr *e, const char **why, size_t *where)
{
  size_t n = strlen(s), i = 0;
  int sign = 1;
  memset(e, 0, sizeof *e);
  for (;;) {
    pst_term *t;
    while (i < n && s[i] == ' ') i++;
    if (i >= n) {
      if (e->n == 0) break; /* an empty expression: operand not given */
      *why = "expected a term after the operator";
      *where = i;
      goto fail;
    }
    if (e->n == PST_AUDIT_MAXTERMS) {
      *why = "too many terms (at most 24)";
      *where = i;
      goto fail;
    }
    t = &e->t[e->n];
    memset(t, 0, sizeof *t);
    t->sign = sign;
    t->col = (long)i; /* offset for now; the loader turns it into a column */
    if (s[i] == '@') {
      size_t j = ++i;
      while (i < n && is_slug(s[i])) i++;
      if (i == j) { *why = "expected a claim id after '@'"; *where = i; goto fail; }
      t->ref = malloc(i - j + 1);
      if (!t->ref) return PST_ENOMEM;
      memcpy(t->ref, s + j, i - j);
      t->ref[i - j] = '\0';
      if (i < n && s[i] == '.') {
        if (strncmp(s + i, ".recomputed", 11) != 0 || (i + 11 < n && is_slug(s[i + 11]))) {
          *why = "after a reference only '.recomputed' may follow";
          *where = i;
          e->n++;
          goto fail;
        }
        t->recomputed = 1;
        i += 11;
      }
    } else {
      size_t j, k = 0;
      const char *w;
      size_t pos;
      uint64_t cnt;
      if (s[i] == '>' || s[i] == '<') t->bound = s[i++];
      j = i;
      while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == ',' || s[i] == '.')) i++;
      if (i == j) { *why = "expected a number or @claim-id"; *where = i; goto fail; }
      if (i - j + 1 > PST_NUM_TEXT) { *why = "number too long"; *where = j; goto fail; }
      if (memchr(s + j, '.', i - j)) {
        if (memchr(s + j, ',', i - j)) { *why = "a decimal number takes no thousands separators"; *where = j; goto fail; }
        if (pst_parse_real(s + j, i - j, &t->value, &w, &pos) != PST_OK) { *why = w; *where = j + pos; goto fail; }
      } else {
        if (pst_parse_count(s + j, i - j, &cnt, &w, &pos) != PST_OK) { *why = w; *where = j + pos; goto fail; }
        t->value = (double)cnt;
      }
      for (size_t m = j; m < i; m++)
        if (s[m] != ',') t->num[k++] = s[m];
      t->num[k] = '\0';
    }
    e->n++;
    while (i < n && s[i] == ' ') i++;
    if (i >= n) break;
    if (s[i] == '+') sign = 1;
    else if (s[i] == '-') sign = -1;
    else { *why = "expected '+' or '-' between terms"; *where = i; goto fail; }
    i++;
  }
  return PST_OK;
fail:
  audit_expr_free(e);
  return PST_EDATA;
}
