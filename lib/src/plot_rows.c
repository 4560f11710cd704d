/* plot_rows.c -- charts with one horizontal row per item: forest and ratio
 * (point, interval, range), tornado (swings around a base), and the audit
 * scatter (stated against recomputed). */
#include "plot_impl.h"

#include "powstat/num.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Marker diameter in inches at 10 pt (pt 7, ps 1.1 at 150 dpi) */
#define MARKER_IN 0.085

static double fmaxf_(double a, double b) { return isnan(a) ? b : isnan(b) ? a : (a > b ? a : b); }
static double fminf_(double a, double b) { return isnan(a) ? b : isnan(b) ? a : (a < b ? a : b); }

static int bad_row(pst_diag *d, size_t i, const char *what)
{
  return pst_diag_set(d, PST_EINVAL, 0, 0, "row %zu: %s", i + 1, what);
}

/* Axis position of v in [0, 1] of [lo, hi], linear or log. */
static double axis_frac(double v, double lo, double hi, int lg)
{
  if (lg) return (log(v) - log(lo)) / (log(hi) - log(lo));
  return (v - lo) / (hi - lo);
}

static void set_xrange(pst_gp *g, double lo, double hi)
{
  pst_gp_printf(g, "set xrange [");
  pst_gp_num(g, lo);
  pst_gp_printf(g, ":");
  pst_gp_num(g, hi);
  pst_gp_printf(g, "]\n");
}

/* Vertical reference line at x = ref, with a legend entry when named. */
static void ref_line(pst_gp *g, double ref, int *legend)
{
  if (!isfinite(ref)) return;
  pst_gp_printf(g, "set arrow from first ");
  pst_gp_num(g, ref);
  pst_gp_printf(g, ", graph 0 to first ");
  pst_gp_num(g, ref);
  pst_gp_printf(g, ", graph 1 nohead back dt 2 lw 1.5 lc rgb pst_grey_dark\n");
  *legend = g->p->ref_name != NULL;
}

/* Left margin estimate (inches) for y tic labels of up to n characters. */
static double label_width_in(const pst_gp *g, size_t n)
{
  return (double)n * 0.7 * g->font_size / 72.0 + 0.35;
}

int pst_plot_rows_forest(pst_gp *g, pst_diag *d)
{
  const pst_plot *p = g->p;
  size_t n = p->nrows, slots = 0, maxlab = 0, maxnote = 0, hidden = 0, withci = 0, nkeys = 0;
  int rmargin, lmargin;
  size_t *slot = malloc(n * sizeof *slot);
  double dmin = (double)NAN, dmax = (double)NAN, lo, hi, plotw;
  int lg = p->log_axis, have_v = 0, have_ci = 0, have_r = 0, have_v2 = 0, ref_legend = 0;
  char extra[256];
  const char *prev = NULL;
  if (!slot) return pst_diag_set(d, PST_ENOMEM, 0, 0, "out of memory");

  for (size_t i = 0; i < n; i++) {
    const pst_plot_row *r = &p->rows[i];
    double v[6] = {r->value, r->lower, r->upper, r->lower2, r->upper2, r->value2};
    if (r->group && (!prev || strcmp(r->group, prev) != 0)) {
      slots++;
      /* headings are bold: about an eighth wider than the labels */
      size_t hw = (pst_gp_chars(r->group) * 9 + 7) / 8;
      if (hw > maxlab) maxlab = hw;
    }
    if (r->group) prev = r->group;
    slot[i] = slots++;
    if (pst_gp_chars(r->label) > maxlab) maxlab = pst_gp_chars(r->label);
    if (isfinite(r->lower) && isfinite(r->upper) && r->lower > r->upper) {
      free(slot);
      return bad_row(d, i, "interval lower bound above upper bound");
    }
    if (isfinite(r->lower2) && isfinite(r->upper2) && r->lower2 > r->upper2) {
      free(slot);
      return bad_row(d, i, "range lower bound above upper bound");
    }
    for (int k = 0; k < 6; k++) {
      if (!isfinite(v[k])) continue;
      if (lg && v[k] <= 0) {
        free(slot);
        return bad_row(d, i, "a value <= 0 cannot be drawn on a log axis");
      }
      dmin = fminf_(dmin, v[k]);
      dmax = fmaxf_(dmax, v[k]);
    }
    have_v |= isfinite(r->value);
    have_ci |= (isfinite(r->lower) || isinf(r->lower)) && (isfinite(r->upper) || isinf(r->upper)) &&
               (isfinite(r->lower) || isfinite(r->upper));
    have_r |= isfinite(r->lower2) && isfinite(r->upper2);
    have_v2 |= isfinite(r->value2);
  }
  if (isfinite(p->ref) && !(lg && p->ref <= 0)) {
    dmin = fminf_(dmin, p->ref);
    dmax = fmaxf_(dmax, p->ref);
  }
  if (!isfinite(dmin)) { dmin = lg ? 0.1 : 0; dmax = lg ? 10 : 1; }

  /* value axis: from 0 (linear, non-negative data) or a factor below the
   * minimum (log), a margin above the maximum */
  if (lg) {
    lo = dmin / 1.5;
    hi = dmax * 1.5;
  } else {
    lo = dmin >= 0 ? 0 : dmin - 0.04 * (dmax - dmin);
    hi = dmax + 0.04 * (dmax - lo > 0 ? dmax - lo : 1);
    if (hi <= lo) hi = lo + 1;
  }
  if (isfinite(p->axis_min)) lo = p->axis_min;
  if (isfinite(p->axis_max)) hi = p->axis_max;
  /* the row notes form a column in the right margin, clear of the data */
  for (size_t i = 0; i < n; i++)
    if (pst_gp_chars(p->rows[i].note) > maxnote) maxnote = pst_gp_chars(p->rows[i].note);
  /* margins in gnuplot character units (about 0.79 em at these fonts; text
   * averages 0.7 em per character) */
  lmargin = (int)ceil((double)maxlab * 0.9) + 2;
  rmargin = maxnote ? (int)ceil((double)maxnote * 0.85 * 0.9) + 3 : 3;
  if (p->width <= 0) {
    /* wide enough for the labels, the notes and about 4 inches of plot */
    double need = (double)(lmargin + rmargin) * 0.79 * g->font_size / 72.0 + 4.0;
    g->width = need < 8 ? 8 : need > 14 ? 14 : round(need * 4) / 4;
  }
  plotw = g->width - (double)(lmargin + rmargin) * 0.79 * g->font_size / 72.0;
  if (plotw < 1.5) plotw = 1.5;
  ref_legend = isfinite(p->ref) && p->ref_name != NULL;
  nkeys = (have_r && p->range_name) + (have_ci && p->interval_name) + (have_v && p->value_name) +
          (have_v2 && p->value2_name) + (size_t)ref_legend;
  pst_gp_plan_key(g, nkeys, pst_gp_legend_chars(p));
  if (g->height <= 0) g->height = pst_gp_rows_height(g, slots);
  if (!(hi > lo) || (lg && lo <= 0)) {
    free(slot);
    return pst_diag_set(d, PST_EINVAL, 0, 0, "empty value axis: minimum %g, maximum %g", lo, hi);
  }
  for (size_t i = 0; i < n; i++) {
    const pst_plot_row *r = &p->rows[i];
    if (!(isfinite(r->lower) && isfinite(r->upper))) continue;
    withci++;
    if ((axis_frac(r->upper, lo, hi, lg) - axis_frac(r->lower, lo, hi, lg)) * plotw < MARKER_IN) hidden++;
  }

  extra[0] = '\0';
  if (hidden > 0) {
    if (p->marker_note)
      snprintf(extra, sizeof extra, "%s", p->marker_note);
    else
      snprintf(extra, sizeof extra, "For %zu of %zu rows the interval is narrower than the marker.",
               hidden, withci);
  }
  pst_gp_frame(g, extra[0] ? extra : NULL);

  /* rows from the top: slot 0 at y = slots */
  pst_gp_printf(g, "$D << EOD\n");
  for (size_t i = 0; i < n; i++) {
    const pst_plot_row *r = &p->rows[i];
    /* an open end (-inf / +inf) runs to the edge of the axis */
    double l = isinf(r->lower) && r->lower < 0 && isfinite(r->upper) ? lo : r->lower;
    double u = isinf(r->upper) && r->upper > 0 && isfinite(l) ? hi : r->upper;
    pst_gp_printf(g, "%zu %zu ", i, slots - slot[i]);
    pst_gp_num(g, r->value); pst_gp_printf(g, " ");
    pst_gp_num(g, l); pst_gp_printf(g, " ");
    pst_gp_num(g, u); pst_gp_printf(g, " ");
    pst_gp_num(g, r->lower2); pst_gp_printf(g, " ");
    pst_gp_num(g, r->upper2); pst_gp_printf(g, " ");
    pst_gp_num(g, r->value2); pst_gp_printf(g, "\n");
  }
  pst_gp_printf(g, "EOD\n");
  pst_gp_printf(g, "set yrange [0.4:%zu.6]\nset ytics scale 0 ()\nset grid xtics noytics\n", slots);
  if (lg) {
    pst_gp_printf(g, "set logscale x\n");
    pst_gp_logtics(g, "x", lo, hi, plotw);
  } else {
    pst_gp_tics(g, "x", lo, hi, plotw, 0);
  }
  set_xrange(g, lo, hi);
  pst_gp_printf(g, "set lmargin %d\nset rmargin %d\n", lmargin, rmargin);
  prev = NULL;
  {
    size_t bold = 0;
    char fam[160];
    snprintf(fam, sizeof fam, "%s:Bold", p->font ? p->font : "DejaVu Sans");
    for (size_t i = 0; i < n; i++) {
      const pst_plot_row *r = &p->rows[i];
      size_t y = slots - slot[i];
      if (r->group && (!prev || strcmp(r->group, prev) != 0)) {
        char at[64];
        if (!bold) bold = pst_gp_text(g, fam);
        snprintf(at, sizeof at, "graph 0, first %zu", y + 1);
        pst_gp_printf(g, "set label %d T[%zu] at %s offset char -1,0 right font T[%zu]\n",
                      g->nextlabel++, pst_gp_text(g, r->group), at, bold);
        if (prev)
          pst_gp_printf(g, "set arrow from graph 0, first %zu.5 to graph 1, first %zu.5 nohead back "
                        "lw 1 lc rgb pst_grey_light\n", y + 1, y + 1);
      }
      if (r->group) prev = r->group;
      if (r->label) pst_gp_printf(g, "set ytics add (T[%zu] %zu)\n", pst_gp_tic(g, r->label), y);
      if (r->note) {
        char at[64];
        snprintf(at, sizeof at, "graph 1, first %zu", y);
        pst_gp_label(g, r->note, at, "offset char 1.5,0 left font ',8.5' textcolor rgb pst_grey_dark");
      }
    }
  }
  ref_line(g, p->ref, &ref_legend);

  /* elements in drawing order: range behind, then interval, point, marker */
  pst_gp_key(g, nkeys, pst_gp_legend_chars(p));
  {
    const char *sep = "plot ";
    if (have_r) {
      pst_gp_printf(g, "%s$D u (($6+$7)/2):2:6:7:($2-0.22):($2+0.22) w boxxyerror fs solid 0.55 noborder "
                    "fc rgb pst_range_col", sep);
      if (p->range_name) pst_gp_printf(g, " title T[%zu]", pst_gp_text(g, p->range_name));
      sep = ", \\\n     ";
    }
    if (have_ci) {
      pst_gp_printf(g, "%s$D u 4:2:($5-$4):(0) w vectors heads size screen 0.004,90 lt 1 lw 1.6", sep);
      if (p->interval_name) pst_gp_printf(g, " title T[%zu]", pst_gp_text(g, p->interval_name));
      sep = ", \\\n     ";
    }
    if (have_v) {
      pst_gp_printf(g, "%s$D u 3:2 w points lt 1 pt 7 ps 1.1", sep);
      if (p->value_name) pst_gp_printf(g, " title T[%zu]", pst_gp_text(g, p->value_name));
      sep = ", \\\n     ";
    }
    if (have_v2) {
      pst_gp_printf(g, "%s$D u 8:2 w points lt 2 pt 12 ps 1.5 lw 1.5", sep);
      if (p->value2_name) pst_gp_printf(g, " title T[%zu]", pst_gp_text(g, p->value2_name));
      sep = ", \\\n     ";
    }
    if (ref_legend)
      pst_gp_printf(g, "%skeyentry w lines dt 2 lw 1.5 lc rgb pst_grey_dark title T[%zu]", sep,
                    pst_gp_text(g, p->ref_name));
    else if (sep[0] == 'p') /* nothing drawable: still draw the labelled frame */
      pst_gp_printf(g, "plot NaN notitle");
    pst_gp_printf(g, "\n");
  }
  free(slot);
  return PST_OK;
}

int pst_plot_rows_tornado(pst_gp *g, pst_diag *d)
{
  const pst_plot *p = g->p;
  size_t n = p->nrows, maxlab = 0;
  double ref = p->ref, dmin = p->ref, dmax = p->ref, lo, hi, pad;
  int any_lo = 0, any_hi = 0, ref_legend = 0;
  if (!isfinite(ref)) return pst_diag_set(d, PST_EINVAL, 0, 0, "a tornado chart needs the base value (ref)");
  for (size_t i = 0; i < n; i++) {
    const pst_plot_row *r = &p->rows[i];
    dmin = fminf_(dmin, fminf_(r->lower, r->upper));
    dmax = fmaxf_(dmax, fmaxf_(r->lower, r->upper));
    any_lo |= isfinite(r->lower);
    any_hi |= isfinite(r->upper);
    if (pst_gp_chars(r->label) > maxlab) maxlab = pst_gp_chars(r->label);
  }
  pst_gp_plan_key(g, (size_t)(any_lo && p->interval_name) + (size_t)(any_hi && p->range_name) +
                      (size_t)(p->ref_name != NULL), pst_gp_legend_chars(p));
  if (g->height <= 0) g->height = pst_gp_rows_height(g, n + 1);
  {
    /* room beyond each bar end for its value label (about 6 characters at
     * 8.5 pt, with gnuplot's own margins): in data units over the plot's
     * width, at least 14 % */
    double span = dmax - dmin > 0 ? dmax - dmin : fabs(ref) > 0 ? fabs(ref) : 1;
    double plotw = g->width - label_width_in(g, maxlab) - 0.5, lab = 0.75 * g->font_size / 10.0;
    pad = span * lab / (plotw - 2 * lab > 1.0 ? plotw - 2 * lab : 1.0);
    if (pad < 0.14 * span) pad = 0.14 * span;
  }
  lo = isfinite(p->axis_min) ? p->axis_min : dmin - pad;
  hi = isfinite(p->axis_max) ? p->axis_max : dmax + pad;
  pst_gp_frame(g, NULL);
  pst_gp_printf(g, "$D << EOD\n");
  for (size_t i = 0; i < n; i++) {
    const pst_plot_row *r = &p->rows[i];
    pst_gp_printf(g, "%zu %zu ", i, n - i);
    pst_gp_num(g, isfinite(r->lower) ? fmin(ref, r->lower) : (double)NAN);
    pst_gp_printf(g, " ");
    pst_gp_num(g, isfinite(r->lower) ? fmax(ref, r->lower) : (double)NAN);
    pst_gp_printf(g, " ");
    pst_gp_num(g, isfinite(r->upper) ? fmin(ref, r->upper) : (double)NAN);
    pst_gp_printf(g, " ");
    pst_gp_num(g, isfinite(r->upper) ? fmax(ref, r->upper) : (double)NAN);
    pst_gp_printf(g, " ");
    pst_gp_num(g, r->lower);
    pst_gp_printf(g, " ");
    pst_gp_num(g, r->upper);
    pst_gp_printf(g, "\n");
  }
  pst_gp_printf(g, "EOD\n");
  pst_gp_printf(g, "set yrange [0.4:%zu.6]\nset ytics scale 0 ()\nset grid xtics noytics\n", n);
  set_xrange(g, lo, hi);
  for (size_t i = 0; i < n; i++)
    if (p->rows[i].label)
      pst_gp_printf(g, "set ytics add (T[%zu] %zu)\n", pst_gp_tic(g, p->rows[i].label), n - i);
  ref_line(g, ref, &ref_legend);
  pst_gp_tics(g, "x", lo, hi, g->width - label_width_in(g, maxlab) - 0.5, 0);
  pst_gp_key(g, (size_t)(any_lo && p->interval_name) + (size_t)(any_hi && p->range_name) + (size_t)ref_legend,
             pst_gp_legend_chars(p));
  {
    const char *sep = "plot ";
    char rb[PST_FMT_BUFSZ];
    pst_fmt_real(rb, ref);
    if (any_lo) {
      pst_gp_printf(g, "%s$D u (($3+$4)/2):2:3:4:($2-0.32):($2+0.32) w boxxyerror fs solid 0.85 noborder lt 1",
                    sep);
      if (p->interval_name) pst_gp_printf(g, " title T[%zu]", pst_gp_text(g, p->interval_name));
      sep = ", \\\n     ";
    }
    if (any_hi) {
      pst_gp_printf(g, "%s$D u (($5+$6)/2):2:5:6:($2-0.32):($2+0.32) w boxxyerror fs solid 0.85 noborder lt 4",
                    sep);
      if (p->range_name) pst_gp_printf(g, " title T[%zu]", pst_gp_text(g, p->range_name));
      sep = ", \\\n     ";
    }
    /* the output value at each bar's end, outside the bar */
    for (int c = 7; c <= 8; c++) {
      if ((c == 7 && !any_lo) || (c == 8 && !any_hi)) continue;
      pst_gp_printf(g, "%s$D u ($%d<%s?$%d:NaN):2:(sprintf('%%.4g',$%d)) w labels right offset char -0.5,0 "
                    "font ',8.5' notitle", sep, c, rb, c, c);
      sep = ", \\\n     ";
      pst_gp_printf(g, "%s$D u ($%d>=%s?$%d:NaN):2:(sprintf('%%.4g',$%d)) w labels left offset char 0.5,0 "
                    "font ',8.5' notitle", sep, c, rb, c, c);
    }
    if (ref_legend)
      pst_gp_printf(g, "%skeyentry w lines dt 2 lw 1.5 lc rgb pst_grey_dark title T[%zu]", sep,
                    pst_gp_text(g, p->ref_name));
    pst_gp_printf(g, "\n");
  }
  return PST_OK;
}

int pst_plot_rows_audit(pst_gp *g, pst_diag *d)
{
  const pst_plot *p = g->p;
  size_t n = p->nrows, skipped = 0, first[3] = {0, 0, 0}, audit_keychars;
  int have[3] = {0, 0, 0}, lg = p->log_axis;
  double dmin = (double)NAN, dmax = (double)NAN, lo, hi;
  char extra[160];
  static const char *const style[3] = {"lt 1 pt 7 ps 1.1", "lt 4 pt 9 ps 1.4", "lt 2 pt 5 ps 1.2"};
  for (size_t i = 0; i < n; i++) {
    const pst_plot_row *r = &p->rows[i];
    int f = r->flag < 0 ? 0 : r->flag > 2 ? 2 : r->flag;
    if (!isfinite(r->value) || !isfinite(r->value2)) { skipped++; continue; }
    if (lg && (r->value <= 0 || r->value2 <= 0)) return bad_row(d, i, "a value <= 0 cannot be drawn on a log axis");
    dmin = fminf_(dmin, fminf_(r->value, r->value2));
    dmax = fmaxf_(dmax, fmaxf_(r->value, r->value2));
    if (!have[f]) first[f] = i;
    have[f] = 1;
  }
  if (!isfinite(dmin)) return pst_diag_set(d, PST_EINVAL, 0, 0, "no row has both a stated and a recomputed value");
  {
    size_t mk = pst_gp_legend_chars(p);
    for (int f = 0; f < 3; f++)
      if (have[f] && pst_gp_chars(p->rows[first[f]].key) > mk) mk = pst_gp_chars(p->rows[first[f]].key);
    audit_keychars = mk;
  }
  pst_gp_plan_key(g, (size_t)(p->ref_name != NULL) + (size_t)have[0] + (size_t)have[1] + (size_t)have[2],
                  audit_keychars);
  if (g->height <= 0) g->height = pst_gp_auto_height(g, g->width * 0.6);
  if (lg) {
    lo = dmin / 2;
    hi = dmax * 2;
  } else {
    lo = dmin >= 0 ? 0 : dmin * 1.08;
    hi = dmax > 0 ? dmax * 1.08 : 1;
  }
  if (isfinite(p->axis_min)) lo = p->axis_min;
  if (isfinite(p->axis_max)) hi = p->axis_max;
  extra[0] = '\0';
  if (skipped)
    snprintf(extra, sizeof extra, "Not drawn: %zu %s without both a stated and a recomputed value.", skipped,
             skipped == 1 ? "row" : "rows");
  pst_gp_frame(g, extra[0] ? extra : NULL);
  pst_gp_printf(g, "$D << EOD\n");
  for (size_t i = 0; i < n; i++) {
    const pst_plot_row *r = &p->rows[i];
    int f = r->flag < 0 ? 0 : r->flag > 2 ? 2 : r->flag;
    pst_gp_printf(g, "%zu ", i);
    pst_gp_num(g, r->value);
    pst_gp_printf(g, " ");
    pst_gp_num(g, r->value2);
    pst_gp_printf(g, " %d\n", f);
  }
  pst_gp_printf(g, "EOD\n");
  if (lg) {
    pst_gp_printf(g, "set logscale xy\n");
    pst_gp_logtics(g, "x", lo, hi, g->width * 0.55);
    pst_gp_logtics(g, "y", lo, hi, g->width * 0.55);
  }
  pst_gp_printf(g, "set size square\n");
  set_xrange(g, lo, hi);
  pst_gp_printf(g, "set yrange [");
  pst_gp_num(g, lo);
  pst_gp_printf(g, ":");
  pst_gp_num(g, hi);
  pst_gp_printf(g, "]\n");
  {
    /* a label goes right of its point (left near the right edge), or to
     * the other side when an earlier label already sits on that side of a
     * point that close (positions as fractions of the square plot) */
    unsigned char *side = calloc(n ? n : 1, 1); /* 1 right, 2 left */
    if (!side) return pst_diag_set(d, PST_ENOMEM, 0, 0, "out of memory");
    for (size_t i = 0; i < n; i++) {
      const pst_plot_row *r = &p->rows[i];
      char at[96], xb[PST_FMT_BUFSZ], yb[PST_FMT_BUFSZ], opts[128];
      if (r->flag <= 0 || !r->label || !isfinite(r->value) || !isfinite(r->value2)) continue;
      {
        /* near the right edge a label would run off the page: left first */
        double u = lg ? log(r->value / lo) / log(hi / lo) : (r->value - lo) / (hi - lo);
        side[i] = u > 0.72 ? 2 : 1;
      }
      for (size_t j = 0; j < i; j++) {
        const pst_plot_row *q = &p->rows[j];
        double dx, dy;
        if (side[j] != side[i]) continue;
        dx = lg ? log(r->value / q->value) / log(hi / lo) : (r->value - q->value) / (hi - lo);
        dy = lg ? log(r->value2 / q->value2) / log(hi / lo) : (r->value2 - q->value2) / (hi - lo);
        if (fabs(dx) < 0.08 && fabs(dy) < 0.04) {
          side[i] = (unsigned char)(3 - side[i]);
          break;
        }
      }
      pst_fmt_real(xb, r->value);
      pst_fmt_real(yb, r->value2);
      snprintf(at, sizeof at, "first %s, first %s", xb, yb);
      snprintf(opts, sizeof opts, "offset char %s,0.5 %s front font ',8.5' textcolor %s",
               side[i] == 2 ? "-0.8" : "0.8", side[i] == 2 ? "right" : "left",
               r->flag >= 2 ? "lt 2" : "rgb pst_grey_dark");
      pst_gp_label(g, r->label, at, opts);
    }
    free(side);
  }
  pst_gp_key(g, (size_t)(p->ref_name != NULL) + (size_t)(have[0] && p->rows[first[0]].key) +
                   (size_t)(have[1] && p->rows[first[1]].key) + (size_t)(have[2] && p->rows[first[2]].key),
             audit_keychars);
  pst_gp_printf(g, "set samples 200\nplot x w lines dt 2 lw 1.2 lc rgb pst_grey");
  if (p->ref_name) pst_gp_printf(g, " title T[%zu]", pst_gp_text(g, p->ref_name));
  for (int f = 0; f < 3; f++) {
    const char *key;
    if (!have[f]) continue;
    key = p->rows[first[f]].key;
    pst_gp_printf(g, ", \\\n     $D u ($4==%d?$2:NaN):3 w points %s", f, style[f]);
    if (key) pst_gp_printf(g, " title T[%zu]", pst_gp_text(g, key));
  }
  pst_gp_printf(g, "\n");
  return PST_OK;
}
