/* sens_sobol.c -- Sobol first-order (Saltelli 2010) and total (Jansen 1999)
 * indices with convergence steps and bootstrap intervals. */
#define _POSIX_C_SOURCE 200809L
#include "powstat/sens.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { F_VALUE, F_SOURCE, F_RANGE } fkind;

typedef struct {
  fkind kind;
  size_t input;
} factor;

typedef struct {
  const pst_mc_inputs *in;
  size_t nf, n;
  factor *fs;
  long *fval, *fsrc, *frng; /* per input: its factor of each kind, or -1 */
  double *raw[2];           /* [matrix][(f * n + j) * 2 + c] */
} design;

static double raw_at(const design *g, int mat, size_t f, size_t j, int c)
{
  return g->raw[mat][(f * g->n + j) * 2 + (size_t)c];
}

/* Input values of row j, each factor f taken from matrix sel(f). */
static void values(const design *g, size_t j, const int *sel, double *x)
{
  for (size_t i = 0; i < g->in->n; i++) {
    if (g->fval[i] >= 0) {
      size_t f = (size_t)g->fval[i];
      x[i] = raw_at(g, sel[f], f, j, 0);
    } else {
      size_t fr = (size_t)g->frng[i], comp = 0;
      if (g->fsrc[i] >= 0) {
        size_t fsi = (size_t)g->fsrc[i];
        comp = (size_t)raw_at(g, sel[fsi], fsi, j, 0);
      }
      x[i] = pst_mc_component_value(&g->in->v[i], comp, raw_at(g, sel[fr], fr, j, 0),
                                    raw_at(g, sel[fr], fr, j, 1));
    }
  }
}

/* Indices from rows idx[0..m) (idx NULL: rows 0..m-1).  The first-order sum
 * uses the centred f(B) - mean: the same expectation (E[f(A_B^i) - f(A)] = 0)
 * with much less variance when the output's mean is far from 0, as SALib
 * does by centring the output first. */
static int estimate(size_t nf, size_t m, const size_t *idx, const double *yA, const double *yB,
                    const double *yC, size_t n, double *S, double *ST, double *mean, double *var)
{
  double s = 0, s2 = 0, mu, v;
  for (size_t t = 0; t < m; t++) {
    size_t j = idx ? idx[t] : t;
    s += yA[j] + yB[j];
  }
  mu = s / (double)(2 * m);
  for (size_t t = 0; t < m; t++) {
    size_t j = idx ? idx[t] : t;
    s2 += (yA[j] - mu) * (yA[j] - mu) + (yB[j] - mu) * (yB[j] - mu);
  }
  v = s2 / (double)(2 * m);
  if (mean) *mean = mu;
  if (var) *var = v;
  if (!(v > 0)) return PST_EUNDEF;
  for (size_t f = 0; f < nf; f++) {
    const double *c = yC + f * n;
    double a = 0, b = 0;
    for (size_t t = 0; t < m; t++) {
      size_t j = idx ? idx[t] : t;
      a += (yB[j] - mu) * (c[j] - yA[j]);
      b += (yA[j] - c[j]) * (yA[j] - c[j]);
    }
    S[f] = a / (double)m / v;
    ST[f] = b / (double)(2 * m) / v;
  }
  return PST_OK;
}

static int cmp_double(const void *x, const void *y)
{
  double a = *(const double *)x, b = *(const double *)y;
  return (a > b) - (a < b);
}

static double type7(const double *sorted, size_t n, double p)
{
  double h = (double)(n - 1) * p;
  size_t lo = (size_t)floor(h);
  return lo + 1 < n ? sorted[lo] + (h - (double)lo) * (sorted[lo + 1] - sorted[lo]) : sorted[n - 1];
}

static char *join(const char *a, const char *b)
{
  size_t n = strlen(a) + strlen(b) + 1;
  char *s = malloc(n);
  if (s) snprintf(s, n, "%s%s", a, b);
  return s;
}

static void seed_rng(gsl_rng *r, uint64_t seed, uint64_t a, uint64_t b)
{
  gsl_rng_set(r, (unsigned long)pst_mc_mix64(seed ^ pst_mc_mix64(a * 2 + b + 1)));
}

int pst_sobol(const pst_mc_inputs *in, pst_sens_fn fn, void *ctx, const pst_sobol_opts *o,
              pst_sobol_result *r)
{
  design g;
  size_t k, n, nf = 0, steps = 0;
  double *yA = NULL, *yB = NULL, *yC = NULL, *x = NULL, *bS = NULL, *bST = NULL, *tmp = NULL;
  size_t *idx = NULL;
  int *sel = NULL, st = PST_OK;
  gsl_rng *rng = NULL;

  memset(r, 0, sizeof *r);
  memset(&g, 0, sizeof g);
  if (!in || in->n == 0 || !fn || !o || o->m_min < 1 || o->n < ((size_t)1 << o->m_min) ||
      (o->n & (o->n - 1)) || !(o->tol > 0) || (o->bootstrap && !(o->level > 0 && o->level < 1)))
    return PST_EINVAL;
  k = in->n;
  n = o->n;
  for (size_t m = o->m_min; ((size_t)1 << m) <= n; m++) steps++;
  g.in = in;
  g.n = n;
  g.fs = calloc(2 * k, sizeof *g.fs);
  g.fval = malloc(k * sizeof *g.fval);
  g.fsrc = malloc(k * sizeof *g.fsrc);
  g.frng = malloc(k * sizeof *g.frng);
  if (!g.fs || !g.fval || !g.fsrc || !g.frng) { st = PST_ENOMEM; goto done; }
  for (size_t i = 0; i < k; i++) {
    const pst_mc_input *v = &in->v[i];
    g.fval[i] = g.fsrc[i] = g.frng[i] = -1;
    if (o->split_mixtures && v->kind == PST_MC_MIXTURE) {
      if (v->ncomp > 1) {
        g.fsrc[i] = (long)nf;
        g.fs[nf++] = (factor){F_SOURCE, i};
      }
      g.frng[i] = (long)nf;
      g.fs[nf++] = (factor){F_RANGE, i};
    } else {
      g.fval[i] = (long)nf;
      g.fs[nf++] = (factor){F_VALUE, i};
    }
  }
  g.nf = nf;
  r->nfactors = nf;
  r->f = calloc(nf, sizeof *r->f);
  r->nsteps = steps;
  r->n_at = calloc(steps, sizeof *r->n_at);
  r->S_at = calloc(steps * nf, sizeof *r->S_at);
  r->ST_at = calloc(steps * nf, sizeof *r->ST_at);
  g.raw[0] = malloc(nf * n * 2 * sizeof *g.raw[0]);
  g.raw[1] = malloc(nf * n * 2 * sizeof *g.raw[1]);
  yA = malloc(n * sizeof *yA);
  yB = malloc(n * sizeof *yB);
  yC = malloc(nf * n * sizeof *yC);
  x = malloc(k * sizeof *x);
  sel = malloc(nf * sizeof *sel);
  rng = gsl_rng_alloc(gsl_rng_taus2);
  if (!r->f || !r->n_at || !r->S_at || !r->ST_at || !g.raw[0] || !g.raw[1] || !yA || !yB || !yC ||
      !x || !sel || !rng) {
    st = PST_ENOMEM;
    goto done;
  }
  for (size_t f = 0; f < nf; f++) {
    const pst_mc_input *v = &in->v[g.fs[f].input];
    r->f[f].input = g.fs[f].input;
    r->f[f].name = g.fs[f].kind == F_SOURCE ? join(v->name, ":source")
                   : g.fs[f].kind == F_RANGE && g.fsrc[g.fs[f].input] >= 0 ? join(v->name, ":range")
                                                                            : join(v->name, "");
    if (!r->f[f].name) { st = PST_ENOMEM; goto done; }
  }

  /* the two independent samples, factor by factor */
  for (int mat = 0; mat < 2; mat++)
    for (size_t f = 0; f < nf; f++) {
      const pst_mc_input *v = &in->v[g.fs[f].input];
      double *raw = g.raw[mat] + f * n * 2;
      seed_rng(rng, o->seed, f, (uint64_t)mat);
      for (size_t j = 0; j < n; j++) {
        switch (g.fs[f].kind) {
        case F_VALUE: raw[2 * j] = pst_mc_draw(v, rng); raw[2 * j + 1] = 0; break;
        case F_SOURCE:
          raw[2 * j] = (double)pst_mc_mixture_pick(v, gsl_rng_uniform(rng));
          raw[2 * j + 1] = 0;
          break;
        case F_RANGE:
          raw[2 * j] = gsl_rng_uniform(rng);
          raw[2 * j + 1] = gsl_rng_uniform(rng);
          break;
        }
      }
    }

  /* model evaluations: A, B and each A_B^i */
  for (size_t j = 0; j < n && st == PST_OK; j++) {
    for (size_t f = 0; f < nf; f++) sel[f] = 0;
    values(&g, j, sel, x);
    yA[j] = fn(x, k, ctx);
    for (size_t f = 0; f < nf; f++) sel[f] = 1;
    values(&g, j, sel, x);
    yB[j] = fn(x, k, ctx);
    for (size_t f = 0; f < nf; f++) sel[f] = 0;
    for (size_t f = 0; f < nf; f++) {
      sel[f] = 1;
      values(&g, j, sel, x);
      yC[f * n + j] = fn(x, k, ctx);
      sel[f] = 0;
      if (isnan(yC[f * n + j])) st = PST_EUNDEF;
    }
    if (isnan(yA[j]) || isnan(yB[j])) st = PST_EUNDEF;
  }
  if (st != PST_OK) goto done;
  r->evaluations = (uint64_t)n * (nf + 2);

  /* convergence steps, the last one is N */
  {
    double *S = malloc(nf * sizeof *S), *ST = malloc(nf * sizeof *ST);
    if (!S || !ST) { free(S); free(ST); st = PST_ENOMEM; goto done; }
    for (size_t s = 0; s < steps && st == PST_OK; s++) {
      size_t m = (size_t)1 << (o->m_min + s);
      r->n_at[s] = m;
      st = estimate(nf, m, NULL, yA, yB, yC, n, S, ST, s + 1 == steps ? &r->mean : NULL,
                    s + 1 == steps ? &r->var : NULL);
      if (st == PST_EUNDEF && s + 1 < steps) {
        /* an early step may have zero variance by chance: record NaN */
        for (size_t f = 0; f < nf; f++) S[f] = ST[f] = (double)NAN;
        st = PST_OK;
      }
      memcpy(r->S_at + s * nf, S, nf * sizeof *S);
      memcpy(r->ST_at + s * nf, ST, nf * sizeof *ST);
    }
    for (size_t f = 0; f < nf; f++) {
      r->f[f].S = r->S_at[(steps - 1) * nf + f];
      r->f[f].ST = r->ST_at[(steps - 1) * nf + f];
    }
    free(S);
    free(ST);
    if (st != PST_OK) goto done;
  }

  /* bootstrap percentile intervals */
  for (size_t f = 0; f < nf; f++) r->f[f].S_lo = r->f[f].S_hi = r->f[f].ST_lo = r->f[f].ST_hi = (double)NAN;
  if (o->bootstrap) {
    size_t R = o->bootstrap, good = 0;
    idx = malloc(n * sizeof *idx);
    bS = malloc(R * nf * sizeof *bS);
    bST = malloc(R * nf * sizeof *bST);
    tmp = malloc(R * sizeof *tmp);
    if (!idx || !bS || !bST || !tmp) { st = PST_ENOMEM; goto done; }
    seed_rng(rng, o->seed ^ UINT64_C(0x626f6f7473747261), 0, 0); /* "bootstra" */
    for (size_t b = 0; b < R; b++) {
      for (size_t j = 0; j < n; j++) idx[j] = (size_t)gsl_rng_uniform_int(rng, (unsigned long)n);
      if (estimate(nf, n, idx, yA, yB, yC, n, bS + good * nf, bST + good * nf, NULL, NULL) == PST_OK)
        good++;
    }
    if (good >= 2) {
      double a = (1 - o->level) / 2;
      for (size_t f = 0; f < nf; f++) {
        for (size_t b = 0; b < good; b++) tmp[b] = bS[b * nf + f];
        qsort(tmp, good, sizeof *tmp, cmp_double);
        r->f[f].S_lo = type7(tmp, good, a);
        r->f[f].S_hi = type7(tmp, good, 1 - a);
        for (size_t b = 0; b < good; b++) tmp[b] = bST[b * nf + f];
        qsort(tmp, good, sizeof *tmp, cmp_double);
        r->f[f].ST_lo = type7(tmp, good, a);
        r->f[f].ST_hi = type7(tmp, good, 1 - a);
      }
    }
  }

  /* flags */
  for (size_t f = 0; f < nf; f++) {
    pst_sobol_index *q = &r->f[f];
    if (q->S < 0 || q->ST < 0) q->flags |= PST_SENS_NEGATIVE;
    if (steps >= 2) {
      double s0 = r->S_at[(steps - 2) * nf + f], t0 = r->ST_at[(steps - 2) * nf + f];
      if (!(fabs(q->S - s0) <= o->tol) || !(fabs(q->ST - t0) <= o->tol))
        q->flags |= PST_SENS_UNCONVERGED;
    }
    if (!isnan(q->S_lo) && (q->S_hi - q->S_lo > 2 * o->tol || q->ST_hi - q->ST_lo > 2 * o->tol))
      q->flags |= PST_SENS_UNCONVERGED;
  }

done:
  free(g.fs);
  free(g.fval);
  free(g.fsrc);
  free(g.frng);
  free(g.raw[0]);
  free(g.raw[1]);
  free(yA);
  free(yB);
  free(yC);
  free(x);
  free(sel);
  free(idx);
  free(bS);
  free(bST);
  free(tmp);
  if (rng) gsl_rng_free(rng);
  if (st != PST_OK) pst_sobol_free(r);
  return st;
}

void pst_sobol_free(pst_sobol_result *r)
{
  if (!r) return;
  for (size_t f = 0; f < r->nfactors && r->f; f++) free(r->f[f].name);
  free(r->f);
  free(r->n_at);
  free(r->S_at);
  free(r->ST_at);
  memset(r, 0, sizeof *r);
}
