/* cmd_batch.c -- `powstat batch`: many jobs from a CSV file, streamed row by
 * row in constant memory, optionally one shard of N.
 *
 * The run keeps nothing per row: one record of the reader, one 64 KiB output
 * buffer, the dataset when jobs name estimates.  Output columns depend only
 * on the job file's header (never on its rows), so every shard writes the
 * same columns and shards concatenate to the unsharded output. */
#define _POSIX_C_SOURCE 200809L
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

const char help_batch[] =
  "Usage: powstat batch [OPTION]... JOBS\n"
  "\n"
  "Run the jobs of the CSV file JOBS ('-': standard input), one per row, and\n"
  "stream one result row per job, in input order, with its job id. Memory\n"
  "stays constant whatever the number of rows.\n"
  "\n"
  "Job columns (by name, any order; unknown names are an error unless they\n"
  "start with x_; an empty cell takes the default):\n"
  "  id         job id, copied to the output (required; not checked for\n"
  "             uniqueness: the run keeps nothing per row)\n"
  "  kind       rate or compare [rate] (outcomes, simulate: not supported yet)\n"
  "  deaths, captured    counts (\"3,576,300\" allowed); group 1 of a compare\n"
  "  estimate   a dataset estimate id (--estimates) instead of the counts\n"
  "  deaths2, captured2, estimate2    group 2 of a compare job\n"
  "  measure    compare: diff (p1 - p2), ratio (p1 / p2), odds-ratio [diff]\n"
  "  method     rate: as 'powstat rates --method' [--method]; compare: diff\n"
  "             wald, wald-cc, newcombe, agresti-caffo, mn [newcombe]; ratio\n"
  "             katz, koopman, mn [koopman]; odds-ratio woolf, exact, mid-p,\n"
  "             mn, cornfield [mn]\n"
  "  level      confidence level, 0 < P < 1 (95 means 0.95) [--level]\n"
  "  sides      rate: two, lower ([L, 1]) or upper ([0, U]) [--sides]\n"
  "Smallest job file:  id,kind,deaths,captured,method,level\n"
  "                    j1,rate,41,120000,wilson,0.95\n"
  "\n"
  "Output columns: those of 'powstat rates --format csv' (id,deaths,captured,\n"
  "proportion,method,level,lower,upper,sides,range_low,range_high,holder,\n"
  "captive,group,period,basis,source,verified,stated_pct); then, if the job\n"
  "file has a deaths2, captured2, estimate2 or measure column, kind,measure,\n"
  "estimate,p_value,deaths2,captured2,proportion2; then status (ok, undefined\n"
  "= ratio with a zero denominator, noconv = tolerance missed, error) and\n"
  "error (FILE:LINE:COL: message). lower, upper: sampling interval of the\n"
  "proportion (rate) or of the measure's estimate (compare; deaths, captured,\n"
  "proportion are then group 1's). range_low, range_high: between-source\n"
  "range of a dataset estimate. Numbers round-trip exactly; json-lines\n"
  "writes an infinite bound as 1e999.\n"
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
  "      --estimates FILE  dataset for estimate ids [bundled estimates.csv]\n"
  "      --sources FILE  sources file to check it against [beside it]\n"
  "  -q, --quiet         no progress line (else shown on a terminal after 1 s)\n"
  "  -h, --help          show this help and exit\n"
  "\n"
  "Examples:\n"
  "  powstat batch jobs.csv -o results.csv\n"
  "  powstat batch --shard 2/8 jobs.csv > part2.csv\n"
  "\n"
  "Exit status: 0 success, 64 usage, 65 a bad job (with --keep-going: any error\n"
  "row), 66 JOBS missing, 73 cannot create output, 74 read/write error.\n";

/* ---- job columns ---- */

enum {
  J_ID, J_KIND, J_DEATHS, J_CAPTURED, J_ESTIMATE, J_DEATHS2, J_CAPTURED2, J_ESTIMATE2,
  J_MEASURE, J_METHOD, J_LEVEL, J_SIDES, J_NCOLS
};
static const pst_colspec job_spec[J_NCOLS] = {
  {"id", 1}, {"kind", 0}, {"deaths", 0}, {"captured", 0}, {"estimate", 0},
  {"deaths2", 0}, {"captured2", 0}, {"estimate2", 0}, {"measure", 0},
  {"method", 0}, {"level", 0}, {"sides", 0},
};

static const out_col cmp_cols[] = {
  {"kind", NULL, COL_TEXT}, {"measure", NULL, COL_TEXT}, {"estimate", NULL, COL_NUM},
  {"p_value", NULL, COL_NUM}, {"deaths2", NULL, COL_NUM}, {"captured2", NULL, COL_NUM},
  {"proportion2", NULL, COL_NUM},
};
enum { N_CMP = sizeof cmp_cols / sizeof cmp_cols[0] };
static const out_col tail_cols[] = {{"status", NULL, COL_TEXT}, {"error", NULL, COL_TEXT}};

/* rate columns after `sides` (range_low .. stated_pct): from a dataset estimate */
enum { N_RATE_TAIL = 10 };

typedef struct {
  const char *jobs, *output, *estimates, *sources;
  bout_fmt fmt;
  int keep_going, quiet;
  long shard_k, shard_n;
  pst_prop_method method;
  double level;
  pst_sides sides;
} batch_opts;

typedef struct {
  const batch_opts *o;
  pst_csv *r;
  long line_base; /* add to the reader's line numbers (shards) */
  int idx[J_NCOLS];
  int has_cmp;
  pst_estimates est;
  bout *w;
  /* the last level and method texts seen, parsed once: a million rows
   * usually repeat one or two */
  char level_txt[40];
  double level_val;
  char level_fmt[PST_FMT_BUFSZ];
  char method_txt[40];
  pst_prop_method method_val;
  long long rows, failed;
} batch_ctx;

static const char *sides_name(pst_sides s)
{
  return s == PST_SIDES_LOWER ? "lower" : s == PST_SIDES_UPPER ? "upper" : "two";
}

/* Fill d for cell idx (or the end of the record if the column is absent)
 * of the current record, in absolute line numbers. */
static int cell_err(batch_ctx *c, size_t nf, int idx, pst_diag *d, const char *fmt, ...)
  __attribute__((format(printf, 5, 6)));
static int cell_err(batch_ctx *c, size_t nf, int idx, pst_diag *d, const char *fmt, ...)
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

static const char *cell(const pst_field *f, size_t nf, int idx)
{
  return pst_cell_missing(f, nf, idx) ? NULL : f[idx].s;
}

/* Counts of one group: deaths/captured cells, or an estimate id. */
static int group_counts(batch_ctx *c, const pst_field *f, size_t nf, int jd, int jc, int je,
                        int64_t *k, int64_t *n, const pst_estimate **e, pst_diag *d)
{
  const char *eid = cell(f, nf, c->idx[je]);
  int st;
  *e = NULL;
  if (eid) {
    if (cell(f, nf, c->idx[jd]) || cell(f, nf, c->idx[jc]))
      return cell_err(c, nf, c->idx[je], d, "give either %s or %s and %s, not both",
                      job_spec[je].name, job_spec[jd].name, job_spec[jc].name);
    *e = pst_estimates_find(&c->est, eid);
    if (!*e)
      return cell_err(c, nf, c->idx[je], d, "unknown estimate id '%.40s' (not in %s)", eid,
                      c->est.n ? c->est.v[0].file : "the dataset");
    if (!pst_estimate_point(*e, k, n))
      return cell_err(c, nf, c->idx[je], d,
                      "estimate '%.40s' has no point deaths and captured (a range only?)", eid);
    return PST_OK;
  }
  if ((st = pst_cell_count(c->r, f, nf, c->idx[jd], job_spec[jd].name, k, d)) != PST_OK ||
      (st = pst_cell_count(c->r, f, nf, c->idx[jc], job_spec[jc].name, n, d)) != PST_OK) {
    d->line += c->line_base;
    return st;
  }
  if (*k < 0)
    return cell_err(c, nf, c->idx[jd], d, "missing %s (or give %s)", job_spec[jd].name,
                    job_spec[je].name);
  if (*n < 0)
    return cell_err(c, nf, c->idx[jc], d, "missing %s (or give %s)", job_spec[jc].name,
                    job_spec[je].name);
  if (*n == 0) return cell_err(c, nf, c->idx[jc], d, "%s is 0: no proportion", job_spec[jc].name);
  if (*k > *n)
    return cell_err(c, nf, c->idx[jd], d, "%s (%lld) exceed %s (%lld)", job_spec[jd].name,
                    (long long)*k, job_spec[jc].name, (long long)*n);
  return PST_OK;
}

static int job_level(batch_ctx *c, const pst_field *f, size_t nf, double *level, const char **txt,
                     pst_diag *d)
{
  const char *s = cell(f, nf, c->idx[J_LEVEL]);
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
      return cell_err(c, nf, c->idx[J_LEVEL], d, "level: %s: '%.40s'", why, s);
    if (v >= 1.0 && v < 100.0) v /= 100.0; /* 95 means 0.95, as --level */
    if (!(v > 0.0 && v < 1.0))
      return cell_err(c, nf, c->idx[J_LEVEL], d,
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
  const char *s = cell(f, nf, c->idx[J_SIDES]);
  if (!s) *sides = c->o->sides;
  else if (strcmp(s, "two") == 0) *sides = PST_SIDES_TWO;
  else if (strcmp(s, "lower") == 0) *sides = PST_SIDES_LOWER;
  else if (strcmp(s, "upper") == 0) *sides = PST_SIDES_UPPER;
  else return cell_err(c, nf, c->idx[J_SIDES], d, "sides '%.40s': expected two, lower or upper", s);
  return PST_OK;
}

static void write_tail(batch_ctx *c, const char *status, const char *error)
{
  bout_str(c->w, status);
  bout_str(c->w, error);
  bout_end_row(c->w);
}

static int run_rate(batch_ctx *c, const pst_field *f, size_t nf, const char *id, pst_diag *d)
{
  int64_t k, n;
  const pst_estimate *e;
  double level, rlo = CLI_NAN, rhi = CLI_NAN;
  const char *ltxt, *m = cell(f, nf, c->idx[J_METHOD]);
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
      return cell_err(c, nf, c->idx[J_METHOD], d,
                      "unknown method '%.40s' for a rate job (wald, wilson, wilson-cc, "
                      "agresti-coull, jeffreys, clopper-pearson, mid-p, lr)", m);
    if (strlen(m) < sizeof c->method_txt) {
      memcpy(c->method_txt, m, strlen(m) + 1);
      c->method_val = method;
    }
  }
  if ((st = job_level(c, f, nf, &level, &ltxt, d)) != PST_OK) return st;
  if ((st = job_sides(c, f, nf, &sides, d)) != PST_OK) return st;
  st = pst_prop_ci(method, (uint64_t)k, (uint64_t)n, level, sides, &ci);
  if (st != PST_OK && st != PST_ENOCONV)
    return cell_err(c, nf, c->idx[J_ID], d, "%s", pst_strerror(st));
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
  if (c->has_cmp) {
    bout_str(w, "rate");
    bout_missing(w, N_CMP - 1);
  }
  write_tail(c, st == PST_ENOCONV ? "noconv" : "ok", NULL);
  return PST_OK;
}

static int run_compare(batch_ctx *c, const pst_field *f, size_t nf, const char *id, pst_diag *d)
{
  int64_t k1, n1, k2, n2;
  const pst_estimate *e1, *e2;
  const char *ms = cell(f, nf, c->idx[J_MEASURE]), *m = cell(f, nf, c->idx[J_METHOD]), *ltxt;
  pst_cmp_measure measure = PST_CMP_DIFF;
  pst_cmp_method method;
  pst_cmp_ci r;
  double level;
  int st;
  bout *w = c->w;

  if (!c->has_cmp)
    return cell_err(c, nf, c->idx[J_KIND], d,
                    "a compare job needs deaths2 and captured2 (or estimate2) columns");
  if ((st = group_counts(c, f, nf, J_DEATHS, J_CAPTURED, J_ESTIMATE, &k1, &n1, &e1, d)) != PST_OK ||
      (st = group_counts(c, f, nf, J_DEATHS2, J_CAPTURED2, J_ESTIMATE2, &k2, &n2, &e2, d)) != PST_OK)
    return st;
  if (ms && (pst_cmp_measure_parse(ms, &measure) != PST_OK || measure == PST_CMP_RATE_RATIO))
    return cell_err(c, nf, c->idx[J_MEASURE], d, "measure '%.40s': expected diff, ratio or odds-ratio%s",
                    ms, measure == PST_CMP_RATE_RATIO ? " (rate ratios need person-time)" : "");
  if (!m) {
    method = measure == PST_CMP_DIFF ? PST_CMP_DIFF_NEWCOMBE
             : measure == PST_CMP_RATIO ? PST_CMP_RATIO_KOOPMAN : PST_CMP_OR_MN;
  } else if (pst_cmp_method_parse(measure, m, &method) != PST_OK) {
    return cell_err(c, nf, c->idx[J_METHOD], d, "unknown method '%.40s' for measure %s (%s)", m,
                    pst_cmp_measure_name(measure),
                    measure == PST_CMP_DIFF ? "wald, wald-cc, newcombe, agresti-caffo, mn"
                    : measure == PST_CMP_RATIO ? "katz, koopman, mn"
                                               : "woolf, exact, mid-p, mn, cornfield");
  }
  if ((st = job_level(c, f, nf, &level, &ltxt, d)) != PST_OK) return st;
  if (cell(f, nf, c->idx[J_SIDES]) && strcmp(cell(f, nf, c->idx[J_SIDES]), "two") != 0)
    return cell_err(c, nf, c->idx[J_SIDES], d, "compare intervals are two-sided only");
  if ((uint64_t)n1 + (uint64_t)n2 > PST_COUNT_MAX)
    return cell_err(c, nf, c->idx[J_CAPTURED2], d, "captured + captured2 exceed 2^53");
  st = pst_cmp_props(method, (uint64_t)k1, (uint64_t)n1, (uint64_t)k2, (uint64_t)n2, level, 0, &r);
  if (st != PST_OK && st != PST_ENOCONV)
    return cell_err(c, nf, c->idx[J_ID], d, "%s", pst_strerror(st));

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
  write_tail(c, st == PST_ENOCONV ? "noconv" : r.status == PST_EUNDEF ? "undefined" : "ok", NULL);
  return PST_OK;
}

static int run_job(batch_ctx *c, const pst_field *f, size_t nf, pst_diag *d)
{
  const char *id = cell(f, nf, c->idx[J_ID]);
  const char *kind = cell(f, nf, c->idx[J_KIND]);
  if (!id) return cell_err(c, nf, c->idx[J_ID], d, "missing job id");
  if (!kind || strcmp(kind, "rate") == 0) return run_rate(c, f, nf, id, d);
  if (strcmp(kind, "compare") == 0) return run_compare(c, f, nf, id, d);
  if (strcmp(kind, "outcomes") == 0 || strcmp(kind, "simulate") == 0)
    return cell_err(c, nf, c->idx[J_KIND], d,
                    "kind '%s' is not supported by batch yet (rate and compare are)", kind);
  return cell_err(c, nf, c->idx[J_KIND], d,
                  "unknown kind '%.40s' (rate, compare; outcomes and simulate not yet)", kind);
}

static void error_row(batch_ctx *c, const pst_field *f, size_t nf, const pst_diag *d)
{
  char msg[sizeof d->msg + 4200];
  snprintf(msg, sizeof msg, "%s:%ld:%ld: %s", d->file ? d->file : "-", d->line,
           d->col > 0 ? d->col : 1, d->msg);
  bout_str(c->w, cell(f, nf, c->idx[J_ID]));
  bout_missing(c->w, rates_n_machine - 1);
  if (c->has_cmp) {
    const char *k = cell(f, nf, c->idx[J_KIND]);
    bout_str(c->w, k ? k : "rate");
    bout_missing(c->w, N_CMP - 1);
  }
  write_tail(c, "error", msg);
}

/* ---- options ---- */

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

enum { OPT_SIDES = 256, OPT_SHARD, OPT_ESTIMATES, OPT_SOURCES };

static int parse_opts(int argc, char **argv, batch_opts *o)
{
  static const struct option longopts[] = {
    {"output", required_argument, NULL, 'o'}, {"format", required_argument, NULL, 'f'},
    {"method", required_argument, NULL, 'm'}, {"level", required_argument, NULL, 'l'},
    {"sides", required_argument, NULL, OPT_SIDES}, {"keep-going", no_argument, NULL, 'k'},
    {"shard", required_argument, NULL, OPT_SHARD},
    {"estimates", required_argument, NULL, OPT_ESTIMATES},
    {"sources", required_argument, NULL, OPT_SOURCES}, {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
  int ch, rc;
  memset(o, 0, sizeof *o);
  o->fmt = BOUT_CSV;
  o->method = PST_PROP_WILSON;
  o->level = 0.95;
  o->sides = PST_SIDES_TWO;
  o->shard_k = o->shard_n = 1;
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
    pst_diag_set(d, PST_EDATA, 0, 0, "empty job file: expected a header line (id,deaths,captured,...)");
    d->file = pst_csv_name(c->r);
    return PST_EDATA;
  }
  if ((st = pst_schema_map(c->r, f, nf, job_spec, J_NCOLS, c->idx, d)) != PST_OK) return st;
  if (c->idx[J_ESTIMATE] < 0 && (c->idx[J_DEATHS] < 0 || c->idx[J_CAPTURED] < 0))
    return pst_csv_field_error(c->r, nf, d, PST_EDATA,
                               "the job file needs deaths and captured columns, or estimate");
  c->has_cmp = c->idx[J_DEATHS2] >= 0 || c->idx[J_CAPTURED2] >= 0 || c->idx[J_ESTIMATE2] >= 0 ||
               c->idx[J_MEASURE] >= 0;
  return PST_OK;
}

int cmd_batch(int argc, char **argv)
{
  batch_opts o;
  batch_ctx c;
  cli_output out;
  pst_diag d;
  FILE *fp = NULL;
  out_col cols[32];
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
  if (c.idx[J_ESTIMATE] >= 0 || c.idx[J_ESTIMATE2] >= 0) {
    snprintf(deflt, sizeof deflt, "%s", o.estimates ? o.estimates : cli_datafile("estimates.csv"));
    if ((rc = estimates_load_checked(deflt, o.sources, &c.est))) goto done;
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
  if (c.has_cmp)
    for (size_t j = 0; j < N_CMP; j++) cols[ncols++] = cmp_cols[j];
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
  free(c.w);
  return rc;
}
