/* cmd_sensitivity.c -- `powstat sensitivity`: which inputs drive a
 * comparison (tornado, two-way grid, Sobol indices and their convergence). */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "commands.h"
#include "out.h"
#include "pctfmt.h"

#include "powstat/mc.h"
#include "powstat/num.h"
#include "powstat/sens.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char help_sensitivity[] =
  "Usage: powstat sensitivity [sobol|convergence|tornado|grid] [OPTION]...\n"
  "\n"
  "How much each uncertain input moves a comparison A:B (the ratio of the two\n"
  "groups' mortality, or their difference with --measure difference). The\n"
  "inputs are those of 'powstat simulate' (source mixtures, or --spec).\n"
  "\n"
  "  sobol        (default) global variance-based indices: first-order S\n"
  "               (Saltelli et al. 2010) and total ST (Jansen 1999) with\n"
  "               bootstrap percentile intervals. Each source mixture is split\n"
  "               into two factors, GROUP:source (which estimate) and\n"
  "               GROUP:range (where in that estimate's ranges), unless\n"
  "               --no-split. An index that is negative or has not converged\n"
  "               is flagged, and shown in parentheses in tables: read it as\n"
  "               noise, not as a finding.\n"
  "  convergence  the Sobol indices at N = 2^m for m = 8 .. log2(--n)\n"
  "  tornado      one-way: each input at its low and high percentile (--level)\n"
  "               with the other at its median, sorted by swing\n"
  "  grid         two-way: the measure over a --grid x --grid lattice of the\n"
  "               two compared inputs from their low to their high percentile\n"
  "\n"
  "Options:\n"
  "  -c, --compare A:B    the comparison [soviet-pows-germany:german-pows-ussr]\n"
  "  -m, --measure M      ratio or difference [ratio]\n"
  "  -l, --level P        percentile range of tornado/grid inputs and bootstrap\n"
  "                       interval level [0.95]\n"
  "  -N, --n N            Sobol base sample, a power of two >= 256 [65536]\n"
  "  -B, --bootstrap R    bootstrap resamples (0 for none) [200]\n"
  "      --tolerance T    flag an index as unconverged when it moves by more\n"
  "                       than T from N/2 to N or its interval is wider than\n"
  "                       2T [0.05]\n"
  "      --no-split       one Sobol factor per input, not source + range\n"
  "      --grid K         grid points per axis [21]\n"
  "  -s, --seed S         random seed [1]\n"
  "      --spec FILE      input specification (see 'powstat simulate --help')\n"
  "  -e, --estimates FILE estimates file [bundled datasets/estimates.csv]\n"
  "      --within W       uniform, triangular or pert [uniform]\n"
  "  -f, --format F       table, csv, tsv, json or markdown [table on a terminal,\n"
  "                       csv otherwise]\n"
  "  -o, --output FILE    write to FILE (atomically)\n"
  "  -q, --quiet          accepted for symmetry with simulate (no progress bar)\n"
  "  -h, --help           show this help and exit\n"
  "\n"
  "Machine-readable columns (every row also has measure, compare, seed,\n"
  "generator, powstat_version):\n"
  "  sobol        factor,input,S,S_lower,S_upper,ST,ST_lower,ST_upper,n,\n"
  "               bootstrap,level,flag (ok, negative, unconverged)\n"
  "  convergence  factor,input,n,S,ST\n"
  "  tornado      input,low,high (the input's values),base (the measure with\n"
  "               every input at its median),output_low,output_high,input_base,\n"
  "               level ('powstat chart tornado')\n"
  "  grid         x,y,value,input_x,input_y ('powstat chart heatmap')\n"
  "Mortality inputs are fractions; a difference is a fraction too.\n"
  "\n"
  "Examples:\n"
  "  powstat sensitivity\n"
  "  powstat sensitivity tornado --format csv -o tornado.csv\n"
  "  powstat sensitivity grid --grid 41 --measure difference -o grid.csv\n";

#define GENERATOR "gsl taus2, one splitmix64-seeded stream per factor and sample matrix"

typedef enum { MODE_SOBOL, MODE_CONV, MODE_TORNADO, MODE_GRID } sens_mode;

typedef struct {
  int diff;
} model_ctx;

/* x[0] = A's mortality, x[1] = B's (clamped into [0, 1] as in simulate) */
static double model(const double *x, size_t k, void *ctx)
{
  const model_ctx *m = ctx;
  double a = x[0] < 0 ? 0 : x[0] > 1 ? 1 : x[0];
  double b = x[1] < 0 ? 0 : x[1] > 1 ? 1 : x[1];
  (void)k;
  if (m->diff) return a - b;
  return b > 0 ? a / b : CLI_NAN;
}

static void meta_common(out_table *t, const char *measure, const char *compare, const char *seed)
{
  out_meta(t, "measure", measure);
  out_meta(t, "compare", compare);
  out_meta(t, "seed", seed);
  out_meta(t, "generator", GENERATOR);
  out_meta(t, "uncertainty", "between-source (systematic): inputs are source mixtures unless --spec says otherwise");
  out_meta(t, "powstat_version", POWSTAT_VERSION);
}

static void tail_cols(out_table *t, const char *measure, const char *compare, const char *seed)
{
  out_str(t, measure);
  out_str(t, compare);
  out_str(t, seed);
  out_str(t, GENERATOR);
  out_str(t, POWSTAT_VERSION);
}

static const char *flag_text(int f)
{
  if ((f & PST_SENS_NEGATIVE) && (f & PST_SENS_UNCONVERGED)) return "negative,unconverged";
  if (f & PST_SENS_NEGATIVE) return "negative";
  if (f & PST_SENS_UNCONVERGED) return "unconverged";
  return "ok";
}

static void idx_shown(double v, int flagged, char *b, size_t n)
{
  char x[24];
  snprintf(x, sizeof x, "%.3f", v);
  if (strcmp(x, "-0.000") == 0) snprintf(x, sizeof x, "0.000");
  if (flagged) snprintf(b, n, "(%s)", x);
  else snprintf(b, n, "%s", x);
}

static int run_sobol(sens_mode mode, const pst_mc_inputs *in, model_ctx *mc, const pst_sobol_opts *so,
                     cli_format fmt, FILE *fp, const char *measure, const char *compare,
                     const char *seed)
{
  pst_sobol_result r;
  int st = pst_sobol(in, model, mc, so, &r), table = fmt == FMT_TABLE || fmt == FMT_MARKDOWN;
  out_table *t;
  char b[256], lb[PST_FMT_BUFSZ];
  if (st != PST_OK) {
    if (st == PST_EUNDEF)
      cli_err("Sobol indices are undefined here: the measure has zero variance or is undefined "
              "(a zero mortality in the denominator)");
    else cli_err("Sobol analysis failed: %s", pst_strerror(st));
    return st == PST_EUNDEF ? EXIT_DATA : cli_exit_code(st);
  }
  if (mode == MODE_SOBOL) {
    static const out_col mcols[] = {
      {"factor", NULL, COL_TEXT}, {"input", NULL, COL_TEXT},   {"S", NULL, COL_NUM},
      {"S_lower", NULL, COL_NUM}, {"S_upper", NULL, COL_NUM},  {"ST", NULL, COL_NUM},
      {"ST_lower", NULL, COL_NUM}, {"ST_upper", NULL, COL_NUM}, {"n", NULL, COL_NUM},
      {"bootstrap", NULL, COL_NUM}, {"level", NULL, COL_NUM},  {"flag", NULL, COL_TEXT},
      {"measure", NULL, COL_TEXT}, {"compare", NULL, COL_TEXT}, {"seed", NULL, COL_TEXT},
      {"generator", NULL, COL_TEXT}, {"powstat_version", NULL, COL_TEXT}};
    static const out_col tcols[] = {
      {"factor", "factor", COL_TEXT}, {"S", "first-order S", COL_NUM}, {"Sci", "interval", COL_NUM},
      {"ST", "total ST", COL_NUM},    {"STci", "interval", COL_NUM},   {"flag", "flag", COL_TEXT}};
    t = table ? out_new(fmt, fp, "sensitivity", tcols, 6) : out_new(fmt, fp, "sensitivity", mcols, 17);
  } else {
    static const out_col ccols[] = {
      {"factor", NULL, COL_TEXT}, {"input", NULL, COL_TEXT}, {"n", NULL, COL_NUM},
      {"S", NULL, COL_NUM},       {"ST", NULL, COL_NUM},     {"measure", NULL, COL_TEXT},
      {"compare", NULL, COL_TEXT}, {"seed", NULL, COL_TEXT}, {"generator", NULL, COL_TEXT},
      {"powstat_version", NULL, COL_TEXT}};
    t = out_new(fmt, fp, "sensitivity", ccols, table ? 5 : 10);
  }
  if (!t) { pst_sobol_free(&r); return EXIT_OSERR; }
  meta_common(t, measure, compare, seed);
  pst_fmt_real(lb, so->level);
  snprintf(b, sizeof b, "N = %zu base rows, %llu model evaluations; bootstrap %zu resamples, %s "
           "percentile intervals", so->n, (unsigned long long)r.evaluations, so->bootstrap, lb);
  out_meta(t, "sample", b);
  out_meta(t, "estimators", "first-order: Saltelli et al. 2010 Table 2 (b); total: Jansen 1999 "
                            "(Saltelli 2010 Table 2 (f))");
  if (mode == MODE_SOBOL) {
    int any = 0;
    for (size_t i = 0; i < r.nfactors; i++) any |= r.f[i].flags;
    if (any)
      out_meta(t, "flags", "an index in parentheses is negative (noise about 0) or unconverged "
                           "(it moved by more than the tolerance from N/2 to N, or its interval is "
                           "too wide): increase --n before reading it");
  }
  for (size_t i = 0; i < r.nfactors; i++) {
    const pst_sobol_index *q = &r.f[i];
    if (mode == MODE_CONV) {
      for (size_t s = 0; s < r.nsteps; s++) {
        out_str(t, q->name);
        out_str(t, in->v[q->input].name);
        out_int(t, (int64_t)r.n_at[s]);
        out_num(t, r.S_at[s * r.nfactors + i]);
        out_num(t, r.ST_at[s * r.nfactors + i]);
        if (!table) tail_cols(t, measure, compare, seed);
        out_row(t);
      }
      continue;
    }
    if (table) {
      char s1[48], s2[48], c1[128], c2[128], l[48], h[48];
      idx_shown(q->S, q->flags != 0, s1, sizeof s1);
      idx_shown(q->ST, q->flags != 0, s2, sizeof s2);
      idx_shown(q->S_lo, 0, l, sizeof l);
      idx_shown(q->S_hi, 0, h, sizeof h);
      if (isnan(q->S_lo)) c1[0] = '\0';
      else snprintf(c1, sizeof c1, "%s\u2013%s", l, h);
      idx_shown(q->ST_lo, 0, l, sizeof l);
      idx_shown(q->ST_hi, 0, h, sizeof h);
      if (isnan(q->ST_lo)) c2[0] = '\0';
      else snprintf(c2, sizeof c2, "%s\u2013%s", l, h);
      out_str(t, q->name);
      out_num_shown(t, q->S, s1);
      out_num_shown(t, q->S_lo, c1);
      out_num_shown(t, q->ST, s2);
      out_num_shown(t, q->ST_lo, c2);
      out_str(t, q->flags ? flag_text(q->flags) : "");
    } else {
      out_str(t, q->name);
      out_str(t, in->v[q->input].name);
      out_num(t, q->S);
      out_num(t, q->S_lo);
      out_num(t, q->S_hi);
      out_num(t, q->ST);
      out_num(t, q->ST_lo);
      out_num(t, q->ST_hi);
      out_int(t, (int64_t)so->n);
      out_int(t, (int64_t)so->bootstrap);
      out_num(t, so->level);
      out_str(t, flag_text(q->flags));
      tail_cols(t, measure, compare, seed);
    }
    out_row(t);
  }
  pst_sobol_free(&r);
  return out_finish(t) == 0 ? 0 : -1;
}

/* low, base, high of each input: percentiles at (1-level)/2, 0.5, (1+level)/2 */
static int percentiles(const pst_mc_inputs *in, double level, uint64_t seed, double *lo, double *base,
                       double *hi)
{
  double a = (1 - level) / 2;
  for (size_t i = 0; i < in->n; i++) {
    int st = pst_mc_input_quantile(&in->v[i], a, (size_t)1 << 20, seed, &lo[i]);
    if (st == PST_OK) st = pst_mc_input_quantile(&in->v[i], 0.5, (size_t)1 << 20, seed, &base[i]);
    if (st == PST_OK) st = pst_mc_input_quantile(&in->v[i], 1 - a, (size_t)1 << 20, seed, &hi[i]);
    if (st != PST_OK) {
      cli_err("%s: cannot compute its percentiles: %s", in->v[i].name, pst_strerror(st));
      return cli_exit_code(st);
    }
  }
  return 0;
}

static int run_tornado(const pst_mc_inputs *in, model_ctx *mc, double level, uint64_t seed,
                       cli_format fmt, FILE *fp, const char *measure, const char *compare,
                       const char *seeds)
{
  static const out_col mcols[] = {
    {"input", NULL, COL_TEXT},       {"low", NULL, COL_NUM},          {"high", NULL, COL_NUM},
    {"base", NULL, COL_NUM},         {"output_low", NULL, COL_NUM},   {"output_high", NULL, COL_NUM},
    {"input_base", NULL, COL_NUM},   {"level", NULL, COL_NUM},        {"measure", NULL, COL_TEXT},
    {"compare", NULL, COL_TEXT},     {"seed", NULL, COL_TEXT},        {"generator", NULL, COL_TEXT},
    {"powstat_version", NULL, COL_TEXT}};
  static const out_col tcols[] = {
    {"input", "input", COL_TEXT},        {"range", "input low\u2013high %", COL_NUM},
    {"base", "base %", COL_NUM},         {"out", "measure at low\u2013high", COL_NUM},
    {"out_base", "at base", COL_NUM},    {"swing", "swing", COL_NUM}};
  double lo[2], base[2], hi[2];
  pst_tornado_row rows[2];
  int rc, table = fmt == FMT_TABLE || fmt == FMT_MARKDOWN;
  out_table *t;
  char lb[PST_FMT_BUFSZ], b[128];
  if ((rc = percentiles(in, level, seed, lo, base, hi))) return rc;
  if (pst_sens_oneway(2, lo, hi, base, model, mc, rows) != PST_OK) return EXIT_OSERR;
  t = table ? out_new(fmt, fp, "sensitivity", tcols, 6) : out_new(fmt, fp, "sensitivity", mcols, 13);
  if (!t) return EXIT_OSERR;
  meta_common(t, measure, compare, seeds);
  pst_fmt_real(lb, level);
  snprintf(b, sizeof b, "each input at its %s percentile range (low, high) and its median (base)", lb);
  out_meta(t, "one-way", b);
  out_meta(t, "percentiles", "exact for parametric inputs; from 2^20 draws for source mixtures");
  for (size_t i = 0; i < 2; i++) {
    const pst_tornado_row *r = &rows[i];
    if (table) {
      char rg[96], bs[64], x[96], o1[32], o2[32], ob[32], sw[32];
      pct_format_range(r->low, r->high, rg, sizeof rg);
      pct_format1(r->base, 4, bs, sizeof bs);
      if (mc->diff) {
        pct_format1(r->out_low, 4, o1, sizeof o1);
        pct_format1(r->out_high, 4, o2, sizeof o2);
        pct_format1(r->out_base, 4, ob, sizeof ob);
        pct_format1(fabs(r->out_high - r->out_low), 4, sw, sizeof sw);
        strcat(ob, " pp");
        strcat(sw, " pp");
      } else {
        pst_fmt_sig(o1, sizeof o1, r->out_low, 4);
        pst_fmt_sig(o2, sizeof o2, r->out_high, 4);
        pst_fmt_sig(ob, sizeof ob, r->out_base, 4);
        pst_fmt_sig(sw, sizeof sw, fabs(r->out_high - r->out_low), 4);
      }
      snprintf(x, sizeof x, "%s\u2013%s", o1, o2);
      out_str(t, in->v[r->input].name);
      out_num_shown(t, r->low, rg);
      out_num_shown(t, r->base, bs);
      out_num_shown(t, r->out_low, x);
      out_num_shown(t, r->out_base, ob);
      out_num_shown(t, fabs(r->out_high - r->out_low), sw);
    } else {
      out_str(t, in->v[r->input].name);
      out_num(t, r->low);
      out_num(t, r->high);
      out_num(t, r->out_base);
      out_num(t, r->out_low);
      out_num(t, r->out_high);
      out_num(t, r->base);
      out_num(t, level);
      tail_cols(t, measure, compare, seeds);
    }
    out_row(t);
  }
  return out_finish(t) == 0 ? 0 : -1;
}

static int run_grid(const pst_mc_inputs *in, model_ctx *mc, double level, uint64_t seed, size_t k,
                    cli_format fmt, FILE *fp, const char *measure, const char *compare,
                    const char *seeds)
{
  static const out_col cols[] = {
    {"x", NULL, COL_NUM},         {"y", NULL, COL_NUM},           {"value", NULL, COL_NUM},
    {"input_x", NULL, COL_TEXT},  {"input_y", NULL, COL_TEXT},    {"measure", NULL, COL_TEXT},
    {"compare", NULL, COL_TEXT},  {"seed", NULL, COL_TEXT},       {"generator", NULL, COL_TEXT},
    {"powstat_version", NULL, COL_TEXT}};
  double lo[2], base[2], hi[2];
  double *xs = malloc(k * sizeof *xs), *ys = malloc(k * sizeof *ys), *v = malloc(k * k * sizeof *v);
  int rc = 0;
  out_table *t = NULL;
  char lb[PST_FMT_BUFSZ], b[160];
  if (!xs || !ys || !v) { rc = EXIT_OSERR; goto done; }
  if ((rc = percentiles(in, level, seed, lo, base, hi))) goto done;
  for (size_t i = 0; i < k; i++) {
    double f = k > 1 ? (double)i / (double)(k - 1) : 0.5;
    xs[i] = lo[0] + f * (hi[0] - lo[0]);
    ys[i] = lo[1] + f * (hi[1] - lo[1]);
  }
  if (pst_sens_grid(2, base, 0, xs, k, 1, ys, k, model, mc, v) != PST_OK) { rc = EXIT_OSERR; goto done; }
  t = out_new(fmt, fp, "sensitivity", cols, 10);
  if (!t) { rc = EXIT_OSERR; goto done; }
  meta_common(t, measure, compare, seeds);
  pst_fmt_real(lb, level);
  snprintf(b, sizeof b, "x = %s, y = %s, each over its %s percentile range", in->v[0].name,
           in->v[1].name, lb);
  out_meta(t, "grid", b);
  for (size_t iy = 0; iy < k; iy++)
    for (size_t ix = 0; ix < k; ix++) {
      out_num(t, xs[ix]);
      out_num(t, ys[iy]);
      out_num(t, v[iy * k + ix]);
      out_str(t, in->v[0].name);
      out_str(t, in->v[1].name);
      tail_cols(t, measure, compare, seeds);
      out_row(t);
    }
  rc = out_finish(t) == 0 ? 0 : -1;
done:
  free(xs);
  free(ys);
  free(v);
  return rc;
}

enum { OPT_TOL = 256, OPT_NOSPLIT, OPT_GRID, OPT_SPEC, OPT_WITHIN };

int cmd_sensitivity(int argc, char **argv)
{
  static const struct option longopts[] = {
    {"compare", required_argument, NULL, 'c'},  {"measure", required_argument, NULL, 'm'},
    {"level", required_argument, NULL, 'l'},    {"n", required_argument, NULL, 'N'},
    {"bootstrap", required_argument, NULL, 'B'}, {"tolerance", required_argument, NULL, OPT_TOL},
    {"no-split", no_argument, NULL, OPT_NOSPLIT}, {"grid", required_argument, NULL, OPT_GRID},
    {"seed", required_argument, NULL, 's'},     {"spec", required_argument, NULL, OPT_SPEC},
    {"estimates", required_argument, NULL, 'e'}, {"within", required_argument, NULL, OPT_WITHIN},
    {"format", required_argument, NULL, 'f'},   {"output", required_argument, NULL, 'o'},
    {"quiet", no_argument, NULL, 'q'},          {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};
  const char *compare = "soviet-pows-germany:german-pows-ussr", *measure = "ratio", *spec = NULL,
             *estimates = NULL, *output = NULL;
  pst_sobol_opts so;
  pst_mc_within within = PST_MC_WITHIN_UNIFORM;
  sens_mode mode = MODE_SOBOL;
  uint64_t u, k = 21;
  double level = 0.95;
  int c, rc = 0, fmt_set = 0;
  cli_format fmt = FMT_CSV;
  pst_estimates est = {0};
  pst_mc_inputs all = {0}, two = {0};
  pst_mc_pair *pairs = NULL;
  size_t npairs = 0;
  model_ctx mc = {0};
  pst_diag d = {0};
  char seeds[32];
  cli_output out;

  memset(&so, 0, sizeof so);
  so.n = 65536;
  so.m_min = 8;
  so.seed = 1;
  so.bootstrap = 200;
  so.tol = 0.05;
  so.split_mixtures = 1;
  if (argc > 1 && argv[1][0] != '-') {
    if (strcmp(argv[1], "sobol") == 0) mode = MODE_SOBOL;
    else if (strcmp(argv[1], "convergence") == 0) mode = MODE_CONV;
    else if (strcmp(argv[1], "tornado") == 0) mode = MODE_TORNADO;
    else if (strcmp(argv[1], "grid") == 0) mode = MODE_GRID;
    else return cli_usage("sensitivity", "unknown analysis '%s' (sobol, convergence, tornado, grid)", argv[1]);
    argc--;
    argv++;
  }
  opterr = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, ":c:m:l:N:B:s:e:f:o:qh", longopts, NULL)) != -1) {
    switch (c) {
    case 'c': compare = optarg; break;
    case 'm':
      if (strcmp(optarg, "ratio") && strcmp(optarg, "difference"))
        return cli_usage("sensitivity", "--measure '%s': expected ratio or difference", optarg);
      measure = optarg;
      break;
    case 'l': if ((rc = cli_parse_level("sensitivity", optarg, &level))) return rc; break;
    case 'N':
      if ((rc = sim_parse_u64("sensitivity", "--n", optarg, 256, &u))) return rc;
      if (u & (u - 1)) return cli_usage("sensitivity", "--n '%s': must be a power of two (e.g. 16384)", optarg);
      if (u > ((uint64_t)1 << 24)) return cli_usage("sensitivity", "--n '%s': at most 16777216", optarg);
      so.n = (size_t)u;
      break;
    case 'B':
      if ((rc = sim_parse_u64("sensitivity", "--bootstrap", optarg, 0, &u))) return rc;
      if (u > 100000) return cli_usage("sensitivity", "--bootstrap '%s': at most 100000", optarg);
      so.bootstrap = (size_t)u;
      break;
    case OPT_TOL: if ((rc = cli_parse_positive("sensitivity", "--tolerance", optarg, &so.tol))) return rc; break;
    case OPT_NOSPLIT: so.split_mixtures = 0; break;
    case OPT_GRID:
      if ((rc = sim_parse_u64("sensitivity", "--grid", optarg, 2, &k))) return rc;
      if (k > 1001) return cli_usage("sensitivity", "--grid '%s': at most 1001", optarg);
      break;
    case 's': if ((rc = sim_parse_u64("sensitivity", "--seed", optarg, 0, &so.seed))) return rc; break;
    case OPT_SPEC: spec = optarg; break;
    case 'e': estimates = optarg; break;
    case OPT_WITHIN:
      if (pst_mc_within_parse(optarg, &within))
        return cli_usage("sensitivity", "--within '%s': expected uniform, triangular or pert", optarg);
      break;
    case 'f':
      if (cli_parse_format(optarg, 0x1F, &fmt))
        return cli_usage("sensitivity", "--format '%s': expected table, csv, tsv, json or markdown", optarg);
      fmt_set = 1;
      break;
    case 'o': output = optarg; break;
    case 'q': break;
    case 'h': fputs(help_sensitivity, stdout); return cli_finish_stdout();
    case ':': return cli_usage("sensitivity", "option '%s' needs a value", argv[optind - 1]);
    default: return cli_usage("sensitivity", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (optind < argc) return cli_usage("sensitivity", "unexpected argument '%s'", argv[optind]);
  if (!fmt_set) fmt = (output && strcmp(output, "-")) ? FMT_CSV : cli_default_format();
  so.level = level;
  mc.diff = strcmp(measure, "difference") == 0;
  snprintf(seeds, sizeof seeds, "%llu", (unsigned long long)so.seed);

  if ((rc = sim_load_inputs("sensitivity", estimates, spec, within, 0, &est, &all))) goto done;
  {
    int st = pst_mc_parse_pairs(&all, compare, &pairs, &npairs, &d);
    if (st == PST_ENOMEM) { rc = EXIT_OSERR; goto done; }
    if (st != PST_OK) { rc = cli_usage("sensitivity", "--compare: %s", d.msg); goto done; }
    if (npairs != 1) { rc = cli_usage("sensitivity", "--compare: give exactly one A:B"); goto done; }
  }
  two.v = malloc(2 * sizeof *two.v);
  if (!two.v) { rc = EXIT_OSERR; goto done; }
  two.v[0] = all.v[pairs[0].a];
  two.v[1] = all.v[pairs[0].b];
  two.n = 2;

  if ((rc = cli_output_open(&out, output))) goto done;
  switch (mode) {
  case MODE_SOBOL:
  case MODE_CONV: rc = run_sobol(mode, &two, &mc, &so, fmt, out.fp, measure, compare, seeds); break;
  case MODE_TORNADO: rc = run_tornado(&two, &mc, level, so.seed, fmt, out.fp, measure, compare, seeds); break;
  case MODE_GRID: rc = run_grid(&two, &mc, level, so.seed, (size_t)k, fmt, out.fp, measure, compare, seeds); break;
  }
  rc = cli_output_close(&out, rc);
done:
  free(two.v); /* shallow view */
  free(pairs);
  pst_mc_inputs_free(&all);
  pst_estimates_free(&est);
  return rc;
}
