/* mc_spec.c -- the Monte Carlo input specification file.
 *
 * Strict on purpose: a parameter cell that the row's distribution does not
 * use is an error (a "mode" given to a uniform is a mistake, not a comment),
 * and proportions must be fractions in [0, 1], so that "45" meant as 45 %
 * fails loudly instead of clamping every draw to 1.
 */
#define _POSIX_C_SOURCE 200809L
#include "powstat/mc.h"
#include "mc_impl.h"

#include "powstat/csvread.h"
#include "powstat/num.h"
#include "powstat/schema.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { C_INPUT, C_DIST, C_VALUE, C_LOW, C_MODE, C_HIGH, C_MEAN, C_SD, C_MEANLOG, C_SDLOG,
       C_DEATHS, C_CAPTURED, C_ESTIMATE, C_WEIGHT, C_NOTE, C_N };

static const pst_colspec spec_cols[C_N] = {
  {"input", 1}, {"dist", 1},    {"value", 0},    {"low", 0},      {"mode", 0},
  {"high", 0},  {"mean", 0},    {"sd", 0},       {"meanlog", 0},  {"sdlog", 0},
  {"deaths", 0}, {"captured", 0}, {"estimate", 0}, {"weight", 0}, {"note", 0},
};

/* Which parameter columns each distribution uses (bit per column). */
#define B(c) (1u << (c))
static const unsigned uses[] = {
  [PST_MC_FIXED] = B(C_VALUE),
  [PST_MC_UNIFORM] = B(C_LOW) | B(C_HIGH),
  [PST_MC_TRIANGULAR] = B(C_LOW) | B(C_MODE) | B(C_HIGH),
  [PST_MC_PERT] = B(C_LOW) | B(C_MODE) | B(C_HIGH),
  [PST_MC_NORMAL] = B(C_MEAN) | B(C_SD),
  [PST_MC_LOGNORMAL] = B(C_MEANLOG) | B(C_SDLOG),
  [PST_MC_BETA] = B(C_DEATHS) | B(C_CAPTURED),
  [PST_MC_MIXTURE] = B(C_ESTIMATE) | B(C_WEIGHT),
};
/* ... and which of them must be present (weight is optional) */
static const unsigned needs[] = {
  [PST_MC_FIXED] = B(C_VALUE),
  [PST_MC_UNIFORM] = B(C_LOW) | B(C_HIGH),
  [PST_MC_TRIANGULAR] = B(C_LOW) | B(C_MODE) | B(C_HIGH),
  [PST_MC_PERT] = B(C_LOW) | B(C_MODE) | B(C_HIGH),
  [PST_MC_NORMAL] = B(C_MEAN) | B(C_SD),
  [PST_MC_LOGNORMAL] = B(C_MEANLOG) | B(C_SDLOG),
  [PST_MC_BETA] = B(C_DEATHS) | B(C_CAPTURED),
  [PST_MC_MIXTURE] = B(C_ESTIMATE),
};
#define PARAMS (B(C_VALUE) | B(C_LOW) | B(C_MODE) | B(C_HIGH) | B(C_MEAN) | B(C_SD) | \
                B(C_MEANLOG) | B(C_SDLOG) | B(C_DEATHS) | B(C_CAPTURED) | B(C_ESTIMATE) | B(C_WEIGHT))

typedef struct {
  pst_csv *r;
  const pst_field *f;
  size_t n;
  const int *idx;
  pst_diag *d;
} row;

static int cell_real(const row *w, int c, double *v)
{
  const char *why = NULL;
  size_t where = 0;
  int j = w->idx[c];
  if (pst_parse_real(w->f[j].s, w->f[j].len, v, &why, &where) != PST_OK) {
    int st = pst_csv_field_error(w->r, (size_t)j, w->d, PST_EDATA, "%s: %s: '%.40s'",
                                 spec_cols[c].name, why, w->f[j].s);
    if (w->d) w->d->col += (long)where;
    return st;
  }
  return PST_OK;
}

static int at(const row *w, int c, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int at(const row *w, int c, const char *fmt, ...)
{
  size_t j = w->idx[c] >= 0 ? (size_t)w->idx[c] : w->n;
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return pst_csv_field_error(w->r, j, w->d, PST_EDATA, "%s", msg);
}

static int proportion(const row *w, int c, double v)
{
  if (v >= 0 && v <= 1) return PST_OK;
  {
    char b[PST_FMT_BUFSZ];
    pst_fmt_real(b, v);
    return at(w, c, "%s must be a proportion in [0, 1] (got %s; percentages are not accepted)",
              spec_cols[c].name, b);
  }
}

static int add_input(pst_mc_inputs *out, const char *name, long line, pst_mc_input **in)
{
  pst_mc_input *nv = realloc(out->v, (out->n + 1) * sizeof *nv);
  if (!nv) return PST_ENOMEM;
  out->v = nv;
  *in = &nv[out->n];
  memset(*in, 0, sizeof **in);
  (*in)->name = pst_mc__strdup(name);
  (*in)->line = line;
  if (!(*in)->name) return PST_ENOMEM;
  out->n++;
  return PST_OK;
}

/* One parametric (non-mixture) row. */
static int param_row(const row *w, pst_mc_input *in)
{
  double v[3] = {0, 0, 0};
  int st;
  switch (in->kind) {
  case PST_MC_FIXED:
    if ((st = cell_real(w, C_VALUE, &v[0])) || (st = proportion(w, C_VALUE, v[0]))) return st;
    break;
  case PST_MC_UNIFORM:
    if ((st = cell_real(w, C_LOW, &v[0])) || (st = cell_real(w, C_HIGH, &v[1]))) return st;
    if ((st = proportion(w, C_LOW, v[0])) || (st = proportion(w, C_HIGH, v[1]))) return st;
    if (v[0] > v[1]) return at(w, C_HIGH, "high is below low");
    break;
  case PST_MC_TRIANGULAR:
  case PST_MC_PERT:
    if ((st = cell_real(w, C_LOW, &v[0])) || (st = cell_real(w, C_MODE, &v[1])) ||
        (st = cell_real(w, C_HIGH, &v[2])))
      return st;
    for (int c = 0; c < 3; c++)
      if ((st = proportion(w, C_LOW + c, v[c]))) return st;
    if (v[1] < v[0]) return at(w, C_MODE, "mode is below low");
    if (v[2] < v[1]) return at(w, C_HIGH, "high is below mode");
    break;
  case PST_MC_NORMAL:
    if ((st = cell_real(w, C_MEAN, &v[0])) || (st = cell_real(w, C_SD, &v[1]))) return st;
    if ((st = proportion(w, C_MEAN, v[0]))) return st;
    if (v[1] < 0) return at(w, C_SD, "sd must be >= 0");
    break;
  case PST_MC_LOGNORMAL:
    if ((st = cell_real(w, C_MEANLOG, &v[0])) || (st = cell_real(w, C_SDLOG, &v[1]))) return st;
    if (v[0] > 0)
      return at(w, C_MEANLOG, "meanlog must be <= 0: exp(meanlog) is the median proportion");
    if (v[1] < 0) return at(w, C_SDLOG, "sdlog must be >= 0");
    break;
  case PST_MC_BETA: {
    int64_t k, n;
    if ((st = pst_cell_count(w->r, w->f, w->n, w->idx[C_DEATHS], "deaths", &k, w->d)) ||
        (st = pst_cell_count(w->r, w->f, w->n, w->idx[C_CAPTURED], "captured", &n, w->d)))
      return st;
    if (n == 0) return at(w, C_CAPTURED, "captured must be positive");
    if (k > n) return at(w, C_DEATHS, "deaths exceed captured");
    v[0] = (double)k + 0.5;
    v[1] = (double)(n - k) + 0.5;
    break;
  }
  case PST_MC_MIXTURE: break;
  }
  memcpy(in->p, v, sizeof v);
  return PST_OK;
}

/* One "estimate" row: a component of the mixture `in`. */
static int estimate_row(const row *w, const pst_estimates *est, pst_mc_input *in,
                        int *has_weights)
{
  char id[256];
  const pst_estimate *e;
  const char *why;
  double weight = 1;
  int wgiven = !pst_cell_missing(w->f, w->n, w->idx[C_WEIGHT]), st;
  pst_mc_component *c;
  snprintf(id, sizeof id, "%s", w->f[w->idx[C_ESTIMATE]].s);
  e = est ? pst_estimates_find(est, id) : NULL;
  if (!e) {
    size_t j = (size_t)w->idx[C_ESTIMATE];
    return pst_csv_field_error(w->r, j, w->d, PST_ENOTFOUND,
                               "estimate '%.60s' is not in the estimates file", id);
  }
  if ((why = pst_mc__unusable(e)))
    return at(w, C_ESTIMATE, "estimate %s has %s: it cannot give a mortality", e->id, why);
  if (in->ncomp) {
    const pst_estimate *first = pst_estimates_find(est, in->comp[0].id);
    const char *g0 = first && first->group ? first->group : "", *g = e->group ? e->group : "";
    if (strcmp(g0, g) != 0) {
      return at(w, C_ESTIMATE, "estimate %s is in group '%.60s', not '%.60s' like %.40s: a mixture "
                               "is over one group", e->id, g, g0, in->comp[0].id);
    }
    if (wgiven != *has_weights)
      return at(w, C_WEIGHT, "give a weight on every row of a mixture or on none");
    for (size_t i = 0; i < in->ncomp; i++)
      if (strcmp(in->comp[i].id, e->id) == 0)
        return at(w, C_ESTIMATE, "estimate %s is already in this mixture", e->id);
  } else {
    *has_weights = wgiven;
  }
  if (wgiven) {
    if ((st = cell_real(w, C_WEIGHT, &weight))) return st;
    if (weight < 0) return at(w, C_WEIGHT, "weight must be >= 0");
  }
  c = realloc(in->comp, (in->ncomp + 1) * sizeof *c);
  if (!c) return PST_ENOMEM;
  in->comp = c;
  c = &in->comp[in->ncomp];
  memset(c, 0, sizeof *c);
  c->id = pst_mc__strdup(e->id);
  if (!c->id) return PST_ENOMEM;
  in->ncomp++;
  c->weight = weight;
  pst_mc__component_ranges(e, c);
  return PST_OK;
}

int pst_mc_spec_load(FILE *fp, const char *name, const pst_estimates *est, pst_mc_within within,
                     int sampling, pst_mc_inputs *out, pst_diag *d)
{
  pst_csv *r = NULL;
  const pst_field *f;
  size_t n, first = out->n, nheader = 0;
  int idx[C_N], st, header = 1;
  /* per input: has_weights flag and the line where the mixture's weights
   * would be checked; indexed like out->v */
  int *hw = NULL;
  long *wline = NULL;

  if ((st = pst_csv_open(&r, fp, name)) != PST_OK) return st;
  for (;;) {
    row w;
    pst_mc_kind kind;
    char iname[128];
    long found;
    unsigned present = 0;
    if ((st = pst_csv_next(r, &f, &n, d)) != PST_OK) goto fail;
    if (n == 0) break;
    if (header) {
      if ((st = pst_schema_map(r, f, n, spec_cols, C_N, idx, d)) != PST_OK) goto fail;
      header = 0;
      nheader = n;
      continue;
    }
    if (n > nheader) {
      st = pst_csv_field_error(r, nheader, d, PST_EDATA, "this row has %zu fields, the header %zu",
                               n, nheader);
      goto fail;
    }
    w.r = r;
    w.f = f;
    w.n = n;
    w.idx = idx;
    w.d = d;
    if (pst_cell_missing(f, n, idx[C_INPUT])) {
      st = at(&w, C_INPUT, "the input name is empty");
      goto fail;
    }
    if (f[idx[C_INPUT]].len >= sizeof iname) {
      st = at(&w, C_INPUT, "the input name is longer than 127 bytes");
      goto fail;
    }
    memcpy(iname, f[idx[C_INPUT]].s, f[idx[C_INPUT]].len + 1);
    if (pst_cell_missing(f, n, idx[C_DIST]) || pst_mc_kind_parse(f[idx[C_DIST]].s, &kind)) {
      st = at(&w, C_DIST, "unknown distribution '%.40s' (fixed, uniform, triangular, pert, normal, "
                          "lognormal, beta, estimate)",
              pst_cell_missing(f, n, idx[C_DIST]) ? "" : f[idx[C_DIST]].s);
      goto fail;
    }
    for (int c = 0; c < C_N; c++)
      if ((PARAMS & B(c)) && !pst_cell_missing(f, n, idx[c])) present |= B(c);
    for (int c = 0; c < C_N; c++) {
      if ((present & B(c)) && !(uses[kind] & B(c))) {
        st = at(&w, c, "column '%s' is not a parameter of %s", spec_cols[c].name,
                pst_mc_kind_name(kind));
        goto fail;
      }
      if ((needs[kind] & B(c)) && !(present & B(c))) {
        st = at(&w, c, "%s needs a value in column '%s'", pst_mc_kind_name(kind),
                spec_cols[c].name);
        goto fail;
      }
    }
    found = -1;
    for (size_t i = first; i < out->n; i++)
      if (strcmp(out->v[i].name, iname) == 0) found = (long)i;
    if (found >= 0 && (kind != PST_MC_MIXTURE || out->v[found].kind != PST_MC_MIXTURE)) {
      st = at(&w, C_INPUT, "input '%.60s' is already defined on line %ld (only 'estimate' rows "
                           "may share an input name: they form one mixture)", iname, out->v[found].line);
      goto fail;
    }
    if (found < 0) {
      pst_mc_input *in;
      int *nhw = realloc(hw, (out->n + 1 - first) * sizeof *nhw);
      long *nwl;
      if (!nhw) { st = PST_ENOMEM; goto fail; }
      hw = nhw;
      nwl = realloc(wline, (out->n + 1 - first) * sizeof *nwl);
      if (!nwl) { st = PST_ENOMEM; goto fail; }
      wline = nwl;
      if ((st = add_input(out, iname, pst_csv_record_line(r), &in)) != PST_OK) goto fail;
      in->kind = kind;
      in->within = within;
      in->sampling = sampling;
      hw[out->n - 1 - first] = 0;
      wline[out->n - 1 - first] = pst_csv_record_line(r);
      found = (long)(out->n - 1);
    }
    {
      pst_mc_input *in = &out->v[found];
      if (kind == PST_MC_MIXTURE) {
        st = estimate_row(&w, est, in, &hw[(size_t)found - first]);
      } else {
        st = param_row(&w, in);
        if (st == PST_OK && (st = pst_mc_input_finish(in, d)) != PST_OK)
          st = at(&w, C_DIST, "%s", d ? d->msg : "bad parameters");
      }
      if (st != PST_OK) goto fail;
    }
  }
  if (out->n == first) {
    st = pst_diag_set(d, PST_EDATA, pst_csv_record_line(r), 1, "the spec file defines no input");
    if (d) d->file = name;
    goto fail;
  }
  for (size_t i = first; i < out->n; i++) {
    if (out->v[i].kind != PST_MC_MIXTURE) continue;
    if ((st = pst_mc_input_finish(&out->v[i], d)) != PST_OK) {
      char msg[sizeof d->msg];
      snprintf(msg, sizeof msg, "%s", d ? d->msg : "");
      st = pst_diag_set(d, PST_EDATA, wline[i - first], 1, "%s", msg);
      if (d) d->file = name;
      goto fail;
    }
  }
  free(hw);
  free(wline);
  pst_csv_close(r);
  return PST_OK;
fail:
  while (out->n > first) pst_mc_input_free(&out->v[--out->n]);
  if (out->n == 0) {
    /* nothing was there before: leave out as empty as it came, so that a
     * caller need not free after a failed load */
    free(out->v);
    out->v = NULL;
  }
  free(hw);
  free(wline);
  pst_csv_close(r);
  return st;
}
