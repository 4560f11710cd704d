/* mc_input.c -- input distributions: checking, drawing, quantiles. */
#include "powstat/mc.h"

#include "powstat/dist.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {"fixed",  "uniform",   "triangular", "pert",
                                         "normal", "lognormal", "beta",       "estimate"};

const char *pst_mc_kind_name(pst_mc_kind k)
{
  return (unsigned)k < sizeof kind_names / sizeof kind_names[0] ? kind_names[k] : "?";
}

int pst_mc_kind_parse(const char *s, pst_mc_kind *k)
{
  for (size_t i = 0; i < sizeof kind_names / sizeof kind_names[0]; i++)
    if (strcmp(s, kind_names[i]) == 0) {
      *k = (pst_mc_kind)i;
      return PST_OK;
    }
  return PST_EINVAL;
}

static const char *const within_names[] = {"uniform", "triangular", "pert"};

const char *pst_mc_within_name(pst_mc_within w)
{
  return (unsigned)w < 3 ? within_names[w] : "?";
}

int pst_mc_within_parse(const char *s, pst_mc_within *w)
{
  for (int i = 0; i < 3; i++)
    if (strcmp(s, within_names[i]) == 0) {
      *w = (pst_mc_within)i;
      return PST_OK;
    }
  return PST_EINVAL;
}

static int bad(pst_diag *d, const char *what, const char *name)
{
  return pst_diag_set(d, PST_EINVAL, 0, 0, "%s: %s", name ? name : "?", what);
}

static int ordered(double lo, double mode, double hi)
{
  return isfinite(lo) && isfinite(mode) && isfinite(hi) && lo <= mode && mode <= hi;
}

int pst_mc_input_finish(pst_mc_input *in, pst_diag *d)
{
  const double *p = in->p;
  switch (in->kind) {
  case PST_MC_FIXED:
    if (!isfinite(p[0])) return bad(d, "the value must be finite", in->name);
    return PST_OK;
  case PST_MC_UNIFORM:
    if (!ordered(p[0], p[0], p[1])) return bad(d, "uniform needs finite low <= high", in->name);
    return PST_OK;
  case PST_MC_TRIANGULAR:
  case PST_MC_PERT:
    if (!ordered(p[0], p[1], p[2]))
      return bad(d, "needs finite low <= mode <= high", in->name);
    return PST_OK;
  case PST_MC_NORMAL:
  case PST_MC_LOGNORMAL:
    if (!isfinite(p[0]) || !isfinite(p[1]) || p[1] < 0)
      return bad(d, "needs a finite location and a finite sd >= 0", in->name);
    return PST_OK;
  case PST_MC_BETA:
    if (!(p[0] > 0) || !(p[1] > 0) || !isfinite(p[0]) || !isfinite(p[1]))
      return bad(d, "beta parameters must be positive and finite", in->name);
    return PST_OK;
  case PST_MC_MIXTURE: {
    double sum = 0, acc = 0;
    if (in->ncomp == 0) return bad(d, "a mixture needs at least one estimate", in->name);
    for (size_t i = 0; i < in->ncomp; i++) {
      const pst_mc_component *c = &in->comp[i];
      if (!(c->weight >= 0) || !isfinite(c->weight))
        return bad(d, "weights must be finite and >= 0", in->name);
      if (!ordered(c->d_lo, c->d_mode, c->d_hi) || !ordered(c->c_lo, c->c_mode, c->c_hi) ||
          c->d_lo < 0 || !(c->c_lo > 0))
        return bad(d, "a component needs 0 <= deaths low <= point <= high and "
                      "0 < denominator low <= point <= high", in->name);
      sum += c->weight;
    }
    if (!(sum > 0)) return bad(d, "the weights add to zero", in->name);
    free(in->cum);
    in->cum = malloc(in->ncomp * sizeof *in->cum);
    if (!in->cum) return pst_diag_set(d, PST_ENOMEM, 0, 0, "out of memory");
    for (size_t i = 0; i < in->ncomp; i++) {
      in->comp[i].weight /= sum;
      acc += in->comp[i].weight;
      in->cum[i] = acc;
    }
    in->cum[in->ncomp - 1] = 1.0; /* no rounding gap at the top */
    return PST_OK;
  }
  }
  return bad(d, "unknown distribution", in->name);
}

double pst_mc_triangular_inv(double lo, double mode, double hi, double u)
{
  double w = hi - lo, fc;
  if (!(w > 0)) return lo;
  fc = (mode - lo) / w;
  /* F(x) = (x-lo)^2 / (w (mode-lo)) below the mode, 1 - (hi-x)^2 / (w (hi-mode))
   * above: solve each branch for x. */
  if (u < fc) return lo + sqrt(u * w * (mode - lo));
  return hi - sqrt((1 - u) * w * (hi - mode));
}

static double pert_ab(double lo, double mode, double hi, double *b)
{
  double w = hi - lo;
  *b = 1 + 4 * (hi - mode) / w;
  return 1 + 4 * (mode - lo) / w;
}

double pst_mc_within_inv(pst_mc_within wk, double lo, double mode, double hi, double u)
{
  double a, b;
  if (!(hi > lo)) return lo;
  switch (wk) {
  case PST_MC_WITHIN_TRIANGULAR: return pst_mc_triangular_inv(lo, mode, hi, u);
  case PST_MC_WITHIN_PERT:
    a = pert_ab(lo, mode, hi, &b);
    return lo + (hi - lo) * pst_beta_quantile(u, a, b, 1);
  case PST_MC_WITHIN_UNIFORM: break;
  }
  return lo + (hi - lo) * u;
}

/* A count drawn in its range: no draw at all when the range is a point. */
static double within_draw(pst_mc_within wk, double lo, double mode, double hi, gsl_rng *rng)
{
  double a, b;
  if (!(hi > lo)) return lo;
  switch (wk) {
  case PST_MC_WITHIN_TRIANGULAR: return pst_mc_triangular_inv(lo, mode, hi, gsl_rng_uniform(rng));
  case PST_MC_WITHIN_PERT:
    a = pert_ab(lo, mode, hi, &b);
    return lo + (hi - lo) * gsl_ran_beta(rng, a, b);
  case PST_MC_WITHIN_UNIFORM: break;
  }
  return lo + (hi - lo) * gsl_rng_uniform(rng);
}

size_t pst_mc_mixture_pick(const pst_mc_input *in, double u)
{
  /* few components: a linear scan beats a binary search or an alias table */
  size_t i = 0;
  while (i + 1 < in->ncomp && u >= in->cum[i]) i++;
  return i;
}

double pst_mc_component_value(const pst_mc_input *in, size_t ci, double ud, double uc)
{
  const pst_mc_component *c = &in->comp[ci];
  double dd = pst_mc_within_inv(in->within, c->d_lo, c->d_mode, c->d_hi, ud);
  double cc = pst_mc_within_inv(in->within, c->c_lo, c->c_mode, c->c_hi, uc);
  return dd / cc;
}

double pst_mc_draw(const pst_mc_input *in, gsl_rng *rng)
{
  const double *p = in->p;
  double a, b;
  switch (in->kind) {
  case PST_MC_FIXED: return p[0];
  case PST_MC_UNIFORM: return p[0] + (p[1] - p[0]) * gsl_rng_uniform(rng);
  case PST_MC_TRIANGULAR: return pst_mc_triangular_inv(p[0], p[1], p[2], gsl_rng_uniform(rng));
  case PST_MC_PERT:
    if (!(p[2] > p[0])) return p[0];
    a = pert_ab(p[0], p[1], p[2], &b);
    return p[0] + (p[2] - p[0]) * gsl_ran_beta(rng, a, b);
  case PST_MC_NORMAL: return p[0] + gsl_ran_gaussian_ziggurat(rng, p[1]);
  case PST_MC_LOGNORMAL: return exp(p[0] + gsl_ran_gaussian_ziggurat(rng, p[1]));
  case PST_MC_BETA: return gsl_ran_beta(rng, p[0], p[1]);
  case PST_MC_MIXTURE: {
    const pst_mc_component *c =
        &in->comp[in->ncomp == 1 ? 0 : pst_mc_mixture_pick(in, gsl_rng_uniform(rng))];
    double dd = within_draw(in->within, c->d_lo, c->d_mode, c->d_hi, rng);
    double cc = within_draw(in->within, c->c_lo, c->c_mode, c->c_hi, rng);
    if (dd > cc) dd = cc;
    if (in->sampling) return gsl_ran_beta(rng, dd + 0.5, cc - dd + 0.5);
    return dd / cc;
  }
  }
  return (double)NAN;
}

/* GSL's taus/taus2 step (taus.c: the same generator for both, L'Ecuyer 1996
 * "Maximally equidistributed combined Tausworthe generators"), inlined on a
 * copy of the generator's state: the same numbers as gsl_rng_uniform without
 * a call through a function pointer per number. */
typedef struct {
  unsigned long s1, s2, s3;
} taus_state;

static inline double taus_uniform(taus_state *t)
{
#define TAUS_MASK 0xffffffffUL
#define TAUSWORTHE(s, a, b, c, d) ((((s) & (c)) << (d)) & TAUS_MASK) ^ (((((s) << (a)) & TAUS_MASK) ^ (s)) >> (b))
  t->s1 = TAUSWORTHE(t->s1, 13, 19, 4294967294UL, 12);
  t->s2 = TAUSWORTHE(t->s2, 2, 25, 4294967288UL, 4);
  t->s3 = TAUSWORTHE(t->s3, 3, 11, 4294967280UL, 17);
  return (double)(t->s1 ^ t->s2 ^ t->s3) / 4294967296.0;
#undef TAUSWORTHE
#undef TAUS_MASK
}

void pst_mc_draw_block(const pst_mc_input *in, gsl_rng *rng, double *out, size_t n)
{
  if (in->kind == PST_MC_MIXTURE && in->within == PST_MC_WITHIN_UNIFORM && !in->sampling &&
      (rng->type == gsl_rng_taus2 || rng->type == gsl_rng_taus) &&
      gsl_rng_size(rng) == sizeof(taus_state)) {
    taus_state t;
    memcpy(&t, gsl_rng_state(rng), sizeof t);
    for (size_t j = 0; j < n; j++) {
      const pst_mc_component *c;
      double dd, cc;
      if (in->ncomp == 1) c = &in->comp[0];
      else {
        double u = taus_uniform(&t);
        size_t i = 0;
        while (i + 1 < in->ncomp && u >= in->cum[i]) i++;
        c = &in->comp[i];
      }
      dd = c->d_hi > c->d_lo ? c->d_lo + (c->d_hi - c->d_lo) * taus_uniform(&t) : c->d_lo;
      cc = c->c_hi > c->c_lo ? c->c_lo + (c->c_hi - c->c_lo) * taus_uniform(&t) : c->c_lo;
      if (dd > cc) dd = cc;
      out[j] = dd / cc;
    }
    memcpy(gsl_rng_state(rng), &t, sizeof t);
    return;
  }
  for (size_t j = 0; j < n; j++) out[j] = pst_mc_draw(in, rng);
}

static int cmp_double(const void *x, const void *y)
{
  double a = *(const double *)x, b = *(const double *)y;
  return (a > b) - (a < b);
}

int pst_mc_input_quantile(const pst_mc_input *in, double p, size_t n_mc, uint64_t seed, double *q)
{
  const double *v = in->p;
  double a, b;
  int st;
  if (!(p >= 0 && p <= 1)) return PST_EINVAL;
  switch (in->kind) {
  case PST_MC_FIXED: *q = v[0]; return PST_OK;
  case PST_MC_UNIFORM: *q = v[0] + (v[1] - v[0]) * p; return PST_OK;
  case PST_MC_TRIANGULAR: *q = pst_mc_triangular_inv(v[0], v[1], v[2], p); return PST_OK;
  case PST_MC_PERT:
    if (!(v[2] > v[0])) { *q = v[0]; return PST_OK; }
    a = pert_ab(v[0], v[1], v[2], &b);
    st = pst_beta_quantile_e(p, a, b, 1, 0, q);
    *q = v[0] + (v[2] - v[0]) * *q;
    return st;
  case PST_MC_NORMAL:
    *q = v[0] + v[1] * pst_normal_quantile(p, 1);
    if (v[1] == 0) *q = v[0];
    return PST_OK;
  case PST_MC_LOGNORMAL:
    *q = exp(v[0] + (v[1] == 0 ? 0 : v[1] * pst_normal_quantile(p, 1)));
    return PST_OK;
  case PST_MC_BETA: return pst_beta_quantile_e(p, v[0], v[1], 1, 0, q);
  case PST_MC_MIXTURE: {
    double *x, h;
    size_t lo;
    gsl_rng *rng;
    if (n_mc < 2) return PST_EINVAL;
    x = malloc(n_mc * sizeof *x);
    rng = gsl_rng_alloc(gsl_rng_taus2);
    if (!x || !rng) { free(x); if (rng) gsl_rng_free(rng); return PST_ENOMEM; }
    gsl_rng_set(rng, (unsigned long)pst_mc_mix64(seed));
    for (size_t i = 0; i < n_mc; i++) {
      double y = pst_mc_draw(in, rng);
      x[i] = y < 0 ? 0 : y > 1 ? 1 : y;
    }
    gsl_rng_free(rng);
    qsort(x, n_mc, sizeof *x, cmp_double);
    /* R type 7: h = (n-1) p, interpolate between x[floor h] and the next */
    h = (double)(n_mc - 1) * p;
    lo = (size_t)floor(h);
    *q = lo + 1 < n_mc ? x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]) : x[n_mc - 1];
    free(x);
    return PST_OK;
  }
  }
  return PST_EINVAL;
}

void pst_mc_input_free(pst_mc_input *in)
{
  if (!in) return;
  for (size_t i = 0; i < in->ncomp; i++) free(in->comp[i].id);
  free(in->comp);
  free(in->cum);
  free(in->name);
  free(in->left_out);
  memset(in, 0, sizeof *in);
}

void pst_mc_inputs_free(pst_mc_inputs *v)
{
  if (!v) return;
  for (size_t i = 0; i < v->n; i++) pst_mc_input_free(&v->v[i]);
  free(v->v);
  v->v = NULL;
  v->n = 0;
}

long pst_mc_inputs_find(const pst_mc_inputs *v, const char *name)
{
  for (size_t i = 0; i < v->n; i++)
    if (strcmp(v->v[i].name, name) == 0) return (long)i;
  return -1;
}

int pst_mc_inputs_merge(pst_mc_inputs *base, pst_mc_inputs *over)
{
  size_t add = 0, k;
  pst_mc_input *nv;
  for (size_t i = 0; i < over->n; i++)
    if (pst_mc_inputs_find(base, over->v[i].name) < 0) add++;
  nv = realloc(base->v, (base->n + add + 1) * sizeof *nv);
  if (!nv) return PST_ENOMEM;
  base->v = nv;
  k = base->n;
  for (size_t i = 0; i < over->n; i++) {
    long j = pst_mc_inputs_find(base, over->v[i].name);
    if (j >= 0) {
      pst_mc_input_free(&base->v[j]);
      base->v[j] = over->v[i];
    } else {
      base->v[k++] = over->v[i];
      base->n = k;
    }
  }
  free(over->v);
  over->v = NULL;
  over->n = 0;
  return PST_OK;
}

int pst_mc_parse_pairs(const pst_mc_inputs *in, const char *s, pst_mc_pair **pairs, size_t *n,
                       pst_diag *d)
{
  size_t cap = 1;
  const char *p = s;
  pst_mc_pair *v;
  for (const char *q = s; *q; q++) cap += *q == ',';
  v = malloc(cap * sizeof *v);
  if (!v) return PST_ENOMEM;
  *n = 0;
  for (;;) {
    const char *end = strchr(p, ','), *colon;
    size_t len = end ? (size_t)(end - p) : strlen(p);
    char a[128], b[128];
    long ia, ib;
    colon = memchr(p, ':', len);
    if (!colon || colon == p || colon + 1 == p + len || memchr(colon + 1, ':', len - (size_t)(colon + 1 - p)) ||
        (size_t)(colon - p) >= sizeof a || len - (size_t)(colon - p) - 1 >= sizeof b) {
      free(v);
      return pst_diag_set(d, PST_EINVAL, 0, 0, "'%.*s' is not of the form A:B (two input names)",
                          (int)(len > 80 ? 80 : len), p);
    }
    memcpy(a, p, (size_t)(colon - p));
    a[colon - p] = '\0';
    memcpy(b, colon + 1, len - (size_t)(colon - p) - 1);
    b[len - (size_t)(colon - p) - 1] = '\0';
    ia = pst_mc_inputs_find(in, a);
    ib = pst_mc_inputs_find(in, b);
    if (ia < 0 || ib < 0) {
      free(v);
      return pst_diag_set(d, PST_ENOTFOUND, 0, 0, "no input named '%s' (a group with a usable "
                          "estimate, or an input of the spec file)", ia < 0 ? a : b);
    }
    if (ia == ib) {
      free(v);
      return pst_diag_set(d, PST_EINVAL, 0, 0, "'%s:%s' compares an input with itself", a, b);
    }
    v[*n].a = (size_t)ia;
    v[*n].b = (size_t)ib;
    (*n)++;
    if (!end) break;
    p = end + 1;
  }
  *pairs = v;
  return PST_OK;
}
