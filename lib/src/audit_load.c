/* audit_load.c -- claims files, and telling claims, estimates and outcomes
 * files apart by their header. */
#define _POSIX_C_SOURCE 200809L
#include "audit_impl.h"

#include "powstat/csvread.h"
#include "powstat/num.h"
#include "powstat/schema.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

char *audit_strdup(const char *s)
{
  size_t n;
  char *p;
  if (!s) return NULL;
  n = strlen(s) + 1;
  p = malloc(n);
  if (p) memcpy(p, s, n);
  return p;
}

pst_claim *audit_claims_push(pst_claims *s)
{
  pst_claim *c;
  if (s->n == s->cap) {
    size_t nc = s->cap ? s->cap * 2 : 64;
    pst_claim *v = realloc(s->v, nc * sizeof *v);
    if (!v) return NULL;
    s->v = v;
    s->cap = nc;
  }
  c = &s->v[s->n++];
  memset(c, 0, sizeof *c);
  c->window_days = c->stated_days = (double)NAN;
  c->x.n = c->y.n = 0;
  return c;
}

void audit_claim_free(pst_claim *c)
{
  free(c->id);
  free(c->section);
  free(c->quote);
  free(c->stated_text);
  free(c->table);
  free(c->source);
  free(c->note);
  audit_expr_free(&c->x);
  audit_expr_free(&c->y);
}

void pst_claims_free(pst_claims *s)
{
  if (!s) return;
  for (size_t i = 0; i < s->n; i++) audit_claim_free(&s->v[i]);
  free(s->v);
  s->v = NULL;
  s->n = s->cap = 0;
}

const pst_claim *pst_claims_find(const pst_claims *s, const char *file, const char *id)
{
  for (size_t i = 0; i < s->n; i++)
    if ((!file || s->v[i].file == file || (s->v[i].file && strcmp(s->v[i].file, file) == 0)) &&
        strcmp(s->v[i].id, id) == 0)
      return &s->v[i];
  return NULL;
}

static void drop_from(pst_claims *s, size_t n0)
{
  while (s->n > n0) audit_claim_free(&s->v[--s->n]);
}

/* ---- claims.csv ------------------------------------------------------- */

enum {
  C_ID, C_SECTION, C_PARAGRAPH, C_QUOTE, C_STATED, C_VALUE, C_KIND, C_X, C_Y, C_TABLE, C_ROW,
  C_WINDOW, C_SDAYS, C_SOURCE, C_NOTE, C_NCOL
};
static const pst_colspec claim_cols[C_NCOL] = {
  {"id", 1}, {"section", 0}, {"paragraph", 0}, {"quote", 0}, {"stated", 1}, {"value", 0},
  {"kind", 1}, {"x", 1}, {"y", 0}, {"table", 0}, {"row", 0}, {"window_days", 0},
  {"stated_days", 0}, {"source", 0}, {"note", 0},
};

static const char *const kind_names[] = {"percentage", "sum", "ratio", "difference", "rate",
                                         "bound"};

const char *pst_claim_kind_name(pst_claim_kind k)
{
  return (unsigned)k < 6 ? kind_names[k] : "?";
}

static int valid_slug(const char *s)
{
  if (!*s) return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-')) return 0;
  return 1;
}

static size_t count_words(const char *s)
{
  size_t n = 0;
  int in = 0;
  for (; *s; s++) {
    int blank = *s == ' ' || *s == '\t' || *s == '\n';
    if (!blank && !in) n++;
    in = !blank;
  }
  return n;
}

/* Column of byte offset off inside field j (1-based, in characters). */
static long field_col(const pst_csv *r, const pst_field *f, size_t j, size_t off, long *line)
{
  long col;
  pst_csv_field_pos(r, j, line, &col);
  col += f[j].quoted ? 1 : 0;
  for (size_t i = 0; i < off && f[j].s[i]; i++)
    if (((unsigned char)f[j].s[i] & 0xC0) != 0x80) col++;
  return col;
}

/* The largest paragraph or row number: 2^53 - 1, below which a double holds
 * every whole number exactly (the text "9007199254740993" reads as 2^53), or
 * LONG_MAX where long is narrower. */
#define WHOLE_MAX (LONG_MAX < 9007199254740991LL ? (double)LONG_MAX : 9007199254740991.0)

static int parse_positive(const pst_csv *r, const pst_field *f, size_t n, int idx, const char *name,
                          double *v, int integer, pst_diag *d)
{
  const char *why;
  if (idx < 0 || pst_cell_missing(f, n, idx)) return PST_OK;
  if (pst_parse_real(f[idx].s, f[idx].len, v, &why, NULL) != PST_OK)
    return pst_csv_field_error(r, (size_t)idx, d, PST_EDATA, "%s '%.40s': %s", name, f[idx].s, why);
  if (!(*v > 0) || (integer && *v != floor(*v)))
    return pst_csv_field_error(r, (size_t)idx, d, PST_EDATA, "%s '%.40s': expected a positive %s",
                               name, f[idx].s, integer ? "integer" : "number");
  /* a whole number is stored as a long: beyond 2^53 the double no longer
   * holds the digits written, and beyond LONG_MAX the conversion is
   * undefined (found by fuzz_claims) */
  if (integer && *v > WHOLE_MAX)
    return pst_csv_field_error(r, (size_t)idx, d, PST_EDATA, "%s: whole number out of range: '%.60s'",
                               name, f[idx].s);
  return PST_OK;
}

static int parse_expr_cell(const pst_csv *r, const pst_field *f, size_t n, int idx,
                           const char *name, pst_expr *e, pst_diag *d)
{
  const char *why;
  size_t where;
  int st;
  e->n = 0;
  if (idx < 0 || pst_cell_missing(f, n, idx)) return PST_OK;
  st = audit_expr_parse(f[idx].s, e, &why, &where);
  if (st == PST_ENOMEM) return st;
  if (st != PST_OK) {
    long line, col = field_col(r, f, (size_t)idx, where, &line);
    return pst_diag_set(d, PST_EDATA, line, col, "%s '%.60s': %s", name, f[idx].s, why);
  }
  for (size_t i = 0; i < e->n; i++) {
    long line;
    e->t[i].col = field_col(r, f, (size_t)idx, (size_t)e->t[i].col, &line);
  }
  return PST_OK;
}

static int load_row(pst_csv *r, const pst_field *f, size_t n, const int *idx, pst_claims *out,
                    size_t n0, const char *name, pst_diag *d)
{
  pst_claim *c;
  const char *why;
  size_t where;
  unsigned flags = 0;
  int st, k = -1;
  if (pst_cell_missing(f, n, idx[C_ID]))
    return pst_csv_field_error(r, (size_t)idx[C_ID], d, PST_EDATA, "missing claim id");
  if (!valid_slug(f[idx[C_ID]].s))
    return pst_csv_field_error(r, (size_t)idx[C_ID], d, PST_EDATA,
                               "claim id '%.40s': use lower-case letters, digits and '-'",
                               f[idx[C_ID]].s);
  for (size_t i = n0; i < out->n; i++)
    if (strcmp(out->v[i].id, f[idx[C_ID]].s) == 0)
      return pst_csv_field_error(r, (size_t)idx[C_ID], d, PST_EDATA,
                                 "duplicate claim id '%.40s' (first on line %ld)", f[idx[C_ID]].s,
                                 out->v[i].line);
  if (pst_cell_missing(f, n, idx[C_KIND]))
    return pst_csv_field_error(r, (size_t)idx[C_KIND], d, PST_EDATA, "missing kind");
  for (int i = 0; i < 6; i++)
    if (strcmp(f[idx[C_KIND]].s, kind_names[i]) == 0) k = i;
  if (k < 0)
    return pst_csv_field_error(r, (size_t)idx[C_KIND], d, PST_EDATA,
                               "unknown kind '%.40s' (percentage, sum, ratio, difference, rate "
                               "or bound)", f[idx[C_KIND]].s);
  if (idx[C_QUOTE] >= 0 && !pst_cell_missing(f, n, idx[C_QUOTE]) &&
      count_words(f[idx[C_QUOTE]].s) > 15)
    return pst_csv_field_error(r, (size_t)idx[C_QUOTE], d, PST_EDATA,
                               "quote has %zu words; keep it to at most 15",
                               count_words(f[idx[C_QUOTE]].s));
  if (k == PST_CLAIM_PERCENTAGE || k == PST_CLAIM_RATE) flags |= PST_STATED_PERCENT;
  if (k == PST_CLAIM_SUM || k == PST_CLAIM_DIFFERENCE || k == PST_CLAIM_BOUND) flags |= PST_STATED_COUNT;
  if (!(c = audit_claims_push(out))) return PST_ENOMEM;
  c->kind = (pst_claim_kind)k;
  c->file = name;
  c->origin = "claims";
  c->line = pst_csv_record_line(r);
  if ((st = pst_cell_strdup(f, n, idx[C_ID], &c->id)) ||
      (st = pst_cell_strdup(f, n, idx[C_SECTION], &c->section)) ||
      (st = pst_cell_strdup(f, n, idx[C_QUOTE], &c->quote)) ||
      (st = pst_cell_strdup(f, n, idx[C_STATED], &c->stated_text)) ||
      (st = pst_cell_strdup(f, n, idx[C_TABLE], &c->table)) ||
      (st = pst_cell_strdup(f, n, idx[C_SOURCE], &c->source)) ||
      (st = pst_cell_strdup(f, n, idx[C_NOTE], &c->note)))
    return st;
  if (!c->stated_text)
    return pst_csv_field_error(r, (size_t)idx[C_STATED], d, PST_EDATA, "missing stated value");
  if (pst_stated_parse(c->stated_text, flags, &c->stated, &why, &where) != PST_OK) {
    long line, col = field_col(r, f, (size_t)idx[C_STATED], where, &line);
    return pst_diag_set(d, PST_EDATA, line, col, "stated value '%.40s': %s", c->stated_text, why);
  }
  if (c->stated.compiled)
    return pst_csv_field_error(r, (size_t)idx[C_STATED], d, PST_EDATA,
                               "stated value '%.40s': '=' (computed by a compiler) has no place "
                               "in a claims file, which records printed values", c->stated_text);
  if ((k == PST_CLAIM_PERCENTAGE || k == PST_CLAIM_RATE) && !strchr(c->stated_text, '%'))
    return pst_csv_field_error(r, (size_t)idx[C_STATED], d, PST_EDATA,
                               "stated value '%.40s': a %s is stated with '%%'", c->stated_text,
                               kind_names[k]);
  if (idx[C_VALUE] >= 0 && !pst_cell_missing(f, n, idx[C_VALUE])) {
    double v;
    if (pst_parse_real(f[idx[C_VALUE]].s, f[idx[C_VALUE]].len, &v, &why, NULL) != PST_OK)
      return pst_csv_field_error(r, (size_t)idx[C_VALUE], d, PST_EDATA, "value '%.40s': %s",
                                 f[idx[C_VALUE]].s, why);
    if (fabs(v - c->stated.value) > 1e-12 * fmax(1.0, fabs(v)))
      return pst_csv_field_error(r, (size_t)idx[C_VALUE], d, PST_EDATA,
                                 "value %.40s does not match the stated text '%.40s' (%s)",
                                 f[idx[C_VALUE]].s, c->stated_text, c->stated.num);
  } else if (idx[C_VALUE] >= 0) {
    return pst_csv_field_error(r, (size_t)idx[C_VALUE], d, PST_EDATA,
                               "missing value (the stated number, e.g. 12.4 for '12.4%%')");
  }
  if ((st = parse_positive(r, f, n, idx[C_PARAGRAPH], "paragraph", &c->window_days, 1, d))) return st;
  if (!isnan(c->window_days)) c->paragraph = (long)c->window_days;
  c->window_days = (double)NAN;
  {
    double row = (double)NAN;
    if ((st = parse_positive(r, f, n, idx[C_ROW], "row", &row, 1, d))) return st;
    if (!isnan(row)) {
      if (!c->table)
        return pst_csv_field_error(r, (size_t)idx[C_ROW], d, PST_EDATA, "a row needs a table");
      c->row = (long)row;
    }
  }
  if (c->table && !valid_slug(c->table))
    return pst_csv_field_error(r, (size_t)idx[C_TABLE], d, PST_EDATA,
                               "table '%.40s': use lower-case letters, digits and '-'", c->table);
  if ((st = parse_positive(r, f, n, idx[C_WINDOW], "window_days", &c->window_days, 0, d))) return st;
  if ((st = parse_positive(r, f, n, idx[C_SDAYS], "stated_days", &c->stated_days, 0, d))) return st;
  if (k != PST_CLAIM_RATE && (!isnan(c->window_days) || !isnan(c->stated_days)))
    return pst_csv_field_error(r, (size_t)(!isnan(c->window_days) ? idx[C_WINDOW] : idx[C_SDAYS]),
                               d, PST_EDATA, "time windows apply to rates only (kind %s)",
                               kind_names[k]);
  if ((st = parse_expr_cell(r, f, n, idx[C_X], "x", &c->x, d))) return st;
  if ((st = parse_expr_cell(r, f, n, idx[C_Y], "y", &c->y, d))) return st;
  if ((k == PST_CLAIM_SUM || k == PST_CLAIM_BOUND) && c->y.n)
    return pst_csv_field_error(r, (size_t)idx[C_Y], d, PST_EDATA,
                               "a %s takes its operands in x only; y must be empty", kind_names[k]);
  return PST_OK;
}

/* Every reference names a claim of the same file, and no claim depends on
 * itself through references (its evidence would be circular). */
static const pst_claim *find_in(const pst_claims *s, size_t n0, const char *id)
{
  for (size_t i = n0; i < s->n; i++)
    if (strcmp(s->v[i].id, id) == 0) return &s->v[i];
  return NULL;
}

static int check_refs(const pst_claims *s, size_t n0, const char *name, pst_diag *d)
{
  size_t m = s->n - n0;
  unsigned char *state;
  size_t *stack, *next_term, sp;
  for (size_t i = n0; i < s->n; i++)
    for (int e = 0; e < 2; e++) {
      const pst_expr *x = e ? &s->v[i].y : &s->v[i].x;
      for (size_t t = 0; t < x->n; t++)
        if (x->t[t].ref && !find_in(s, n0, x->t[t].ref)) {
          pst_diag_set(d, PST_EDATA, s->v[i].line, x->t[t].col,
                       "claim '%.40s' refers to '@%.40s', which is not a claim id of this file",
                       s->v[i].id, x->t[t].ref);
          d->file = name;
          return PST_EDATA;
        }
    }
  /* iterative depth-first search: 0 new, 1 on the stack, 2 done */
  state = calloc(m ? m : 1, 1);
  stack = malloc((m ? m : 1) * sizeof *stack);
  next_term = calloc(m ? m : 1, sizeof *next_term);
  if (!state || !stack || !next_term) { free(state); free(stack); free(next_term); return PST_ENOMEM; }
  for (size_t root = 0; root < m; root++) {
    if (state[root]) continue;
    sp = 0;
    stack[sp++] = root;
    state[root] = 1;
    while (sp) {
      size_t u = stack[sp - 1], k = next_term[u];
      const pst_claim *c = &s->v[n0 + u];
      size_t nt = c->x.n + c->y.n;
      const pst_term *t;
      size_t v;
      if (k >= nt) { state[u] = 2; sp--; continue; }
      next_term[u]++;
      t = k < c->x.n ? &c->x.t[k] : &c->y.t[k - c->x.n];
      if (!t->ref) continue;
      v = (size_t)(find_in(s, n0, t->ref) - s->v) - n0;
      if (state[v] == 1) {
        char path[200];
        size_t len = 0, from = 0;
        while (stack[from] != v) from++;
        for (size_t j = from; j < sp && len < sizeof path - 50; j++)
          len += (size_t)snprintf(path + len, sizeof path - len, "%s -> ", s->v[n0 + stack[j]].id);
        snprintf(path + len, sizeof path - len, "%s", s->v[n0 + v].id);
        pst_diag_set(d, PST_EDATA, c->line, t->col, "reference cycle: %s", path);
        d->file = name;
        free(state); free(stack); free(next_term);
        return PST_EDATA;
      }
      if (state[v] == 0) { state[v] = 1; stack[sp++] = v; }
    }
  }
  free(state); free(stack); free(next_term);
  return PST_OK;
}

int pst_claims_load(FILE *fp, const char *name, pst_claims *out, pst_diag *d)
{
  pst_csv *r;
  int idx[C_NCOL], st;
  size_t hn = 0, n0 = out->n;
  if (d) d->file = name;
  if ((st = pst_csv_open(&r, fp, name)) != PST_OK) return st;
  if ((st = pst_schema_read_header(r, claim_cols, C_NCOL, idx, &hn, d)) != PST_OK) goto done;
  for (;;) {
    const pst_field *f;
    size_t n;
    if ((st = pst_csv_next(r, &f, &n, d)) != PST_OK) goto done;
    if (n == 0) break;
    if (n != hn) {
      st = pst_csv_field_error(r, n < hn ? n : hn, d, PST_EDATA,
                               "%zu fields, but the header has %zu%s", n, hn,
                               n > hn ? " (a number with thousands separators must be quoted)" : "");
      goto done;
    }
    if ((st = load_row(r, f, n, idx, out, n0, name, d)) != PST_OK) goto done;
  }
  st = check_refs(out, n0, name, d);
done:
  pst_csv_close(r);
  if (st != PST_OK) drop_from(out, n0);
  return st;
}

/* ---- estimates as claims ------------------------------------------------ */

int pst_claims_from_estimates(const pst_estimates *e, pst_claims *out)
{
  for (size_t i = 0; i < e->n; i++) {
    const pst_estimate *r = &e->v[i];
    pst_claim *c;
    const char *why;
    int64_t xs[3] = {r->deaths_low, r->deaths, r->deaths_high};
    int64_t ys[3] = {r->captured_low, r->captured, r->captured_high};
    char sec[64];
    if (!r->stated_pct) continue;
    if (!(c = audit_claims_push(out))) return PST_ENOMEM;
    c->kind = PST_CLAIM_PERCENTAGE;
    c->file = r->file;
    c->origin = "estimates";
    c->line = r->line;
    snprintf(sec, sizeof sec, "line %ld", r->line);
    if (!(c->id = audit_strdup(r->id)) || !(c->section = audit_strdup(sec)) ||
        !(c->stated_text = audit_strdup(r->stated_pct)) ||
        (r->captive && !(c->quote = audit_strdup(r->captive))) ||
        (r->source && !(c->source = audit_strdup(r->source))) ||
        (r->note && !(c->note = audit_strdup(r->note))))
      return PST_ENOMEM;
    if (pst_stated_parse(r->stated_pct, PST_STATED_PERCENT | PST_STATED_RANGE, &c->stated, &why,
                         NULL) != PST_OK) {
      /* an unreadable stated_pct is reported as not checkable, not fatal:
       * the estimates loader accepts any text there */
      c->stated.value = (double)NAN;
      continue;
    }
    if (r->deaths >= 0) {
      c->x.n = 1;
      c->x.t[0].sign = 1;
      c->x.t[0].value = (double)r->deaths;
      snprintf(c->x.t[0].num, PST_NUM_TEXT, "%lld", (long long)r->deaths);
    }
    if (r->captured >= 0) {
      c->y.n = 1;
      c->y.t[0].sign = 1;
      c->y.t[0].value = (double)r->captured;
      snprintf(c->y.t[0].num, PST_NUM_TEXT, "%lld", (long long)r->captured);
    }
    /* every combination of the low, point and high figures */
    for (int a = 0; a < 3; a++)
      for (int b = 0; b < 3; b++)
        if (xs[a] >= 0 && ys[b] > 0 && c->nalt < PST_AUDIT_MAXALT) {
          c->alt_x[c->nalt] = (double)xs[a];
          c->alt_y[c->nalt] = (double)ys[b];
          c->nalt++;
        }
  }
  return PST_OK;
}

/* ---- any file ----------------------------------------------------------- */

static int slurp(FILE *fp, char **buf, size_t *len)
{
  size_t cap = 65536, n = 0;
  char *b = malloc(cap);
  if (!b) return PST_ENOMEM;
  for (;;) {
    size_t k;
    if (n == cap) {
      char *nb;
      if (cap >= ((size_t)64 << 20)) { free(b); return PST_ELIMIT; }
      nb = realloc(b, cap * 2);
      if (!nb) { free(b); return PST_ENOMEM; }
      b = nb;
      cap *= 2;
    }
    k = fread(b + n, 1, cap - n, fp);
    n += k;
    if (k == 0) break;
  }
  if (ferror(fp)) { free(b); return PST_EIO; }
  *buf = b;
  *len = n;
  return PST_OK;
}

int pst_audit_load(FILE *fp, const char *name, pst_claims *out, pst_diag *d)
{
  char *buf = NULL;
  size_t len = 0;
  int st, type = -1;
  FILE *mem;
  if (d) d->file = name;
  if ((st = slurp(fp, &buf, &len)) != PST_OK) {
    if (st == PST_EIO) return pst_diag_set(d, st, 0, 0, "read error");
    if (st == PST_ELIMIT) return pst_diag_set(d, st, 0, 0, "file larger than 64 MiB");
    return st;
  }
  /* The header tells the kind of file; the stream is read once, so it is
   * kept in memory and read again by the right loader. */
  if (len == 0) { free(buf); return pst_diag_set(d, PST_EDATA, 1, 1, "empty file: expected a header row"); }
  mem = fmemopen(buf, len, "r");
  if (!mem) { free(buf); return PST_ENOMEM; }
  {
    pst_csv *r;
    const pst_field *f;
    size_t n;
    if ((st = pst_csv_open(&r, mem, name)) != PST_OK) { fclose(mem); free(buf); return st; }
    st = pst_csv_next(r, &f, &n, d);
    if (st == PST_OK) {
      for (size_t j = 0; j < n; j++) {
        if (strcmp(f[j].s, "kind") == 0) type = 0;
        else if (strcmp(f[j].s, "cohort") == 0 && type < 0) type = 2;
      }
      if (type < 0)
        for (size_t j = 0; j < n; j++)
          if (strcmp(f[j].s, "captured") == 0) type = 1;
      if (n == 0) st = pst_diag_set(d, PST_EDATA, 1, 1, "empty file: expected a header row");
      else if (type < 0)
        st = pst_diag_set(d, PST_EDATA, 1, 1,
                          "not a claims, estimates or outcomes file: the header has no 'kind', "
                          "'captured' or 'cohort' column");
    }
    pst_csv_close(r);
  }
  fclose(mem);
  if (st != PST_OK) { free(buf); return st; }
  mem = fmemopen(buf, len, "r");
  if (!mem) { free(buf); return PST_ENOMEM; }
  if (type == 0) {
    st = pst_claims_load(mem, name, out, d);
  } else if (type == 2) {
    st = audit_outcomes_load(mem, name, out, d);
  } else {
    pst_estimates e = {0};
    st = pst_estimates_load(mem, name, &e, d);
    if (st == PST_OK) {
      size_t n0 = out->n;
      st = pst_claims_from_estimates(&e, out);
      if (st != PST_OK) drop_from(out, n0);
    }
    pst_estimates_free(&e);
  }
  fclose(mem);
  free(buf);
  return st;
}
