/* cmd_compare.c -- `powstat compare`: two groups' mortality compared by
 * risk difference, risk ratio, odds ratio or person-time rate ratio, with
 * the 2x2 tests, from K/N counts or dataset estimates. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "commands.h"
#include "estimates_io.h"
#include "out.h"

#include "powstat/compare.h"
#include "powstat/dataset.h"
#include "powstat/num.h"
#include "powstat/rate.h"
#include "powstat/tests2x2.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char help_compare[] =
  "Usage: powstat compare [OPTION]... K1/N1 K2/N2\n"
  "       powstat compare [OPTION]... --id A --id B\n"
  "       powstat compare [OPTION]... --all-pairs\n"
  "\n"
  "Compare the mortality of two groups: group 1 (K1 deaths among N1, or the\n"
  "estimate A) against group 2. With --all-pairs, every pair of dataset\n"
  "estimates of the same kind of population (same basis) held by different\n"
  "powers is compared.\n"
  "\n"
  "Measures and methods (-M, -m; several of each, comma-separated or repeated):\n"
  "  diff        p1 - p2: wald, wald-cc, newcombe, agresti-caffo, mn [newcombe]\n"
  "  ratio       p1 / p2: katz, koopman, mn [koopman]\n"
  "  odds-ratio  woolf, exact, mid-p, mn, cornfield [exact]\n"
  "  rate-ratio  (K1/T1) / (K2/T2) over person-time: exact, mid-p, wald [exact]\n"
  "A method applies to every selected measure that has it; 'all' selects all.\n"
  "\n"
  "Person-time (rate-ratio): dataset estimates use their window in\n"
  "windows.csv (days x mean of the populations at the start and end);\n"
  "K/N counts use N x D with --days, else N itself as person-time. Rates are\n"
  "shown per 1,000 persons per 30 days. A window whose id is no estimate of\n"
  "the estimates file is an error (not checked when the bundled windows.csv\n"
  "meets your own --file).\n"
  "\n"
  "Options:\n"
  "  -M, --measure LIST  diff, ratio, odds-ratio, rate-ratio [diff,ratio]\n"
  "  -m, --method LIST   methods (see above) or 'all' [the default of each]\n"
  "  -l, --level P       confidence level, 0 < P < 1 (95 means 0.95) [0.95]\n"
  "      --id ID         a dataset estimate (give exactly two)\n"
  "      --all-pairs     every pair across holding powers (same basis)\n"
  "      --holder LIST   with --all-pairs: only these holding powers\n"
  "      --group LIST    with --all-pairs: only these comparable groups\n"
  "      --days D[,D2]   window of the K/N counts in days (one value for both)\n"
  "      --stated-days   use the window length as the article states it\n"
  "                      (days_stated in windows.csv) where it differs\n"
  "      --cornfield-cc  continuity correction 1/2 in the cornfield method\n"
  "      --file FILE     estimates file [bundled datasets/estimates.csv]\n"
  "      --windows FILE  windows file [bundled datasets/windows.csv]\n"
  "      --sources FILE  sources file to check source ids against\n"
  "  -f, --format F      table, csv, tsv or json [table on a terminal, csv\n"
  "                      otherwise]\n"
  "  -o, --output FILE   write to FILE (atomically)\n"
  "  -h, --help          show this help and exit\n"
  "\n"
  "Machine-readable columns: measure,method,level,estimate,lower,upper,chi2,\n"
  "chi2_p,yates_chi2,yates_p,g,g_p,fisher_p,fisher_log10_p,label,id1,deaths1,\n"
  "n1,id2,deaths2,n2,p_value,status,interval,range_low,range_high,days1,days2,\n"
  "person_time1,person_time2,rate1,rate2,note. diff is a difference of\n"
  "fractions; an unbounded limit or an x/0 estimate is 'inf' (null in JSON),\n"
  "a 0/0 estimate is empty; both have status 'undefined'. p_value is the test\n"
  "that matches the method's interval (excludes the null exactly when\n"
  "p_value < 1 - level); fisher_p is Fisher's exact test (R's two-sided\n"
  "definition), with log10 p when p underflows. The tests are of the 2x2\n"
  "table and are left empty for rate ratios. The interval is sampling only;\n"
  "range_low/high is the between-source range of the measure where an\n"
  "estimate has low/high figures.\n"
  "\n"
  "Examples:\n"
  "  powstat compare 56/70 48/80 --measure diff --method all\n"
  "  powstat compare --id ART06 --id ART07 --measure rate-ratio\n"
  "  powstat compare --all-pairs --measure ratio --format csv\n";

enum {
  OPT_ID = 256, OPT_ALL_PAIRS, OPT_HOLDER, OPT_GROUP, OPT_DAYS, OPT_STATED, OPT_CC, OPT_FILE,
  OPT_WINDOWS, OPT_SOURCES
};

typedef struct {
  int measure[PST_CMP_NMEASURES];      /* selected measures */
  int method[PST_CMP_NMETHODS];        /* selected methods */
  int method_set[PST_CMP_NMEASURES];   /* a method was named for this measure */
  double level;
  double days[2];
  int have_days, stated, all_pairs;
  unsigned flags;
  const char *ids[2];
  int nids;
  const char *holder, *group, *file, *windows, *sources, *output;
  cli_format fmt;
  char named[32][24];     /* method names given explicitly ... */
  unsigned named_mask[32];/* ... and the measures that have them */
  int nnamed;
} cmp_opts;

typedef struct {
  const char *label;     /* id or "K/N" */
  const pst_estimate *e; /* NULL for counts */
  uint64_t k, n;
  double days, pt;       /* NaN when not known */
  const char *ptnote;    /* how person-time was formed */
  int ranged;
  double rlo, rhi;       /* between-source range of the proportion */
} side;

static int split_list(const char *s, int (*each)(const char *, void *), void *ctx)
{
  char *copy = strdup(s), *save = NULL, *tok;
  int rc = 0;
  if (!copy) return EXIT_OSERR;
  for (tok = strtok_r(copy, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save))
    rc = each(tok, ctx);
  free(copy);
  return rc;
}

static int add_measure(const char *tok, void *vo)
{
  cmp_opts *o = vo;
  pst_cmp_measure m;
  if (strcmp(tok, "all") == 0) {
    for (int i = 0; i < PST_CMP_NMEASURES; i++) o->measure[i] = 1;
    return 0;
  }
  if (pst_cmp_measure_parse(tok, &m) != PST_OK)
    return cli_usage("compare", "unknown measure '%s' (diff, ratio, odds-ratio, rate-ratio)", tok);
  o->measure[m] = 1;
  return 0;
}

static int add_method(const char *tok, void *vo)
{
  cmp_opts *o = vo;
  int found = 0;
  unsigned mask = 0;
  for (int i = 0; i < PST_CMP_NMETHODS; i++) {
    if (strcmp(tok, "all") == 0 || strcmp(tok, pst_cmp_method_name((pst_cmp_method)i)) == 0) {
      o->method[i] = 1;
      o->method_set[pst_cmp_method_measure((pst_cmp_method)i)] = 1;
      mask |= 1u << pst_cmp_method_measure((pst_cmp_method)i);
      found = 1;
    }
  }
  /* remember which measures a named method belongs to ('all' fits any) */
  if (found && strcmp(tok, "all") != 0 && o->nnamed < 32) {
    o->named_mask[o->nnamed] = mask;
    snprintf(o->named[o->nnamed], sizeof o->named[0], "%s", tok);
    o->nnamed++;
  }
  if (!found)
    return cli_usage("compare", "unknown method '%s' (wald, wald-cc, newcombe, agresti-caffo, mn, "
                                "katz, koopman, woolf, exact, mid-p, cornfield, all)", tok);
  return 0;
}

static int parse_days(const char *s, cmp_opts *o)
{
  const char *comma = strchr(s, ',');
  const char *why;
  size_t len0 = comma ? (size_t)(comma - s) : strlen(s);
  for (int i = 0; i < 2; i++) {
    const char *p = i == 0 ? s : (comma ? comma + 1 : s);
    size_t len = i == 0 ? len0 : (comma ? strlen(comma + 1) : len0);
    if (pst_parse_real(p, len, &o->days[i], &why, NULL) != PST_OK)
      return cli_usage("compare", "--days '%s': %s", s, why);
    if (!(o->days[i] > 0)) {
      cli_err("compare: --days '%s': a window must last a positive number of days", s);
      return EXIT_DATA;
    }
  }
  o->have_days = 1;
  return 0;
}

static const out_col machine_cols[] = {
  {"measure", NULL, COL_TEXT}, {"method", NULL, COL_TEXT}, {"level", NULL, COL_NUM},
  {"estimate", NULL, COL_NUM}, {"lower", NULL, COL_NUM}, {"upper", NULL, COL_NUM},
  {"chi2", NULL, COL_NUM}, {"chi2_p", NULL, COL_NUM}, {"yates_chi2", NULL, COL_NUM},
  {"yates_p", NULL, COL_NUM}, {"g", NULL, COL_NUM}, {"g_p", NULL, COL_NUM},
  {"fisher_p", NULL, COL_NUM}, {"fisher_log10_p", NULL, COL_NUM}, {"label", NULL, COL_TEXT},
  {"id1", NULL, COL_TEXT}, {"deaths1", NULL, COL_NUM}, {"n1", NULL, COL_NUM},
  {"id2", NULL, COL_TEXT}, {"deaths2", NULL, COL_NUM}, {"n2", NULL, COL_NUM},
  {"p_value", NULL, COL_NUM}, {"status", NULL, COL_TEXT}, {"interval", NULL, COL_TEXT},
  {"range_low", NULL, COL_NUM}, {"range_high", NULL, COL_NUM}, {"days1", NULL, COL_NUM},
  {"days2", NULL, COL_NUM}, {"person_time1", NULL, COL_NUM}, {"person_time2", NULL, COL_NUM},
  {"rate1", NULL, COL_NUM}, {"rate2", NULL, COL_NUM}, {"note", NULL, COL_TEXT},
};
#define N_MACHINE (sizeof machine_cols / sizeof machine_cols[0])

static const out_col table_cols[] = {
  {"label", "comparison", COL_TEXT}, {"measure", "measure", COL_TEXT},
  {"method", "method", COL_TEXT},    {"estimate", "estimate", COL_NUM},
  {"ci", "sampling CI", COL_NUM},    {"p", "p", COL_NUM},
  {"fisher", "Fisher p", COL_NUM},   {"note", "note", COL_TEXT},
};
#define N_TABLE (sizeof table_cols / sizeof table_cols[0])

/* a value for a human table: ratios with 4 significant digits, differences
 * in percentage points */
static void fmt_value(char *b, size_t n, pst_cmp_measure m, double v)
{
  if (isnan(v)) snprintf(b, n, "undefined");
  else if (isinf(v)) snprintf(b, n, "%s", v > 0 ? "inf" : "-inf");
  else if (m == PST_CMP_DIFF) {
    char s[32];
    pst_fmt_sig(s, sizeof s, 100 * v, 4);
    snprintf(b, n, "%s%s pp", v > 0 ? "+" : "", s);
  } else {
    pst_fmt_sig(b, n, v, 4);
  }
}

static void fmt_p(char *b, size_t n, double p, double log10p)
{
  if (isnan(p) && isnan(log10p)) b[0] = '\0';
  else if (p == 0 && isnan(log10p)) snprintf(b, n, "<1e-300");
  else if (p >= 1e-4 || (isnan(log10p))) pst_fmt_sig(b, n, p, 2);
  else if (p > 0) {
    char s[32];
    pst_fmt_sig(s, sizeof s, p, 2);
    snprintf(b, n, "%s", s);
  } else {
    double e = floor(log10p), mant = pow(10.0, log10p - e);
    snprintf(b, n, "%.1fe%d", mant, (int)e);
  }
}

/* a bound: +Inf is "inf" in CSV/TSV, null in JSON (not a JSON number) */
static void put_bound(out_table *t, cli_format fmt, double v)
{
  if (isinf(v)) {
    if (fmt == FMT_JSON) out_num(t, CLI_NAN);
    else out_str(t, v > 0 ? "inf" : "-inf");
  } else {
    out_num(t, v);
  }
}

static int have_method(const cmp_opts *o, pst_cmp_method m)
{
  pst_cmp_measure me = pst_cmp_method_measure(m);
  if (!o->measure[me]) return 0;
  if (o->method_set[me]) return o->method[m];
  /* defaults */
  return m == PST_CMP_DIFF_NEWCOMBE || m == PST_CMP_RATIO_KOOPMAN || m == PST_CMP_OR_EXACT ||
         m == PST_CMP_RATE_EXACT;
}

/* between-source range of the measure from the two proportion ranges */
static int measure_range(pst_cmp_measure m, const side *a, const side *b, double *lo, double *hi)
{
  double l1 = a->ranged ? a->rlo : (double)a->k / (double)a->n;
  double h1 = a->ranged ? a->rhi : (double)a->k / (double)a->n;
  double l2 = b->ranged ? b->rlo : (double)b->k / (double)b->n;
  double h2 = b->ranged ? b->rhi : (double)b->k / (double)b->n;
  if (!a->ranged && !b->ranged) return 0;
  switch (m) {
  case PST_CMP_DIFF: *lo = l1 - h2; *hi = h1 - l2; return 1;
  case PST_CMP_RATIO:
    if (!(l2 > 0)) return 0;
    *lo = l1 / h2; *hi = h1 / l2; return 1;
  case PST_CMP_ODDS_RATIO:
    if (!(l2 > 0) || !(h1 < 1) || !(h2 < 1)) return 0;
    *lo = (l1 / (1 - l1)) / (h2 / (1 - h2));
    *hi = (h1 / (1 - h1)) / (l2 / (1 - l2));
    return 1;
  default: return 0;
  }
}

static void range_note(char *b, size_t n, const side *s)
{
  char lo[32], hi[32];
  pst_fmt_sig(lo, sizeof lo, 100 * s->rlo, 3);
  pst_fmt_sig(hi, sizeof hi, 100 * s->rhi, 3);
  snprintf(b, n, "%s has a between-source range (%s-%s%%) not in this sampling interval", s->label,
           lo, hi);
}

static int emit_pair(out_table *t, const cmp_opts *o, const side *a, const side *b)
{
  pst_test_result chi = {CLI_NAN, CLI_NAN, CLI_NAN}, yat = chi, g = chi, fis = chi;
  char label[256];
  int table = o->fmt == FMT_TABLE;
  snprintf(label, sizeof label, "%s vs %s", a->label, b->label);
  if (pst_chisq_2x2(a->k, a->n, b->k, b->n, 0, &chi) == PST_EINVAL ||
      pst_chisq_2x2(a->k, a->n, b->k, b->n, 1, &yat) == PST_EINVAL ||
      pst_gtest_2x2(a->k, a->n, b->k, b->n, &g) == PST_EINVAL ||
      pst_fisher_2x2(a->k, a->n, b->k, b->n, &fis) == PST_EINVAL) {
    cli_err("compare: %s: counts out of range", label);
    return EXIT_DATA;
  }
  for (int mi = 0; mi < PST_CMP_NMETHODS; mi++) {
    pst_cmp_method m = (pst_cmp_method)mi;
    pst_cmp_measure me = pst_cmp_method_measure(m);
    pst_cmp_ci r;
    int st, rate = me == PST_CMP_RATE_RATIO, ranged = 0;
    double rlo = CLI_NAN, rhi = CLI_NAN;
    char note[1024] = "";
    if (!have_method(o, m)) continue;
    if (rate) st = pst_cmp_rates(m, a->k, a->pt, b->k, b->pt, o->level, &r);
    else st = pst_cmp_props(m, a->k, a->n, b->k, b->n, o->level, o->flags, &r);
    if (st != PST_OK && st != PST_ENOCONV) {
      cli_err("compare: %s: %s: %s", label, pst_cmp_method_name(m), pst_strerror(st));
      return cli_exit_code(st);
    }
    if (st == PST_ENOCONV) snprintf(note, sizeof note, "did not converge to tolerance; ");
    if (r.status == PST_EUNDEF) {
      size_t l = strlen(note);
      if (isnan(r.lower))
        snprintf(note + l, sizeof note - l, "undefined: a zero count leaves no %s interval",
                 pst_cmp_method_name(m));
      else
        snprintf(note + l, sizeof note - l, "estimate undefined (%s); the interval that exists is shown",
                 isnan(r.estimate) ? "0/0" : "division by zero");
    }
    if (rate && (isnan(a->days) || isnan(b->days))) {
      size_t l = strlen(note);
      snprintf(note + l, sizeof note - l, "%s%s; %s", l ? "; " : "", a->ptnote, b->ptnote);
    } else if (rate) {
      size_t l = strlen(note);
      char r1[32], r2[32];
      pst_fmt_sig(r1, sizeof r1, (double)a->k / a->pt * PST_RATE_UNIT_DAYS * PST_RATE_UNIT_PERSONS, 4);
      pst_fmt_sig(r2, sizeof r2, (double)b->k / b->pt * PST_RATE_UNIT_DAYS * PST_RATE_UNIT_PERSONS, 4);
      snprintf(note + l, sizeof note - l, "%s%s vs %s deaths per 1,000 per 30 days; %s; %s",
               l ? "; " : "", r1, r2, a->ptnote, b->ptnote);
    } else {
      ranged = measure_range(me, a, b, &rlo, &rhi);
      if (ranged) {
        const side *s = a->ranged ? a : b;
        size_t l = strlen(note);
        char rb[512];
        range_note(rb, sizeof rb, s);
        snprintf(note + l, sizeof note - l, "%smixed: %s", l ? "; " : "", rb);
        if (a->ranged && b->ranged) {
          l = strlen(note);
          range_note(rb, sizeof rb, b);
          snprintf(note + l, sizeof note - l, "; %s", rb);
        }
      }
    }
    if (table) {
      char eb[64], lb[64], hb[64], cib[160], pb[48], fb[48];
      fmt_value(eb, sizeof eb, me, r.estimate);
      fmt_value(lb, sizeof lb, me, r.lower);
      fmt_value(hb, sizeof hb, me, r.upper);
      if (isnan(r.lower)) snprintf(cib, sizeof cib, "none");
      else snprintf(cib, sizeof cib, "%s to %s", lb, hb);
      fmt_p(pb, sizeof pb, r.p_value, CLI_NAN);
      if (rate) fb[0] = '\0';
      else fmt_p(fb, sizeof fb, fis.p, fis.log10_p);
      out_str(t, label);
      out_str(t, pst_cmp_measure_name(me));
      out_str(t, pst_cmp_method_name(m));
      out_num_shown(t, CLI_NAN, eb);
      out_num_shown(t, CLI_NAN, cib);
      out_num_shown(t, CLI_NAN, pb);
      out_num_shown(t, CLI_NAN, fb);
      out_str(t, note);
    } else {
      out_str(t, pst_cmp_measure_name(me));
      out_str(t, pst_cmp_method_name(m));
      out_num(t, o->level);
      if (isnan(r.estimate)) out_num(t, CLI_NAN);
      else put_bound(t, o->fmt, r.estimate);
      put_bound(t, o->fmt, r.lower);
      put_bound(t, o->fmt, r.upper);
      if (rate) {
        for (int j = 0; j < 8; j++) out_num(t, CLI_NAN);
      } else {
        out_num(t, chi.stat); out_num(t, chi.p);
        out_num(t, yat.stat); out_num(t, yat.p);
        out_num(t, g.stat); out_num(t, g.p);
        out_num(t, fis.p); out_num(t, fis.log10_p);
      }
      out_str(t, label);
      out_str(t, a->e ? a->e->id : NULL);
      out_int(t, (int64_t)a->k);
      out_int(t, (int64_t)a->n);
      out_str(t, b->e ? b->e->id : NULL);
      out_int(t, (int64_t)b->k);
      out_int(t, (int64_t)b->n);
      out_num(t, r.p_value);
      out_str(t, r.status == PST_OK ? "ok" : "undefined");
      out_str(t, "sampling");
      out_num(t, rlo);
      out_num(t, rhi);
      out_num(t, rate ? a->days : CLI_NAN);
      out_num(t, rate ? b->days : CLI_NAN);
      out_num(t, rate ? a->pt : CLI_NAN);
      out_num(t, rate ? b->pt : CLI_NAN);
      out_num(t, rate && !isnan(a->days) ? (double)a->k / a->pt * PST_RATE_UNIT_DAYS * PST_RATE_UNIT_PERSONS : CLI_NAN);
      out_num(t, rate && !isnan(b->days) ? (double)b->k / b->pt * PST_RATE_UNIT_DAYS * PST_RATE_UNIT_PERSONS : CLI_NAN);
      out_str(t, note[0] ? note : NULL);
    }
    out_row(t);
  }
  return 0;
}

/* A side from a dataset estimate: point counts, range, window. */
static int side_from_estimate(const cmp_opts *o, const pst_estimate *e, const pst_windows *w,
                              side *s, int need_pt, char *ptbuf, size_t ptn)
{
  int64_t k, n;
  const pst_window *win;
  memset(s, 0, sizeof *s);
  s->label = e->id;
  s->e = e;
  if (!pst_estimate_point(e, &k, &n)) {
    cli_err("%s:%ld: estimate %s has no point %s: it cannot be compared", e->file, e->line, e->id,
            k < 0 ? "deaths" : "denominator");
    return EXIT_DATA;
  }
  s->k = (uint64_t)k;
  s->n = (uint64_t)n;
  s->ranged = pst_estimate_range(e, &s->rlo, &s->rhi);
  s->days = s->pt = CLI_NAN;
  win = pst_windows_find(w, e->id);
  if (need_pt) {
    double p0, p1;
    if (!win) {
      cli_err("compare: estimate %s has no time window in %s: a rate ratio needs one "
              "(or compare proportions with --measure ratio)", e->id, o->windows);
      return EXIT_DATA;
    }
    s->days = (o->stated && !isnan(win->days_stated)) ? win->days_stated : win->days;
    p0 = win->pop_start >= 0 ? (double)win->pop_start : (double)n;
    p1 = win->pop_end >= 0 ? (double)win->pop_end : p0;
    if (pst_person_time(p0, p1, s->days, &s->pt) != PST_OK) {
      cli_err("%s:%ld: window of %s: no population to form person-time", o->windows, win->line, e->id);
      return EXIT_DATA;
    }
    {
      char db[32];
      pst_fmt_real(db, s->days);
      snprintf(ptbuf, ptn, "%s: %s days (%s)%s", e->id, db, win->window ? win->window : "window",
               (o->stated && !isnan(win->days_stated)) ? " as the article states it" :
               !isnan(win->days_stated) ? ", the source's length (the article states another)" : "");
    }
    s->ptnote = ptbuf;
  }
  return 0;
}

static int same_str(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

int cmd_compare(int argc, char **argv)
{
  static const struct option longopts[] = {
    {"measure", required_argument, NULL, 'M'}, {"method", required_argument, NULL, 'm'},
    {"level", required_argument, NULL, 'l'}, {"id", required_argument, NULL, OPT_ID},
    {"all-pairs", no_argument, NULL, OPT_ALL_PAIRS}, {"holder", required_argument, NULL, OPT_HOLDER},
    {"group", required_argument, NULL, OPT_GROUP}, {"days", required_argument, NULL, OPT_DAYS},
    {"stated-days", no_argument, NULL, OPT_STATED}, {"cornfield-cc", no_argument, NULL, OPT_CC},
    {"file", required_argument, NULL, OPT_FILE}, {"windows", required_argument, NULL, OPT_WINDOWS},
    {"sources", required_argument, NULL, OPT_SOURCES}, {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'}, {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};
  static char deflt_est[4096], deflt_win[4096];
  cmp_opts o;
  int c, rc = 0, fmt_set = 0, any_measure = 0, nargs, check_win_ids;
  pst_estimates est = {0};
  pst_windows win = {0};
  cli_output out;
  out_table *t = NULL;
  side s[2];
  char ptb[2][512];

  memset(&o, 0, sizeof o);
  o.level = 0.95;
  opterr = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, ":M:m:l:f:o:h", longopts, NULL)) != -1) {
    switch (c) {
    case 'M': if ((rc = split_list(optarg, add_measure, &o))) return rc; any_measure = 1; break;
    case 'm': if ((rc = split_list(optarg, add_method, &o))) return rc; break;
    case 'l': if ((rc = cli_parse_level("compare", optarg, &o.level))) return rc; break;
    case OPT_ID:
      if (o.nids == 2) return cli_usage("compare", "--id given more than twice: compare two estimates");
      o.ids[o.nids++] = optarg;
      break;
    case OPT_ALL_PAIRS: o.all_pairs = 1; break;
    case OPT_HOLDER: o.holder = optarg; break;
    case OPT_GROUP: o.group = optarg; break;
    case OPT_DAYS: if ((rc = parse_days(optarg, &o))) return rc; break;
    case OPT_STATED: o.stated = 1; break;
    case OPT_CC: o.flags |= PST_CMP_CORNFIELD_CC; break;
    case OPT_FILE: o.file = optarg; break;
    case OPT_WINDOWS: o.windows = optarg; break;
    case OPT_SOURCES: o.sources = optarg; break;
    case 'f':
      if (cli_parse_format(optarg, (1u << FMT_TABLE) | (1u << FMT_CSV) | (1u << FMT_TSV) | (1u << FMT_JSON),
                           &o.fmt))
        return cli_usage("compare", "--format '%s': expected table, csv, tsv or json", optarg);
      fmt_set = 1;
      break;
    case 'o': o.output = optarg; break;
    case 'h': fputs(help_compare, stdout); return cli_finish_stdout();
    case ':': return cli_usage("compare", "option '%s' needs a value", argv[optind - 1]);
    default: return cli_usage("compare", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (!any_measure) o.measure[PST_CMP_DIFF] = o.measure[PST_CMP_RATIO] = 1;
  /* a method named for no selected measure is a mistake worth reporting */
  for (int i = 0; i < o.nnamed; i++) {
    unsigned sel = 0;
    for (int j = 0; j < PST_CMP_NMEASURES; j++)
      if (o.measure[j]) sel |= 1u << j;
    if (!(o.named_mask[i] & sel))
      return cli_usage("compare", "method '%s' is not a method of the selected measures", o.named[i]);
  }
  if (!fmt_set) o.fmt = (o.output && strcmp(o.output, "-")) ? FMT_CSV : cli_default_format();
  if (o.fmt == FMT_MARKDOWN) o.fmt = FMT_TABLE;
  nargs = argc - optind;
  if (o.all_pairs && (o.nids || nargs))
    return cli_usage("compare", "--all-pairs takes no --id and no K/N arguments");
  if (o.nids && nargs) return cli_usage("compare", "give either two K/N counts or two --id, not both");
  if (!o.all_pairs && o.nids == 0 && nargs != 2)
    return cli_usage("compare", "expected two groups as K1/N1 K2/N2 (got %d argument%s)", nargs,
                     nargs == 1 ? "" : "s");
  if (o.nids == 1) return cli_usage("compare", "--id needs a second --id to compare with");
  if ((o.holder || o.group) && !o.all_pairs)
    return cli_usage("compare", "--holder and --group filter --all-pairs");
  if (o.have_days && (o.nids || o.all_pairs))
    return cli_usage("compare", "--days is for K/N counts; dataset estimates use windows.csv");
  /* window ids are checked against the estimates unless the bundled windows
   * meet the user's own estimates file (they describe the bundled ones) */
  check_win_ids = o.windows || !o.file;
  if (!o.file) {
    snprintf(deflt_est, sizeof deflt_est, "%s", cli_datafile("estimates.csv"));
    o.file = deflt_est;
  }
  if (!o.windows) {
    snprintf(deflt_win, sizeof deflt_win, "%s", cli_datafile("windows.csv"));
    o.windows = deflt_win;
  }

  /* Everything is read and checked before any output. */
  if (nargs == 2) {
    for (int i = 0; i < 2; i++) {
      memset(&s[i], 0, sizeof s[i]);
      s[i].label = argv[optind + i];
      if (!cli_is_counts(argv[optind + i]))
        return cli_usage("compare", "'%s' is not K/N counts (digits '/' digits)", argv[optind + i]);
      if ((rc = cli_parse_counts("compare", argv[optind + i], &s[i].k, &s[i].n))) return rc;
      s[i].days = o.have_days ? o.days[i] : CLI_NAN;
      s[i].pt = o.have_days ? o.days[i] * (double)s[i].n : (double)s[i].n;
      if (o.have_days) {
        char db[32];
        pst_fmt_real(db, o.days[i]);
        snprintf(ptb[i], sizeof ptb[i], "%s: %s days", s[i].label, db);
      } else {
        snprintf(ptb[i], sizeof ptb[i], "%s: N taken as person-time (no --days), rates not scaled", s[i].label);
      }
      s[i].ptnote = ptb[i];
    }
  } else {
    FILE *wf;
    pst_diag d = {0};
    if ((rc = estimates_load_checked(o.file, o.sources, &est))) goto done;
    if (o.measure[PST_CMP_RATE_RATIO]) {
      if (!(wf = cli_open_input(o.windows, &rc))) goto done;
      rc = pst_windows_load(wf, o.windows, &win, &d);
      fclose(wf);
      if (rc != PST_OK) { rc = cli_diag(rc, &d); goto done; }
      /* a window naming no estimate is a misspelt id (its estimate then has
       * no window) or a windows file meant for other estimates */
      for (size_t i = 0; check_win_ids && i < win.n; i++)
        if (!pst_estimates_find(&est, win.v[i].id)) {
          cli_err("%s:%ld:%ld: unknown estimate id '%.40s' (not in %s)", o.windows, win.v[i].id_line,
                  win.v[i].id_col, win.v[i].id, est.n ? est.v[0].file : o.file);
          rc = EXIT_DATA;
          goto done;
        }
    }
    for (int i = 0; i < o.nids; i++) {
      const pst_estimate *e = pst_estimates_find(&est, o.ids[i]);
      if (!e) {
        cli_err("compare: no estimate '%s' in %s", o.ids[i], o.file);
        rc = EXIT_DATA;
        goto done;
      }
      if ((rc = side_from_estimate(&o, e, &win, &s[i], o.measure[PST_CMP_RATE_RATIO], ptb[i], sizeof ptb[i])))
        goto done;
    }
  }

  if ((rc = cli_output_open(&out, o.output))) goto done;
  if (o.fmt == FMT_TABLE) t = out_new(o.fmt, out.fp, "compare", table_cols, N_TABLE);
  else t = out_new(o.fmt, out.fp, "compare", machine_cols, N_MACHINE);
  if (!t) { cli_output_abort(&out); rc = EXIT_OSERR; goto done; }
  {
    char lb[PST_FMT_BUFSZ], lv[64];
    pst_fmt_real(lb, o.level);
    snprintf(lv, sizeof lv, "%s, two-sided", lb);
    out_meta(t, "level", lv);
  }
  out_meta(t, "interval", "sampling (statistical) confidence interval of the point counts; "
                          "between-source ranges are reported apart (range_low, range_high)");
  if (o.measure[PST_CMP_DIFF])
    out_meta(t, "diff", o.fmt == FMT_TABLE ? "percentage points, group 1 minus group 2"
                                           : "difference of proportions (fractions), group 1 minus group 2");
  if (o.measure[PST_CMP_RATE_RATIO])
    out_meta(t, "rate", "deaths per 1,000 persons per 30 days over each window's person-time; "
                        "comparing windows of different lengths assumes a constant hazard");
  out_meta(t, "powstat_version", POWSTAT_VERSION);

  if (o.all_pairs) {
    int need_pt = o.measure[PST_CMP_RATE_RATIO];
    for (size_t i = 0; i < est.n && rc == 0; i++) {
      const pst_estimate *a = &est.v[i];
      int64_t k, n;
      if (!pst_estimate_point(a, &k, &n) || !cli_in_list(o.holder, a->holder) || !cli_in_list(o.group, a->group))
        continue;
      if (need_pt && !pst_windows_find(&win, a->id)) continue;
      for (size_t j = i + 1; j < est.n && rc == 0; j++) {
        const pst_estimate *b = &est.v[j];
        if (!pst_estimate_point(b, &k, &n) || !cli_in_list(o.holder, b->holder) ||
            !cli_in_list(o.group, b->group) || same_str(a->holder, b->holder) || !same_str(a->basis, b->basis))
          continue;
        if (need_pt && !pst_windows_find(&win, b->id)) continue;
        if ((rc = side_from_estimate(&o, a, &win, &s[0], need_pt, ptb[0], sizeof ptb[0])) ||
            (rc = side_from_estimate(&o, b, &win, &s[1], need_pt, ptb[1], sizeof ptb[1])))
          break;
        rc = emit_pair(t, &o, &s[0], &s[1]);
      }
    }
  } else {
    rc = emit_pair(t, &o, &s[0], &s[1]);
  }
  if (out_finish(t) != 0 && rc == 0) rc = -1;
  rc = cli_output_close(&out, rc);
done:
  pst_windows_free(&win);
  pst_estimates_free(&est);
  return rc;
}
