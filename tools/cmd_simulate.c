/* cmd_simulate.c -- `powstat simulate`: Monte Carlo over the sources. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "commands.h"
#include "estimates_io.h"
#include "out.h"
#include "pctfmt.h"
#include "progress.h"

#include "powstat/mc.h"
#include "powstat/num.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char help_simulate[] =
  "Usage: powstat simulate [OPTION]...\n"
  "\n"
  "Monte Carlo over the published sources: draw each captive group's mortality\n"
  "from its inputs, then report each group's distribution and, for each\n"
  "comparison A:B, the ratio A/B, the difference A-B (percentage points) and the\n"
  "probability that the ratio exceeds each threshold.\n"
  "\n"
  "Inputs. Without --spec, each group of the estimates file becomes a mixture\n"
  "over its sources: a draw picks one estimate (equal weights), then draws its\n"
  "deaths and its denominator each within the estimate's own low..high range\n"
  "(--within). Rows without deaths, without a denominator, or with no counts\n"
  "at all are left out, and so is the second of two rows with the same source\n"
  "and counts; every left-out row is listed (--show-inputs, left_out column).\n"
  "A --spec file (datasets/README.md) defines inputs by distribution (fixed,\n"
  "uniform, triangular, pert, normal, lognormal, beta from counts, or a\n"
  "weighted mixture of estimates), replacing derived inputs of the same name.\n"
  "\n"
  "The intervals are percentile intervals of the draws. With source mixtures\n"
  "they show between-source (systematic) uncertainty; with --sampling or beta\n"
  "inputs, between-source + sampling. The `interval` column says which.\n"
  "\n"
  "Options:\n"
  "  -n, --draws N        number of draws [1000000]\n"
  "  -s, --seed S         random seed, 0 <= S < 2^64 [1]\n"
  "  -j, --threads T      worker threads; the output does not depend on it\n"
  "                       [number of online cores]\n"
  "  -l, --level P        percentile interval level (95 means 0.95) [0.95]\n"
  "  -c, --compare LIST   comparisons A:B of group (input) ids, comma-separated\n"
  "                       [soviet-pows-germany:german-pows-ussr]\n"
  "  -t, --threshold LIST report P(ratio > t) for these t [1,2,3]\n"
  "  -g, --groups G       groups reported: 'compared', 'all', or a comma list\n"
  "                       [compared]\n"
  "      --spec FILE      input specification (CSV)\n"
  "  -e, --estimates FILE estimates file [the bundled datasets/estimates.csv]\n"
  "      --within W       how a count is drawn in its range: uniform, triangular\n"
  "                       or pert (about the point) [uniform]\n"
  "      --sampling       add binomial sampling to every source draw (Jeffreys\n"
  "                       Beta(d + 1/2, n - d + 1/2) at the drawn counts)\n"
  "      --exact          keep every draw: exact quantiles (memory grows with N)\n"
  "      --draws-out FILE write every draw as CSV (implies --exact)\n"
  "      --histogram FILE write binned draws as CSV for 'powstat chart histogram'\n"
  "      --bins K         histogram bins per output [40]\n"
  "      --show-inputs    list the inputs (mixture components, left-out rows) and\n"
  "                       exit without drawing\n"
  "  -f, --format F       table, csv, tsv, json or markdown [table on a terminal,\n"
  "                       csv otherwise]\n"
  "  -o, --output FILE    write to FILE (atomically)\n"
  "  -q, --quiet          no progress bar (it is shown only on a terminal, for\n"
  "                       runs longer than a second)\n"
  "  -h, --help           show this help and exit\n"
  "\n"
  "Machine-readable columns: output (mortality, ratio, difference, p_ratio_gt),\n"
  "group, versus, threshold, mean, sd, median, lower, upper, level, probability,\n"
  "mc_se (Monte Carlo standard error of the mean or probability), min, max,\n"
  "draws, undefined (ratio draws with a zero denominator), clamped (draws put\n"
  "back into [0, 1]), inputs, left_out, interval, quantiles, quantile_error,\n"
  "seed, generator, powstat_version. Mortality and difference are fractions.\n"
  "Without --exact, quantiles come from 2^18 fine bins and are off by at most\n"
  "quantile_error (absolute).\n"
  "\n"
  "--histogram columns: output, group, versus, label, bin_low, bin_high, count,\n"
  "density (count / draws / bin width), median, lower, upper, level, seed,\n"
  "generator, powstat_version; one block of --bins rows per output, over the\n"
  "output's min..max. --draws-out columns: draw, one per group (its id), then\n"
  "ratio:A/B and difference:A-B per comparison, then seed, generator,\n"
  "powstat_version.\n"
  "\n"
  "Examples:\n"
  "  powstat simulate\n"
  "  powstat simulate --draws 10000000 --seed 7 --format json\n"
  "  powstat simulate --histogram hist.csv && powstat chart histogram hist.csv\n";

#define GENERATOR "gsl taus2, one splitmix64-seeded stream per block of 65536 draws and input"
#define DEFAULT_COMPARE "soviet-pows-germany:german-pows-ussr"

enum { OPT_SPEC = 256, OPT_WITHIN, OPT_SAMPLING, OPT_EXACT, OPT_DRAWS_OUT, OPT_HIST, OPT_BINS,
       OPT_SHOW };

typedef struct {
  uint64_t draws, seed;
  unsigned threads;
  double level;
  const char *compare, *thresholds, *groups, *spec, *estimates, *draws_out, *histogram, *output;
  pst_mc_within within;
  int sampling, exact, show, quiet;
  size_t bins;
  cli_format fmt;
} sim_opts;

int sim_parse_u64(const char *cmd, const char *opt, const char *s, uint64_t min, uint64_t *v)
{
  uint64_t u;
  const char *why = NULL;
  if (pst_parse_count(s, strlen(s), &u, &why, NULL) != PST_OK)
    return cli_usage(cmd, "%s '%s': %s", opt, s, why ? why : "not a whole number");
  if (u < min) return cli_usage(cmd, "%s '%s': must be at least %llu", opt, s, (unsigned long long)min);
  *v = u;
  return 0;
}

unsigned sim_default_threads(void)
{
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1u : n > 256 ? 256u : (unsigned)n;
}

int sim_load_inputs(const char *cmd, const char *estimates, const char *spec,
                    pst_mc_within within, int sampling, pst_estimates *est, pst_mc_inputs *in)
{
  static char deflt[4096];
  const char *path = estimates;
  int rc;
  (void)cmd;
  if (!path) {
    snprintf(deflt, sizeof deflt, "%s", cli_datafile("estimates.csv"));
    path = deflt;
  }
  if ((rc = estimates_load_checked(path, NULL, est))) return rc;
  return sim_derive_inputs(spec, within, sampling, est, in);
}

int sim_derive_inputs(const char *spec, pst_mc_within within, int sampling,
                      const pst_estimates *est, pst_mc_inputs *in)
{
  if (pst_mc_inputs_from_estimates(est, within, sampling, in) != PST_OK) {
    cli_err("out of memory");
    return EXIT_OSERR;
  }
  if (spec) {
    pst_mc_inputs sv = {0};
    pst_diag d = {0};
    int code = 0, st;
    FILE *fp = cli_open_input(spec, &code);
    if (!fp) return code;
    st = pst_mc_spec_load(fp, strcmp(spec, "-") == 0 ? "(stdin)" : spec, est, within, sampling,
                          &sv, &d);
    if (fp != stdin) fclose(fp);
    if (st == PST_ENOTFOUND) st = PST_EDATA;
    if (st != PST_OK) return cli_diag(st, &d);
    if (pst_mc_inputs_merge(in, &sv) != PST_OK) {
      pst_mc_inputs_free(&sv);
      cli_err("out of memory");
      return EXIT_OSERR;
    }
  }
  return 0;
}

const char sim_generator[] = GENERATOR;

/* What kind of uncertainty an input's spread is. */
unsigned sim_kind_bits(const pst_mc_input *in)
{
  if (in->kind == PST_MC_MIXTURE) return in->sampling ? 3u : 1u;
  if (in->kind == PST_MC_BETA) return 2u;
  if (in->kind == PST_MC_FIXED) return 0u;
  return 4u;
}

const char *sim_kind_text(unsigned bits)
{
  static const char *const t[] = {"none (fixed)",
                                  "between-source (systematic)",
                                  "sampling (statistical)",
                                  "between-source (systematic) + sampling (statistical)",
                                  "as specified",
                                  "between-source (systematic) + as specified",
                                  "sampling (statistical) + as specified",
                                  "between-source (systematic) + sampling (statistical) + as specified"};
  return t[bits & 7u];
}

/* "S01 S02 S03" or "uniform(0.1, 0.2)" */
static void describe(const pst_mc_input *in, char *b, size_t n)
{
  char x[3][PST_FMT_BUFSZ];
  size_t k = 0;
  b[0] = '\0';
  if (in->kind == PST_MC_MIXTURE) {
    for (size_t i = 0; i < in->ncomp && k + 1 < n; i++) {
      k += (size_t)snprintf(b + k, n - k, "%s%s", i ? " " : "", in->comp[i].id);
      if (k >= n) break;
    }
    return;
  }
  for (int i = 0; i < 3; i++) pst_fmt_real(x[i], in->p[i]);
  switch (in->kind) {
  case PST_MC_FIXED: snprintf(b, n, "fixed(%s)", x[0]); break;
  case PST_MC_UNIFORM: snprintf(b, n, "uniform(%s, %s)", x[0], x[1]); break;
  case PST_MC_TRIANGULAR: snprintf(b, n, "triangular(%s, %s, %s)", x[0], x[1], x[2]); break;
  case PST_MC_PERT: snprintf(b, n, "pert(%s, %s, %s)", x[0], x[1], x[2]); break;
  case PST_MC_NORMAL: snprintf(b, n, "normal(%s, %s)", x[0], x[1]); break;
  case PST_MC_LOGNORMAL: snprintf(b, n, "lognormal(%s, %s)", x[0], x[1]); break;
  case PST_MC_BETA: snprintf(b, n, "beta(%s, %s)", x[0], x[1]); break;
  case PST_MC_MIXTURE: break;
  }
}

static int in_list(const char *list, const char *v)
{
  size_t n = strlen(v);
  const char *p = list;
  while (*p) {
    const char *c = strchr(p, ',');
    size_t len = c ? (size_t)(c - p) : strlen(p);
    if (len == n && strncmp(p, v, n) == 0) return 1;
    if (!c) break;
    p = c + 1;
  }
  return 0;
}

static int parse_thresholds(const char *s, double **t, size_t *n)
{
  size_t cap = 1;
  const char *p = s;
  for (const char *q = s; *q; q++) cap += *q == ',';
  *t = malloc(cap * sizeof **t);
  *n = 0;
  if (!*t) return EXIT_OSERR;
  if (!*s) return 0;
  for (;;) {
    const char *c = strchr(p, ','), *why;
    size_t len = c ? (size_t)(c - p) : strlen(p);
    double v;
    if (pst_parse_real(p, len, &v, &why, NULL) != PST_OK)
      return cli_usage("simulate", "--threshold '%.*s': %s", (int)len, p, why);
    if (!(v > 0)) return cli_usage("simulate", "--threshold '%.*s': must be positive", (int)len, p);
    (*t)[(*n)++] = v;
    if (!c) break;
    p = c + 1;
  }
  return 0;
}

/* --show-inputs: one row per component (or per parametric input) and per
 * left-out estimate. */
static int show_inputs(const sim_opts *o, const pst_mc_inputs *in, FILE *fp)
{
  static const out_col cols[] = {
    {"input", NULL, COL_TEXT},        {"dist", NULL, COL_TEXT},
    {"estimate", NULL, COL_TEXT},     {"weight", NULL, COL_NUM},
    {"deaths_low", NULL, COL_NUM},    {"deaths_high", NULL, COL_NUM},
    {"captured_low", NULL, COL_NUM},  {"captured_high", NULL, COL_NUM},
    {"mortality_low", NULL, COL_NUM}, {"mortality_high", NULL, COL_NUM},
    {"parameters", NULL, COL_TEXT},   {"status", NULL, COL_TEXT},
  };
  out_table *t = out_new(o->fmt, fp, "simulate", cols, sizeof cols / sizeof cols[0]);
  if (!t) return EXIT_OSERR;
  out_meta(t, "within", pst_mc_within_name(o->within));
  out_meta(t, "powstat_version", POWSTAT_VERSION);
  for (size_t i = 0; i < in->n; i++) {
    const pst_mc_input *v = &in->v[i];
    if (v->kind != PST_MC_MIXTURE) {
      char b[256];
      describe(v, b, sizeof b);
      out_str(t, v->name);
      out_str(t, pst_mc_kind_name(v->kind));
      for (int k = 0; k < 8; k++) out_num(t, CLI_NAN);
      out_str(t, b);
      out_str(t, "used");
      out_row(t);
      continue;
    }
    for (size_t c = 0; c < v->ncomp; c++) {
      const pst_mc_component *m = &v->comp[c];
      out_str(t, v->name);
      out_str(t, "estimate");
      out_str(t, m->id);
      out_num(t, m->weight);
      out_num(t, m->d_lo);
      out_num(t, m->d_hi);
      out_num(t, m->c_lo);
      out_num(t, m->c_hi);
      out_num(t, fmin(1, m->d_lo / m->c_hi));
      out_num(t, fmin(1, m->d_hi / m->c_lo));
      out_str(t, NULL);
      out_str(t, "used");
      out_row(t);
    }
    if (v->left_out) {
      /* "ID (why); ID (why)" -> one row each */
      const char *p = v->left_out;
      while (*p) {
        const char *sp = strstr(p, " ("), *end = strstr(p, "); ");
        char id[128], why[160];
        if (!sp) break;
        snprintf(id, sizeof id, "%.*s", (int)(sp - p), p);
        snprintf(why, sizeof why, "left out: %.*s", (int)((end ? end : p + strlen(p) - 1) - sp - 2),
                 sp + 2);
        out_str(t, v->name);
        out_str(t, "estimate");
        out_str(t, id);
        for (int k = 0; k < 7; k++) out_num(t, CLI_NAN);
        out_str(t, NULL);
        out_str(t, why);
        out_row(t);
        if (!end) break;
        p = end + 3;
      }
    }
  }
  return out_finish(t) == 0 ? 0 : -1;
}

typedef struct {
  const sim_opts *o;
  const pst_mc_inputs *in;
  const pst_mc_pair *pairs;
  size_t npairs;
  const double *thr;
  size_t nthr;
  const pst_mc_result *r;
  char seed[32];
} report;

static const out_col sum_cols[] = {
  {"output", NULL, COL_TEXT},   {"group", NULL, COL_TEXT},      {"versus", NULL, COL_TEXT},
  {"threshold", NULL, COL_NUM}, {"mean", NULL, COL_NUM},        {"sd", NULL, COL_NUM},
  {"median", NULL, COL_NUM},    {"lower", NULL, COL_NUM},       {"upper", NULL, COL_NUM},
  {"level", NULL, COL_NUM},     {"probability", NULL, COL_NUM}, {"mc_se", NULL, COL_NUM},
  {"min", NULL, COL_NUM},       {"max", NULL, COL_NUM},         {"draws", NULL, COL_NUM},
  {"undefined", NULL, COL_NUM}, {"clamped", NULL, COL_NUM},     {"inputs", NULL, COL_TEXT},
  {"left_out", NULL, COL_TEXT}, {"interval", NULL, COL_TEXT},   {"quantiles", NULL, COL_TEXT},
  {"quantile_error", NULL, COL_NUM}, {"seed", NULL, COL_TEXT},  {"generator", NULL, COL_TEXT},
  {"powstat_version", NULL, COL_TEXT},
};

static const out_col tab_cols[] = {
  {"output", "output", COL_TEXT}, {"group", "group", COL_TEXT}, {"mean", "mean", COL_NUM},
  {"median", "median", COL_NUM},  {"interval", "interval", COL_NUM},
  {"p", "probability", COL_NUM},  {"inputs", "inputs", COL_TEXT},
};

static const char *out_name(pst_mc_outkind k)
{
  return k == PST_MC_OUT_MORTALITY ? "mortality" : k == PST_MC_OUT_RATIO ? "ratio" : "difference";
}

static void ratio_fmt(double x, char *b, size_t n)
{
  if (isnan(x)) snprintf(b, n, "undefined");
  else pst_fmt_sig(b, n, x, 4);
}

static int summary_row(out_table *t, const report *R, size_t k, double *qlo, double *qmed,
                       double *qhi)
{
  pst_mc_summary s;
  const sim_opts *o = R->o;
  double a = (1 - o->level) / 2, lo = CLI_NAN, med = CLI_NAN, hi = CLI_NAN, err;
  const char *group, *versus = NULL, *left = NULL;
  char desc[512] = "", iv[160];
  unsigned bits;
  int table = o->fmt == FMT_TABLE || o->fmt == FMT_MARKDOWN;
  pst_mc_summary_get(R->r, k, &s);
  if (pst_mc_quantile(R->r, k, a, &lo)) lo = CLI_NAN;
  if (pst_mc_quantile(R->r, k, 0.5, &med)) med = CLI_NAN;
  if (pst_mc_quantile(R->r, k, 1 - a, &hi)) hi = CLI_NAN;
  *qlo = lo;
  *qmed = med;
  *qhi = hi;
  if (s.kind == PST_MC_OUT_MORTALITY) {
    const pst_mc_input *v = &R->in->v[s.input];
    group = v->name;
    left = v->left_out;
    bits = sim_kind_bits(v);
    describe(v, desc, sizeof desc);
  } else {
    const pst_mc_pair *p = &R->pairs[s.input];
    group = R->in->v[p->a].name;
    versus = R->in->v[p->b].name;
    bits = sim_kind_bits(&R->in->v[p->a]) | sim_kind_bits(&R->in->v[p->b]);
  }
  err = fmax(pst_mc_quantile_error(R->r, k, isnan(lo) ? 0 : lo),
             pst_mc_quantile_error(R->r, k, isnan(hi) ? 0 : hi));
  if (table) {
    char m[64], md[64], g[300];
    out_str(t, out_name(s.kind));
    if (versus) snprintf(g, sizeof g, "%s %s %s", group, s.kind == PST_MC_OUT_RATIO ? "/" : "-", versus);
    else snprintf(g, sizeof g, "%s", group);
    out_str(t, g);
    if (s.kind == PST_MC_OUT_RATIO) {
      char l[32], h[32];
      ratio_fmt(s.mean, m, sizeof m);
      ratio_fmt(med, md, sizeof md);
      ratio_fmt(lo, l, sizeof l);
      ratio_fmt(hi, h, sizeof h);
      snprintf(iv, sizeof iv, "%s\u2013%s", l, h);
    } else {
      char x[64];
      pct_format3(med, isnan(lo) ? med : lo, isnan(hi) ? med : hi, md, sizeof md, iv, sizeof iv);
      pct_format3(s.mean, s.mean, s.mean, m, sizeof m, x, sizeof x);
      strcat(m, s.kind == PST_MC_OUT_DIFFERENCE ? " pp" : " %");
      strcat(md, s.kind == PST_MC_OUT_DIFFERENCE ? " pp" : " %");
    }
    out_num_shown(t, s.mean, m);
    out_num_shown(t, med, md);
    out_num_shown(t, lo, iv);
    out_num_shown(t, CLI_NAN, "");
    out_str(t, desc[0] ? desc : NULL);
  } else {
    char lb[PST_FMT_BUFSZ];
    out_str(t, out_name(s.kind));
    out_str(t, group);
    out_str(t, versus);
    out_num(t, CLI_NAN);
    out_num(t, s.mean);
    out_num(t, s.sd);
    out_num(t, med);
    out_num(t, lo);
    out_num(t, hi);
    out_num(t, o->level);
    out_num(t, CLI_NAN);
    out_num(t, s.n > 1 ? s.sd / sqrt((double)s.n) : CLI_NAN);
    out_num(t, s.min);
    out_num(t, s.max);
    out_int(t, (int64_t)s.n);
    out_int(t, (int64_t)s.undefined);
    out_int(t, (int64_t)s.clamped);
    out_str(t, desc[0] ? desc : NULL);
    out_str(t, left);
    out_str(t, sim_kind_text(bits));
    out_str(t, o->exact ? "exact (type 7)" : "binned (2^18 bins)");
    pst_fmt_real(lb, err);
    out_num(t, err);
    out_str(t, R->seed);
    out_str(t, GENERATOR);
    out_str(t, POWSTAT_VERSION);
  }
  out_row(t);
  return 0;
}

static void prob_row(out_table *t, const report *R, size_t pair, size_t ti)
{
  pst_mc_summary s;
  const pst_mc_pair *p = &R->pairs[pair];
  uint64_t c = pst_mc_exceed(R->r, pair, ti);
  double pr, se;
  unsigned bits = sim_kind_bits(&R->in->v[p->a]) | sim_kind_bits(&R->in->v[p->b]);
  pst_mc_summary_get(R->r, R->in->n + 2 * pair, &s);
  pr = s.n ? (double)c / (double)s.n : CLI_NAN;
  se = s.n ? sqrt(pr * (1 - pr) / (double)s.n) : CLI_NAN;
  if (R->o->fmt == FMT_TABLE || R->o->fmt == FMT_MARKDOWN) {
    char name[64], tb[PST_FMT_BUFSZ], g[300], pb[64];
    pst_fmt_real(tb, R->thr[ti]);
    snprintf(name, sizeof name, "P(ratio > %s)", tb);
    snprintf(g, sizeof g, "%s / %s", R->in->v[p->a].name, R->in->v[p->b].name);
    out_str(t, name);
    out_str(t, g);
    out_num_shown(t, CLI_NAN, "");
    out_num_shown(t, CLI_NAN, "");
    out_num_shown(t, CLI_NAN, "");
    /* a probability of exactly 0 or 1 in N draws is "< 1/N" or "> 1 - 1/N" */
    if (c == 0) snprintf(pb, sizeof pb, "< %.3g", 1.0 / (double)s.n);
    else if (c == s.n) snprintf(pb, sizeof pb, "> 1 - %.3g", 1.0 / (double)s.n);
    else snprintf(pb, sizeof pb, "%.4f", pr);
    out_num_shown(t, pr, pb);
    out_str(t, NULL);
  } else {
    out_str(t, "p_ratio_gt");
    out_str(t, R->in->v[p->a].name);
    out_str(t, R->in->v[p->b].name);
    out_num(t, R->thr[ti]);
    for (int k = 0; k < 5; k++) out_num(t, CLI_NAN);
    out_num(t, R->o->level);
    out_num(t, pr);
    out_num(t, se);
    out_num(t, CLI_NAN);
    out_num(t, CLI_NAN);
    out_int(t, (int64_t)s.n);
    out_int(t, (int64_t)s.undefined);
    out_int(t, -1);
    out_str(t, NULL);
    out_str(t, NULL);
    out_str(t, sim_kind_text(bits));
    out_str(t, NULL);
    out_num(t, CLI_NAN);
    out_str(t, R->seed);
    out_str(t, GENERATOR);
    out_str(t, POWSTAT_VERSION);
  }
  out_row(t);
}

static int write_summary(const report *R, FILE *fp)
{
  const sim_opts *o = R->o;
  int table = o->fmt == FMT_TABLE || o->fmt == FMT_MARKDOWN;
  out_table *t = table ? out_new(o->fmt, fp, "simulate", tab_cols, sizeof tab_cols / sizeof tab_cols[0])
                       : out_new(o->fmt, fp, "simulate", sum_cols, sizeof sum_cols / sizeof sum_cols[0]);
  char b[512], lb[PST_FMT_BUFSZ];
  unsigned bits = 0;
  double lo, med, hi;
  if (!t) return EXIT_OSERR;
  for (size_t i = 0; i < R->in->n; i++) bits |= sim_kind_bits(&R->in->v[i]);
  pst_fmt_real(lb, o->level);
  snprintf(b, sizeof b, "%s percentile interval of the draws: %s uncertainty", lb, sim_kind_text(bits));
  out_meta(t, "interval", b);
  snprintf(b, sizeof b, "%llu", (unsigned long long)o->draws);
  out_meta(t, "draws", b);
  out_meta(t, "seed", R->seed);
  out_meta(t, "generator", GENERATOR);
  out_meta(t, "within", pst_mc_within_name(o->within));
  out_meta(t, "quantiles", o->exact ? "exact (type 7, every draw kept)"
                                    : "binned: 2^18 fine bins, error <= 3.8e-6 (mortality), 7.6e-6 "
                                      "(difference), 6.1e-5 relative (ratio)");
  for (size_t i = 0; i < R->in->n; i++)
    if (R->in->v[i].left_out) {
      char key[200];
      snprintf(key, sizeof key, "left out of %s", R->in->v[i].name);
      out_meta(t, key, R->in->v[i].left_out);
    }
  out_meta(t, "powstat_version", POWSTAT_VERSION);
  for (size_t k = 0; k < pst_mc_noutputs(R->r); k++) summary_row(t, R, k, &lo, &med, &hi);
  for (size_t p = 0; p < R->npairs; p++)
    for (size_t ti = 0; ti < R->nthr; ti++) prob_row(t, R, p, ti);
  return out_finish(t) == 0 ? 0 : -1;
}

static int write_histogram(const report *R, FILE *fp)
{
  static const out_col cols[] = {
    {"output", NULL, COL_TEXT},  {"group", NULL, COL_TEXT},  {"versus", NULL, COL_TEXT},
    {"label", NULL, COL_TEXT},   {"bin_low", NULL, COL_NUM}, {"bin_high", NULL, COL_NUM},
    {"count", NULL, COL_NUM},    {"density", NULL, COL_NUM}, {"median", NULL, COL_NUM},
    {"lower", NULL, COL_NUM},    {"upper", NULL, COL_NUM},   {"level", NULL, COL_NUM},
    {"seed", NULL, COL_TEXT},    {"generator", NULL, COL_TEXT},
    {"powstat_version", NULL, COL_TEXT},
  };
  out_table *t = out_new(FMT_CSV, fp, "simulate", cols, sizeof cols / sizeof cols[0]);
  uint64_t *cnt = malloc(R->o->bins * sizeof *cnt);
  double a = (1 - R->o->level) / 2;
  if (!t || !cnt) { free(cnt); if (t) out_finish(t); return EXIT_OSERR; }
  for (size_t k = 0; k < pst_mc_noutputs(R->r); k++) {
    pst_mc_summary s;
    const char *g, *vs = NULL;
    char label[300];
    double lo = CLI_NAN, med = CLI_NAN, hi = CLI_NAN, w;
    size_t nb = R->o->bins;
    pst_mc_summary_get(R->r, k, &s);
    if (s.n == 0) continue;
    if (s.kind == PST_MC_OUT_MORTALITY) {
      g = R->in->v[s.input].name;
      snprintf(label, sizeof label, "%s mortality", g);
    } else {
      g = R->in->v[R->pairs[s.input].a].name;
      vs = R->in->v[R->pairs[s.input].b].name;
      snprintf(label, sizeof label, "%s %s %s", g, s.kind == PST_MC_OUT_RATIO ? "/" : "-", vs);
    }
    if (pst_mc_quantile(R->r, k, a, &lo)) lo = CLI_NAN;
    if (pst_mc_quantile(R->r, k, 0.5, &med)) med = CLI_NAN;
    if (pst_mc_quantile(R->r, k, 1 - a, &hi)) hi = CLI_NAN;
    if (!(s.max > s.min)) {
      nb = 1;
      cnt[0] = s.n;
      w = 0;
    } else {
      pst_mc_histogram(R->r, k, nb, s.min, s.max, cnt);
      w = (s.max - s.min) / (double)nb;
    }
    for (size_t i = 0; i < nb; i++) {
      double bl = nb == 1 && w == 0 ? s.min : s.min + w * (double)i;
      double bh = nb == 1 && w == 0 ? s.max : (i + 1 == nb ? s.max : s.min + w * (double)(i + 1));
      out_str(t, out_name(s.kind));
      out_str(t, g);
      out_str(t, vs);
      out_str(t, label);
      out_num(t, bl);
      out_num(t, bh);
      out_int(t, (int64_t)cnt[i]);
      out_num(t, w > 0 ? (double)cnt[i] / (double)s.n / w : CLI_NAN);
      out_num(t, med);
      out_num(t, lo);
      out_num(t, hi);
      out_num(t, R->o->level);
      out_str(t, R->seed);
      out_str(t, GENERATOR);
      out_str(t, POWSTAT_VERSION);
      out_row(t);
    }
  }
  free(cnt);
  return out_finish(t) == 0 ? 0 : -1;
}

static int write_draws(const report *R, FILE *fp)
{
  size_t nout = pst_mc_noutputs(R->r);
  const double **col = malloc(nout * sizeof *col);
  char b[PST_FMT_BUFSZ];
  if (!col) return EXIT_OSERR;
  fputs("draw", fp);
  for (size_t i = 0; i < R->in->n; i++) fprintf(fp, ",%s", R->in->v[i].name);
  for (size_t p = 0; p < R->npairs; p++) {
    const char *a = R->in->v[R->pairs[p].a].name, *bb = R->in->v[R->pairs[p].b].name;
    fprintf(fp, ",ratio:%s/%s,difference:%s-%s", a, bb, a, bb);
  }
  fputs(",seed,generator,powstat_version\n", fp);
  for (size_t k = 0; k < nout; k++) col[k] = pst_mc_draws(R->r, k);
  for (uint64_t j = 0; j < R->o->draws; j++) {
    fprintf(fp, "%llu", (unsigned long long)(j + 1));
    for (size_t k = 0; k < nout; k++) {
      fputc(',', fp);
      if (!isnan(col[k][j])) {
        pst_fmt_real(b, col[k][j]);
        fputs(b, fp);
      }
    }
    fprintf(fp, ",%s,\"%s\",%s\n", R->seed, GENERATOR, POWSTAT_VERSION);
  }
  free(col);
  return ferror(fp) ? -1 : 0;
}

/* Write one output file with f; returns 0 or an exit code. */
static int write_file(const char *path, const report *R, int (*f)(const report *, FILE *))
{
  cli_output out;
  int rc;
  if ((rc = cli_output_open(&out, path))) return rc;
  rc = f(R, out.fp);
  return cli_output_close(&out, rc);
}

int cmd_simulate(int argc, char **argv)
{
  static const struct option longopts[] = {
    {"draws", required_argument, NULL, 'n'},     {"seed", required_argument, NULL, 's'},
    {"threads", required_argument, NULL, 'j'},   {"level", required_argument, NULL, 'l'},
    {"compare", required_argument, NULL, 'c'},   {"threshold", required_argument, NULL, 't'},
    {"groups", required_argument, NULL, 'g'},    {"spec", required_argument, NULL, OPT_SPEC},
    {"estimates", required_argument, NULL, 'e'}, {"within", required_argument, NULL, OPT_WITHIN},
    {"sampling", no_argument, NULL, OPT_SAMPLING}, {"exact", no_argument, NULL, OPT_EXACT},
    {"draws-out", required_argument, NULL, OPT_DRAWS_OUT},
    {"histogram", required_argument, NULL, OPT_HIST}, {"bins", required_argument, NULL, OPT_BINS},
    {"show-inputs", no_argument, NULL, OPT_SHOW}, {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'},    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},            {NULL, 0, NULL, 0}};
  sim_opts o;
  int c, rc = 0, fmt_set = 0;
  uint64_t u;
  pst_estimates est = {0};
  pst_mc_inputs all = {0}, run = {0};
  pst_mc_pair *pairs = NULL, *rpairs = NULL;
  size_t npairs = 0, nthr = 0;
  double *thr = NULL;
  pst_mc_result *res = NULL;
  progress *pg = NULL;
  pst_diag d = {0};

  memset(&o, 0, sizeof o);
  o.draws = 1000000;
  o.seed = 1;
  o.threads = sim_default_threads();
  o.level = 0.95;
  o.compare = DEFAULT_COMPARE;
  o.thresholds = "1,2,3";
  o.groups = "compared";
  o.bins = 40;
  opterr = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, ":n:s:j:l:c:t:g:e:f:o:qh", longopts, NULL)) != -1) {
    switch (c) {
    case 'n': if ((rc = sim_parse_u64("simulate", "--draws", optarg, 1, &o.draws))) return rc; break;
    case 's': {
      /* seeds up to 2^64-1: parse digits ourselves (pst_parse_count stops at 2^53) */
      char *end;
      unsigned long long v;
      errno = 0;
      if (!*optarg || optarg[0] == '-' || optarg[0] == '+' || optarg[0] == ' ')
        return cli_usage("simulate", "--seed '%s': expected a whole number 0 <= S < 2^64", optarg);
      v = strtoull(optarg, &end, 10);
      if (*end || errno == ERANGE)
        return cli_usage("simulate", "--seed '%s': expected a whole number 0 <= S < 2^64", optarg);
      o.seed = (uint64_t)v;
      break;
    }
    case 'j':
      if ((rc = sim_parse_u64("simulate", "--threads", optarg, 1, &u))) return rc;
      if (u > 256) return cli_usage("simulate", "--threads '%s': at most 256", optarg);
      o.threads = (unsigned)u;
      break;
    case 'l': if ((rc = cli_parse_level("simulate", optarg, &o.level))) return rc; break;
    case 'c': o.compare = optarg; break;
    case 't': o.thresholds = optarg; break;
    case 'g': o.groups = optarg; break;
    case OPT_SPEC: o.spec = optarg; break;
    case 'e': o.estimates = optarg; break;
    case OPT_WITHIN:
      if (pst_mc_within_parse(optarg, &o.within))
        return cli_usage("simulate", "--within '%s': expected uniform, triangular or pert", optarg);
      break;
    case OPT_SAMPLING: o.sampling = 1; break;
    case OPT_EXACT: o.exact = 1; break;
    case OPT_DRAWS_OUT: o.draws_out = optarg; o.exact = 1; break;
    case OPT_HIST: o.histogram = optarg; break;
    case OPT_BINS:
      if ((rc = sim_parse_u64("simulate", "--bins", optarg, 1, &u))) return rc;
      if (u > 100000) return cli_usage("simulate", "--bins '%s': at most 100000", optarg);
      o.bins = (size_t)u;
      break;
    case OPT_SHOW: o.show = 1; break;
    case 'f':
      if (cli_parse_format(optarg, 0x1F, &o.fmt))
        return cli_usage("simulate", "--format '%s': expected table, csv, tsv, json or markdown", optarg);
      fmt_set = 1;
      break;
    case 'o': o.output = optarg; break;
    case 'q': o.quiet = 1; break;
    case 'h': fputs(help_simulate, stdout); return cli_finish_stdout();
    case ':': return cli_usage("simulate", "option '%s' needs a value", argv[optind - 1]);
    default: return cli_usage("simulate", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (optind < argc) return cli_usage("simulate", "unexpected argument '%s'", argv[optind]);
  if (!fmt_set) o.fmt = (o.output && strcmp(o.output, "-")) ? FMT_CSV : cli_default_format();
  if ((rc = parse_thresholds(o.thresholds, &thr, &nthr))) goto done;

  if ((rc = sim_load_inputs("simulate", o.estimates, o.spec, o.within, o.sampling, &est, &all)))
    goto done;
  if (o.show) {
    cli_output out;
    if ((rc = cli_output_open(&out, o.output))) goto done;
    rc = show_inputs(&o, &all, out.fp);
    rc = cli_output_close(&out, rc);
    goto done;
  }
  if (!*o.compare) {
    npairs = 0;
  } else {
    int st = pst_mc_parse_pairs(&all, o.compare, &pairs, &npairs, &d);
    if (st == PST_ENOMEM) { rc = EXIT_OSERR; goto done; }
    if (st != PST_OK) { rc = cli_usage("simulate", "--compare: %s", d.msg); goto done; }
  }
  if (strcmp(o.groups, "all") != 0 && strcmp(o.groups, "compared") != 0) {
    /* every listed group must exist */
    const char *p = o.groups;
    while (*p) {
      const char *cm = strchr(p, ',');
      size_t len = cm ? (size_t)(cm - p) : strlen(p);
      char g[128];
      snprintf(g, sizeof g, "%.*s", (int)(len < 127 ? len : 127), p);
      if (pst_mc_inputs_find(&all, g) < 0) {
        rc = cli_usage("simulate", "--groups: no input named '%s' (a group with a usable estimate, "
                                   "or an input of the spec file)", g);
        goto done;
      }
      if (!cm) break;
      p = cm + 1;
    }
  }

  /* The inputs drawn: the reported groups and the compared ones, in input
   * order (a shallow view of `all`). */
  run.v = malloc((all.n + 1) * sizeof *run.v);
  rpairs = malloc((npairs + 1) * sizeof *rpairs);
  {
    size_t *map = malloc((all.n + 1) * sizeof *map);
    if (!run.v || !rpairs || !map) { free(map); rc = EXIT_OSERR; goto done; }
    for (size_t i = 0; i < all.n; i++) {
      int want = strcmp(o.groups, "all") == 0 ||
                 (strcmp(o.groups, "compared") != 0 && in_list(o.groups, all.v[i].name));
      for (size_t p = 0; p < npairs; p++) want |= pairs[p].a == i || pairs[p].b == i;
      map[i] = (size_t)-1;
      if (want) { map[i] = run.n; run.v[run.n++] = all.v[i]; }
    }
    for (size_t p = 0; p < npairs; p++) {
      rpairs[p].a = map[pairs[p].a];
      rpairs[p].b = map[pairs[p].b];
    }
    free(map);
  }
  if (run.n == 0) { rc = cli_usage("simulate", "nothing to simulate: no comparison and no group"); goto done; }

  {
    pst_mc_model m = {&run, rpairs, npairs, thr, nthr};
    pst_mc_opts mo;
    int st;
    memset(&mo, 0, sizeof mo);
    mo.draws = o.draws;
    mo.seed = o.seed;
    mo.threads = o.threads;
    mo.keep = o.exact;
    pg = progress_new("simulate", "draws", o.draws, o.quiet);
    mo.progress = pg ? progress_callback : NULL;
    mo.progress_ctx = pg;
    st = pst_mc_run(&m, &mo, &res);
    progress_end(pg);
    pg = NULL;
    if (st == PST_ELIMIT) {
      cli_err("--exact/--draws-out keep every draw: %llu draws x %zu outputs is over the limit of "
              "%llu values; use fewer draws, or drop --exact for bounded-memory quantiles",
              (unsigned long long)o.draws, run.n + 2 * npairs, (unsigned long long)PST_MC_KEEP_MAX);
      rc = EXIT_USAGE;
      goto done;
    }
    if (st != PST_OK) {
      cli_err("simulation failed: %s", pst_strerror(st));
      rc = cli_exit_code(st);
      goto done;
    }
  }
  {
    report R = {&o, &run, rpairs, npairs, thr, nthr, res, ""};
    snprintf(R.seed, sizeof R.seed, "%llu", (unsigned long long)o.seed);
    if (o.draws_out && (rc = write_file(o.draws_out, &R, write_draws))) goto done;
    if (o.histogram && (rc = write_file(o.histogram, &R, write_histogram))) goto done;
    rc = write_file(o.output, &R, write_summary);
  }

done:
  progress_end(pg);
  pst_mc_free(res);
  free(run.v); /* shallow view: the inputs belong to `all` */
  free(rpairs);
  free(pairs);
  free(thr);
  pst_mc_inputs_free(&all);
  pst_estimates_free(&est);
  return rc;
}
