/* mc_run.c -- the Monte Carlo engine: blocks, streams, threads, summaries.
 *
 * Determinism is by construction, not by luck: a block's draws depend only on
 * (seed, block index, input name); a block's floating-point summaries are
 * computed inside the block and merged in block order (Chan, Golub and
 * LeVeque 1979 pairwise update); everything merged across threads in
 * arbitrary order is an integer count, whose sum does not depend on order.
 */
#define _POSIX_C_SOURCE 200809L
#include "powstat/mc.h"

#include <gsl/gsl_rng.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

uint64_t pst_mc_mix64(uint64_t x)
{
  /* splitmix64 (Steele, Lea and Flood 2014): a bijective 64-bit mixer */
  x += UINT64_C(0x9E3779B97F4A7C15);
  x = (x ^ (x >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  x = (x ^ (x >> 27)) * UINT64_C(0x94D049BB133111EB);
  return x ^ (x >> 31);
}

static uint64_t name_hash(const char *s)
{
  uint64_t h = UINT64_C(0xcbf29ce484222325); /* FNV-1a */
  for (; *s; s++) h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
  return h;
}

/* Seed the taus2 generator of one (block, input) stream.  gsl_rng_set keeps
 * only 32 bits of its seed (taus2 runs it through a 32-bit LCG), which would
 * make stream collisions likely in long runs; so the three 32-bit words of the
 * taus2 state are set directly from splitmix64 output, with the lower bounds
 * that L'Ecuyer's generator requires (s1 > 1, s2 > 7, s3 > 15), followed by
 * the same 6-step warm-up as GSL's taus_set. */
static void seed_stream(gsl_rng *r, uint64_t seed, uint64_t block, uint64_t input)
{
  uint64_t k = pst_mc_mix64(seed ^ pst_mc_mix64(block ^ pst_mc_mix64(input)));
  uint64_t k2 = pst_mc_mix64(k);
  if (gsl_rng_size(r) == 3 * sizeof(unsigned long)) {
    unsigned long *s = gsl_rng_state(r);
    s[0] = (unsigned long)(k & 0xffffffffu);
    s[1] = (unsigned long)(k >> 32);
    s[2] = (unsigned long)(k2 & 0xffffffffu);
    if (s[0] < 2) s[0] += 2;
    if (s[1] < 8) s[1] += 8;
    if (s[2] < 16) s[2] += 16;
    for (int i = 0; i < 6; i++) (void)gsl_rng_get(r);
  } else {
    gsl_rng_set(r, (unsigned long)k);
  }
}

typedef struct {
  uint64_t n, undefined, clamped, outside;
  double mean, m2, min, max;
} acc;

struct pst_mc_result {
  size_t ninputs, npairs, nout, nthr;
  uint64_t draws;
  int keep;
  pst_mc_summary *sum;
  uint64_t *hist;    /* per output: underflow, bins, overflow, at off[k] */
  size_t *off;       /* nout + 1 offsets into hist */
  double *kept;      /* nout x draws, in draw order (NaN = undefined) */
  double *sorted;    /* nout x draws, defined draws sorted ascending */
  uint64_t *exceed;  /* npairs x nthresholds */
  size_t nthresholds;
};

typedef struct {
  const pst_mc_model *m;
  const pst_mc_opts *o;
  pst_mc_result *r;
  uint64_t *name_h;
  uint64_t nblocks, next, done;
  acc *blocks;       /* nblocks x nout */
  pthread_mutex_t mu;
  int cancelled, failed;
} shared;

typedef struct {
  shared *sh;
  uint64_t *hist;    /* this thread's fine-bin counts */
} worker;

#define NB ((size_t)PST_MC_NBINS)
/* Ratio bins: log-linear (as in HdrHistogram): one octave [2^e, 2^(e+1)) per
 * exponent e in [-REXP, REXP), split in 2^RK equal bins read straight from
 * the top mantissa bits, so binning needs no log() and each bin is at most
 * 2^-RK of its value wide. */
#define RK 14
#define REXP 14
#define NR (((size_t)2 * REXP) << RK)

static size_t nbins_of(pst_mc_outkind k) { return k == PST_MC_OUT_RATIO ? NR : NB; }

/* slot of x: 0 underflow, 1..nbins, nbins + 1 overflow */
static size_t bin_of(pst_mc_outkind k, double x)
{
  double f;
  if (k == PST_MC_OUT_RATIO) {
    uint64_t b;
    int64_t e;
    if (!(x > 0)) return 0;
    memcpy(&b, &x, sizeof b);
    e = (int64_t)(b >> 52) - 1023;
    if (e < -REXP) return 0;
    if (e >= REXP) return NR + 1;
    return 1 + ((size_t)(e + REXP) << RK) + (size_t)((b >> (52 - RK)) & ((UINT64_C(1) << RK) - 1));
  }
  f = k == PST_MC_OUT_MORTALITY ? x : (x + 1) * 0.5;
  if (f < 0) return 0;
  if (f >= 1) return NB;
  return 1 + (size_t)(f * (double)NB);
}

static void acc_merge(acc *a, const acc *b)
{
  uint64_t n = a->n + b->n;
  a->undefined += b->undefined;
  a->clamped += b->clamped;
  a->outside += b->outside;
  if (b->n == 0) return;
  if (a->n == 0) {
    uint64_t u = a->undefined, c = a->clamped, o = a->outside;
    *a = *b;
    a->undefined = u;
    a->clamped = c;
    a->outside = o;
    return;
  }
  {
    double d = b->mean - a->mean;
    double na = (double)a->n, nb = (double)b->n;
    a->mean += d * nb / (double)n;
    a->m2 += b->m2 + d * d * na * nb / (double)n;
    if (b->min < a->min) a->min = b->min;
    if (b->max > a->max) a->max = b->max;
    a->n = n;
  }
}

/* Summary of one block's values (NaN = undefined, skipped): two passes, so
 * the sum of squares is taken about the block mean (no cancellation) and
 * the loops carry no division. */
static void block_stats(const double *x, uint64_t n, acc *a)
{
  double s = 0, m2 = 0, mn = (double)INFINITY, mx = -(double)INFINITY, mean;
  uint64_t c = 0;
  for (uint64_t j = 0; j < n; j++) {
    double v = x[j];
    if (v != v) continue;
    s += v;
    c++;
    mn = v < mn ? v : mn;
    mx = v > mx ? v : mx;
  }
  a->n = c;
  if (!c) return;
  mean = s / (double)c;
  for (uint64_t j = 0; j < n; j++) {
    double v = x[j];
    if (v == v) m2 += (v - mean) * (v - mean);
  }
  a->mean = mean;
  a->m2 = m2;
  a->min = mn;
  a->max = mx;
}

static void *work(void *arg)
{
  worker *w = arg;
  shared *sh = w->sh;
  const pst_mc_model *m = sh->m;
  pst_mc_result *r = sh->r;
  size_t ni = m->inputs->n, nout = r->nout, nt = m->nthresholds;
  double *vals = malloc((ni + 2) * PST_MC_BLOCK * sizeof *vals);
  double *qb = vals ? vals + ni * PST_MC_BLOCK : NULL, *db = qb ? qb + PST_MC_BLOCK : NULL;
  acc *ba = malloc(nout * sizeof *ba);
  uint64_t *ex = calloc(m->npairs * nt + 1, sizeof *ex);
  gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);
  if (!vals || !ba || !ex || !rng) {
    pthread_mutex_lock(&sh->mu);
    sh->failed = 1;
    pthread_mutex_unlock(&sh->mu);
    goto out;
  }
  for (;;) {
    uint64_t b, n;
    pthread_mutex_lock(&sh->mu);
    b = sh->next++;
    if (sh->cancelled || sh->failed) b = sh->nblocks;
    pthread_mutex_unlock(&sh->mu);
    if (b >= sh->nblocks) break;
    n = sh->o->draws - b * PST_MC_BLOCK;
    if (n > PST_MC_BLOCK) n = PST_MC_BLOCK;
    memset(ba, 0, nout * sizeof *ba);
    memset(ex, 0, (m->npairs * nt + 1) * sizeof *ex);
    for (size_t i = 0; i < ni; i++) {
      const pst_mc_input *in = &m->inputs->v[i];
      double *v = vals + i * PST_MC_BLOCK;
      uint64_t clamped = 0;
      seed_stream(rng, sh->o->seed, b, sh->name_h[i]);
      pst_mc_draw_block(in, rng, v, (size_t)n);
      for (uint64_t j = 0; j < n; j++) {
        double x = v[j];
        if (!(x >= 0)) { v[j] = 0; clamped++; }
        else if (x > 1) { v[j] = 1; clamped++; }
      }
      block_stats(v, n, &ba[i]);
      ba[i].clamped = clamped;
      if (w->hist) {
        uint64_t *h = w->hist + r->off[i];
        for (uint64_t j = 0; j < n; j++) h[bin_of(PST_MC_OUT_MORTALITY, v[j])]++;
      }
      if (r->kept) memcpy(r->kept + i * r->draws + b * PST_MC_BLOCK, v, n * sizeof *v);
    }
    for (size_t k = 0; k < m->npairs; k++) {
      const double *va = vals + m->pairs[k].a * PST_MC_BLOCK;
      const double *vb = vals + m->pairs[k].b * PST_MC_BLOCK;
      size_t oq = ni + 2 * k, od = oq + 1;
      uint64_t *e = ex + k * nt, undef = 0;
      for (uint64_t j = 0; j < n; j++) {
        db[j] = va[j] - vb[j];
        if (vb[j] > 0) qb[j] = va[j] / vb[j];
        else { qb[j] = (double)NAN; undef++; }
      }
      for (size_t t = 0; t < nt; t++) {
        uint64_t c = 0;
        double th = m->thresholds[t];
        for (uint64_t j = 0; j < n; j++) c += qb[j] > th; /* false for NaN */
        e[t] = c;
      }
      block_stats(qb, n, &ba[oq]);
      block_stats(db, n, &ba[od]);
      ba[oq].undefined = undef;
      if (w->hist) {
        uint64_t *hq = w->hist + r->off[oq], *hd = w->hist + r->off[od], outside = 0;
        for (uint64_t j = 0; j < n; j++) {
          hd[bin_of(PST_MC_OUT_DIFFERENCE, db[j])]++;
          if (qb[j] == qb[j]) {
            size_t bi = bin_of(PST_MC_OUT_RATIO, qb[j]);
            hq[bi]++;
            outside += bi == 0 || bi == NR + 1;
          }
        }
        ba[oq].outside = outside;
      }
      if (r->kept) {
        memcpy(r->kept + oq * r->draws + b * PST_MC_BLOCK, qb, n * sizeof *qb);
        memcpy(r->kept + od * r->draws + b * PST_MC_BLOCK, db, n * sizeof *db);
      }
    }
    pthread_mutex_lock(&sh->mu);
    memcpy(sh->blocks + b * nout, ba, nout * sizeof *ba);
    for (size_t k = 0; k < m->npairs * nt; k++) r->exceed[k] += ex[k];
    sh->done += n;
    if (sh->o->progress && sh->o->progress(sh->o->progress_ctx, sh->done, sh->o->draws))
      sh->cancelled = 1;
    pthread_mutex_unlock(&sh->mu);
  }
out:
  free(vals);
  free(ba);
  free(ex);
  if (rng) gsl_rng_free(rng);
  return NULL;
}

static int cmp_double(const void *x, const void *y)
{
  double a = *(const double *)x, b = *(const double *)y;
  return (a > b) - (a < b);
}

int pst_mc_run(const pst_mc_model *m, const pst_mc_opts *o, pst_mc_result **out)
{
  pst_mc_result *r;
  shared sh;
  worker *ws = NULL;
  pthread_t *tid = NULL;
  size_t nthr, started = 0;
  int st = PST_OK;

  *out = NULL;
  if (!m || !o || !m->inputs || m->inputs->n == 0 || o->draws == 0 || o->threads == 0 ||
      (m->nthresholds && !m->thresholds))
    return PST_EINVAL;
  for (size_t k = 0; k < m->npairs; k++)
    if (m->pairs[k].a >= m->inputs->n || m->pairs[k].b >= m->inputs->n) return PST_EINVAL;
  r = calloc(1, sizeof *r);
  if (!r) return PST_ENOMEM;
  r->ninputs = m->inputs->n;
  r->npairs = m->npairs;
  r->nout = r->ninputs + 2 * r->npairs;
  r->draws = o->draws;
  r->keep = o->keep;
  r->nthresholds = m->nthresholds;
  if (o->keep && (o->draws > PST_MC_KEEP_MAX / r->nout)) {
    free(r);
    return PST_ELIMIT;
  }
  memset(&sh, 0, sizeof sh);
  sh.m = m;
  sh.o = o;
  sh.r = r;
  sh.nblocks = (o->draws + PST_MC_BLOCK - 1) / PST_MC_BLOCK;
  nthr = o->threads < sh.nblocks ? o->threads : (size_t)sh.nblocks;
  r->nthr = nthr;
  r->sum = calloc(r->nout, sizeof *r->sum);
  r->exceed = calloc(r->npairs * r->nthresholds + 1, sizeof *r->exceed);
  sh.blocks = calloc(sh.nblocks * r->nout, sizeof *sh.blocks);
  sh.name_h = malloc(r->ninputs * sizeof *sh.name_h);
  ws = calloc(nthr, sizeof *ws);
  tid = calloc(nthr, sizeof *tid);
  if (o->keep) r->kept = malloc(r->nout * o->draws * sizeof *r->kept);
  r->off = malloc((r->nout + 1) * sizeof *r->off);
  if (r->off) {
    r->off[0] = 0;
    for (size_t k = 0; k < r->nout; k++) {
      pst_mc_outkind kk = k < r->ninputs ? PST_MC_OUT_MORTALITY
                          : (k - r->ninputs) % 2 ? PST_MC_OUT_DIFFERENCE : PST_MC_OUT_RATIO;
      r->off[k + 1] = r->off[k] + nbins_of(kk) + 2;
    }
    if (!o->keep) r->hist = calloc(r->off[r->nout], sizeof *r->hist);
  }
  if (!r->sum || !r->exceed || !sh.blocks || !sh.name_h || !ws || !tid || !r->off ||
      (o->keep ? !r->kept : !r->hist)) {
    st = PST_ENOMEM;
    goto done;
  }
  for (size_t i = 0; i < r->ninputs; i++) sh.name_h[i] = name_hash(m->inputs->v[i].name);
  pthread_mutex_init(&sh.mu, NULL);
  for (size_t t = 0; t < nthr; t++) {
    ws[t].sh = &sh;
    if (!o->keep) {
      /* thread 0 counts straight into the result; the others get their own */
      ws[t].hist = t == 0 ? r->hist : calloc(r->off[r->nout], sizeof *ws[t].hist);
      if (!ws[t].hist) { sh.failed = 1; break; }
    }
  }
  if (!sh.failed) {
    for (size_t t = 1; t < nthr; t++) {
      if (pthread_create(&tid[t], NULL, work, &ws[t]) != 0) { st = PST_EIO; break; }
      started++;
    }
    if (st == PST_OK) work(&ws[0]);
    else {
      pthread_mutex_lock(&sh.mu);
      sh.failed = 1;
      pthread_mutex_unlock(&sh.mu);
    }
    for (size_t t = 1; t <= started; t++) pthread_join(tid[t], NULL);
  }
  pthread_mutex_destroy(&sh.mu);
  for (size_t t = 1; t < nthr; t++) {
    if (ws[t].hist && st == PST_OK && !sh.failed)
      for (size_t k = 0; k < r->off[r->nout]; k++) r->hist[k] += ws[t].hist[k];
    free(ws[t].hist);
  }
  if (st == PST_OK && sh.failed) st = PST_ENOMEM;
  if (st == PST_OK && sh.cancelled) st = PST_EUNDEF;
  if (st != PST_OK) goto done;

  for (size_t k = 0; k < r->nout; k++) {
    acc a = {0};
    pst_mc_summary *s = &r->sum[k];
    for (uint64_t b = 0; b < sh.nblocks; b++) acc_merge(&a, &sh.blocks[b * r->nout + k]);
    if (k < r->ninputs) {
      s->kind = PST_MC_OUT_MORTALITY;
      s->input = k;
    } else {
      s->kind = (k - r->ninputs) % 2 ? PST_MC_OUT_DIFFERENCE : PST_MC_OUT_RATIO;
      s->input = (k - r->ninputs) / 2;
    }
    s->n = a.n;
    s->undefined = a.undefined;
    s->clamped = a.clamped;
    s->outside = a.outside;
    s->mean = a.n ? a.mean : (double)NAN;
    s->sd = a.n > 1 ? sqrt(a.m2 / (double)(a.n - 1)) : (double)NAN;
    s->min = a.n ? a.min : (double)NAN;
    s->max = a.n ? a.max : (double)NAN;
  }
  if (o->keep) {
    r->sorted = malloc(r->nout * o->draws * sizeof *r->sorted);
    if (!r->sorted) { st = PST_ENOMEM; goto done; }
    for (size_t k = 0; k < r->nout; k++) {
      const double *src = r->kept + k * o->draws;
      double *dst = r->sorted + k * o->draws;
      size_t n = 0;
      for (uint64_t j = 0; j < o->draws; j++)
        if (!isnan(src[j])) dst[n++] = src[j];
      qsort(dst, n, sizeof *dst, cmp_double);
    }
  }
done:
  free(sh.blocks);
  free(sh.name_h);
  free(ws);
  free(tid);
  if (st != PST_OK) {
    pst_mc_free(r);
    return st;
  }
  *out = r;
  return PST_OK;
}

size_t pst_mc_noutputs(const pst_mc_result *r) { return r->nout; }

void pst_mc_summary_get(const pst_mc_result *r, size_t out, pst_mc_summary *s)
{
  *s = r->sum[out];
}

static void bin_range(pst_mc_outkind k, size_t i, double *lo, double *hi)
{
  /* fine bin i (0-based, excluding under/overflow) */
  double f0 = (double)i / (double)NB, f1 = (double)(i + 1) / (double)NB;
  if (k == PST_MC_OUT_MORTALITY) { *lo = f0; *hi = f1; }
  else if (k == PST_MC_OUT_DIFFERENCE) { *lo = 2 * f0 - 1; *hi = 2 * f1 - 1; }
  else {
    int e = (int)(i >> RK) - REXP;
    double m = (double)(i & ((UINT64_C(1) << RK) - 1));
    *lo = ldexp(1 + m / (double)(1u << RK), e);
    *hi = ldexp(1 + (m + 1) / (double)(1u << RK), e);
  }
}

int pst_mc_quantile(const pst_mc_result *r, size_t out, double p, double *q)
{
  const pst_mc_summary *s;
  if (!r || out >= r->nout || !(p >= 0 && p <= 1)) return PST_EINVAL;
  s = &r->sum[out];
  if (s->n == 0) return PST_EUNDEF;
  if (r->sorted) {
    const double *x = r->sorted + out * r->draws;
    double h = (double)(s->n - 1) * p;
    uint64_t lo = (uint64_t)floor(h);
    *q = lo + 1 < s->n ? x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]) : x[s->n - 1];
    return PST_OK;
  }
  {
    const uint64_t *h = r->hist + r->off[out];
    size_t nb = nbins_of(s->kind);
    double target = p * (double)s->n, cum = 0;
    size_t i;
    /* exact ends: the extremes are tracked exactly */
    if (p == 0) { *q = s->min; return PST_OK; }
    if (p == 1) { *q = s->max; return PST_OK; }
    if ((double)h[0] >= target && h[0] > 0) return PST_EUNDEF;
    cum = (double)h[0];
    for (i = 1; i <= nb; i++) {
      double c = (double)h[i];
      if (c > 0 && cum + c >= target) {
        double lo, hi, f = (target - cum) / c;
        bin_range(s->kind, i - 1, &lo, &hi);
        *q = lo + f * (hi - lo);
        /* never outside what was drawn */
        if (*q < s->min) *q = s->min;
        if (*q > s->max) *q = s->max;
        return PST_OK;
      }
      cum += c;
    }
    return PST_EUNDEF; /* in the overflow bin */
  }
}

double pst_mc_quantile_error(const pst_mc_result *r, size_t out, double q)
{
  pst_mc_outkind k;
  if (r->sorted) return 0;
  k = r->sum[out].kind;
  if (k == PST_MC_OUT_MORTALITY) return 1.0 / (double)NB;
  if (k == PST_MC_OUT_DIFFERENCE) return 2.0 / (double)NB;
  return fabs(q) * ldexp(1.0, -RK);
}

uint64_t pst_mc_exceed(const pst_mc_result *r, size_t pair, size_t t)
{
  if (pair >= r->npairs || t >= r->nthresholds) return 0;
  return r->exceed[pair * r->nthresholds + t];
}

const double *pst_mc_draws(const pst_mc_result *r, size_t out)
{
  if (!r->kept || out >= r->nout) return NULL;
  return r->kept + out * r->draws;
}

int pst_mc_histogram(const pst_mc_result *r, size_t out, size_t nbins, double lo, double hi,
                     uint64_t *counts)
{
  double w;
  if (!r || out >= r->nout || nbins == 0 || !(lo < hi) || !isfinite(lo) || !isfinite(hi))
    return PST_EINVAL;
  memset(counts, 0, nbins * sizeof *counts);
  w = (hi - lo) / (double)nbins;
  if (r->sorted) {
    const double *x = r->sorted + out * r->draws;
    for (uint64_t j = 0; j < r->sum[out].n; j++) {
      double f;
      if (x[j] < lo || x[j] > hi) continue;
      f = (x[j] - lo) / w;
      counts[f >= (double)nbins ? nbins - 1 : (size_t)f]++;
    }
    return PST_OK;
  }
  {
    const uint64_t *h = r->hist + r->off[out];
    size_t nb = nbins_of(r->sum[out].kind);
    for (size_t i = 1; i <= nb; i++) {
      double a, b, mid, f;
      if (!h[i]) continue;
      bin_range(r->sum[out].kind, i - 1, &a, &b);
      mid = 0.5 * (a + b);
      /* a fine bin that holds the exact extreme is placed at it */
      if (mid < r->sum[out].min) mid = r->sum[out].min;
      if (mid > r->sum[out].max) mid = r->sum[out].max;
      if (mid < lo || mid > hi) continue;
      f = (mid - lo) / w;
      counts[f >= (double)nbins ? nbins - 1 : (size_t)f] += h[i];
    }
  }
  return PST_OK;
}

void pst_mc_free(pst_mc_result *r)
{
  if (!r) return;
  free(r->sum);
  free(r->hist);
  free(r->off);
  free(r->kept);
  free(r->sorted);
  free(r->exceed);
  free(r);
}
