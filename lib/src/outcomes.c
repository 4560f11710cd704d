/* outcomes.c -- loading and checking outcome (composition) tables. */
#define _POSIX_C_SOURCE 200809L
#include "powstat/outcomes.h"
#include "powstat/csvread.h"
#include "powstat/num.h"
#include "powstat/schema.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { O_COHORT, O_CATEGORY, O_ROLE, O_PARENT, O_COUNT, O_PCT, O_SOURCE, O_VERIFIED, O_NOTE,
       O_NCOL };
static const pst_colspec outcome_cols[O_NCOL] = {
  {"cohort", 1}, {"category", 1}, {"role", 0}, {"parent", 0}, {"count", 1},
  {"stated_pct", 0}, {"source", 0}, {"verified", 0}, {"note", 0},
};
static const char *const role_names[] = {"total", "part", "detail"};
static const char *const verified_values[] = {"yes", "yes/memory", "memory", NULL};

/* Where a row's parent cell is, for diagnostics raised after the file is
 * read (a parent may be defined on a later line). */
typedef struct {
  long line, col;
} pos;

const char *pst_outcome_role_name(pst_outcome_role r)
{
  return ((unsigned)r <= PST_ROLE_DETAIL) ? role_names[r] : NULL;
}

void pst_outcomes_free(pst_outcomes *o)
{
  if (!o) return;
  for (size_t i = 0; i < o->n; i++) {
    pst_outcome_row *r = &o->v[i];
    free(r->cohort);
    free(r->category);
    free(r->parent);
    free(r->stated_pct);
    free(r->source);
    free(r->verified);
    free(r->note);
  }
  for (size_t i = 0; i < o->ncohorts; i++) {
    free(o->cohorts[i].parts);
    free(o->cohorts[i].details);
  }
  free(o->v);
  free(o->cohorts);
  memset(o, 0, sizeof *o);
}

const pst_cohort *pst_outcomes_find(const pst_outcomes *o, const char *id)
{
  for (size_t i = 0; i < o->ncohorts; i++)
    if (strcmp(o->cohorts[i].id, id) == 0) return &o->cohorts[i];
  return NULL;
}

static long find_row(const pst_outcomes *o, const char *cohort, const char *cat)
{
  for (size_t i = 0; i < o->n; i++)
    if (strcmp(o->v[i].cohort, cohort) == 0 && strcmp(o->v[i].category, cat) == 0) return (long)i;
  return -1;
}

const pst_outcome_row *pst_cohort_row(const pst_outcomes *o, const pst_cohort *c, const char *cat)
{
  long i = find_row(o, c->id, cat);
  return i < 0 ? NULL : &o->v[i];
}

static int push_index(size_t **v, size_t *n, size_t x)
{
  size_t *p = realloc(*v, (*n + 1) * sizeof *p);
  if (!p) return PST_ENOMEM;
  p[(*n)++] = x;
  *v = p;
  return PST_OK;
}

/* Group rows into cohorts (order of first appearance). */
static int build_cohorts(pst_outcomes *o)
{
  for (size_t i = 0; i < o->n; i++) {
    pst_outcome_row *r = &o->v[i];
    pst_cohort *c = NULL;
    int st = PST_OK;
    for (size_t j = 0; j < o->ncohorts && !c; j++)
      if (strcmp(o->cohorts[j].id, r->cohort) == 0) c = &o->cohorts[j];
    if (!c) {
      pst_cohort *v = realloc(o->cohorts, (o->ncohorts + 1) * sizeof *v);
      if (!v) return PST_ENOMEM;
      o->cohorts = v;
      c = &v[o->ncohorts++];
      memset(c, 0, sizeof *c);
      c->id = r->cohort;
      c->total = -1;
    }
    if (r->role == PST_ROLE_TOTAL) c->total = (long)i;
    else if (r->role == PST_ROLE_PART) st = push_index(&c->parts, &c->nparts, i);
    else st = push_index(&c->details, &c->ndetails, i);
    if (st != PST_OK) return st;
  }
  return PST_OK;
}

/* Every detail's parent exists in its cohort, and the chain of parents ends
 * at a part or the total (no loop).  Also sets the depths. */
static int check_parents(pst_outcomes *o, const pos *ppos, pst_diag *d)
{
  for (size_t i = 0; i < o->n; i++) {
    pst_outcome_row *r = &o->v[i];
    long j = (long)i;
    int depth = 0;
    if (r->role != PST_ROLE_DETAIL) continue;
    while (o->v[j].role == PST_ROLE_DETAIL) {
      long p = find_row(o, r->cohort, o->v[j].parent);
      if (p < 0) {
        return pst_diag_set(d, PST_EDATA, ppos[j].line, ppos[j].col,
                            "parent '%.40s' is not a category of cohort '%.60s'", o->v[j].parent,
                            r->cohort);
      }
      if (++depth > (int)o->n || p == (long)i)
        return pst_diag_set(d, PST_EDATA, ppos[i].line, ppos[i].col,
                            "the parents of detail '%.40s' form a loop", r->category);
      j = p;
    }
    r->depth = depth;
  }
  return PST_OK;
}


static int parse_role(const pst_csv *r, const pst_field *f, size_t n, int idx,
                      pst_outcome_role *role, pst_diag *d)
{
  if (idx < 0) {
    *role = PST_ROLE_PART;
    return PST_OK;
  }
  if (pst_cell_missing(f, n, idx))
    return pst_csv_field_error(r, (size_t)idx, d, PST_EDATA,
                               "missing role (total, part or detail)");
  for (int i = 0; i <= PST_ROLE_DETAIL; i++)
    if (strcmp(f[idx].s, role_names[i]) == 0) {
      *role = (pst_outcome_role)i;
      return PST_OK;
    }
  return pst_csv_field_error(r, (size_t)idx, d, PST_EDATA,
                             "unknown role '%.40s' (total, part or detail)", f[idx].s);
}

static int load_rows(pst_csv *r, pst_outcomes *out, pos **ppos_out, pst_diag *d)
{
  const pst_field *f;
  size_t n, hn, cap = 0;
  int idx[O_NCOL];
  int st = pst_schema_read_header(r, outcome_cols, O_NCOL, idx, &hn, d);
  pos *ppos = NULL;
  if (st != PST_OK) return st;
  for (;;) {
    pst_outcome_row *row;
    pst_outcome_role role = PST_ROLE_PART;
    int64_t count;
    long prev;
    if ((st = pst_csv_next(r, &f, &n, d)) != PST_OK) break;
    if (n == 0) break;
    if ((st = pst_schema_check_width(r, n, hn, d)) != PST_OK) break;
    if (pst_cell_missing(f, n, idx[O_COHORT])) {
      st = pst_csv_field_error(r, (size_t)idx[O_COHORT], d, PST_EDATA, "missing cohort");
      break;
    }
    if (pst_cell_missing(f, n, idx[O_CATEGORY])) {
      st = pst_csv_field_error(r, (size_t)idx[O_CATEGORY], d, PST_EDATA, "missing category");
      break;
    }
    if ((st = parse_role(r, f, n, idx[O_ROLE], &role, d)) != PST_OK) break;
    if (role == PST_ROLE_DETAIL && pst_cell_missing(f, n, idx[O_PARENT])) {
      st = pst_csv_field_error(r, idx[O_PARENT] >= 0 ? (size_t)idx[O_PARENT] : n, d, PST_EDATA,
                               "detail row without parent (name the category it breaks down)");
      break;
    }
    if (role != PST_ROLE_DETAIL && !pst_cell_missing(f, n, idx[O_PARENT])) {
      st = pst_csv_field_error(r, (size_t)idx[O_PARENT], d, PST_EDATA,
                               "a %s row has no parent (only detail rows do)", role_names[role]);
      break;
    }
    if ((st = pst_cell_count(r, f, n, idx[O_COUNT], "count", &count, d)) != PST_OK) break;
    if (idx[O_VERIFIED] >= 0 && !pst_cell_missing(f, n, idx[O_VERIFIED])) {
      int ok = 0;
      for (const char *const *v = verified_values; *v; v++) ok |= strcmp(*v, f[idx[O_VERIFIED]].s) == 0;
      if (!ok) {
        st = pst_csv_field_error(r, (size_t)idx[O_VERIFIED], d, PST_EDATA,
                                 "unknown verified value '%.40s' (yes, yes/memory or memory)",
                                 f[idx[O_VERIFIED]].s);
        break;
      }
    }
    /* duplicates and a second total are found against the rows so far */
    for (prev = (long)out->n - 1; prev >= 0; prev--) {
      const pst_outcome_row *p = &out->v[prev];
      if (strcmp(p->cohort, f[idx[O_COHORT]].s) != 0) continue;
      if (strcmp(p->category, f[idx[O_CATEGORY]].s) == 0) {
        st = pst_csv_field_error(r, (size_t)idx[O_CATEGORY], d, PST_EDATA,
                                 "duplicate category '%.40s' in cohort '%.60s' (first on line %ld)",
                                 p->category, p->cohort, p->line);
        break;
      }
      if (role == PST_ROLE_TOTAL && p->role == PST_ROLE_TOTAL) {
        st = pst_csv_field_error(r, (size_t)idx[O_ROLE], d, PST_EDATA,
                                 "second total row in cohort '%.60s' (first on line %ld)",
                                 p->cohort, p->line);
        break;
      }
    }
    if (st != PST_OK) break;
    if (out->n == cap) {
      size_t nc = cap ? cap * 2 : 64;
      pst_outcome_row *v = realloc(out->v, nc * sizeof *v);
      pos *pp = realloc(ppos, nc * sizeof *pp);
      if (pp) ppos = pp;
      if (v) out->v = v;
      if (!v || !pp) { st = PST_ENOMEM; break; }
      cap = nc;
    }
    row = &out->v[out->n];
    memset(row, 0, sizeof *row);
    out->n++;
    row->role = role;
    row->count = count;
    row->line = pst_csv_record_line(r);
    pst_csv_field_pos(r, idx[O_PARENT] >= 0 ? (size_t)idx[O_PARENT] : n, &ppos[out->n - 1].line,
                      &ppos[out->n - 1].col);
    if ((st = pst_cell_strdup(f, n, idx[O_COHORT], &row->cohort)) ||
        (st = pst_cell_strdup(f, n, idx[O_CATEGORY], &row->category)) ||
        (st = pst_cell_strdup(f, n, idx[O_PARENT], &row->parent)) ||
        (st = pst_cell_strdup(f, n, idx[O_PCT], &row->stated_pct)) ||
        (st = pst_cell_strdup(f, n, idx[O_SOURCE], &row->source)) ||
        (st = pst_cell_strdup(f, n, idx[O_VERIFIED], &row->verified)) ||
        (st = pst_cell_strdup(f, n, idx[O_NOTE], &row->note)))
      break;
  }
  *ppos_out = ppos;
  return st;
}

int pst_outcomes_load(FILE *fp, const char *name, pst_outcomes *out, pst_diag *d)
{
  pst_csv *r;
  pos *ppos = NULL;
  int st;
  if (d) d->file = name;
  memset(out, 0, sizeof *out);
  out->file = name;
  if ((st = pst_csv_open(&r, fp, name)) != PST_OK) return st;
  st = load_rows(r, out, &ppos, d);
  pst_csv_close(r);
  if (st == PST_OK) st = check_parents(out, ppos, d);
  if (st == PST_OK) st = build_cohorts(out);
  free(ppos);
  if (st != PST_OK) pst_outcomes_free(out);
  if (st == PST_OK) out->file = name;
  return st;
}

/* ---- checks ------------------------------------------------------------ */

/* Parse a printed percentage: optional '=', digits, optional '.' digits. */
static int parse_pct(const char *s, double *v, int *decimals)
{
  const char *p = s, *dot;
  const char *why;
  size_t len;
  if (*p == '=') p++;
  len = strlen(p);
  if (len == 0) return PST_EDATA;
  for (size_t i = 0; i < len; i++)
    if (!((p[i] >= '0' && p[i] <= '9') || p[i] == '.')) return PST_EDATA;
  dot = strchr(p, '.');
  if (dot && (strchr(dot + 1, '.') || dot == p || dot[1] == '\0')) return PST_EDATA;
  if (pst_parse_real(p, len, v, &why, NULL) != PST_OK) return PST_EDATA;
  *decimals = dot ? (int)(len - (size_t)(dot - p) - 1) : 0;
  return PST_OK;
}

int pst_outcome_pct_check(const char *stated, int64_t count, int64_t base, double *computed,
                          int *decimals, int *match)
{
  double v, c, tol;
  int dec;
  if (!stated) return PST_EDATA;
  if (parse_pct(stated, &v, &dec) != PST_OK) return PST_EDATA;
  if (decimals) *decimals = dec;
  if (count < 0 || base <= 0) return PST_EUNDEF;
  c = 100.0 * (double)count / (double)base;
  if (computed) *computed = c;
  /* half a unit of the last printed digit, widened by a relative 1e-12 so
   * that an exact tie (18.305 printed 18.31) is not lost to rounding */
  tol = 0.5 * pow(10.0, -dec) * (1 + 1e-12);
  if (match) *match = fabs(c - v) <= tol;
  return PST_OK;
}

int pst_cohort_check_total(const pst_outcomes *o, const pst_cohort *c, pst_cohort_check *chk)
{
  if (!o || !c || !chk) return PST_EINVAL;
  memset(chk, 0, sizeof *chk);
  chk->stated_total = c->total >= 0 ? o->v[c->total].count : -1;
  chk->has_total = chk->stated_total >= 0;
  chk->complete = 1;
  chk->pct_sum = 0;
  for (size_t i = 0; i < c->nparts; i++) {
    const pst_outcome_row *r = &o->v[c->parts[i]];
    double v;
    int dec;
    if (r->count < 0) chk->complete = 0;
    else chk->parts_sum += r->count;
    if (r->stated_pct && parse_pct(r->stated_pct, &v, &dec) == PST_OK) {
      chk->pct_sum += v;
      chk->npct++;
    }
  }
  if (chk->npct == 0) chk->pct_sum = (double)NAN;
  chk->difference = chk->has_total ? chk->parts_sum - chk->stated_total : 0;
  chk->matches = chk->has_total && chk->complete && chk->difference == 0;
  return PST_OK;
}
