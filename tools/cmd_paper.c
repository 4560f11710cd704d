/* cmd_paper.c -- `powstat paper`: the paper's figure set, from the bundled
 * datasets, as scripts and images in plots/.
 *
 * Adding a figure is one entry in `figures[]`: a name, a one-line
 * description, and a builder that fills a pst_plot from the datasets. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "commands.h"
#include "estimates_io.h"
#include "paper.h"
#include "render.h"

#include "powstat/dataset.h"
#include "powstat/num.h"
#include "powstat/plot.h"
#include "powstat/prop.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

const char help_paper[] =
  "Usage: powstat paper [OPTION]...\n"
  "\n"
  "Render the paper's figure set from the bundled datasets (datasets/, or\n"
  "$POWSTAT_DATADIR): for each figure NAME, DIR/NAME.gp (the self-contained\n"
  "gnuplot script) and DIR/NAME.png, DIR/NAME.pdf (or the --render formats).\n"
  "Every file is written under a temporary name and renamed on success.\n"
  "'powstat paper --list' shows the figures.\n"
  "\n"
  "Options:\n"
  "      --out DIR         directory to write into, created if missing [plots]\n"
  "  -r, --render LIST     png, svg, pdf, tex, dumb, comma-separated, or 'none'\n"
  "                        for the scripts only [png,pdf]\n"
  "      --only LIST       only these figures (names, comma-separated)\n"
  "      --list            list the figures and exit\n"
  "      --dpi N           PNG resolution [150]\n"
  "      --font NAME       font family [DejaVu Sans]\n"
  "      --font-size PT    font size in points [10]\n"
  "  -h, --help            show this help and exit\n"
  "\n"
  "Exit status: 0 ok, 64 usage, 65 bad dataset, 66 missing dataset, 69 gnuplot\n"
  "or its terminal missing (install gnuplot-nox), 70 gnuplot failed, 73 cannot\n"
  "create output, 74 I/O error.\n";

static void fig_free(paper_fig *f)
{
  if (f->rows_texts_owned) chart_rows_free(f->rows, f->plot.nrows);
  else free(f->rows);
  for (size_t i = 0; i < f->ncf; i++) chart_file_free(f->cf[i]);
  for (size_t i = 0; i < f->nstrs; i++) free(f->strs[i]);
  memset(f, 0, sizeof *f);
}

/* ---- shared selection rules ---- */

static int verified_rank(const char *v)
{
  return !v ? 0 : strcmp(v, "yes") == 0 ? 3 : strcmp(v, "yes/memory") == 0 ? 2 : 1;
}

static int same_figures(const pst_estimate *a, const pst_estimate *b)
{
  return a->source && b->source && strcmp(a->source, b->source) == 0 && a->group && b->group &&
         strcmp(a->group, b->group) == 0 && a->captured == b->captured && a->captured_low == b->captured_low &&
         a->captured_high == b->captured_high && a->deaths == b->deaths && a->deaths_low == b->deaths_low &&
         a->deaths_high == b->deaths_high;
}

const pst_estimate *paper_duplicate_of(const pst_estimates *est, const pst_estimate *e)
{
  for (size_t j = 0; j < est->n; j++) {
    const pst_estimate *o = &est->v[j];
    int ro, re;
    if (o == e || !same_figures(o, e)) continue;
    ro = verified_rank(o->verified);
    re = verified_rank(e->verified);
    if (ro > re || (ro == re && o < e)) return o;
  }
  return NULL;
}

static int has_deaths(const pst_estimate *e)
{
  return e->deaths >= 0 || e->deaths_low >= 0 || e->deaths_high >= 0;
}

/* A percentage the source printed itself (not "=x", not a range). */
static int printed_pct(const pst_estimate *e, double *v)
{
  const char *why;
  if (!e->stated_pct || e->stated_pct[0] == '=' || e->stated_pct[0] == '\0') return 0;
  return pst_parse_real(e->stated_pct, strlen(e->stated_pct), v, &why, NULL) == PST_OK;
}

static int is_axis_side(const char *holder)
{
  return holder && strcmp(holder, "USSR") != 0 && strcmp(holder, "Russia MoD") != 0;
}

/* ---- (a) forest: mortality by holding power, group and source ---- */

static int forest_side(paper_data *pd, paper_fig *f, int axis_side)
{
  const pst_estimates *est = &pd->est;
  chart_rate *v = calloc(est->n ? est->n : 1, sizeof *v);
  size_t n = 0, nnone = 0, ndup = 0;
  note_buf none = {{0}, 0}, dup = {{0}, 0};
  int rc;
  if (!v) return EXIT_OSERR;
  for (size_t i = 0; i < est->n; i++) {
    const pst_estimate *e = &est->v[i];
    const pst_estimate *o;
    chart_rate *r = &v[n];
    int64_t k, m;
    double sp;
    if (is_axis_side(e->holder) != axis_side) continue;
    if (!has_deaths(e) && !(e->captured < 0 && e->captured_low < 0 && printed_pct(e, &sp))) {
      note_add(&none, "%s%s", nnone++ ? ", " : "", e->id);
      continue;
    }
    if ((o = paper_duplicate_of(est, e)) != NULL) {
      note_add(&dup, "%s%s (= %s)", ndup++ ? ", " : "", e->id, o->id);
      continue;
    }
    memset(r, 0, sizeof *r);
    r->id = e->id;
    r->source = e->source;
    r->holder = e->holder;
    r->group = e->group;
    r->captive = e->captive;
    r->verified = e->verified;
    r->stated_pct = e->stated_pct;
    r->proportion = r->lower = r->upper = r->range_low = r->range_high = CLI_NAN;
    r->method = "Wilson";
    r->level = 0.95;
    if (pst_estimate_point(e, &k, &m)) {
      pst_interval ci;
      r->proportion = (double)k / (double)m;
      if (pst_prop_ci(PST_PROP_WILSON, (uint64_t)k, (uint64_t)m, 0.95, PST_SIDES_TWO, &ci) == PST_OK) {
        r->lower = ci.lower;
        r->upper = ci.upper;
      }
    }
    if (!pst_estimate_range(e, &r->range_low, &r->range_high)) r->range_low = r->range_high = CLI_NAN;
    r->deaths = e->deaths >= 0 ? (double)e->deaths : CLI_NAN;
    r->captured = e->captured >= 0 ? (double)e->captured : CLI_NAN;
    r->deaths_low = e->deaths_low >= 0 ? (double)e->deaths_low : CLI_NAN;
    r->deaths_high = e->deaths_high >= 0 ? (double)e->deaths_high : CLI_NAN;
    n++;
  }
  f->plot = pst_plot_init(PST_PLOT_FOREST);
  rc = chart_rates_forest(v, n, &f->plot, &f->rows);
  free(v);
  if (rc) return rc;
  f->rows_texts_owned = 1;
  /* headings carry the group; the holder is in the title */
  for (size_t i = 0; i < n; i++) {
    const char *colon = strstr(f->rows[i].group, ": ");
    if (colon) memmove((char *)(uintptr_t)f->rows[i].group, colon + 2, strlen(colon + 2) + 1);
  }
  f->plot.title = axis_side ? "Mortality of prisoners held by Germany and its allies, by source"
                            : "Mortality of prisoners held by the USSR, by source";
  f->plot.note = fig_str(f,
    "Source: datasets/estimates.csv (row ids), citations in datasets/sources.csv. Headings: groups of "
    "estimates of the same population; rows: source and id.\n"
    "Point: deaths / denominator as the source gives them; grey: from the lowest to the highest figures "
    "the source gives.%s%s%s%s",
    nnone ? " Not shown (no death figures): " : "", nnone ? none.b : "", ndup ? ". Shown once: " : "",
    ndup ? dup.b : "");
  return f->plot.note ? 0 : EXIT_OSERR;
}

static int fig_forest_axis(paper_data *pd, paper_fig *f) { return forest_side(pd, f, 1); }
static int fig_forest_ussr(paper_data *pd, paper_fig *f) { return forest_side(pd, f, 0); }

/* ---- (b) bars: the article's figure against the published range ---- */

static int fig_article_vs_published(paper_data *pd, paper_fig *f)
{
  const pst_estimates *est = &pd->est;
  size_t cap = 2 * est->n + 2, n = 0;
  note_buf alone = {{0}, 0}, printed = {{0}, 0};
  size_t nalone = 0, nprinted = 0;
  f->rows = calloc(cap, sizeof *f->rows);
  if (!f->rows) return EXIT_OSERR;
  for (size_t i = 0; i < est->n; i++) {
    const pst_estimate *a = &est->v[i];
    double av = CLI_NAN, lo = CLI_NAN, hi = CLI_NAN, sp;
    size_t nsrc = 0;
    int64_t k, m;
    int done_before = 0;
    if (!a->source || strcmp(a->source, "article") != 0 || !a->group) continue;
    if (paper_duplicate_of(est, a)) continue;
    for (size_t j = 0; j < i; j++)
      if (est->v[j].source && strcmp(est->v[j].source, "article") == 0 && est->v[j].group &&
          strcmp(est->v[j].group, a->group) == 0 && !paper_duplicate_of(est, &est->v[j]))
        done_before = 1;
    if (done_before) continue;
    if (pst_estimate_point(a, &k, &m)) {
      av = 100.0 * (double)k / (double)m;
      if (printed_pct(a, &sp) && fabs(sp - av) > 0.05 * fmax(1.0, av)) {
        char ab[PST_FMT_BUFSZ];
        pst_fmt_sig(ab, sizeof ab, av, 3);
        note_add(&printed, "%s%s prints %s %% for %s %%", nprinted++ ? "; " : "", a->id, a->stated_pct, ab);
      }
    } else if (printed_pct(a, &sp)) {
      av = sp;
    }
    if (!isfinite(av)) continue;
    for (size_t j = 0; j < est->n; j++) {
      const pst_estimate *e = &est->v[j];
      double rl, rh;
      if (!e->group || strcmp(e->group, a->group) != 0 || (e->source && strcmp(e->source, "article") == 0))
        continue;
      if (pst_estimate_point(e, &k, &m)) {
        double p = 100.0 * (double)k / (double)m;
        lo = isfinite(lo) ? fmin(lo, p) : p;
        hi = isfinite(hi) ? fmax(hi, p) : p;
        nsrc++;
      }
      if (pst_estimate_range(e, &rl, &rh)) {
        lo = isfinite(lo) ? fmin(lo, 100 * rl) : 100 * rl;
        hi = isfinite(hi) ? fmax(hi, 100 * rh) : 100 * rh;
        if (!pst_estimate_point(e, &k, &m)) nsrc++;
      }
    }
    if (nsrc == 0) {
      note_add(&alone, "%s%s", nalone++ ? ", " : "", a->group);
      continue;
    }
    if (n + 2 > cap) break;
    f->rows[n] = pst_plot_row_empty();
    f->rows[n].group = a->group;
    f->rows[n].key = "published estimates: lowest to highest";
    f->rows[n].lower2 = lo;
    f->rows[n].upper2 = hi;
    if (lo == hi) f->rows[n].value = lo; /* one figure: a bar, not a box of no height */
    n++;
    f->rows[n] = pst_plot_row_empty();
    f->rows[n].group = a->group;
    f->rows[n].key = "the article";
    f->rows[n].value = av;
    n++;
  }
  if (n == 0) {
    cli_err("paper: article-vs-published: no article figure has another estimate of its population");
    return EXIT_DATA;
  }
  f->plot = pst_plot_init(PST_PLOT_BARS);
  f->plot.width = 9;
  f->plot.height = 5.5;
  f->plot.rows = f->rows;
  f->plot.nrows = n;
  f->plot.title = "The article's figures against the range of other published estimates";
  f->plot.ylabel = "Mortality in captivity, %";
  f->plot.xlabel = "Population (group in datasets/estimates.csv)";
  f->plot.note = fig_str(f,
    "Source: datasets/estimates.csv. The article's bar is deaths / denominator where it gives both, else the "
    "percentage it prints.%s%s%s\n"
    "Range: lowest to highest of the other sources' figures for the same population (points and low/high "
    "figures).%s%s",
    nprinted ? " " : "", nprinted ? printed.b : "", nprinted ? "." : "",
    nalone ? " No other estimate for: " : "", nalone ? alone.b : "");
  return f->plot.note ? 0 : EXIT_OSERR;
}

/* ---- the table of figures ---- */

typedef struct {
  const char *name;
  const char *what;
  int (*build)(paper_data *pd, paper_fig *f);
} paper_figure;

static const paper_figure figures[] = {
  {"mortality-held-by-axis", "forest: mortality of each group held by Germany and its allies, by source "
                             "(point, 95% Wilson interval, between-source range)", fig_forest_axis},
  {"mortality-held-by-ussr", "forest: mortality of each group held by the USSR, by source", fig_forest_ussr},
  {"article-vs-published", "bars: the article's figure against the range of other published estimates, "
                           "per group", fig_article_vs_published},
  {"comparisons", "ratio: Soviet POWs held by Germany against German POWs held by the USSR (risk ratios of "
                  "every pair of sources, the article's, the between-source range) and the article's weekly "
                  "comparison (rate ratio)", fig_comparisons},
  {"weekly-rates", "forest: the article's snapshot and annual death figures in one unit, deaths per 1,000 per "
                   "30 days (exact Poisson intervals; printed percentages converted under a constant hazard)",
   fig_weekly_rates},
  {"outcomes-special-camps", "stacked: what became of those verified in the special camps to 1 Oct 1944, "
                             "from the counts and as printed (flagged percentages)", fig_outcomes_special_camps},
  {"outcomes-repatriated", "stacked: where the POWs repatriated by 1 Mar 1946 were sent (P01), with "
                           "simultaneous intervals", fig_outcomes_repatriated},
  {"outcomes-camp048", "stacked: filtration camp No. 048, share passing the check by rank and period",
   fig_outcomes_camp048},
  {"simulate-ratio", "histogram: Monte Carlo ratio of the default comparison over the sources, percentile "
                     "interval shaded (fixed seed)", fig_simulate_ratio},
  {"sensitivity-tornado", "tornado: the default comparison's ratio with each group's mortality at its low "
                          "and high percentile", fig_sensitivity_tornado},
  {"sensitivity-grid", "heatmap: the default comparison's ratio over both groups' mortality ranges",
   fig_sensitivity_grid},
  {"audit-percentages", "audit: the article's stated percentages and rates against the values recomputed "
                        "from its own numbers, mismatches highlighted", fig_audit_percentages},
  {"audit-counts", "audit: the article's stated totals and counts against the sums of their parts",
   fig_audit_counts},
};
static const size_t nfigures = sizeof figures / sizeof figures[0];

static int in_list(const char *list, const char *name)
{
  size_t n = strlen(name);
  const char *p = list;
  if (!list) return 1;
  while (*p) {
    const char *c = strchr(p, ',');
    size_t len = c ? (size_t)(c - p) : strlen(p);
    if (len == n && strncmp(p, name, n) == 0) return 1;
    if (!c) break;
    p = c + 1;
  }
  return 0;
}

enum { OPT_OUT = 256, OPT_ONLY, OPT_LIST, OPT_DPI, OPT_FONT, OPT_FONTSIZE };

int cmd_paper(int argc, char **argv)
{
  static const struct option longopts[] = {
    {"out", required_argument, NULL, OPT_OUT}, {"render", required_argument, NULL, 'r'},
    {"only", required_argument, NULL, OPT_ONLY}, {"list", no_argument, NULL, OPT_LIST},
    {"dpi", required_argument, NULL, OPT_DPI}, {"font", required_argument, NULL, OPT_FONT},
    {"font-size", required_argument, NULL, OPT_FONTSIZE}, {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};
  const char *dir = "plots", *only = NULL;
  unsigned mask = (1u << RENDER_PNG) | (1u << RENDER_PDF);
  int c, rc = 0, list = 0;
  render_look look = {0};
  paper_data pd;
  char path[4096];
  struct stat sb;

  memset(&pd, 0, sizeof pd);
  opterr = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, ":r:h", longopts, NULL)) != -1) {
    double v;
    switch (c) {
    case OPT_OUT: dir = optarg; break;
    case 'r':
      if (strcmp(optarg, "none") == 0) mask = 0;
      else if ((rc = render_parse_formats("paper", optarg, &mask))) return rc;
      break;
    case OPT_ONLY: only = optarg; break;
    case OPT_LIST: list = 1; break;
    case OPT_DPI:
      if ((rc = cli_parse_positive("paper", "--dpi", optarg, &v))) return rc;
      if (v < 30 || v > 1200 || v != floor(v)) return cli_usage("paper", "--dpi '%s': a whole number from 30 to 1200", optarg);
      look.dpi = (int)v;
      break;
    case OPT_FONT: look.font = optarg; break;
    case OPT_FONTSIZE:
      if ((rc = cli_parse_positive("paper", "--font-size", optarg, &look.font_size))) return rc;
      if (look.font_size < 4 || look.font_size > 48) return cli_usage("paper", "--font-size '%s': from 4 to 48 points", optarg);
      break;
    case 'h': fputs(help_paper, stdout); return cli_finish_stdout();
    case ':': return cli_usage("paper", "option '%s' needs a value", argv[optind - 1]);
    default: return cli_usage("paper", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (optind < argc) return cli_usage("paper", "unexpected argument '%s'", argv[optind]);
  if (list) {
    for (size_t i = 0; i < nfigures; i++) printf("%-26s %s\n", figures[i].name, figures[i].what);
    return cli_finish_stdout();
  }
  if (only) {
    const char *p = only;
    while (*p) {
      const char *q = strchr(p, ',');
      size_t len = q ? (size_t)(q - p) : strlen(p);
      int found = 0;
      for (size_t i = 0; i < nfigures; i++)
        if (strlen(figures[i].name) == len && strncmp(figures[i].name, p, len) == 0) found = 1;
      if (!found) return cli_usage("paper", "--only: unknown figure '%.*s' (see powstat paper --list)", (int)len, p);
      if (!q) break;
      p = q + 1;
    }
  }
  if (mask & (1u << RENDER_DUMB) && mask != (1u << RENDER_DUMB))
    return cli_usage("paper", "--render dumb previews on the terminal: use it alone");

  {
    static char estpath[4096];
    snprintf(estpath, sizeof estpath, "%s", cli_datafile("estimates.csv"));
    if ((rc = estimates_load_checked(estpath, NULL, &pd.est))) return rc;
  }
  if (stat(dir, &sb) != 0) {
    if (mkdir(dir, 0777) != 0) {
      cli_err("%s: cannot create directory: %s", dir, strerror(errno));
      rc = EXIT_CANTCREAT;
      goto done;
    }
  } else if (!S_ISDIR(sb.st_mode)) {
    cli_err("%s: not a directory", dir);
    rc = EXIT_CANTCREAT;
    goto done;
  }

  for (size_t i = 0; i < nfigures && rc == 0; i++) {
    paper_fig f;
    char *script = NULL;
    size_t len = 0;
    if (!in_list(only, figures[i].name)) continue;
    memset(&f, 0, sizeof f);
    rc = figures[i].build(&pd, &f);
    if (rc == EXIT_OSERR) cli_err("out of memory");
    else if (rc) cli_err("paper: figure %s not written", figures[i].name);
    if (rc == 0) {
      render_apply_look(&f.plot, &look);
      rc = render_make_script(&f.plot, &script, &len);
    }
    if (rc == 0) {
      snprintf(path, sizeof path, "%s/%s.gp", dir, figures[i].name);
      if (mask == (1u << RENDER_DUMB)) {
        rc = render_script(script, len, RENDER_DUMB, NULL);
      } else {
        rc = render_write_all(script, len, path, mask);
        if (rc == 0) {
          printf("%s\n", path);
          for (int k = 0; k < RENDER_NFMT; k++)
            if (mask & (1u << k)) {
              char *t = render_target(path, (render_fmt)k);
              if (t) printf("%s\n", t);
              if (t && k == RENDER_TEX) {
                t[strlen(t) - 4] = '\0';
                printf("%s.pdf\n", t);
              }
              free(t);
            }
        }
      }
    }
    free(script);
    fig_free(&f);
  }
  if (rc == 0) rc = cli_finish_stdout();
done:
  paper_cleanup(&pd);
  pst_estimates_free(&pd.est);
  pst_sources_free(&pd.src);
  return rc;
}
