/* cmd_rates.c -- `powstat rates`: mortality proportions with confidence
 * intervals, from dataset files or K/N counts on the command line. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "commands.h"
#include "estimates_io.h"
#include "out.h"
#include "pctfmt.h"

#include "powstat/dataset.h"
#include "powstat/num.h"
#include "powstat/prop.h"
#include "powstat/rate.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char help_rates[] =
  "Usage: powstat rates [OPTION]... [FILE|K/N]...\n"
  "\n"
  "Mortality proportion (deaths / captured) with a confidence interval for\n"
  "every estimate in the dataset FILEs, or for counts given as K/N (an argument\n"
  "made only of digits, '/' and digits, e.g. 41/120000). With no argument, the\n"
  "bundled datasets/estimates.csv is read.\n"
  "\n"
  "Two kinds of uncertainty are reported and never mixed:\n"
  "  lower, upper          sampling interval (statistical) of the point counts\n"
  "  range_low, range_high between-source range (systematic): lowest deaths over\n"
  "                        highest captured to highest deaths over lowest captured,\n"
  "                        for estimates given with low/high figures\n"
  "\n"
  "Options:\n"
  "  -m, --method LIST   interval methods, comma-separated: wald, wilson,\n"
  "                      wilson-cc, agresti-coull, jeffreys, clopper-pearson, mid-p,\n"
  "                      lr; or 'all' (every method, with a disagreement flag)\n"
  "                      [wilson]\n"
  "  -l, --level P       confidence level, 0 < P < 1 (95 means 0.95) [0.95]\n"
  "      --sides S       two, lower ([L, 1]) or upper ([0, U]) [two]\n"
  "      --tolerance T   with --method all: flag an estimate when the methods'\n"
  "                      bounds differ by more than T times the Wilson interval's\n"
  "                      width [0.1]\n"
  "  -f, --format F      table, csv, tsv, json or markdown [table on a terminal,\n"
  "                      csv otherwise]\n"
  "      --holder LIST   only estimates of these holding powers (comma-separated)\n"
  "      --source LIST   only estimates from these source ids\n"
  "      --id LIST       only these estimate ids\n"
  "      --group LIST    only these comparable groups\n"
  "      --sources FILE  sources file to check source ids against [sources.csv\n"
  "                      beside each FILE, when it exists]\n"
  "      --days D        the deaths were counted over D days: add person-time\n"
  "                      (captured x D person-days) and the death rate per 1,000\n"
  "                      per 30 days with its exact Poisson (Garwood) interval\n"
  "                      (machine formats: days,person_days,rate,rate_lower,\n"
  "                      rate_upper,annual_mortality after the other columns;\n"
  "                      annual_mortality assumes a constant hazard)\n"
  "  -o, --output FILE   write to FILE (atomically: a failure leaves any old FILE)\n"
  "  -h, --help          show this help and exit\n"
  "\n"
  "Machine-readable columns: id,deaths,captured,proportion,method,level,lower,\n"
  "upper,sides,range_low,range_high,holder,captive,group,period,basis,source,\n"
  "verified,stated_pct (with --method all also spread,disagree). Proportions are\n"
  "fractions in [0, 1], printed to round-trip exactly; the table shows percent.\n"
  "\n"
  "Examples:\n"
  "  powstat rates\n"
  "  powstat rates 41/120000 8193/680921 --method clopper-pearson,mid-p\n"
  "  powstat rates datasets/estimates.csv --holder USSR --format csv\n";

enum { OPT_SIDES = 256, OPT_TOL, OPT_HOLDER, OPT_SOURCE, OPT_ID, OPT_GROUP, OPT_SOURCES, OPT_DAYS };

typedef struct {
  pst_prop_method methods[PST_PROP_NMETHODS];
  size_t nmethods;
  int all;
  double level, tol;
  pst_sides sides;
  cli_format fmt;
  const char *holder, *source, *id, *group, *sources, *output;
  double days; /* --days, 0 when not given */
} rates_opts;

static int parse_methods(const char *s, rates_opts *o)
{
  char *copy = strdup(s), *save = NULL, *tok;
  if (!copy) return EXIT_OSERR;
  o->nmethods = 0;
  for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
    pst_prop_method m;
    if (strcmp(tok, "all") == 0) {
      o->all = 1;
      for (int i = 0; i < PST_PROP_NMETHODS; i++) o->methods[i] = (pst_prop_method)i;
      o->nmethods = PST_PROP_NMETHODS;
      break;
    }
    if (pst_prop_method_parse(tok, &m) != PST_OK) {
      int rc = cli_usage("rates", "unknown method '%s' (wald, wilson, wilson-cc, agresti-coull, "
                                  "jeffreys, clopper-pearson, mid-p, lr, all)", tok);
      free(copy);
      return rc;
    }
    for (size_t i = 0; i < o->nmethods; i++)
      if (o->methods[i] == m) goto next;
    if (o->nmethods < PST_PROP_NMETHODS) o->methods[o->nmethods++] = m;
  next:;
  }
  free(copy);
  if (o->nmethods == 0) return cli_usage("rates", "--method needs at least one method");
  return 0;
}

/* shared with `powstat batch` (commands.h), whose rate rows have these columns */
const out_col rates_machine_cols[] = {
  {"id", NULL, COL_TEXT}, {"deaths", NULL, COL_NUM}, {"captured", NULL, COL_NUM},
  {"proportion", NULL, COL_NUM}, {"method", NULL, COL_TEXT}, {"level", NULL, COL_NUM},
  {"lower", NULL, COL_NUM}, {"upper", NULL, COL_NUM}, {"sides", NULL, COL_TEXT},
  {"range_low", NULL, COL_NUM}, {"range_high", NULL, COL_NUM}, {"holder", NULL, COL_TEXT},
  {"captive", NULL, COL_TEXT}, {"group", NULL, COL_TEXT}, {"period", NULL, COL_TEXT},
  {"basis", NULL, COL_TEXT}, {"source", NULL, COL_TEXT}, {"verified", NULL, COL_TEXT},
  {"stated_pct", NULL, COL_TEXT}, {"spread", NULL, COL_NUM}, {"disagree", NULL, COL_TEXT},
};
enum { N_MACHINE = 19, N_MACHINE_ALL = 21 };
const size_t rates_n_machine = N_MACHINE;

static const out_col table_cols[] = {
  {"id", "id", COL_TEXT}, {"holder", "holder", COL_TEXT}, {"group", "group", COL_TEXT},
  {"deaths", "deaths", COL_NUM}, {"captured", "captured", COL_NUM},
  {"proportion", "mortality %", COL_NUM}, {"method", "method", COL_TEXT},
  {"ci", "sampling CI %", COL_NUM}, {"range", "source range %", COL_NUM},
  {"stated", "stated %", COL_NUM}, {"verified", "verified", COL_TEXT}, {"flag", "", COL_TEXT},
};
enum { N_TABLE = 11, N_TABLE_ALL = 12 };

static const char *sides_name(pst_sides s)
{
  return s == PST_SIDES_LOWER ? "lower" : s == PST_SIDES_UPPER ? "upper" : "two";
}

/* One estimate, all requested methods. */
static int emit(out_table *t, const rates_opts *o, const char *id, const pst_estimate *e,
                int64_t k, int64_t n)
{
  pst_interval ci[PST_PROP_NMETHODS];
  int have[PST_PROP_NMETHODS] = {0};
  double p = (k >= 0 && n > 0) ? (double)k / (double)n : CLI_NAN;
  double rlo = CLI_NAN, rhi = CLI_NAN, spread = CLI_NAN;
  int ranged = e && pst_estimate_range(e, &rlo, &rhi);
  int table = o->fmt == FMT_TABLE || o->fmt == FMT_MARKDOWN;
  for (size_t i = 0; i < o->nmethods; i++) {
    if (!isnan(p)) {
      int st = pst_prop_ci(o->methods[i], (uint64_t)k, (uint64_t)n, o->level, o->sides, &ci[i]);
      if (st != PST_OK && st != PST_ENOCONV) {
        cli_err("%s: %s", id, pst_strerror(st));
        return cli_exit_code(st);
      }
      have[i] = 1;
    }
  }
  if (o->all && !isnan(p)) {
    /* Disagreement: the spread of each bound across methods, in units of the
     * Wilson interval's width (method 1 in the list is Wilson when 'all'). */
    double lo_min = 1, lo_max = 0, hi_min = 1, hi_max = 0, w;
    for (size_t i = 0; i < o->nmethods; i++) {
      lo_min = fmin(lo_min, ci[i].lower);
      lo_max = fmax(lo_max, ci[i].lower);
      hi_min = fmin(hi_min, ci[i].upper);
      hi_max = fmax(hi_max, ci[i].upper);
    }
    /* the unit: Wilson's distance from the point on the bounded side(s);
     * for a one-sided interval the other bound is 0 or 1 for every method */
    w = (o->sides != PST_SIDES_UPPER ? p - ci[PST_PROP_WILSON].lower : 0.0) +
        (o->sides != PST_SIDES_LOWER ? ci[PST_PROP_WILSON].upper - p : 0.0);
    spread = w > 0 ? fmax(lo_max - lo_min, hi_max - hi_min) / w : 0.0;
  }
  for (size_t i = 0; i < o->nmethods; i++) {
    const char *mname = pst_prop_method_name(o->methods[i]);
    int disagree = o->all && !isnan(spread) && spread > o->tol;
    if (table) {
      char pb[64], cib[96], rb[96];
      out_str(t, id);
      out_str(t, e ? e->holder : NULL);
      out_str(t, e ? e->group : NULL);
      out_int(t, k);
      out_int(t, n);
      if (have[i]) {
        pct_format3(p, ci[i].lower, ci[i].upper, pb, sizeof pb, cib, sizeof cib);
        out_num_shown(t, p, pb);
        out_str(t, mname);
        out_num_shown(t, ci[i].lower, cib);
      } else {
        out_num_shown(t, CLI_NAN, ranged ? "(range only)" : k < 0 ? "(no deaths)" : "(no captured)");
        out_str(t, mname);
        out_num_shown(t, CLI_NAN, "");
      }
      if (ranged) pct_format_range(rlo, rhi, rb, sizeof rb);
      else rb[0] = '\0';
      out_num_shown(t, CLI_NAN, rb);
      out_num_shown(t, CLI_NAN, e && e->stated_pct ? e->stated_pct : "");
      out_str(t, e ? e->verified : NULL);
      if (o->all) out_str(t, disagree ? "*" : "");
    } else {
      out_str(t, id);
      out_int(t, k);
      out_int(t, n);
      out_num(t, p);
      out_str(t, mname);
      out_num(t, o->level);
      out_num(t, have[i] ? ci[i].lower : CLI_NAN);
      out_num(t, have[i] ? ci[i].upper : CLI_NAN);
      out_str(t, sides_name(o->sides));
      out_num(t, ranged ? rlo : CLI_NAN);
      out_num(t, ranged ? rhi : CLI_NAN);
      out_str(t, e ? e->holder : NULL);
      out_str(t, e ? e->captive : NULL);
      out_str(t, e ? e->group : NULL);
      out_str(t, e ? e->period : NULL);
      out_str(t, e ? e->basis : NULL);
      out_str(t, e ? e->source : NULL);
      out_str(t, e ? e->verified : NULL);
      out_str(t, e ? e->stated_pct : NULL);
      if (o->all) {
        out_num(t, spread);
        out_str(t, isnan(spread) ? NULL : disagree ? "yes" : "no");
      }
      if (o->days > 0) {
        /* person-time rate over the window (rate.h): per 1,000 per 30 days */
        double pt = (double)n * o->days, r = CLI_NAN, u = PST_RATE_UNIT_DAYS * PST_RATE_UNIT_PERSONS;
        pst_interval rci = {CLI_NAN, CLI_NAN};
        int ok = k >= 0 && n > 0 && pst_rate_ci((uint64_t)k, pt, o->level, &r, &rci) == PST_OK;
        out_num(t, o->days);
        out_num(t, n > 0 ? pt : CLI_NAN);
        out_num(t, ok ? r * u : CLI_NAN);
        out_num(t, ok ? rci.lower * u : CLI_NAN);
        out_num(t, ok ? rci.upper * u : CLI_NAN);
        out_num(t, ok ? pst_rate_mortality(r, 365.25) : CLI_NAN);
      }
    }
    out_row(t);
  }
  return 0;
}

static int selected(const rates_opts *o, const pst_estimate *e)
{
  return cli_in_list(o->holder, e->holder) && cli_in_list(o->source, e->source) && cli_in_list(o->id, e->id) &&
         cli_in_list(o->group, e->group);
}

int cmd_rates(int argc, char **argv)
{
  static const struct option longopts[] = {
    {"method", required_argument, NULL, 'm'}, {"level", required_argument, NULL, 'l'},
    {"sides", required_argument, NULL, OPT_SIDES}, {"tolerance", required_argument, NULL, OPT_TOL},
    {"format", required_argument, NULL, 'f'}, {"holder", required_argument, NULL, OPT_HOLDER},
    {"source", required_argument, NULL, OPT_SOURCE}, {"id", required_argument, NULL, OPT_ID},
    {"group", required_argument, NULL, OPT_GROUP}, {"sources", required_argument, NULL, OPT_SOURCES},
    {"days", required_argument, NULL, OPT_DAYS},
    {"output", required_argument, NULL, 'o'}, {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};
  rates_opts o;
  int c, rc = 0, fmt_set = 0;
  size_t *first_row = NULL;
  pst_estimates est = {0};
  cli_output out;
  out_table *t;
  char lvl[64];

  memset(&o, 0, sizeof o);
  o.methods[0] = PST_PROP_WILSON;
  o.nmethods = 1;
  o.level = 0.95;
  o.tol = 0.1;
  o.sides = PST_SIDES_TWO;
  opterr = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, ":m:l:f:o:h", longopts, NULL)) != -1) {
    switch (c) {
    case 'm': if ((rc = parse_methods(optarg, &o))) return rc; break;
    case 'l': if ((rc = cli_parse_level("rates", optarg, &o.level))) return rc; break;
    case OPT_SIDES:
      if (strcmp(optarg, "two") == 0) o.sides = PST_SIDES_TWO;
      else if (strcmp(optarg, "lower") == 0) o.sides = PST_SIDES_LOWER;
      else if (strcmp(optarg, "upper") == 0) o.sides = PST_SIDES_UPPER;
      else return cli_usage("rates", "--sides '%s': expected two, lower or upper", optarg);
      break;
    case OPT_TOL: if ((rc = cli_parse_positive("rates", "--tolerance", optarg, &o.tol))) return rc; break;
    case 'f':
      if (cli_parse_format(optarg, 0x1F, &o.fmt))
        return cli_usage("rates", "--format '%s': expected table, csv, tsv, json or markdown", optarg);
      fmt_set = 1;
      break;
    case OPT_HOLDER: o.holder = optarg; break;
    case OPT_SOURCE: o.source = optarg; break;
    case OPT_ID: o.id = optarg; break;
    case OPT_GROUP: o.group = optarg; break;
    case OPT_SOURCES: o.sources = optarg; break;
    case OPT_DAYS: {
      const char *why;
      if (pst_parse_real(optarg, strlen(optarg), &o.days, &why, NULL) != PST_OK)
        return cli_usage("rates", "--days '%s': %s", optarg, why);
      if (!(o.days > 0)) {
        cli_err("rates: --days '%s': a window must last a positive number of days", optarg);
        return EXIT_DATA;
      }
      break;
    }
    case 'o': o.output = optarg; break;
    case 'h': fputs(help_rates, stdout); return cli_finish_stdout();
    case ':': return cli_usage("rates", "option '%s' needs a value", argv[optind - 1]);
    default: return cli_usage("rates", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (!fmt_set) o.fmt = (o.output && strcmp(o.output, "-")) ? FMT_CSV : cli_default_format();

  /* Load every file argument first, so that bad data fails before output;
   * first_row[i] .. first_row[i+1] are the rows that argument i brought. */
  first_row = calloc((size_t)argc + 1, sizeof *first_row);
  if (!first_row) { rc = EXIT_OSERR; goto done; }
  if (optind == argc) {
    static char deflt[4096];
    snprintf(deflt, sizeof deflt, "%s", cli_datafile("estimates.csv"));
    if ((rc = estimates_load_checked(deflt, o.sources, &est))) goto done;
  }
  for (int i = optind; i < argc; i++) {
    first_row[i] = est.n;
    if (cli_is_counts(argv[i])) {
      uint64_t k, n;
      if ((rc = cli_parse_counts("rates", argv[i], &k, &n))) goto done;
    } else if ((rc = estimates_load_checked(argv[i], o.sources, &est))) {
      goto done;
    }
  }
  first_row[argc] = est.n;

  if ((rc = cli_output_open(&out, o.output))) goto done;
  if (o.fmt == FMT_TABLE || o.fmt == FMT_MARKDOWN)
    t = out_new(o.fmt, out.fp, "rates", table_cols, o.all ? N_TABLE_ALL : N_TABLE);
  else if (o.days > 0) {
    /* --days: the person-time columns after all the usual ones */
    static const out_col day_cols[] = {
      {"days", NULL, COL_NUM}, {"person_days", NULL, COL_NUM}, {"rate", NULL, COL_NUM},
      {"rate_lower", NULL, COL_NUM}, {"rate_upper", NULL, COL_NUM}, {"annual_mortality", NULL, COL_NUM}};
    static out_col cols[N_MACHINE_ALL + 6];
    size_t nb = o.all ? N_MACHINE_ALL : N_MACHINE;
    memcpy(cols, rates_machine_cols, nb * sizeof cols[0]);
    memcpy(cols + nb, day_cols, sizeof day_cols);
    t = out_new(o.fmt, out.fp, "rates", cols, nb + 6);
  } else
    t = out_new(o.fmt, out.fp, "rates", rates_machine_cols, o.all ? N_MACHINE_ALL : N_MACHINE);
  if (!t) { cli_output_abort(&out); rc = EXIT_OSERR; goto done; }
  {
    char lb[PST_FMT_BUFSZ];
    pst_fmt_real(lb, o.level);
    snprintf(lvl, sizeof lvl, "%s, %s", lb,
             o.sides == PST_SIDES_TWO ? "two-sided"
             : o.sides == PST_SIDES_LOWER ? "one-sided lower bound [L, 1]" : "one-sided upper bound [0, U]");
  }
  out_meta(t, "interval", "sampling (statistical) confidence interval of the point counts");
  out_meta(t, "range", "between-source (systematic): lowest deaths / highest captured to highest deaths / lowest captured");
  out_meta(t, "level", lvl);
  out_meta(t, "powstat_version", POWSTAT_VERSION);

  /* Rows in argument order: K/N where it stands, a file's estimates in file
   * order where the file stands. */
  if (optind == argc) {
    for (size_t j = 0; j < est.n && rc == 0; j++)
      if (selected(&o, &est.v[j])) rc = emit(t, &o, est.v[j].id, &est.v[j], est.v[j].deaths, est.v[j].captured);
  }
  for (int i = optind; i < argc && rc == 0; i++) {
    if (cli_is_counts(argv[i])) {
      uint64_t k, n;
      cli_parse_counts("rates", argv[i], &k, &n);
      rc = emit(t, &o, argv[i], NULL, (int64_t)k, (int64_t)n);
      continue;
    }
    for (size_t j = first_row[i]; j < first_row[i + 1] && rc == 0; j++)
      if (selected(&o, &est.v[j]))
        rc = emit(t, &o, est.v[j].id, &est.v[j], est.v[j].deaths, est.v[j].captured);
  }
  if (out_finish(t) != 0 && rc == 0) rc = -1;
  rc = cli_output_close(&out, rc);
done:
  free(first_row);
  pst_estimates_free(&est);
  return rc;
}
