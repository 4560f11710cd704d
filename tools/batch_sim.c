/* batch_sim.c -- `simulate` jobs of `powstat batch`: the Monte Carlo of
 * `powstat simulate` (powstat/mc.h) for one group or one comparison A:B per
 * job, over the inputs derived once from the estimates (and --spec).
 *
 * Seeds.  A job's draws depend only on its inputs, draws and seed, and the
 * seed only on the job (its seed cell, or its id and --seed): never on the
 * shard, the row's position or the thread count.  So a job gives the same
 * rows in any shard, and the shards concatenate to the unsharded output.
 * With the same seed, draws and inputs a job reproduces `powstat simulate
 * --seed S --draws N` exactly (mc.h keys each stream by input name, block
 * and seed, not by the position of the input in the model). */
#define _POSIX_C_SOURCE 200809L
#include "batch_job.h"
#include "cli.h"
#include "commands.h"

#include <math.h>
#include <string.h>

/* Up to this many kept values (draws x outputs, 8 MiB) quantiles are exact
 * (type 7 on every draw); above, mc.h's bounded-memory bins. */
#define BATCH_KEEP_MAX (UINT64_C(1) << 20)

const out_col batch_sim_cols[N_SIM] = {
  {"output", NULL, COL_TEXT},     {"versus", NULL, COL_TEXT},      {"threshold", NULL, COL_NUM},
  {"mean", NULL, COL_NUM},        {"sd", NULL, COL_NUM},           {"median", NULL, COL_NUM},
  {"probability", NULL, COL_NUM}, {"mc_se", NULL, COL_NUM},        {"draws", NULL, COL_NUM},
  {"undefined", NULL, COL_NUM},   {"clamped", NULL, COL_NUM},      {"interval", NULL, COL_TEXT},
  {"quantiles", NULL, COL_TEXT},  {"quantile_error", NULL, COL_NUM}, {"seed", NULL, COL_TEXT},
  {"generator", NULL, COL_TEXT},
};

uint64_t batch_job_seed(uint64_t base, const char *id)
{
  uint64_t h = UINT64_C(0xcbf29ce484222325); /* FNV-1a 64 (Fowler, Noll, Vo) */
  for (const unsigned char *p = (const unsigned char *)id; *p; p++)
    h = (h ^ *p) * UINT64_C(0x100000001b3);
  return pst_mc_mix64(base ^ h);
}

/* The input named by the first len bytes of s, or -1. */
static long find_input(const batch_ctx *c, const char *s, size_t len)
{
  char name[256];
  if (len == 0 || len >= sizeof name) return -1;
  memcpy(name, s, len);
  name[len] = '\0';
  return pst_mc_inputs_find(&c->inputs, name);
}

static int unknown_input(batch_ctx *c, size_t nf, int idx, const char *s, size_t len, pst_diag *d)
{
  return bjob_err(c, nf, idx, d,
                  "no simulate input named '%.*s' (a group of %s with a usable estimate, or an "
                  "input of --spec; 'powstat simulate --show-inputs' lists them)",
                  (int)(len > 80 ? 80 : len), s, c->est.n ? c->est.v[0].file : "the estimates");
}

static int parse_thresholds(batch_ctx *c, const pst_field *f, size_t nf, double *t, size_t *nt,
                            pst_diag *d)
{
  const char *s = bjob_cell(f, nf, c->idx[J_THRESHOLD]), *p = s;
  *nt = 0;
  if (!s) return PST_OK;
  for (;;) {
    const char *comma = strchr(p, ','), *why;
    size_t len = comma ? (size_t)(comma - p) : strlen(p);
    double v;
    if (*nt == BATCH_THRESHOLDS_MAX)
      return bjob_err(c, nf, c->idx[J_THRESHOLD], d, "threshold: at most %d values",
                      BATCH_THRESHOLDS_MAX);
    if (pst_parse_real(p, len, &v, &why, NULL) != PST_OK)
      return bjob_err(c, nf, c->idx[J_THRESHOLD], d, "threshold '%.*s': %s", (int)(len > 40 ? 40 : len),
                      p, why);
    if (!(v > 0))
      return bjob_err(c, nf, c->idx[J_THRESHOLD], d, "threshold '%.*s': must be positive",
                      (int)(len > 40 ? 40 : len), p);
    t[(*nt)++] = v;
    if (!comma) break;
    p = comma + 1;
  }
  return PST_OK;
}

/* The cells of the rate block and kind, up to the simulate block. */
static void row_start(batch_ctx *c, const char *id, const char *ltxt, double lo, double hi,
                      const char *group)
{
  bout *w = c->w;
  bout_str(w, id);
  bout_missing(w, 4); /* deaths, captured, proportion, method */
  bout_numtext(w, ltxt);
  bout_num(w, lo);
  bout_num(w, hi);
  bout_str(w, "two");
  bjob_pad(c, c->col_group);
  bout_str(w, group);
  bjob_pad(c, c->off_kind);
  bout_str(w, "simulate");
  bjob_pad(c, c->off_sim);
}

int batch_run_simulate(batch_ctx *c, const pst_field *f, size_t nf, const char *id, pst_diag *d)
{
  const char *g = bjob_cell(f, nf, c->idx[J_GROUP]), *cmp = bjob_cell(f, nf, c->idx[J_COMPARE]);
  const char *seed_txt = bjob_cell(f, nf, c->idx[J_SEED]), *ltxt;
  pst_mc_input view[2];
  pst_mc_inputs run = {view, 0};
  pst_mc_pair pair = {0, 1};
  double thr[BATCH_THRESHOLDS_MAX], level, a;
  size_t nthr, nout;
  int64_t draws;
  uint64_t seed;
  pst_mc_opts mo;
  pst_mc_result *res = NULL;
  char seed_buf[24];
  unsigned bits = 0;
  int st;

  if (!g == !cmp)
    return bjob_err(c, nf, c->idx[g ? J_COMPARE : J_GROUP], d,
                    g ? "give either group or compare, not both"
                      : "missing group (one input) or compare (A:B)");
  if (g) {
    long i = find_input(c, g, strlen(g));
    if (i < 0) return unknown_input(c, nf, c->idx[J_GROUP], g, strlen(g), d);
    view[run.n++] = c->inputs.v[i];
  } else {
    const char *colon = strchr(cmp, ':');
    long ia, ib;
    if (!colon || colon == cmp || !colon[1] || strchr(colon + 1, ':'))
      return bjob_err(c, nf, c->idx[J_COMPARE], d, "compare '%.80s': expected A:B (two input names)",
                      cmp);
    if ((ia = find_input(c, cmp, (size_t)(colon - cmp))) < 0)
      return unknown_input(c, nf, c->idx[J_COMPARE], cmp, (size_t)(colon - cmp), d);
    if ((ib = find_input(c, colon + 1, strlen(colon + 1))) < 0)
      return unknown_input(c, nf, c->idx[J_COMPARE], colon + 1, strlen(colon + 1), d);
    if (ia == ib)
      return bjob_err(c, nf, c->idx[J_COMPARE], d, "compare '%.80s': A and B are the same input", cmp);
    view[run.n++] = c->inputs.v[ia];
    view[run.n++] = c->inputs.v[ib];
  }
  if ((st = pst_cell_count(c->r, f, nf, c->idx[J_DRAWS], "draws", &draws, d)) != PST_OK) {
    d->line += c->line_base;
    return st;
  }
  if (draws < 0) draws = (int64_t)c->o->draws;
  if (draws == 0) return bjob_err(c, nf, c->idx[J_DRAWS], d, "draws: must be at least 1");
  if (seed_txt) {
    if (batch_parse_seed(seed_txt, &seed))
      return bjob_err(c, nf, c->idx[J_SEED], d, "seed '%.40s': expected a whole number 0 <= S < 2^64",
                      seed_txt);
  } else {
    seed = batch_job_seed(c->o->seed, id);
  }
  if ((st = bjob_level(c, f, nf, &level, &ltxt, d)) != PST_OK) return st;
  if ((st = bjob_two_sided(c, f, nf, "simulate", d)) != PST_OK) return st;
  if ((st = parse_thresholds(c, f, nf, thr, &nthr, d)) != PST_OK) return st;
  if (nthr && !cmp)
    return bjob_err(c, nf, c->idx[J_THRESHOLD], d, "threshold goes with compare (P(ratio > t))");
  if (bjob_cell(f, nf, c->idx[J_METHOD]))
    return bjob_err(c, nf, c->idx[J_METHOD], d,
                    "a simulate job has no method (percentile intervals of the draws)");

  {
    pst_mc_model m = {&run, cmp ? &pair : NULL, cmp ? 1 : 0, thr, nthr};
    memset(&mo, 0, sizeof mo);
    mo.draws = (uint64_t)draws;
    mo.seed = seed;
    mo.threads = c->o->threads;
    nout = run.n + (cmp ? 2 : 0);
    mo.keep = (uint64_t)draws <= BATCH_KEEP_MAX / nout;
    st = pst_mc_run(&m, &mo, &res);
    if (st != PST_OK) return bjob_err(c, nf, c->idx[J_ID], d, "simulation failed: %s", pst_strerror(st));
  }

  snprintf(seed_buf, sizeof seed_buf, "%llu", (unsigned long long)seed);
  a = (1 - level) / 2;
  for (size_t i = 0; i < run.n; i++) bits |= sim_kind_bits(&view[i]);
  for (size_t k = 0; k < nout; k++) {
    pst_mc_summary s;
    double lo, med, hi, err;
    int undef = 0;
    const char *group, *versus = NULL;
    unsigned kb;
    pst_mc_summary_get(res, k, &s);
    if (pst_mc_quantile(res, k, a, &lo)) { lo = CLI_NAN; undef = 1; }
    if (pst_mc_quantile(res, k, 0.5, &med)) { med = CLI_NAN; undef = 1; }
    if (pst_mc_quantile(res, k, 1 - a, &hi)) { hi = CLI_NAN; undef = 1; }
    if (s.kind == PST_MC_OUT_MORTALITY) {
      group = view[s.input].name;
      kb = sim_kind_bits(&view[s.input]);
    } else {
      group = view[0].name;
      versus = view[1].name;
      kb = bits;
    }
    err = fmax(pst_mc_quantile_error(res, k, isnan(lo) ? 0 : lo),
               pst_mc_quantile_error(res, k, isnan(hi) ? 0 : hi));
    row_start(c, id, ltxt, lo, hi, group);
    bout_str(c->w, s.kind == PST_MC_OUT_MORTALITY ? "mortality"
                   : s.kind == PST_MC_OUT_RATIO   ? "ratio" : "difference");
    bout_str(c->w, versus);
    bout_num(c->w, CLI_NAN);
    bout_num(c->w, s.n ? s.mean : CLI_NAN);
    bout_num(c->w, s.n ? s.sd : CLI_NAN);
    bout_num(c->w, med);
    bout_num(c->w, CLI_NAN);
    bout_num(c->w, s.n > 1 ? s.sd / sqrt((double)s.n) : CLI_NAN);
    bout_int(c->w, (int64_t)s.n);
    bout_int(c->w, (int64_t)s.undefined);
    bout_int(c->w, s.kind == PST_MC_OUT_MORTALITY ? (int64_t)s.clamped : -1);
    bout_str(c->w, sim_kind_text(kb));
    bout_str(c->w, mo.keep ? "exact (type 7)" : "binned (2^18 bins)");
    bout_num(c->w, err);
    bout_str(c->w, seed_buf);
    bout_str(c->w, sim_generator);
    bjob_tail(c, undef ? "undefined" : "ok", NULL);
  }
  for (size_t t = 0; t < nthr; t++) {
    pst_mc_summary s;
    uint64_t n_gt = pst_mc_exceed(res, 0, t);
    double pr, se;
    pst_mc_summary_get(res, run.n, &s); /* the ratio */
    pr = s.n ? (double)n_gt / (double)s.n : CLI_NAN;
    se = s.n ? sqrt(pr * (1 - pr) / (double)s.n) : CLI_NAN;
    row_start(c, id, ltxt, CLI_NAN, CLI_NAN, view[0].name);
    bout_str(c->w, "p_ratio_gt");
    bout_str(c->w, view[1].name);
    bout_num(c->w, thr[t]);
    bout_missing(c->w, 3); /* mean, sd, median */
    bout_num(c->w, pr);
    bout_num(c->w, se);
    bout_int(c->w, (int64_t)s.n);
    bout_int(c->w, (int64_t)s.undefined);
    bout_missing(c->w, 1);
    bout_str(c->w, sim_kind_text(bits));
    bout_missing(c->w, 2);
    bout_str(c->w, seed_buf);
    bout_str(c->w, sim_generator);
    bjob_tail(c, s.n ? "ok" : "undefined", NULL);
  }
  pst_mc_free(res);
  return PST_OK;
}
