/* dataset.c -- loading and validating sources.csv and estimates files. */
#include "powstat/dataset.h"
#include "powstat/csvread.h"
#include "powstat/schema.h"

#include <stdlib.h>
#include <string.h>

/* ---- sources ---------------------------------------------------------- */

enum { S_ID, S_CITATION, S_YEAR, S_KIND, S_NOTE, S_NCOL };
static const pst_colspec source_cols[S_NCOL] = {
  {"id", 1}, {"citation", 0}, {"year", 0}, {"kind", 0}, {"note", 0},
};
static const char *const source_kinds[] = {"archival", "scholarly", "official", "encyclopedia",
                                           "article", NULL};

static int in_list(const char *s, const char *const *list)
{
  for (; *list; list++)
    if (strcmp(s, *list) == 0) return 1;
  return 0;
}

void pst_sources_free(pst_sources *s)
{
  if (!s) return;
  for (size_t i = 0; i < s->n; i++) {
    free(s->v[i].id);
    free(s->v[i].citation);
    free(s->v[i].year);
    free(s->v[i].kind);
    free(s->v[i].note);
  }
  free(s->v);
  s->v = NULL;
  s->n = 0;
}

const pst_source *pst_sources_find(const pst_sources *s, const char *id)
{
  for (size_t i = 0; i < s->n; i++)
    if (strcmp(s->v[i].id, id) == 0) return &s->v[i];
  return NULL;
}


int pst_sources_load(FILE *fp, const char *name, pst_sources *out, pst_diag *d)
{
  pst_csv *r;
  int idx[S_NCOL];
  int st;
  size_t cap = 0, hn = 0;
  const pst_field *f;
  size_t n;
  if (d) d->file = name;
  out->v = NULL;
  out->n = 0;
  if ((st = pst_csv_open(&r, fp, name)) != PST_OK) return st;
  if ((st = pst_schema_read_header(r, source_cols, S_NCOL, idx, &hn, d)) != PST_OK) goto done;
  for (;;) {
    pst_source *s;
    if ((st = pst_csv_next(r, &f, &n, d)) != PST_OK) goto done;
    if (n == 0) break;
    if ((st = pst_schema_check_width(r, n, hn, d)) != PST_OK) goto done;
    if (pst_cell_missing(f, n, idx[S_ID])) {
      st = pst_csv_field_error(r, (size_t)idx[S_ID], d, PST_EDATA, "missing source id");
      goto done;
    }
    if (out->n >= PST_DATASET_ROWS_MAX) {
      st = pst_csv_field_error(r, 0, d, PST_ELIMIT,
                               "more than %d rows: the limit of a sources file", PST_DATASET_ROWS_MAX);
      goto done;
    }
    if (pst_sources_find(out, f[idx[S_ID]].s)) {
      st = pst_csv_field_error(r, (size_t)idx[S_ID], d, PST_EDATA,
                               "duplicate source id '%.40s' (first on line %ld)", f[idx[S_ID]].s,
                               pst_sources_find(out, f[idx[S_ID]].s)->line);
      goto done;
    }
    if (idx[S_KIND] >= 0 && !pst_cell_missing(f, n, idx[S_KIND]) &&
        !in_list(f[idx[S_KIND]].s, source_kinds)) {
      st = pst_csv_field_error(r, (size_t)idx[S_KIND], d, PST_EDATA,
                               "unknown source kind '%.40s' (archival, scholarly, official, "
                               "encyclopedia or article)", f[idx[S_KIND]].s);
      goto done;
    }
    if (out->n == cap) {
      size_t nc = cap ? cap * 2 : 32;
      pst_source *v = realloc(out->v, nc * sizeof *v);
      if (!v) { st = PST_ENOMEM; goto done; }
      out->v = v;
      cap = nc;
    }
    s = &out->v[out->n];
    memset(s, 0, sizeof *s);
    out->n++;
    s->line = pst_csv_record_line(r);
    if ((st = pst_cell_strdup(f, n, idx[S_ID], &s->id)) ||
        (st = pst_cell_strdup(f, n, idx[S_CITATION], &s->citation)) ||
        (st = pst_cell_strdup(f, n, idx[S_YEAR], &s->year)) ||
        (st = pst_cell_strdup(f, n, idx[S_KIND], &s->kind)) ||
        (st = pst_cell_strdup(f, n, idx[S_NOTE], &s->note)))
      goto done;
  }
done:
  pst_csv_close(r);
  if (st != PST_OK) pst_sources_free(out);
  return st;
}

/* ---- estimates --------------------------------------------------------- */

enum {
  E_ID, E_SOURCE, E_HOLDER, E_CAPTIVE, E_GROUP, E_PERIOD, E_BASIS,
  E_CAP_LO, E_CAP, E_CAP_HI, E_D_LO, E_D, E_D_HI, E_PCT, E_VERIFIED, E_NOTE, E_NCOL
};
static const pst_colspec estimate_cols[E_NCOL] = {
  {"id", 1}, {"source", 0}, {"holder", 0}, {"captive", 0}, {"group", 0}, {"period", 0},
  {"basis", 0}, {"captured_low", 0}, {"captured", 1}, {"captured_high", 0},
  {"deaths_low", 0}, {"deaths", 1}, {"deaths_high", 0}, {"stated_pct", 0},
  {"verified", 0}, {"note", 0},
};
static const char *const verified_values[] = {"yes", "yes/memory", "memory", NULL};
static const char *const basis_values[] = {"captured", "registered", "held", "returned",
                                           "taken-out", NULL};

static void estimate_free(pst_estimate *e)
{
  free(e->id);
  free(e->source);
  free(e->holder);
  free(e->captive);
  free(e->group);
  free(e->period);
  free(e->basis);
  free(e->stated_pct);
  free(e->verified);
  free(e->note);
}

void pst_estimates_free(pst_estimates *e)
{
  if (!e) return;
  for (size_t i = 0; i < e->n; i++) estimate_free(&e->v[i]);
  free(e->v);
  e->v = NULL;
  e->n = 0;
}

const pst_estimate *pst_estimates_find(const pst_estimates *e, const char *id)
{
  for (size_t i = 0; i < e->n; i++)
    if (strcmp(e->v[i].id, id) == 0) return &e->v[i];
  return NULL;
}

/* low <= point <= high for one triple; reports at the later column. */
static int check_order(const pst_csv *r, const int *idx, int lo, int pt, int hi,
                       const int64_t *v, const char *what, pst_diag *d)
{
  if (v[0] >= 0 && v[1] >= 0 && v[0] > v[1])
    return pst_csv_field_error(r, (size_t)idx[pt], d, PST_EDATA,
                               "%s point %lld is below its low %lld", what, (long long)v[1],
                               (long long)v[0]);
  if (v[1] >= 0 && v[2] >= 0 && v[1] > v[2])
    return pst_csv_field_error(r, (size_t)idx[hi], d, PST_EDATA,
                               "%s high %lld is below its point %lld", what, (long long)v[2],
                               (long long)v[1]);
  if (v[0] >= 0 && v[2] >= 0 && v[0] > v[2])
    return pst_csv_field_error(r, (size_t)idx[hi], d, PST_EDATA,
                               "%s high %lld is below its low %lld", what, (long long)v[2],
                               (long long)v[0]);
  (void)lo;
  return PST_OK;
}

static int64_t first_present(int64_t a, int64_t b)
{
  return a >= 0 ? a : b;
}

int pst_estimates_load(FILE *fp, const char *name, pst_estimates *out, pst_diag *d)
{
  pst_csv *r;
  int idx[E_NCOL];
  int st;
  size_t cap = out->n, first = out->n, hn = 0;
  const pst_field *f;
  size_t n;
  if (d) d->file = name;
  if ((st = pst_csv_open(&r, fp, name)) != PST_OK) return st;
  if ((st = pst_schema_read_header(r, estimate_cols, E_NCOL, idx, &hn, d)) != PST_OK) goto done;
  for (;;) {
    pst_estimate e;
    int64_t c[3], k[3];
    const pst_estimate *dup;
    memset(&e, 0, sizeof e);
    if ((st = pst_csv_next(r, &f, &n, d)) != PST_OK) goto done;
    if (n == 0) break;
    if ((st = pst_schema_check_width(r, n, hn, d)) != PST_OK) goto done;
    if (pst_cell_missing(f, n, idx[E_ID])) {
      st = pst_csv_field_error(r, (size_t)idx[E_ID], d, PST_EDATA, "missing id");
      goto done;
    }
    /* ids are checked against every row held: bound the rows, so that the
     * check (and the memory) stays small whatever the file */
    if (out->n >= PST_DATASET_ROWS_MAX) {
      st = pst_csv_field_error(r, 0, d, PST_ELIMIT,
                               "more than %d estimates: the limit of rows held in memory "
                               "(for many counts use powstat batch, which streams)",
                               PST_DATASET_ROWS_MAX);
      goto done;
    }
    if ((dup = pst_estimates_find(out, f[idx[E_ID]].s)) != NULL) {
      st = pst_csv_field_error(r, (size_t)idx[E_ID], d, PST_EDATA,
                               "duplicate id '%.40s' (first at %s:%ld)", f[idx[E_ID]].s,
                               dup->file ? dup->file : "?", dup->line);
      goto done;
    }
    if ((st = pst_cell_count(r, f, n, idx[E_CAP_LO], "captured_low", &c[0], d)) ||
        (st = pst_cell_count(r, f, n, idx[E_CAP], "captured", &c[1], d)) ||
        (st = pst_cell_count(r, f, n, idx[E_CAP_HI], "captured_high", &c[2], d)) ||
        (st = pst_cell_count(r, f, n, idx[E_D_LO], "deaths_low", &k[0], d)) ||
        (st = pst_cell_count(r, f, n, idx[E_D], "deaths", &k[1], d)) ||
        (st = pst_cell_count(r, f, n, idx[E_D_HI], "deaths_high", &k[2], d)))
      goto done;
    if ((st = check_order(r, idx, E_CAP_LO, E_CAP, E_CAP_HI, c, "captured", d)) ||
        (st = check_order(r, idx, E_D_LO, E_D, E_D_HI, k, "deaths", d)))
      goto done;
    if (k[1] >= 0 && c[1] >= 0 && k[1] > c[1]) {
      st = pst_csv_field_error(r, (size_t)idx[E_D], d, PST_EDATA,
                               "deaths %lld exceed captured %lld", (long long)k[1], (long long)c[1]);
      goto done;
    }
    /* the least deaths can never exceed the most captured */
    {
      int64_t kmin = first_present(k[0], first_present(k[1], k[2]));
      int64_t cmax = first_present(c[2], first_present(c[1], c[0]));
      int kcol = k[0] >= 0 ? E_D_LO : (k[1] >= 0 ? E_D : E_D_HI);
      if (kmin >= 0 && cmax >= 0 && kmin > cmax) {
        st = pst_csv_field_error(r, (size_t)idx[kcol], d, PST_EDATA,
                                 "deaths %lld exceed the largest captured figure %lld",
                                 (long long)kmin, (long long)cmax);
        goto done;
      }
    }
    if (!pst_cell_missing(f, n, idx[E_VERIFIED]) && !in_list(f[idx[E_VERIFIED]].s, verified_values)) {
      st = pst_csv_field_error(r, (size_t)idx[E_VERIFIED], d, PST_EDATA,
                               "unknown verification status '%.40s' (yes, yes/memory or memory)",
                               f[idx[E_VERIFIED]].s);
      goto done;
    }
    if (!pst_cell_missing(f, n, idx[E_BASIS]) && !in_list(f[idx[E_BASIS]].s, basis_values)) {
      st = pst_csv_field_error(r, (size_t)idx[E_BASIS], d, PST_EDATA,
                               "unknown basis '%.40s' (captured, registered, held, returned or "
                               "taken-out)", f[idx[E_BASIS]].s);
      goto done;
    }
    e.captured_low = c[0];
    e.captured = c[1];
    e.captured_high = c[2];
    e.deaths_low = k[0];
    e.deaths = k[1];
    e.deaths_high = k[2];
    e.file = name;
    e.line = pst_csv_record_line(r);
    if (idx[E_SOURCE] >= 0) {
      long ln;
      pst_csv_field_pos(r, (size_t)idx[E_SOURCE], &ln, &e.source_col);
    }
    if ((st = pst_cell_strdup(f, n, idx[E_ID], &e.id)) ||
        (st = pst_cell_strdup(f, n, idx[E_SOURCE], &e.source)) ||
        (st = pst_cell_strdup(f, n, idx[E_HOLDER], &e.holder)) ||
        (st = pst_cell_strdup(f, n, idx[E_CAPTIVE], &e.captive)) ||
        (st = pst_cell_strdup(f, n, idx[E_GROUP], &e.group)) ||
        (st = pst_cell_strdup(f, n, idx[E_PERIOD], &e.period)) ||
        (st = pst_cell_strdup(f, n, idx[E_BASIS], &e.basis)) ||
        (st = pst_cell_strdup(f, n, idx[E_PCT], &e.stated_pct)) ||
        (st = pst_cell_strdup(f, n, idx[E_VERIFIED], &e.verified)) ||
        (st = pst_cell_strdup(f, n, idx[E_NOTE], &e.note))) {
      estimate_free(&e);
      goto done;
    }
    if (out->n == cap) {
      size_t nc = cap ? cap * 2 : 64;
      pst_estimate *v = realloc(out->v, nc * sizeof *v);
      if (!v) { estimate_free(&e); st = PST_ENOMEM; goto done; }
      out->v = v;
      cap = nc;
    }
    out->v[out->n++] = e;
  }
done:
  pst_csv_close(r);
  if (st != PST_OK) {
    /* leave the set as it was before this file */
    for (size_t i = first; i < out->n; i++) estimate_free(&out->v[i]);
    out->n = first;
  }
  return st;
}

int pst_estimates_check_sources(const pst_estimates *e, const pst_sources *src, pst_diag *d)
{
  for (size_t i = 0; i < e->n; i++) {
    const pst_estimate *x = &e->v[i];
    if (x->source && !pst_sources_find(src, x->source)) {
      if (d) d->file = x->file;
      return pst_diag_set(d, PST_EDATA, x->line, x->source_col, "unknown source id '%.40s' (not in the sources file)",
                          x->source);
    }
  }
  return PST_OK;
}

int pst_estimate_point(const pst_estimate *e, int64_t *deaths, int64_t *captured)
{
  *deaths = e->deaths;
  *captured = e->captured;
  return e->deaths >= 0 && e->captured > 0;
}

int pst_estimate_range(const pst_estimate *e, double *lo, double *hi)
{
  int64_t kl = first_present(e->deaths_low, e->deaths);
  int64_t kh = first_present(e->deaths_high, e->deaths);
  int64_t cl = first_present(e->captured_low, e->captured);
  int64_t ch = first_present(e->captured_high, e->captured);
  int ranged = e->deaths_low >= 0 || e->deaths_high >= 0 || e->captured_low >= 0 ||
               e->captured_high >= 0;
  if (!ranged || kl < 0 || kh < 0 || cl <= 0 || ch <= 0) return 0;
  *lo = (double)kl / (double)ch;
  *hi = (double)kh / (double)cl;
  if (*hi > 1.0) *hi = 1.0;
  return 1;
}
