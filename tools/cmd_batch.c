/* cmd_batch.c -- `powstat batch`: many jobs from a CSV file, streamed row by
 * row in constant memory, optionally one shard of N.
 *
 * The run keeps nothing per row: one record of the reader, one 64 KiB output
 * buffer, the dataset when jobs name estimates.  Output columns depend only
 * on the job file's header (never on its rows), so every shard writes the
 * same columns and shards concatenate to the unsharded output. */
#define _POSIX_C_SOURCE 200809L
#include "batch_job.h"
#include "batch_out.h"
#include "batch_progress.h"
#include "batch_shard.h"
#include "cli.h"
#include "commands.h"
#include "estimates_io.h"

#include "powstat/compare.h"
#include "powstat/csvread.h"
#include "powstat/dataset.h"
#include "powstat/num.h"
#include "powstat/prop.h"
#include "powstat/schema.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The help documents every job column and the output layout of all four
 * kinds: longer than the 4095 bytes C11 promises for a literal, well within
 * what GCC and Clang (the compilers of the build) accept. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverlength-strings"
const char help_batch[] =
  "Usage: powstat batch [OPTION]... JOBS\n"
  "\n"
  "Run the jobs of the CSV file JOBS ('-': standard input), one per row, and\n"
  "stream the result rows of each job, in input order, with its job id.\n"
  "Memory stays constant whatever the number of rows.\n"
  "\n"
  "Job columns (by name, any order; unknown names are an error unless they\n"
  "start with x_; an empty cell takes the default):\n"
  "  id         job id, copied to the output (required; not checked for\n"
  "             uniqueness: the run keeps nothing per row)\n"
  "  kind       rate, compare, simulate or outcomes [rate]\n"
  "  deaths, captured    counts (\"3,576,300\" allowed); group 1 of a compare\n"
  "  estimate   a dataset estimate id (--estimates) instead of the counts\n"
  "  deaths2, captured2, estimate2    group 2 of a compare job\n"
  "  measure    compare: diff (p1 - p2), ratio (p1 / p2), odds-ratio [diff]\n"
  "  method     rate: as 'powstat rates --method' [--method]; compare: diff\n"
  "             wald, wald-cc, newcombe, agresti-caffo, mn [newcombe]; ratio\n"
  "             katz, koopman, mn [koopman]; odds-ratio woolf, exact, mid-p,\n"
  "             mn, cornfield [mn]; outcomes: goodman, qh, sison-glaz,\n"
  "             wilson-bonferroni [goodman]; simulate: none\n"
  "  level      confidence level, 0 < P < 1 (95 means 0.95) [--level]\n"
  "  sides      rate: two, lower ([L, 1]) or upper ([0, U]) [--sides]\n"
  "  group      simulate: one input (a group id of the estimates, as in\n"
  "             'powstat simulate --show-inputs'), its mortality\n"
  "  compare    simulate: A:B, the mortality of A and B, ratio A/B and\n"
  "             difference A-B\n"
  "  draws      simulate: number of draws [--draws]\n"
  "  seed       simulate: 0 <= S < 2^64 [derived from --seed and id, below]\n"
  "  threshold  simulate compare: comma list t, P(ratio > t) for each\n"
  "  counts     outcomes: a comma list of counts (\"231034,18382,5347\")\n"
  "  labels     outcomes: comma list of category names for counts [c1,c2,..]\n"
  "  cohort     outcomes: a cohort id of --outcomes, instead of counts\n"
  "Smallest job file:  id,kind,deaths,captured,method,level\n"
  "                    j1,rate,41,120000,wilson,0.95\n"
  "\n"
  "Seeds. A simulate job without a seed cell uses\n"
  "  seed = splitmix64(S XOR fnv1a64(id))\n"
  "with S the --seed base, fnv1a64 the 64-bit FNV-1a hash of the id's bytes and\n"
  "splitmix64 the finaliser of Steele et al. (2014) (x += 0x9E3779B97F4A7C15,\n"
  "then its two xor-shift-multiply rounds). The seed depends on the job only,\n"
  "never on the shard, the row's position or --threads. A job with seed S and\n"
  "N draws makes the draws of 'powstat simulate --seed S --draws N' (same\n"
  "means; the same quantiles as with --exact while the job's are exact).\n"
  "\n"
  "Output columns (decided from the header of JOBS alone, so that every\n"
  "shard writes the same): those of 'powstat rates --format csv' (id,deaths,\n"
  "captured,proportion,method,level,lower,upper,sides,range_low,range_high,\n"
  "holder,captive,group,period,basis,source,verified,stated_pct); then kind,\n"
  "if the header has a column of another kind; then, if it has a deaths2,\n"
  "captured2, estimate2 or measure column, measure,estimate,p_value,deaths2,\n"
  "captured2,proportion2; if it has group or compare: output (mortality,\n"
  "ratio, difference, p_ratio_gt),versus,threshold,mean,sd,median,\n"
  "probability,mc_se,draws,undefined,clamped,interval,quantiles,\n"
  "quantile_error,seed,generator; if it has counts or cohort: cohort,\n"
  "category,count,total,share,warning; then status (ok, undefined = ratio\n"
  "with a zero denominator or no defined draw, noconv = tolerance missed,\n"
  "error) and error (FILE:LINE:COL: message).\n"
  "Rows: one per rate or compare job; a simulate job gives one row per output\n"
  "(group: its mortality; compare A:B: mortality of A, of B, ratio, difference,\n"
  "then one p_ratio_gt row per threshold), with group = A and versus = B;\n"
  "an outcomes job one row per category. lower, upper: sampling interval of\n"
  "the proportion (rate), of the measure's estimate (compare; deaths,\n"
  "captured, proportion are then group 1's), percentile interval of the\n"
  "draws (simulate: between-source uncertainty, see interval), simultaneous\n"
  "interval of the share (outcomes; method is the one used). range_low,\n"
  "range_high: between-source range of a dataset estimate. Quantiles of a\n"
  "simulate job are exact (type 7) up to 2^20 draws x outputs, else binned.\n"
  "Numbers round-trip exactly; json-lines writes an infinite bound as 1e999.\n"
  "\n"
  "Options:\n"
  "  -o, --output FILE   write to FILE (atomically: a failure leaves any old FILE)\n"
  "  -f, --format F      csv, tsv or json-lines [csv]\n"
  "  -m, --method M      default method of rate jobs [wilson]\n"
  "  -l, --level P       default confidence level [0.95]\n"
  "      --sides S       default sides of rate jobs [two]\n"
  "  -k, --keep-going    write a bad job as an error row and go on (exit 65 at\n"
  "                      the end if any failed); default: stop at the first one\n"
  "                      with FILE:LINE:COL. Broken CSV (stray quote, bad UTF-8)\n"
  "                      always stops.\n"
  "      --shard K/N     only the K-th of N contiguous blocks of rows (JOBS a\n"
  "                      regular file); shards 1..N concatenated in order are\n"
  "                      the unsharded output byte for byte (header in shard 1)\n"
  "      --estimates FILE  dataset for estimate ids and simulate inputs\n"
  "                      [bundled estimates.csv]\n"
  "      --sources FILE  sources file to check it against [beside it]\n"
  "      --seed S        base seed of simulate jobs, 0 <= S < 2^64 [1]\n"
  "      --draws N       default draws of simulate jobs [10000]\n"
  "      --threads T     threads per simulate job; results do not depend on\n"
  "                      it (run shards in parallel instead) [1]\n"
  "      --spec FILE     simulate input specification, as 'powstat simulate'\n"
  "      --within W      simulate: uniform, triangular or pert [uniform]\n"
  "      --sampling      simulate: add binomial sampling to source draws\n"
  "      --outcomes FILE outcome tables for cohort ids [bundled outcomes.csv]\n"
  "  -q, --quiet         no progress line (else shown on a terminal after 1 s)\n"
  "  -h, --help          show this help and exit\n"
  "\n"
  "Examples:\n"
  "  powstat batch jobs.csv -o results.csv\n"
  "  powstat batch --shard 2/8 jobs.csv > part2.csv\n"
  "  powstat batch --seed 7 --draws 100000 simulate-jobs.csv\n"
  "\n"
  "Exit status: 0 success, 64 usage, 65 a bad job (with --keep-going: any error\n"
  "row), 66 JOBS missing, 73 cannot create output, 74 read/write error.\n";
#pragma GCC diagnostic pop

/* ---- job columns ---- */

const pst_colspec batch_job_spec[J_NCOLS] = {
  {"id", 1}, {"kind", 0}, {"deaths", 0}, {"captured", 0}, {"estimate", 0},
  {"deaths2", 0}, {"captured2", 0}, {"estimate2", 0}, {"measure", 0},
  {"method", 0}, {"level", 0}, {"sides", 0},
  {"group", 0}, {"compare", 0}, {"draws", 0}, {"seed", 0}, {"threshold", 0},
  {"counts", 0}, {"labels", 0}, {"cohort", 0},
};

static const out_col kind_col = {"kind", NULL, COL_TEXT};
const out_col batch_cmp_cols[N_CMP] = {
  {"measure", NULL, COL_TEXT}, {"estimate", NULL, COL_NUM},
  {"p_value", NULL, COL_NUM}, {"deaths2", NULL, COL_NUM}, {"captured2", NULL, COL_NUM},
  {"proportion2", NULL, COL_NUM},
};
static const out_col tail_cols[] = {{"status", NULL, COL_TEXT}, {"error", NULL, COL_TEXT}};

static const char *sides_name(pst_sides s)
{
  return s == PST_SIDES_LOWER ? "lower" : s == PST_SIDES_UPPER ? "upper" : "two";
}

/* Fill d for cell idx (or the end of the record if the column is absent)
 * of the current record, in absolute line numbers. */
int bjob_err(batch_ctx *c, size_t nf, int idx, pst_diag *d, const char *fmt, ...)
  __attribute__((format(printf, 5, 6)));
int bjob_err(batch_ctx *c, size_t nf, int idx, pst_diag *d, const char *fmt, ...)
{
  char msg[sizeof d->msg];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  pst_csv_field_error(c->r, idx >= 0 && (size_t)idx < nf ? (size_t)idx : nf, d, PST_EDATA, "%s", msg);
  d->line += c->line_base;
  return PST_EDATA;
}

const char *bjob_cell(const pst_field *f, size_t nf, int idx)
{
  return pst_cell_missing(f, nf, idx) ? NULL : f[idx].s;
}

/* Counts of one group: deaths/captured cells, or an estimate id. */
static int group_counts(batch_ctx *c, const pst_field *f, size_t nf, int jd, int jc, int je,
                        int64_t *k, int64_t *n, const pst_estimate **e, pst_diag *d)
{
  const char *eid = bjob_cell(f, nf, c->idx[je]);
  int st;
  *e = NULL;
  if (eid) {
    if (bjob_cell(f, nf, c->idx[jd]) || bjob_cell(f, nf, c->idx[jc]))
      return bjob_err(c, nf, c->idx[je], d, "give either %s or %s and %s, not both",
                      batch_job_spec[je].name, batch_job_spec[jd].name, batch_job_spec[jc].name);
    *e = pst_estimates_find(&c->est, eid);
    if (!*e)
      return bjob_err(c, nf, c->idx[je], d, "unknown estimate id '%.40s' (not in %s)", eid,
                      c->est.n ? c->est.v[0].file : "the dataset");
    if (!pst_estimate_point(*e, k, n))
      return bjob_err(c, nf, c->idx[je], d,
                      "estimate '%.40s' has no point deaths and captured (a range only?)", eid);
    return PST_OK;
  }
  if ((st = pst_cell_count(c->r, f, nf, c->idx[jd], batch_job_spec[jd].name, k, d)) != PST_OK ||
      (st = pst_cell_count(c->r, f, nf, c->idx[jc], batch_job_spec[jc].name, n, d)) != PST_OK) {
    d->line += c->line_base;
    return st;
  }
  if (*k < 0)
    return bjob_err(c, nf, c->idx[jd], d, "missing %s (or give %s)", batch_job_spec[jd].name,
                    batch_job_spec[je].name);
  if (*n < 0)
    return bjob_err(c, nf, c->idx[jc], d, "missing %s (or give %s)", batch_job_spec[jc].name,
                    batch_job_spec[je].name);
  if (*n == 0) return bjob_err(c, nf, c->idx[jc], d, "%s is 0: no proportion", batch_job_spec[jc].name);
  if (*k > *n)
    return bjob_err(c, nf, c->idx[jd], d, "%s (%lld) exceed %s (%lld)", batch_job_spec[jd].name,
                    (long long)*k, batch_job_spec[jc].name, (long long)*n);
  return PST_OK;
}

int bjob_level(batch_ctx *c, const pst_field *f, size_t nf, double *level, const char **txt,
                     pst_diag *d)
{
  const char *s = bjob_cell(f, nf, c->idx[J_LEVEL]);
  const char *why;
  double v;
  if (!s) s = "";
  if (strcmp(s, c->level_txt) == 0) {
    *level = c->level_val;
    *txt = c->level_fmt;
    return PST_OK;
  }
  if (!*s) {
    v = c->o->level;
  } else {
    if (pst_parse_real(s, strlen(s), &v, &why, NULL) != PST_OK)
      return bjob_err(c, nf, c->idx[J_LEVEL], d, "level: %s: '%.40s'", why, s);
    if (v >= 1.0 && v < 100.0) v /= 100.0; /* 95 means 0.95, as --level */
    if (!(v > 0.0 && v < 1.0))
      return bjob_err(c, nf, c->idx[J_LEVEL], d,
                      "level '%.40s': must be between 0 and 1 (e.g. 0.95), exclusive", s);
  }
  if (strlen(s) < sizeof c->level_txt) {
    memcpy(c->level_txt, s, strlen(s) + 1);
    c->level_val = v;
    pst_fmt_real(c->level_fmt, v);
    *txt = c->level_fmt;
  } else {
    static char b[PST_FMT_BUFSZ];
    c->level_txt[0] = '\x01'; /* no cache */
    pst_fmt_real(b, v);
    *txt = b;
  }
  *level = v;
  return PST_OK;
}

static int job_sides(batch_ctx *c, const pst_field *f, size_t nf, pst_sides *sides, pst_diag *d)
{
  const char *s = bjob_cell(f, nf, c->idx[J_SIDES]);
  if (!s) *sides = c->o->sides;
  else if (strcmp(s, "two") == 0) *sides = PST_SIDES_TWO;
  else if (strcmp(s, "lower") == 0) *sides = PST_SIDES_LOWER;
  else if (strcmp(s, "upper") == 0) *sides = PST_SIDES_UPPER;
  else return bjob_err(c, nf, c->idx[J_SIDES], d, "sides '%.40s': expected two, lower or upper", s);
  return PST_OK;
}

int bjob_two_sided(batch_ctx *c, const pst_field *f, size_t nf, const char *what, pst_diag *d)
{
  const char *s = bjob_cell(f, nf, c->idx[J_SIDES]);
  if (s && strcmp(s, "two") != 0)
    return bjob_err(c, nf, c->idx[J_SIDES], d, "%s intervals are two-sided only", what);
  return PST_OK;
}

void bjob_pad(batch_ctx *c, size_t col)
{
  if (c->w->col < col) bout_missing(c->w, col - c->w->col);
}

void bjob_tail(batch_ctx *c, const char *status, const char *error)
{
  bjob_pad(c, c->off_tail);
  bout_str(c->w, status);
  bout_str(c->w, error);
  bout_end_row(c->w);
}

static int run_rate(batch_ctx *c, const pst_field *f, size_t nf, const char *id, pst_diag *d)
{
  int64_t k, n;
  const pst_estimate *e;
  double level, rlo = CLI_NAN, rhi = CLI_NAN;
  const char *ltxt, *m = bjob_cell(f, nf, c->idx[J_METHOD]);
  pst_prop_method method;
  pst_sides sides = PST_SIDES_TWO;
  pst_interval ci;
  int st, ranged;
  bout *w = c->w;

  if ((st = group_counts(c, f, nf, J_DEATHS, J_CAPTURED, J_ESTIMATE, &k, &n, &e, d)) != PST_OK)
    return st;
  if (!m) {
    method = c->o->method;
  } else if (strcmp(m, c->method_txt) == 0) {
    method = c->method_val;
  } else {
    if (pst_prop_method_parse(m, &method) != PST_OK)
      return bjob_err(c, nf, c->idx[J_METHOD], d,
                      "unknown method '%.40s' for a rate job (wald, wilson, wilson-cc, "
                      "agresti-coull, jeffreys, clopper-pearson, mid-p, lr)", m);
    if (strlen(m) < sizeof c->method_txt) {
      memcpy(c->method_txt, m, strlen(m) + 1);
      c->method_val = method;
    }
  }
  if ((st = bjob_level(c, f, nf, &level, &ltxt, d)) != PST_OK) return st;
  if ((st = job_sides(c, f, nf, &sides, d)) != PST_OK) return st;
  st = pst_prop_ci(method, (uint64_t)k, (uint64_t)n, level, sides, &ci);
  if (st != PST_OK && st != PST_ENOCONV)
    return bjob_err(c, nf, c->idx[J_ID], d, "%s", pst_strerror(st));
  ranged = e && pst_estimate_range(e, &rlo, &rhi);

  bout_str(w, id);
  bout_int(w, k);
  bout_int(w, n);
  bout_num(w, (double)k / (double)n);
  bout_str(w, pst_prop_method_name(method));
  bout_numtext(w, ltxt);
  bout_num(w, ci.lower);
  bout_num(w, ci.upper);
  bout_str(w, sides_name(sides));
  if (e) {
    bout_num(w, ranged ? rlo : CLI_NAN);
    bout_num(w, ranged ? rhi : CLI_NAN);
    bout_str(w, e->holder);
    bout_str(w, e->captive);
    bout_str(w, e->group);
    bout_str(w, e->period);
    bout_str(w, e->basis);
    bout_str(w, e->source);
    bout_str(w, e->verified);
    bout_str(w, e->stated_pct);
  } else {
    bout_missing(w, N_RATE_TAIL);
  }
  if (c->off_kind) bout_str(w, "rate");
  bjob_tail(c, st == PST_ENOCONV ? "noconv" : "ok", NULL);
  return PST_OK;
}

static int run_compare(batch_ctx *c, const pst_field *f, size_t nf, const char *id, pst_diag *d)
{
  int64_t k1, n1, k2, n2;
  const pst_estimate *e1, *e2;
  const char *ms = bjob_cell(f, nf, c->idx[J_MEASURE]), *m = bjob_cell(f, nf, c->idx[J_METHOD]), *ltxt;
  pst_cmp_measure measure = PST_CMP_DIFF;
  pst_cmp_method method;
  pst_cmp_ci r;
  double level;
  int st;
  bout *w = c->w;

  if (!c->has_cmp)
    return bjob_err(c, nf, c->idx[J_KIND], d,
                    "a compare job needs deaths2 and captured2 (or estimate2) columns");
  if ((st = group_counts(c, f, nf, J_DEATHS, J_CAPTURED, J_ESTIMATE, &k1, &n1, &e1, d)) != PST_OK ||
      (st = group_counts(c, f, nf, J_DEATHS2, J_CAPTURED2, J_ESTIMATE2, &k2, &n2, &e2, d)) != PST_OK)
    return st;
  if (ms && (pst_cmp_measure_parse(ms, &measure) != PST_OK || measure == PST_CMP_RATE_RATIO))
    return bjob_err(c, nf, c->idx[J_MEASURE], d, "measure '%.40s': expected diff, ratio or odds-ratio%s",
                    ms, measure == PST_CMP_RATE_RATIO ? " (rate ratios need person-time)" : "");
  if (!m) {
    method = measure == PST_CMP_DIFF ? PST_CMP_DIFF_NEWCOMBE
             : measure == PST_CMP_RATIO ? PST_CMP_RATIO_KOOPMAN : PST_CMP_OR_MN;
  } else if (pst_cmp_method_parse(measure, m, &method) != PST_OK) {
    return bjob_err(c, nf, c->idx[J_METHOD], d, "unknown method '%.40s' for measure %s (%s)", m,
                    pst_cmp_measure_name(measure),
                    measure == PST_CMP_DIFF ? "wald, wald-cc, newcombe, agresti-caffo, mn"
                    : measure == PST_CMP_RATIO ? "katz, koopman, mn"
                                               : "woolf, exact, mid-p, mn, cornfield");
  }
  if ((st = bjob_level(c, f, nf, &level, &ltxt, d)) != PST_OK) return st;
  if ((st = bjob_two_sided(c, f, nf, "compare", d)) != PST_OK) return st;
  if ((uint64_t)n1 + (uint64_t)n2 > PST_COUNT_MAX)
    return bjob_err(c, nf, c->idx[J_CAPTURED2], d, "captured + captured2 exceed 2^53");
  st = pst_cmp_props(method, (uint64_t)k1, (uint64_t)n1, (uint64_t)k2, (uint64_t)n2, level, 0, &r);
  if (st != PST_OK && st != PST_ENOCONV)
    return bjob_err(c, nf, c->idx[J_ID], d, "%s", pst_strerror(st));

  bout_str(w, id);
  bout_int(w, k1);
  bout_int(w, n1);
  bout_num(w, (double)k1 / (double)n1);
  bout_str(w, pst_cmp_method_name(method));
  bout_numtext(w, ltxt);
  bout_num(w, r.lower);
  bout_num(w, r.upper);
  bout_str(w, "two");
  bout_missing(w, N_RATE_TAIL);
  bout_str(w, "compare");
  bout_str(w, pst_cmp_measure_name(measure));
  bout_num(w, r.estimate);
  bout_num(w, r.p_value);
  bout_int(w, k2);
  bout_int(w, n2);
  bout_num(w, (double)k2 / (double)n2);
  bjob_tail(c, st == PST_ENOCONV ? "noconv" : r.status == PST_EUNDEF ? "undefined" : "ok", NULL);
  return PST_OK;
}

static int run_job(batch_ctx *c, const pst_field *f, size_t nf, pst_diag *d)
{
  const char *id, *kind;
  /* a row of another width is a misplaced cell (an unquoted 120,000 shifts
   * every cell after it), never to be read by position; wording as the
   * dataset loaders' */
  if (nf > c->header_n)
    return bjob_err(c, nf, (int)c->header_n, d,
                    "%zu fields, but the header has %zu (a number with thousands separators "
                    "must be quoted)", nf, c->header_n);
  if (nf < c->header_n)
    return bjob_err(c, nf, (int)nf, d, "%zu fields, but the header has %zu", nf, c->header_n);
  id = bjob_cell(f, nf, c->idx[J_ID]);
  kind = bjob_cell(f, nf, c->idx[J_KIND]);
  if (!id) return bjob_err(c, nf, c->idx[J_ID], d, "missing job id");
  if (!kind || strcmp(kind, "rate") == 0) return run_rate(c, f, nf, id, d);
  if (strcmp(kind, "compare") == 0) return run_compare(c, f, nf, id, d);
  if (strcmp(kind, "simulate") == 0) {
    if (!c->has_sim)
      return bjob_err(c, nf, c->idx[J_KIND], d, "a simulate job needs a group or compare column");
    return batch_run_simulate(c, f, nf, id, d);
  }
  if (strcmp(kind, "outcomes") == 0) {
    if (!c->has_out)
      return bjob_err(c, nf, c->idx[J_KIND], d, "an outcomes job needs a counts or cohort column");
    return batch_run_outcomes(c, f, nf, id, d);
  }
  return bjob_err(c, nf, c->idx[J_KIND], d,
                  "unknown kind '%.40s' (rate, compare, simulate or outcomes)", kind);
}

static void error_row(batch_ctx *c, const pst_field *f, size_t nf, const pst_diag *d)
{
  char msg[sizeof d->msg + 4200];
  snprintf(msg, sizeof msg, "%s:%ld:%ld: %s", d->file ? d->file : "-", d->line,
           d->col > 0 ? d->col : 1, d->msg);
  bout_str(c->w, bjob_cell(f, nf, c->idx[J_ID]));
  bout_missing(c->w, rates_n_machine - 1);
  if (c->off_kind) {
    const char *k = bjob_cell(f, nf, c->idx[J_KIND]);
    bout_str(c->w, k ? k : "rate");
  }
  bjob_tail(c, "error", msg);
}

/* ---- options ---- */

/* A seed 0 <= S < 2^64: digits only (pst_parse_count stops at 2^53). */
int batch_parse_seed(const char *s, uint64_t *v)
{
  char *end;
  unsigned long long u;
  if (*s < '0' || *s > '9') return -1;
  errno = 0;
  u = strtoull(s, &end, 10);
  if (*end || errno == ERANGE) return -1;
  *v = (uint64_t)u;
  return 0;
}

static int parse_shard(const char *s, long *k, long *n)
{
  char *e1, *e2;
  long a, b;
  errno = 0;
  a = strtol(s, &e1, 10);
  if (e1 == s || *e1 != '/' || errno) return -1;
  b = strtol(e1 + 1, &e2, 10);
  if (e2 == e1 + 1 || *e2 || errno) return -1;
  if (b < 1 || b > 1000000 || a < 1 || a > b) return -1;
  *k = a;
  *n = b;
  return 0;
}

enum { OPT_SIDES = 256, OPT_SHARD, OPT_ESTIMATES, OPT_SOURCES, OPT_SEED, OPT_DRAWS, OPT_THREADS,
       OPT_SPEC, OPT_WITHIN, OPT_SAMPLING, OPT_OUTCOMES };

static int parse_opts(int argc, char **argv, batch_opts *o)
{
  static const struct option longopts[] = {
    {"output", required_argument, NULL, 'o'}, {"format", required_argument, NULL, 'f'},
    {"method", required_argument, NULL, 'm'}, {"level", required_argument, NULL, 'l'},
    {"sides", required_argument, NULL, OPT_SIDES}, {"keep-going", no_argument, NULL, 'k'},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"estimates", required_argument, NULL, OPT_ESTIMATES},
    {"sources", required_argument, NULL, OPT_SOURCES}, {"quiet", no_argument, NULL, 'q'},
    {"seed", required_argument, NULL, OPT_SEED}, {"draws", required_argument, NULL, OPT_DRAWS},
    {"threads", required_argument, NULL, OPT_THREADS}, {"spec", required_argument, NULL, OPT_SPEC},
    {"within", required_argument, NULL, OPT_WITHIN},
    {"sampling", no_argument, NULL, OPT_SAMPLING},
    {"outcomes", required_argument, NULL, OPT_OUTCOMES},
    {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
  int ch, rc;
  memset(o, 0, sizeof *o);
  o->fmt = BOUT_CSV;
  o->method = PST_PROP_WILSON;
  o->level = 0.95;
  o->sides = PST_SIDES_TWO;
  o->shard_k = o->shard_n = 1;
  o->seed = 1;
  o->draws = 10000;
  o->threads = 1;
  opterr = 0;
  optind = 1;
  while ((ch = getopt_long(argc, argv, ":o:f:m:l:kqh", longopts, NULL)) != -1) {
    switch (ch) {
    case 'o': o->output = optarg; break;
    case 'f':
      if (strcmp(optarg, "csv") == 0) o->fmt = BOUT_CSV;
      else if (strcmp(optarg, "tsv") == 0) o->fmt = BOUT_TSV;
      else if (strcmp(optarg, "json-lines") == 0) o->fmt = BOUT_JSONL;
      else return cli_usage("batch", "--format '%s': expected csv, tsv or json-lines", optarg);
      break;
    case 'm':
      if (pst_prop_method_parse(optarg, &o->method) != PST_OK)
        return cli_usage("batch", "--method '%s': expected wald, wilson, wilson-cc, agresti-coull, "
                                  "jeffreys, clopper-pearson, mid-p or lr", optarg);
      break;
    case 'l': if ((rc = cli_parse_level("batch", optarg, &o->level))) return rc; break;
    case OPT_SIDES:
      if (strcmp(optarg, "two") == 0) o->sides = PST_SIDES_TWO;
      else if (strcmp(optarg, "lower") == 0) o->sides = PST_SIDES_LOWER;
      else if (strcmp(optarg, "upper") == 0) o->sides = PST_SIDES_UPPER;
      else return cli_usage("batch", "--sides '%s': expected two, lower or upper", optarg);
      break;
    case 'k': o->keep_going = 1; break;
    case OPT_SHARD:
      if (parse_shard(optarg, &o->shard_k, &o->shard_n))
        return cli_usage("batch", "--shard '%s': expected K/N with 1 <= K <= N <= 1000000", optarg);
      break;
    case OPT_ESTIMATES: o->estimates = optarg; break;
    case OPT_SOURCES: o->sources = optarg; break;
    case 'q': o->quiet = 1; break;
    case OPT_SEED:
      if (batch_parse_seed(optarg, &o->seed))
        return cli_usage("batch", "--seed '%s': expected a whole number 0 <= S < 2^64", optarg);
      break;
    case OPT_DRAWS:
      if ((rc = sim_parse_u64("batch", "--draws", optarg, 1, &o->draws))) return rc;
      break;
    case OPT_THREADS: {
      uint64_t u;
      if ((rc = sim_parse_u64("batch", "--threads", optarg, 1, &u))) return rc;
      if (u > 256) return cli_usage("batch", "--threads '%s': at most 256", optarg);
      o->threads = (unsigned)u;
      break;
    }
    case OPT_SPEC: o->spec = optarg; break;
    case OPT_WITHIN:
      if (pst_mc_within_parse(optarg, &o->within))
        return cli_usage("batch", "--within '%s': expected uniform, triangular or pert", optarg);
      break;
    case OPT_SAMPLING: o->sampling = 1; break;
    case OPT_OUTCOMES: o->outcomes = optarg; break;
    case 'h': fputs(help_batch, stdout); return -1;
    case ':': return cli_usage("batch", "option '%s' needs a value", argv[optind - 1]);
    default: return cli_usage("batch", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (optind == argc) return cli_usage("batch", "missing the job file (JOBS, or - for standard input)");
  if (optind + 1 < argc) return cli_usage("batch", "one job file expected, got %d", argc - optind);
  o->jobs = argv[optind];
  return 0;
}

/* ---- the run ---- */

static int read_header(batch_ctx *c, pst_diag *d)
{
  const pst_field *f;
  size_t nf;
  int st = pst_csv_next(c->r, &f, &nf, d);
  if (st != PST_OK) return st;
  if (nf == 0) {
    pst_diag_set(d, PST_EDATA, 1, 1, "empty job file: expected a header line (id,deaths,captured,...)");
    d->file = pst_csv_name(c->r);
    return PST_EDATA;
  }
  c->header_n = nf;
  if ((st = pst_schema_map(c->r, f, nf, batch_job_spec, J_NCOLS, c->idx, d)) != PST_OK) return st;
  c->has_cmp = c->idx[J_DEATHS2] >= 0 || c->idx[J_CAPTURED2] >= 0 || c->idx[J_ESTIMATE2] >= 0 ||
               c->idx[J_MEASURE] >= 0;
  c->has_sim = c->idx[J_GROUP] >= 0 || c->idx[J_COMPARE] >= 0;
  c->has_out = c->idx[J_COUNTS] >= 0 || c->idx[J_COHORT] >= 0;
  if (c->idx[J_ESTIMATE] < 0 && (c->idx[J_DEATHS] < 0 || c->idx[J_CAPTURED] < 0) && !c->has_sim &&
      !c->has_out)
    return pst_csv_field_error(c->r, nf, d, PST_EDATA,
                               "the job file needs deaths and captured columns, or estimate "
                               "(rate, compare), group or compare (simulate), counts or cohort "
                               "(outcomes)");
  if (!c->has_sim && (c->idx[J_DRAWS] >= 0 || c->idx[J_SEED] >= 0 || c->idx[J_THRESHOLD] >= 0))
    return pst_csv_field_error(c->r, nf, d, PST_EDATA,
                               "draws, seed and threshold go with simulate jobs: add a group or "
                               "compare column");
  if (!c->has_out && c->idx[J_LABELS] >= 0)
    return pst_csv_field_error(c->r, nf, d, PST_EDATA,
                               "labels go with outcomes jobs: add a counts column");
  return PST_OK;
}

int cmd_batch(int argc, char **argv)
{
  batch_opts o;
  batch_ctx c;
  cli_output out;
  pst_diag d;
  FILE *fp = NULL;
  out_col cols[64];
  size_t ncols = 0;
  batch_range range = {0};
  int rc, st, sharded, out_open = 0;
  bprog prog;
  static char deflt[4096];

  if ((rc = parse_opts(argc, argv, &o))) return rc < 0 ? cli_finish_stdout() : rc;
  memset(&c, 0, sizeof c);
  memset(&d, 0, sizeof d);
  c.o = &o;
  c.level_txt[0] = '\x01'; /* matches no cell */
  c.method_txt[0] = '\x01';
  sharded = o.shard_n > 1;

  if (!(fp = cli_open_input(o.jobs, &rc))) return rc;
  if (sharded) {
    struct stat sb;
    if (fstat(fileno(fp), &sb) != 0 || !S_ISREG(sb.st_mode)) {
      if (fp != stdin) fclose(fp);
      return cli_usage("batch", "--shard needs JOBS to be a regular file (not a pipe)");
    }
    if (batch_shard_range(fp, o.shard_k, o.shard_n, &range) != 0 || fseeko(fp, 0, SEEK_SET) != 0) {
      cli_err("%s: read error: %s", o.jobs, strerror(errno));
      fclose(fp);
      return EXIT_IOERR;
    }
  }
  if (pst_csv_open(&c.r, fp, o.jobs) != PST_OK) { rc = cli_diag(PST_ENOMEM, NULL); goto done; }
  if ((st = read_header(&c, &d)) != PST_OK) { rc = cli_diag(st, &d); goto done; }
  if (c.idx[J_ESTIMATE] >= 0 || c.idx[J_ESTIMATE2] >= 0 || c.has_sim) {
    snprintf(deflt, sizeof deflt, "%s", o.estimates ? o.estimates : cli_datafile("estimates.csv"));
    if ((rc = estimates_load_checked(deflt, o.sources, &c.est))) goto done;
  }
  if (c.has_sim && (rc = sim_derive_inputs(o.spec, o.within, o.sampling, &c.est, &c.inputs)))
    goto done;
  if (c.idx[J_COHORT] >= 0) {
    /* its own buffer: the loaded rows borrow the name, as the estimates do deflt's */
    static char ocpath[4096];
    FILE *ofp;
    snprintf(ocpath, sizeof ocpath, "%s", o.outcomes ? o.outcomes : cli_datafile("outcomes.csv"));
    if (!(ofp = cli_open_input(ocpath, &rc))) goto done;
    st = pst_outcomes_load(ofp, strcmp(ocpath, "-") == 0 ? "(stdin)" : ocpath, &c.oc, &d);
    if (ofp != stdin) fclose(ofp);
    if (st != PST_OK) { rc = cli_diag(st, &d); goto done; }
  }
  if (sharded) {
    /* restart the reader at the shard's first record */
    unsigned char bom[3];
    pst_csv_close(c.r);
    c.r = NULL;
    if (fseeko(fp, range.start, SEEK_SET) != 0) {
      cli_err("%s: read error: %s", o.jobs, strerror(errno));
      rc = EXIT_IOERR;
      goto done;
    }
    if (range.end - range.start >= 3 && fread(bom, 1, 3, fp) == 3 &&
        memcmp(bom, "\xEF\xBB\xBF", 3) == 0) {
      /* the reader would skip it as a file start; the unsharded run rejects it */
      cli_err("%s:%ld:1: byte order mark (U+FEFF) inside the file (files joined together?)",
              o.jobs, range.start_line);
      rc = EXIT_DATA;
      goto done;
    }
    fseeko(fp, range.start, SEEK_SET);
    if (pst_csv_open(&c.r, fp, o.jobs) != PST_OK) { rc = cli_diag(PST_ENOMEM, NULL); goto done; }
    c.line_base = range.start_line - 1;
  }

  /* output columns: a function of the header only */
  for (size_t j = 0; j < rates_n_machine; j++) cols[ncols++] = rates_machine_cols[j];
  for (size_t j = 0; j < rates_n_machine; j++)
    if (strcmp(rates_machine_cols[j].name, "group") == 0) c.col_group = j;
  if (c.has_cmp || c.has_sim || c.has_out) {
    c.off_kind = ncols;
    cols[ncols++] = kind_col;
  }
  if (c.has_cmp) {
    c.off_cmp = ncols;
    for (size_t j = 0; j < N_CMP; j++) cols[ncols++] = batch_cmp_cols[j];
  }
  if (c.has_sim) {
    c.off_sim = ncols;
    for (size_t j = 0; j < N_SIM; j++) cols[ncols++] = batch_sim_cols[j];
  }
  if (c.has_out) {
    c.off_out = ncols;
    for (size_t j = 0; j < N_OUT; j++) cols[ncols++] = batch_out_cols[j];
  }
  c.off_tail = ncols;
  cols[ncols++] = tail_cols[0];
  cols[ncols++] = tail_cols[1];

  if (!(c.w = malloc(sizeof *c.w))) { rc = cli_diag(PST_ENOMEM, NULL); goto done; }
  if ((rc = cli_output_open(&out, o.output))) goto done;
  out_open = 1;
  bout_init(c.w, out.fp, o.fmt, cols, ncols);
  if (o.shard_k == 1) bout_header(c.w);

  {
    struct stat sb;
    double total = 0;
    if (sharded) total = (double)(range.end - range.start);
    else if (fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode)) total = (double)sb.st_size;
    bprog_start(&prog, !o.quiet, total);
  }

  rc = 0;
  for (;;) {
    const pst_field *f;
    size_t nf;
    st = pst_csv_next(c.r, &f, &nf, &d);
    if (st != PST_OK) {
      d.line += c.line_base;
      if (sharded && d.line >= range.end_line) break; /* the next shard's record */
      bprog_clear(&prog);
      rc = cli_diag(st, &d);
      break;
    }
    if (nf == 0) break;
    if (sharded && pst_csv_record_line(c.r) + c.line_base >= range.end_line) break;
    st = run_job(&c, f, nf, &d);
    if (st != PST_OK) {
      bprog_clear(&prog);
      if (!o.keep_going) {
        rc = cli_diag(st, &d);
        break;
      }
      if (c.failed < 10) cli_diag(st, &d);
      else if (c.failed == 10) cli_err("further bad jobs are reported in the output only");
      c.failed++;
      error_row(&c, f, nf, &d);
    }
    c.rows++;
    if ((c.rows & 255) == 0) {
      if (c.w->failed) break;
      if (prog.enabled) {
        off_t pos = ftello(fp);
        bprog_tick(&prog, c.rows, pos < 0 ? 0.0 : (double)(pos - range.start));
      }
    }
  }
  bprog_clear(&prog);
  if (bout_flush(c.w) != 0 && rc == 0) {
    cli_err("%s: write error: %s", o.output ? o.output : "standard output", strerror(errno));
    rc = EXIT_IOERR;
  }
  if (rc == 0) {
    rc = cli_output_commit(&out);
    out_open = 0;
    if (rc == 0 && c.failed) {
      cli_err("%lld of %lld jobs failed (written as error rows)", c.failed, c.rows);
      rc = EXIT_DATA;
    }
  } else if (!o.output) {
    /* stdout: the rows before the error are valid results; keep them */
    cli_finish_stdout();
  }
done:
  if (out_open) {
    if (o.output) cli_output_abort(&out);
  }
  if (c.r) pst_csv_close(c.r);
  if (fp && fp != stdin) fclose(fp);
  pst_estimates_free(&c.est);
  pst_mc_inputs_free(&c.inputs);
  pst_outcomes_free(&c.oc);
  free(c.w);
  return rc;
}
