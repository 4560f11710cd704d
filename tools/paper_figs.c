/* paper_figs.c -- the figures of `powstat paper` drawn from other commands:
 * comparisons (powstat compare), weekly rates (the rate module on
 * windows.csv), outcomes (powstat outcomes), the Monte Carlo ratio (powstat
 * simulate), sensitivity (powstat sensitivity) and the claim audit (powstat
 * audit).  Each producer runs in-process exactly as a user would run it
 * (paper_run), and `powstat chart`'s builder reads its CSV (paper_chart); a
 * builder here only chooses what to show and writes the titles, axis
 * titles and the source note.  No statistic is computed here. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "commands.h"
#include "paper.h"

#include "powstat/num.h"
#include "powstat/rate.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The Monte Carlo runs of the paper: modest, fixed, stated in the notes. */
#define PAPER_SEED "1"
#define PAPER_DRAWS "200000"

static const char default_cmp_text[] = "Soviet POWs held by Germany / German POWs held by the USSR";
/* the same, short enough for an axis title */
static const char default_cmp_short[] = "Soviet POWs (Germany) / German POWs (USSR)";

/* "3,576,300" */
static void group3(double v, char *b, size_t n)
{
  char d[40];
  size_t len, k = 0;
  snprintf(d, sizeof d, "%.0f", v);
  len = strlen(d);
  for (size_t i = 0; i < len && k + 2 < n; i++) {
    b[k++] = d[i];
    if (d[i] != '-' && (len - i - 1) % 3 == 0 && i + 1 < len) b[k++] = ',';
  }
  b[k] = '\0';
}

static const char *sig(char *b, double v, int digits)
{
  pst_fmt_sig(b, PST_FMT_BUFSZ, v, digits);
  return b;
}

/* A percentage the source printed itself (not "=x", not a range). */
static int printed_pct(const pst_estimate *e, double *v)
{
  const char *why;
  if (!e || !e->stated_pct || e->stated_pct[0] == '=' || e->stated_pct[0] == '\0') return 0;
  return pst_parse_real(e->stated_pct, strlen(e->stated_pct), v, &why, NULL) == PST_OK;
}

static double cell_num(const char *path, const char *wc, const char *wv, const char *col)
{
  char b[128];
  double v;
  const char *why;
  if (!paper_csv_cell(path, wc, wv, col, b, sizeof b)) return CLI_NAN;
  return pst_parse_real(b, strlen(b), &v, &why, NULL) == PST_OK ? v : CLI_NAN;
}

/* ---- comparisons ---------------------------------------------------- */

/* "streit-1978" -> "streit": enough to name a source beside its id */
static const char *short_source(const char *src, char *b, size_t n)
{
  size_t k = 0;
  if (!src) return "";
  while (src[k] && src[k] != '-' && k + 1 < n) {
    b[k] = src[k];
    k++;
  }
  b[k] = '\0';
  return b;
}

/* "S01 vs G05" -> the two ids (in a and b). */
static int split_vs(const char *label, char *a, char *b, size_t n)
{
  const char *vs = label ? strstr(label, " vs ") : NULL;
  if (!vs || (size_t)(vs - label) >= n || strlen(vs + 4) >= n) return 0;
  memcpy(a, label, (size_t)(vs - label));
  a[vs - label] = '\0';
  strcpy(b, vs + 4);
  return 1;
}

int fig_comparisons(paper_data *pd, paper_fig *f)
{
  static const char *const a_pairs[] = {"--all-pairs", "--measure", "ratio", "--group",
                                        "soviet-pows-germany,german-pows-ussr", NULL};
  static const char *const a_week[] = {"--id", "ART06", "--id", "ART07", "--measure", "rate-ratio", NULL};
  static const char *const a_week10[] = {"--id", "ART06", "--id", "ART07", "--measure", "rate-ratio",
                                         "--stated-days", NULL};
  char p1[4096], p2[4096], p3[4096], lb[PST_FMT_BUFSZ], hb[PST_FMT_BUFSZ], wb[PST_FMT_BUFSZ];
  pst_plot *pp, *pw, *pw10;
  const pst_estimates *est = &pd->est;
  const pst_estimate *a1 = pst_estimates_find(est, "ART01"), *a2 = pst_estimates_find(est, "ART02");
  const pst_estimate *a6 = pst_estimates_find(est, "ART06"), *a7 = pst_estimates_find(est, "ART07");
  const char *h1 = "Soviet POWs (Germany) / German POWs (USSR)";
  const char *h2 = "NKVD POW camps (ART06) / special camps (ART07)";
  double env_lo = CLI_NAN, env_hi = CLI_NAN, rel_ci = 0;
  note_buf left = {{0}, 0};
  size_t n = 0, nleft = 0, npairs = 0;
  int rc, article_row = 0;

  if ((rc = paper_run(pd, cmd_compare, "compare", "comparisons-pairs.csv", p1, sizeof p1, a_pairs)) ||
      (rc = paper_run(pd, cmd_compare, "compare", "comparisons-week.csv", p2, sizeof p2, a_week)) ||
      (rc = paper_run(pd, cmd_compare, "compare", "comparisons-week10.csv", p3, sizeof p3, a_week10)))
    return rc;
  if ((rc = paper_chart(f, PST_PLOT_RATIO, p1, NULL, NULL, &pp)) ||
      (rc = paper_chart(f, PST_PLOT_RATIO, p2, NULL, NULL, &pw)) ||
      (rc = paper_chart(f, PST_PLOT_RATIO, p3, NULL, NULL, &pw10)))
    return rc;
  f->rows = calloc(pp->nrows + 8, sizeof *f->rows);
  if (!f->rows) return EXIT_OSERR;

  /* the article's own pair: a printed percentage without counts over a
   * proportion, so a point with no sampling interval */
  {
    double s1;
    int64_t k, m;
    if (printed_pct(a1, &s1) && a2 && pst_estimate_point(a2, &k, &m)) {
      pst_plot_row *r = &f->rows[n++];
      double p2v = 100.0 * (double)k / (double)m;
      char kb[40], mb[40], sb[PST_FMT_BUFSZ];
      group3((double)k, kb, sizeof kb);
      group3((double)m, mb, sizeof mb);
      *r = pst_plot_row_empty();
      r->group = h1;
      r->label = fig_str(f, "article: ART01 %s %% / ART02 %s of %s", a1->stated_pct, kb, mb);
      r->value2 = s1 / p2v;
      r->note = fig_str(f, "%s (ART01: no counts)", sig(sb, s1 / p2v, 3));
      article_row = 1;
    }
  }
  for (size_t i = 0; i < pp->nrows; i++) {
    const pst_plot_row *src = &pp->rows[i];
    const pst_estimate *e1, *e2;
    char ia[64], ib[64], sa[64], sb2[64];
    pst_plot_row *r;
    if (!split_vs(src->label, ia, ib, sizeof ia)) continue;
    e1 = pst_estimates_find(est, ia);
    e2 = pst_estimates_find(est, ib);
    if (!e1 || !e2 || paper_duplicate_of(est, e1) || paper_duplicate_of(est, e2)) continue;
    r = &f->rows[n++];
    *r = *src;
    r->group = h1;
    r->label = fig_str(f, "%s %s / %s %s", ia, short_source(e1->source, sa, sizeof sa), ib,
                       short_source(e2->source, sb2, sizeof sb2));
    if (isfinite(r->value) && isfinite(r->lower) && isfinite(r->upper) && r->value > 0)
      rel_ci = fmax(rel_ci, (r->upper - r->lower) / r->value);
    if (isfinite(r->lower2) && isfinite(r->upper2) && r->upper2 - r->lower2 > 10 * (r->upper - r->lower))
      r->note = fig_str(f, "%s; range %.0f x sampling", sig(wb, r->value, 3),
                        (r->upper2 - r->lower2) / (r->upper - r->lower));
    else if (isfinite(r->value))
      r->note = fig_str(f, "%s", sig(wb, r->value, 3));
    if (isfinite(r->value)) {
      env_lo = isfinite(env_lo) ? fmin(env_lo, r->value) : r->value;
      env_hi = isfinite(env_hi) ? fmax(env_hi, r->value) : r->value;
    }
    if (isfinite(r->lower2)) env_lo = isfinite(env_lo) ? fmin(env_lo, r->lower2) : r->lower2;
    if (isfinite(r->upper2)) env_hi = isfinite(env_hi) ? fmax(env_hi, r->upper2) : r->upper2;
    npairs++;
  }
  if (npairs == 0) {
    cli_err("paper: comparisons: no pair of estimates with counts to compare");
    return EXIT_DATA;
  }
  {
    pst_plot_row *r = &f->rows[n++];
    *r = pst_plot_row_empty();
    r->group = h1;
    r->label = "all pairs above: lowest to highest";
    r->lower2 = env_lo;
    r->upper2 = env_hi;
    r->note = fig_str(f, "%s to %s", sig(lb, env_lo, 3), sig(hb, env_hi, 3));
  }
  /* estimates of the two groups that no pair could use */
  for (size_t i = 0; i < est->n; i++) {
    const pst_estimate *e = &est->v[i];
    int64_t k, m;
    if (!e->group || (strcmp(e->group, "soviet-pows-germany") != 0 && strcmp(e->group, "german-pows-ussr") != 0))
      continue;
    if (paper_duplicate_of(est, e)) note_add(&left, "%s%s (= %s)", nleft++ ? ", " : "", e->id,
                                             paper_duplicate_of(est, e)->id);
    else if (!pst_estimate_point(e, &k, &m) && !(e == a1 && article_row))
      note_add(&left, "%s%s", nleft++ ? ", " : "", e->id);
  }
  {
    pst_plot *srcs[2] = {pw, pw10};
    const char *labels[2] = {"counts over the report's week (7 days)", "counts, ART06 over the article's 10 days"};
    for (int j = 0; j < 2; j++) {
      pst_plot_row *r;
      if (srcs[j]->nrows < 1) continue;
      r = &f->rows[n++];
      *r = srcs[j]->rows[0];
      r->group = h2;
      r->label = labels[j];
      if (isfinite(r->value)) r->note = fig_str(f, "%s (%s to %s)", sig(wb, r->value, 3), sig(lb, r->lower, 3),
                                                sig(hb, r->upper, 3));
    }
  }
  {
    double s6, s7;
    if (printed_pct(a6, &s6) && printed_pct(a7, &s7) && s7 > 0) {
      pst_plot_row *r = &f->rows[n++];
      *r = pst_plot_row_empty();
      r->group = h2;
      r->label = fig_str(f, "article's printed rates: %s %% / %s %%", a6->stated_pct, a7->stated_pct);
      r->value2 = s6 / s7;
      r->note = fig_str(f, "%s", sig(wb, s6 / s7, 3));
    }
    /* the article's words, "ten times less" (claims.csv ten-times-less) */
    {
      pst_plot_row *r = &f->rows[n++];
      *r = pst_plot_row_empty();
      r->group = h2;
      r->label = "article's words: 'ten times less'";
      r->value2 = 10;
      r->note = "10";
    }
  }
  f->plot = *pp;
  f->plot.rows = f->rows;
  f->plot.nrows = n;
  f->plot.title = "Mortality ratios of the article's comparisons";
  f->plot.xlabel = "Ratio of mortality, first group to second (log scale)";
  f->plot.value_name = "estimate from counts";
  f->plot.interval_name = "95% confidence interval (risk ratio: Koopman score; rate ratio: exact conditional)";
  f->plot.range_name = "between-source range (from the sources' low and high figures)";
  f->plot.value2_name = "the article's printed figures (no counts: no interval)";
  f->plot.marker_note = "At counts in the millions the sampling intervals are narrower than the markers.";
  f->plot.note = fig_str(f,
    "Source: datasets/estimates.csv and windows.csv via powstat compare (--all-pairs --measure ratio --group "
    "soviet-pows-germany,german-pows-ussr; --id ART06 --id ART07 --measure rate-ratio [--stated-days]). "
    "Risk ratios over the whole captivity; for the camps, rates per person-time in the last week of Nov 1944.\n"
    "Across the pairs of sources the ratio runs from %s to %s, while each pair's sampling interval is at most "
    "%s %% of its ratio wide: the choice of source, not sampling, dominates.%s%s%s",
    sig(lb, env_lo, 3), sig(hb, env_hi, 3), sig(wb, 100 * rel_ci, 2),
    nleft ? " Not paired (no point deaths, or a duplicate): " : "", nleft ? left.b : "", nleft ? "." : "");
  return f->plot.note ? 0 : EXIT_OSERR;
}

/* ---- weekly rates: one time unit ------------------------------------- */

/* Short names of the populations of windows.csv, for row labels. */
static const char *population_words(const char *g)
{
  static const struct { const char *g, *w; } m[] = {
    {"enemy-pows-nkvd-camps", "enemy POWs, NKVD camps"}, {"nkvd-special-camps", "NKVD special camps"},
    {"gulag-camps", "GULAG camps"}, {"prisons", "prisons"}};
  for (size_t i = 0; g && i < sizeof m / sizeof m[0]; i++)
    if (strcmp(g, m[i].g) == 0) return m[i].w;
  return g ? g : "";
}

#define PER_30_DAYS_PER_1000 (PST_RATE_UNIT_DAYS * PST_RATE_UNIT_PERSONS)

int fig_weekly_rates(paper_data *pd, paper_fig *f)
{
  const pst_estimates *est = &pd->est;
  const char *wpath = cli_datafile("windows.csv");
  static char wname[4096];
  pst_windows w = {0};
  pst_diag d = {0};
  FILE *fp;
  size_t n = 0, nrestated = 0, nunver = 0;
  note_buf restated = {{0}, 0}, unver = {{0}, 0};
  int rc = 0, st;
  const char *heads[2] = {"Counted over a week (Nov 1944)", "Counted over a year (1944)"};

  snprintf(wname, sizeof wname, "%s", wpath);
  if (!(fp = cli_open_input(wname, &rc))) return rc;
  st = pst_windows_load(fp, wname, &w, &d);
  fclose(fp);
  if (st != PST_OK) {
    pst_windows_free(&w);
    return cli_diag(st, &d);
  }
  f->rows = calloc(2 * w.n + 1, sizeof *f->rows);
  if (!f->rows) { pst_windows_free(&w); return EXIT_OSERR; }
  /* weeks first, then years; within each, the rows of one population
   * together (a source's counts beside the article's printed figure) */
  for (int h = 0; h < 2; h++)
    for (size_t g = 0; g < w.n; g++) {
      const pst_estimate *eg = pst_estimates_find(est, w.v[g].id);
      int first = 1;
      if (!eg || (w.v[g].days < 30) != (h == 0)) continue;
      for (size_t j = 0; j < g; j++) {
        const pst_estimate *ej = pst_estimates_find(est, w.v[j].id);
        if (ej && (w.v[j].days < 30) == (h == 0) && ej->group && eg->group && strcmp(ej->group, eg->group) == 0)
          first = 0;
      }
      if (!first) continue;
      for (size_t i = g; i < w.n; i++) {
        const pst_window *wi = &w.v[i];
        const pst_estimate *e = pst_estimates_find(est, wi->id);
        pst_plot_row *r;
        int64_t k, m;
        double sp, pt = CLI_NAN;
        char kb[40], nb[40], n2[40], vb[PST_FMT_BUFSZ], note[200] = "";
        int is_article;
        if (!e || (wi->days < 30) != (h == 0) || !e->group || strcmp(e->group, eg->group) != 0) continue;
        is_article = e->source && strcmp(e->source, "article") == 0;
        r = &f->rows[n++];
        *r = pst_plot_row_empty();
        r->group = heads[h];
        r->label = fig_str(f, "%s %s%s", e->id, population_words(e->group),
                           e->verified && strcmp(e->verified, "memory") == 0 ? " (unverified)" : "");
        if (e->verified && strcmp(e->verified, "memory") == 0) note_add(&unver, "%s%s", nunver++ ? ", " : "", e->id);
        if (pst_estimate_point(e, &k, &m)) {
          pst_interval ci;
          double rate;
          double n0 = wi->pop_start >= 0 ? (double)wi->pop_start : (double)m;
          double n1 = wi->pop_end >= 0 ? (double)wi->pop_end : n0;
          if (pst_person_time(n0, n1, wi->days, &pt) == PST_OK &&
              pst_rate_ci((uint64_t)k, pt, 0.95, &rate, &ci) == PST_OK) {
            r->value = rate * PER_30_DAYS_PER_1000;
            r->lower = ci.lower * PER_30_DAYS_PER_1000;
            r->upper = ci.upper * PER_30_DAYS_PER_1000;
            group3((double)k, kb, sizeof kb);
            group3(n0, nb, sizeof nb);
            group3(n1, n2, sizeof n2);
            snprintf(note, sizeof note, "%s (%s deaths / %s%s%s, %g days)", sig(vb, r->value, 3), kb, nb,
                     n0 != n1 ? "-" : "", n0 != n1 ? n2 : "", wi->days);
          }
        }
        if (note[0]) r->note = fig_str(f, "%s", note);
        if (is_article && printed_pct(e, &sp) && sp >= 0 && sp < 100) {
          /* the printed percentage over the window the article states,
           * as the constant hazard that gives it: -log(1 - m) / D; a row of
           * its own when the counts have one */
          double days = isfinite(wi->days_stated) ? wi->days_stated : wi->days;
          double hz = pst_mortality_hazard(sp / 100, days);
          if (isfinite(r->value)) {
            r = &f->rows[n++];
            *r = pst_plot_row_empty();
            r->group = heads[h];
          }
          r->label = fig_str(f, "%s as printed: %s %% in %g days", e->id, e->stated_pct, days);
          r->value2 = hz * PER_30_DAYS_PER_1000;
          r->note = fig_str(f, "%s", sig(vb, r->value2, 3));
          if (isfinite(wi->days_stated) && wi->days_stated != wi->days)
            note_add(&restated, "%s%s: the source's window is %g days, the article says %g", nrestated++ ? "; " : "",
                     e->id, wi->days, wi->days_stated);
        }
      }
    }
  pst_windows_free(&w);
  if (n == 0) {
    cli_err("paper: weekly-rates: windows.csv names no estimate of estimates.csv");
    return EXIT_DATA;
  }
  f->plot = pst_plot_init(PST_PLOT_FOREST);
  f->plot.rows = f->rows;
  f->plot.nrows = n;
  f->plot.log_axis = 1;
  f->plot.title = "The article's weekly and annual death figures in one unit";
  f->plot.xlabel = "Deaths per 1,000 persons per 30 days (log scale)";
  f->plot.value_name = "rate from counts: deaths / person-time";
  f->plot.interval_name = "95% exact Poisson interval (Garwood)";
  f->plot.value2_name = "the article's printed percentage as a constant hazard over its stated window";
  f->plot.marker_note = "Where the interval is narrower than the marker it is hidden by it.";
  f->plot.note = fig_str(f,
    "Source: datasets/estimates.csv (counts, printed percentages) and windows.csv (windows, populations). "
    "Person-time = days x (population at the start + at the end) / 2. A printed percentage m over D days as a "
    "rate: -ln(1 - m) / D.%s%s%s\n"
    "A week shown per 30 days assumes the week was typical; a year's count as a 30-day rate assumes the hazard "
    "was constant over the year.%s%s%s",
    nrestated ? " " : "", nrestated ? restated.b : "", nrestated ? "." : "",
    nunver ? " Unverified (from memory, datasets/README.md): " : "", nunver ? unver.b : "", nunver ? "." : "");
  return f->plot.note ? 0 : EXIT_OSERR;
}

/* ---- outcomes -------------------------------------------------------- */

/* One composition from its counts, and the same table as printed (the
 * printed percentages stacked as they are, so a list that does not add up
 * shows a gap), with the mismatching percentages named in the note. */
static int outcomes_fig(paper_data *pd, paper_fig *f, const char *cohort, const char *file, const char *title,
                        const char *source)
{
  const char *args[] = {"--cohort", cohort, "--parts-only", NULL};
  char path[4096], cb[PST_FMT_BUFSZ], tb[40];
  note_buf bad = {{0}, 0};
  size_t nbad = 0, n = 0, nprinted = 0;
  double printed_sum = 0, total;
  pst_plot *p;
  int rc;
  if ((rc = paper_run(pd, cmd_outcomes, "outcomes", file, path, sizeof path, args))) return rc;
  if ((rc = paper_chart(f, PST_PLOT_STACKED, path, NULL, NULL, &p))) return rc;
  f->rows = calloc(2 * p->nrows, sizeof *f->rows);
  if (!f->rows) return EXIT_OSERR;
  total = cell_num(path, NULL, NULL, "stated_total");
  if (isfinite(total)) group3(total, tb, sizeof tb);
  else snprintf(tb, sizeof tb, "?");
  for (size_t i = 0; i < p->nrows; i++) {
    f->rows[n] = p->rows[i];
    f->rows[n].label = fig_str(f, "from the counts (%s)", tb);
    n++;
  }
  for (size_t i = 0; i < p->nrows; i++) {
    char sp[64], chk[32];
    double v, cp;
    const char *why;
    if (!paper_csv_cell(path, "category", p->rows[i].group, "stated_pct", sp, sizeof sp) ||
        pst_parse_real(sp, strlen(sp), &v, &why, NULL) != PST_OK)
      continue;
    f->rows[n] = pst_plot_row_empty();
    f->rows[n].group = p->rows[i].group;
    f->rows[n].value = v;
    printed_sum += v;
    nprinted++;
    n++;
    cp = cell_num(path, "category", p->rows[i].group, "computed_pct");
    if (paper_csv_cell(path, "category", p->rows[i].group, "pct_check", chk, sizeof chk) &&
        strcmp(chk, "mismatch") == 0) {
      /* the computed share one decimal beyond the printed one, so that
       * 18.31 against 18.304 shows where they part */
      const char *dot = strchr(sp, '.');
      int dec = dot ? (int)strlen(dot + 1) : 0;
      snprintf(cb, sizeof cb, "%.*f", dec + 1, cp);
      note_add(&bad, "%s%s %s %% (the count gives %s %%)", nbad++ ? "; " : "", p->rows[i].group, sp, cb);
    }
  }
  {
    char sb[PST_FMT_BUFSZ];
    snprintf(sb, sizeof sb, "%.2f", printed_sum);
    for (size_t i = p->nrows; i < n; i++) f->rows[i].label = fig_str(f, "as printed (adds to %s %%)", sb);
  }
  if (nprinted == 0) n = p->nrows;
  f->plot = *p;
  f->plot.rows = f->rows;
  f->plot.nrows = n;
  f->plot.title = title;
  f->plot.width = 9;
  f->plot.xlabel = "Share of the cohort, %";
  f->plot.note = fig_str(f,
    "Source: datasets/outcomes.csv, cohort %s (%s), via powstat outcomes --cohort %s. Shares of the sum of "
    "the parts; the printed bar stacks the percentages as printed. Whiskers: 95 %% simultaneous intervals "
    "(Goodman 1965), sampling only, measured from the start of each segment.\n"
    "%s%s%s",
    cohort, source, cohort, nbad ? "Printed percentages that do not match their counts: " : "",
    nbad ? bad.b : "All printed percentages match their counts within their printed precision", ".");
  return f->plot.note ? 0 : EXIT_OSERR;
}

int fig_outcomes_special_camps(paper_data *pd, paper_fig *f)
{
  return outcomes_fig(pd, f, "special-camps-1944", "outcomes-special-camps.csv",
                      "NKVD special camps, verified to 1 Oct 1944: what became of them",
                      "the article's list after the 1 Oct 1944 certificate");
}

int fig_outcomes_repatriated(paper_data *pd, paper_fig *f)
{
  return outcomes_fig(pd, f, "repatriated-pows-1946", "outcomes-repatriated.csv",
                      "Soviet POWs repatriated by 1 March 1946: where they were sent",
                      "Zemskov 2016, reference row P01");
}

int fig_outcomes_camp048(paper_data *pd, paper_fig *f)
{
  static const struct { const char *id, *label; } c[] = {
    {"camp048-jan-aug-1945-officers", "officers, Jan-Aug 1945"},
    {"camp048-jan-aug-1945-sergeants", "sergeants, Jan-Aug 1945"},
    {"camp048-jan-aug-1945-privates", "privates, Jan-Aug 1945"},
    {"camp048-jan-aug-1945-all", "all ranks, Jan-Aug 1945"},
    {"camp048-aug-1945-jan-1946-officers", "officers, Aug 1945-Jan 1946"},
    {"camp048-aug-1945-jan-1946-sergeants", "sergeants, Aug 1945-Jan 1946"},
    {"camp048-aug-1945-jan-1946-privates", "privates, Aug 1945-Jan 1946"},
    {"camp048-aug-1945-jan-1946-all", "all ranks, Aug 1945-Jan 1946"},
  };
  static const char *const a_cmp[] = {"--compare", "camp048-jan-aug-1945-all:camp048-aug-1945-jan-1946-all",
                                      NULL};
  char list[1024] = "", path[4096], cpath[4096], xb[PST_FMT_BUFSZ], pb[PST_FMT_BUFSZ];
  const char *args[] = {"--cohort", list, "--parts-only", NULL};
  pst_plot *p;
  double x2, pv, df;
  int rc;
  for (size_t i = 0; i < sizeof c / sizeof c[0]; i++)
    snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? "," : "", c[i].id);
  if ((rc = paper_run(pd, cmd_outcomes, "outcomes", "outcomes-camp048.csv", path, sizeof path, args)) ||
      (rc = paper_run(pd, cmd_outcomes, "outcomes", "outcomes-camp048-compare.csv", cpath, sizeof cpath, a_cmp)))
    return rc;
  if ((rc = paper_chart(f, PST_PLOT_STACKED, path, NULL, NULL, &p))) return rc;
  f->rows = calloc(p->nrows ? p->nrows : 1, sizeof *f->rows);
  if (!f->rows) return EXIT_OSERR;
  for (size_t i = 0; i < p->nrows; i++) {
    pst_plot_row *r = &f->rows[i];
    *r = p->rows[i];
    for (size_t j = 0; j < sizeof c / sizeof c[0]; j++)
      if (r->label && strcmp(r->label, c[j].id) == 0) {
        double t = cell_num(path, "cohort", c[j].id, "stated_total");
        char tb[40];
        group3(t, tb, sizeof tb);
        r->label = fig_str(f, "%s (n = %s)", c[j].label, tb);
      }
    if (r->group && strcmp(r->group, "passed") == 0) r->group = "passed the check";
    else if (r->group && strcmp(r->group, "not-reported-passed") == 0)
      r->group = "inspected, not reported as passed (derived)";
  }
  x2 = cell_num(cpath, NULL, NULL, "statistic");
  pv = cell_num(cpath, NULL, NULL, "p_value");
  df = cell_num(cpath, NULL, NULL, "df");
  f->plot = *p;
  f->plot.rows = f->rows;
  f->plot.title = "Filtration camp No. 048: who passed the check, by rank and period";
  f->plot.width = 9;
  f->plot.note = fig_str(f,
    "Source: datasets/outcomes.csv, cohorts camp048-* (the article, quoting the camp's reports, GARF f. "
    "R-9408s), via powstat outcomes. 'Not reported as passed' = inspected - passed: the article does not say "
    "what became of them.\nWhiskers: 95 %% simultaneous intervals (Goodman 1965), sampling only, measured from "
    "the start of each segment. All ranks, first period against second: chi-square %s, %g df, p = %s "
    "(powstat outcomes --compare).",
    sig(xb, x2, 4), df, sig(pb, pv, 2));
  return f->plot.note ? 0 : EXIT_OSERR;
}

/* ---- Monte Carlo and sensitivity ------------------------------------- */

int fig_simulate_ratio(paper_data *pd, paper_fig *f)
{
  char hpath[4096], spath[4096], gen[256] = "", in1[256] = "", in2[256] = "", lo1[512] = "", lo2[512] = "";
  char mb[PST_FMT_BUFSZ], lb[PST_FMT_BUFSZ], hb[PST_FMT_BUFSZ], db[40];
  const char *args[] = {"--draws", PAPER_DRAWS, "--seed", PAPER_SEED, "--quiet", "--histogram", hpath, NULL};
  const char *g1 = "soviet-pows-germany", *g2 = "german-pows-ussr";
  pst_plot *p;
  double p2, med, draws, lo, hi;
  int rc;
  if ((rc = paper_tmpfile(pd, "simulate-hist.csv", hpath, sizeof hpath)) ||
      (rc = paper_run(pd, cmd_simulate, "simulate", "simulate.csv", spath, sizeof spath, args)))
    return rc;
  if ((rc = paper_chart(f, PST_PLOT_HISTOGRAM, hpath, "output", "ratio", &p))) return rc;
  paper_csv_cell(spath, NULL, NULL, "generator", gen, sizeof gen);
  paper_csv_cell(spath, "group", g1, "inputs", in1, sizeof in1);
  paper_csv_cell(spath, "group", g2, "inputs", in2, sizeof in2);
  paper_csv_cell(spath, "group", g1, "left_out", lo1, sizeof lo1);
  paper_csv_cell(spath, "group", g2, "left_out", lo2, sizeof lo2);
  med = cell_num(spath, "output", "ratio", "median");
  lo = cell_num(spath, "output", "ratio", "lower");
  hi = cell_num(spath, "output", "ratio", "upper");
  draws = cell_num(spath, "output", "ratio", "draws");
  p2 = cell_num(spath, "threshold", "2", "probability");
  group3(draws, db, sizeof db);
  for (size_t i = 0; i < p->nrows; i++) ((pst_plot_row *)(uintptr_t)&p->rows[i])->key = "draws of the ratio";
  f->plot = *p;
  f->plot.title = "Monte Carlo over the sources: the ratio of mortality";
  f->plot.width = 9;
  f->plot.xlabel = fig_str(f, "Ratio of mortality, %s", default_cmp_short);
  f->plot.ylabel = fig_str(f, "Draws per bin (of %s)", db);
  f->plot.note = fig_str(f,
    "Source: datasets/estimates.csv via powstat simulate --draws %s --seed %s (%s): each draw picks one "
    "estimate per group (equal weights) and its counts uniformly within the estimate's low-high figures; no "
    "sampling error (it is negligible at these counts).\nInputs: %s (%s); %s (%s). Left out: %s; %s. "
    "Median ratio %s, 95 %% percentile interval %s to %s, P(ratio > 2) = %.3f: between-source (systematic) "
    "uncertainty.",
    PAPER_DRAWS, PAPER_SEED, gen, g1, in1, g2, in2, lo1[0] ? lo1 : "none", lo2[0] ? lo2 : "none",
    sig(mb, med, 3), sig(lb, lo, 3), sig(hb, hi, 3), p2);
  return f->plot.note && f->plot.xlabel && f->plot.ylabel ? 0 : EXIT_OSERR;
}

/* "soviet-pows-germany" -> "Soviet POWs held by Germany" for the two groups
 * of the default comparison; other ids as they are */
static const char *group_words(const char *g)
{
  if (g && strcmp(g, "soviet-pows-germany") == 0) return "Soviet POWs (Germany)";
  if (g && strcmp(g, "german-pows-ussr") == 0) return "German POWs (USSR)";
  return g;
}

int fig_sensitivity_tornado(paper_data *pd, paper_fig *f)
{
  static const char *const args[] = {"tornado", "--seed", PAPER_SEED, NULL};
  char path[4096], bb[PST_FMT_BUFSZ];
  pst_plot *p;
  double base, level;
  int rc;
  if ((rc = paper_run(pd, cmd_sensitivity, "sensitivity", "tornado.csv", path, sizeof path, args))) return rc;
  if ((rc = paper_chart(f, PST_PLOT_TORNADO, path, NULL, NULL, &p))) return rc;
  f->rows = calloc(p->nrows ? p->nrows : 1, sizeof *f->rows);
  if (!f->rows) return EXIT_OSERR;
  for (size_t i = 0; i < p->nrows; i++) {
    pst_plot_row *r = &f->rows[i];
    char in[128], lo[64], hi[64], lb[PST_FMT_BUFSZ], hb[PST_FMT_BUFSZ];
    const char *paren;
    double lv, hv;
    const char *why;
    *r = p->rows[i];
    paren = r->label ? strstr(r->label, " (") : NULL;
    if (!paren || (size_t)(paren - r->label) >= sizeof in) continue;
    memcpy(in, r->label, (size_t)(paren - r->label));
    in[paren - r->label] = '\0';
    /* the inputs are mortality fractions: shown in percent */
    if (paper_csv_cell(path, "input", in, "low", lo, sizeof lo) &&
        paper_csv_cell(path, "input", in, "high", hi, sizeof hi) &&
        pst_parse_real(lo, strlen(lo), &lv, &why, NULL) == PST_OK &&
        pst_parse_real(hi, strlen(hi), &hv, &why, NULL) == PST_OK)
      r->label = fig_str(f, "%s: %s %% to %s %%", group_words(in), sig(lb, 100 * lv, 3), sig(hb, 100 * hv, 3));
  }
  base = cell_num(path, NULL, NULL, "base");
  level = cell_num(path, NULL, NULL, "level");
  f->plot = *p;
  f->plot.rows = f->rows;
  f->plot.title = "One-way sensitivity of the ratio of mortality";
  f->plot.width = 9;
  f->plot.xlabel = fig_str(f, "Ratio, %s", default_cmp_short);
  f->plot.interval_name = "the input at its low percentile";
  f->plot.range_name = "the input at its high percentile";
  f->plot.ref_name = fig_str(f, "base: every input at its median (%s)", sig(bb, base, 3));
  f->plot.note = fig_str(f,
    "Source: datasets/estimates.csv via powstat sensitivity tornado --seed %s. Each row: that group's "
    "mortality (a mixture over its sources, as in powstat simulate) at its %gth and %gth percentile, the other "
    "group's at its median.\nThe bars show how far the choice of source for one group moves the comparison; sampling error is "
    "not included.",
    PAPER_SEED, 50 * (1 - level), 50 * (1 + level));
  return f->plot.note && f->plot.xlabel && f->plot.ref_name ? 0 : EXIT_OSERR;
}

int fig_sensitivity_grid(paper_data *pd, paper_fig *f)
{
  static const char *const args[] = {"grid", "--grid", "21", "--seed", PAPER_SEED, NULL};
  char path[4096], ix[128] = "", iy[128] = "";
  pst_plot *p;
  double level;
  int rc;
  if ((rc = paper_run(pd, cmd_sensitivity, "sensitivity", "grid.csv", path, sizeof path, args))) return rc;
  if ((rc = paper_chart(f, PST_PLOT_HEATMAP, path, NULL, NULL, &p))) return rc;
  paper_csv_cell(path, NULL, NULL, "input_x", ix, sizeof ix);
  paper_csv_cell(path, NULL, NULL, "input_y", iy, sizeof iy);
  level = cell_num(path, NULL, NULL, "level");
  f->plot = *p;
  f->plot.title = "Two-way sensitivity of the ratio of mortality";
  f->plot.xlabel = fig_str(f, "Mortality of %s, fraction", group_words(ix));
  f->plot.ylabel = fig_str(f, "Mortality of %s, fraction", group_words(iy));
  f->plot.value_name = "ratio of mortality";
  f->plot.note = fig_str(f,
    "Source: datasets/estimates.csv via powstat sensitivity grid --grid 21 --seed %s. Colour: the ratio %s "
    "over a 21 x 21 grid of the two groups' mortality, each from the low to the high percentile of its "
    "mixture over sources (%g %% range).",
    PAPER_SEED, default_cmp_text, 100 * (isfinite(level) ? level : 0.95));
  return f->plot.note && f->plot.xlabel && f->plot.ylabel ? 0 : EXIT_OSERR;
}

/* ---- audit ----------------------------------------------------------- */

static int audit_fig(paper_data *pd, paper_fig *f, const char *unit, const char *title, const char *what)
{
  static char claims[4096];
  const char *args[] = {claims, NULL};
  char path[4096];
  pst_plot *p;
  int rc;
  snprintf(claims, sizeof claims, "%s", cli_datafile("claims.csv"));
  if ((rc = paper_run(pd, cmd_audit, "audit", "audit.csv", path, sizeof path, args))) return rc;
  if ((rc = paper_chart(f, PST_PLOT_AUDIT, path, "unit", unit, &p))) return rc;
  f->plot = *p;
  f->plot.title = title;
  f->plot.xlabel = fig_str(f, "Stated value, %s%s", what, p->log_axis ? " (log scale)" : "");
  f->plot.ylabel = fig_str(f, "Recomputed value, %s%s", what, p->log_axis ? " (log scale)" : "");
  f->plot.note = fig_str(f,
    "Source: datasets/claims.csv (the article's claims, transcribed as printed) via powstat audit. Recomputed "
    "from the article's own numbers; consistent = within the printed precision, rounding slip = off in the "
    "last printed digit. Bounds (a part against the whole it may not exceed, 'less than 10 %%') are "
    "consistent on their side of the line.\n%s",
    p->note ? p->note : "");
  return f->plot.note && f->plot.xlabel && f->plot.ylabel ? 0 : EXIT_OSERR;
}

int fig_audit_percentages(paper_data *pd, paper_fig *f)
{
  return audit_fig(pd, f, "%", "The article's percentages and rates: stated against recomputed", "%");
}

int fig_audit_counts(paper_data *pd, paper_fig *f)
{
  return audit_fig(pd, f, "count", "The article's totals and counts: stated against recomputed", "persons");
}
