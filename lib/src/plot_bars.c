/* plot_bars.c -- charts made of boxes: clustered bars, 100 % stacked bars,
 * histograms with a shaded interval, and heatmaps. */
#define _POSIX_C_SOURCE 200809L
#include "plot_impl.h"

#include "powstat/num.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static double maxf(double a, double b) { return isnan(a) ? b : isnan(b) ? a : (a > b ? a : b); }
static double minf(double a, double b) { return isnan(a) ? b : isnan(b) ? a : (a < b ? a : b); }

/* Index (1-based) of s among the distinct strings seen so far in v[0..*n),
 * adding it if new.  NULL maps to 0. */
static size_t intern(const char **v, size_t *n, const char *s)
{
  if (!s) return 0;
  for (size_t i = 0; i < *n; i++)
    if (strcmp(v[i], s) == 0) return i + 1;
  v[(*n)++] = s;
  return *n;
}

static void range_cmd(pst_gp *g, const char *axis, double lo, double hi)
{
  pst_gp_printf(g, "set %srange [", axis);
  pst_gp_num(g, lo);
  pst_gp_printf(g, ":");
  pst_gp_num(g, hi);
  pst_gp_printf(g, "]\n");
}

/* A copy of s with long labels broken at spaces or hyphens, lines of about
 * `width` characters, so cluster names fit under their bars. */
static char *wrap(const char *s, size_t width)
{
  size_t n = strlen(s), col = 0;
  char *w = malloc(n + 1);
  if (!w) return NULL;
  memcpy(w, s, n + 1);
  for (size_t i = 0, last = (size_t)-1; i < n; i++) {
    if (w[i] == '\n') { col = 0; last = (size_t)-1; continue; }
    if (((unsigned char)w[i] & 0xC0) != 0x80) col++;
    if (w[i] == ' ' || w[i] == '-') last = i;
    if (col > width && last != (size_t)-1) {
      /* break after a hyphen (kept), or replace the space */
      if (w[last] == ' ') {
        w[last] = '\n';
      } else {
        char *nw = realloc(w, strlen(w) + 2);
        if (!nw) { free(w); return NULL; }
        w = nw;
        memmove(w + last + 2, w + last + 1, strlen(w + last + 1) + 1);
        w[last + 1] = '\n';
        n++;
        i++;
      }
      col = i - last;
      last = (size_t)-1;
    }
  }
  return w;
}

int pst_plot_bars_bars(pst_gp *g, pst_diag *d)
{
  const pst_plot *p = g->p;
  size_t n = p->nrows, nkeys = 0, nclus = 0, maxbarlab = 0;
  const char **keys = calloc(n + 1, sizeof *keys), **clus = calloc(n + 1, sizeof *clus);
  double *x = calloc(n + 1, sizeof *x), *cx = calloc(n + 1, sizeof *cx);
  size_t *cn = calloc(n + 1, sizeof *cn), *ki = calloc(n + 1, sizeof *ki);
  double pos = 0, dmin = 0, dmax = (double)NAN, lo, hi, frac;
  int have_ci = 0, have_rng = 0, have_float = 0, labels = 0, slant = 0, wrapl = 1;
  const char *prev = NULL;
  int st = PST_OK;
  if (!keys || !clus || !x || !cx || !cn || !ki) { st = pst_diag_set(d, PST_ENOMEM, 0, 0, "out of memory"); goto out; }
  for (size_t i = 0; i < n; i++) {
    const pst_plot_row *r = &p->rows[i];
    size_t c;
    if (i > 0 && r->group && (!prev || strcmp(r->group, prev) != 0)) pos += 0.7;
    prev = r->group;
    x[i] = pos;
    pos += 1;
    c = intern(clus, &nclus, r->group);
    if (c) { cx[c - 1] += x[i]; cn[c - 1]++; }
    ki[i] = intern(keys, &nkeys, r->key);
    if (ki[i] == 0) ki[i] = 1;
    if (isfinite(r->lower) && isfinite(r->upper) && r->lower > r->upper) {
      st = pst_diag_set(d, PST_EINVAL, 0, 0, "row %zu: interval lower bound above upper bound", i + 1);
      goto out;
    }
    dmin = minf(dmin, minf(r->value, minf(r->lower, r->lower2)));
    dmax = maxf(dmax, maxf(r->value, maxf(r->upper, r->upper2)));
    have_ci |= isfinite(r->lower) && isfinite(r->upper);
    have_rng |= isfinite(r->value) && isfinite(r->lower2) && isfinite(r->upper2);
    have_float |= !isfinite(r->value) && isfinite(r->lower2) && isfinite(r->upper2);
    if (r->label && (!r->key || strcmp(r->label, r->key) != 0)) {
      labels = 1;
      if (pst_gp_chars(r->label) > maxbarlab) maxbarlab = pst_gp_chars(r->label);
    }
  }
  if (!isfinite(dmax)) dmax = 1;
  /* cluster names: wrapped under their bars, or slanted when a cluster is
   * too narrow for its name */
  {
    double unit_in = (g->width - 1.3) / (pos + 0.6);
    size_t maxc = 0;
    for (size_t c = 0; c < nclus; c++) {
      double chars = ((double)cn[c] + 0.6) * unit_in / (0.62 * g->font_size / 72.0);
      size_t len = pst_gp_chars(clus[c]);
      if (len > maxc) maxc = len;
      if ((double)len > 2.2 * chars) slant = 1;
      else if ((double)len > chars) wrapl = wrapl > 2 ? wrapl : ((double)len > 2 * chars ? 3 : 2);
    }
    g->extra_bottom = slant ? (double)maxc * 0.62 / 1.25 : wrapl > 1 ? 1.3 * (double)(wrapl - 1) : 0;
    g->xlabel_down = !slant && wrapl > 1 ? (double)(wrapl - 1) : 0;
  }
  {
    size_t mk = pst_gp_legend_chars(p);
    for (size_t k = 0; k < nkeys; k++) if (pst_gp_chars(keys[k]) > mk) mk = pst_gp_chars(keys[k]);
    pst_gp_plan_key(g, nkeys + (size_t)(have_rng && p->range_name) + (size_t)(have_ci && p->interval_name), mk);
  }
  if (g->height <= 0) g->height = pst_gp_auto_height(g, 3.0);
  /* room above the tallest bar for its text */
  frac = labels ? ((double)maxbarlab * 0.5 * 0.8 * g->font_size / 72.0 + 0.15) / (g->height - 2.0)
                : 0.08;
  if (frac > 0.6) frac = 0.6;
  lo = isfinite(p->axis_min) ? p->axis_min : dmin;
  hi = isfinite(p->axis_max) ? p->axis_max : lo + (dmax - lo) / (1 - frac);
  if (!(hi > lo)) hi = lo + 1;
  pst_gp_frame(g, NULL);
  pst_gp_printf(g, "$D << EOD\n");
  for (size_t i = 0; i < n; i++) {
    const pst_plot_row *r = &p->rows[i];
    double top = maxf(r->value, maxf(r->upper, r->upper2));
    size_t li = labels && r->label ? pst_gp_text(g, r->label) : 0;
    pst_gp_printf(g, "%zu ", i);
    pst_gp_num(g, x[i]);
    pst_gp_printf(g, " ");
    pst_gp_num(g, r->value); pst_gp_printf(g, " ");
    pst_gp_num(g, r->lower); pst_gp_printf(g, " ");
    pst_gp_num(g, r->upper); pst_gp_printf(g, " ");
    pst_gp_num(g, r->lower2); pst_gp_printf(g, " ");
    pst_gp_num(g, r->upper2);
    pst_gp_printf(g, " %zu %zu ", ki[i], li);
    pst_gp_num(g, top);
    /* what the row is, so the script never tests NaN (gnuplot treats a
     * referenced missing value as an undefined point) */
    pst_gp_printf(g, " %d\n", isfinite(r->value) ? 0 : isfinite(r->lower2) && isfinite(r->upper2) ? 1 : 2);
  }
  pst_gp_printf(g, "EOD\n");
  pst_gp_printf(g, "set xtics scale 0 ()\nset grid ytics noxtics\nset boxwidth 0.8 absolute\n");
  range_cmd(g, "x", -0.8, pos - 1 + 0.8);
  range_cmd(g, "y", lo, hi);
  if (slant) pst_gp_printf(g, "set xtics rotate by 90 right\n");
  if (nclus > 0) {
    /* wrap each cluster name to the width its bars take */
    double unit_in = (g->width - 1.3) / (pos + 0.6);
    for (size_t c = 0; c < nclus; c++) {
      double chars = ((double)cn[c] + 0.6) * unit_in / (0.62 * g->font_size / 72.0);
      char *w = slant ? strdup(clus[c]) : wrap(clus[c], chars < 6 ? 6 : (size_t)chars);
      char xb[PST_FMT_BUFSZ];
      if (!w) { st = pst_diag_set(d, PST_ENOMEM, 0, 0, "out of memory"); goto out; }
      pst_fmt_real(xb, cx[c] / (double)cn[c]);
      pst_gp_printf(g, "set xtics add (T[%zu] %s)\n", pst_gp_tic(g, w), xb);
      free(w);
    }
  }
  if (isfinite(p->ref)) {
    pst_gp_printf(g, "set arrow from graph 0, first ");
    pst_gp_num(g, p->ref);
    pst_gp_printf(g, " to graph 1, first ");
    pst_gp_num(g, p->ref);
    pst_gp_printf(g, " nohead back dt 2 lw 1.5 lc rgb pst_grey_dark\n");
  }
  {
    size_t mk = pst_gp_legend_chars(p);
    for (size_t k = 0; k < nkeys; k++) if (pst_gp_chars(keys[k]) > mk) mk = pst_gp_chars(keys[k]);
    pst_gp_key(g, nkeys + (size_t)(have_rng && p->range_name) + (size_t)(have_ci && p->interval_name), mk);
  }
  /* tics only over the data: the space above is for the bars' texts */
  {
    double top = isfinite(p->axis_max) ? hi : dmax;
    pst_gp_tics(g, "y", lo, top, (g->height - 2.5) * (top - lo) / (hi - lo), 1);
  }
  {
    const char *sep = "plot ";
    for (size_t k = 1; k <= (nkeys ? nkeys : 1); k++) {
      int lt = (int)((k - 1) % 8) + 1;
      int any = 0, anyf = 0;
      for (size_t i = 0; i < n; i++) {
        if (ki[i] != k) continue;
        any |= isfinite(p->rows[i].value);
        anyf |= !isfinite(p->rows[i].value) && isfinite(p->rows[i].lower2) && isfinite(p->rows[i].upper2);
      }
      if (any) {
        pst_gp_printf(g, "%s$D u ($8==%zu?$2:NaN):3 w boxes lt %d fs solid 0.85 noborder", sep, k, lt);
        if (nkeys && keys[k - 1]) pst_gp_printf(g, " title T[%zu]", pst_gp_text(g, keys[k - 1]));
        sep = ", \\\n     ";
      }
      if (anyf) {
        /* a figure known only as a range: a floating box from low to high */
        pst_gp_printf(g, "%s$D u ($8==%zu && $11==1 ? $2 : NaN):(($6+$7)/2):($2-0.4):($2+0.4):6:7 "
                      "w boxxyerror lt %d fs transparent solid 0.45 border lt %d", sep, k, lt, lt);
        if (nkeys && keys[k - 1] && !any) pst_gp_printf(g, " title T[%zu]", pst_gp_text(g, keys[k - 1]));
        sep = ", \\\n     ";
      }
    }
    if (have_rng) {
      pst_gp_printf(g, "%s$D u ($11==0?$2:NaN):(($6+$7)/2):($2-0.12):($2+0.12):6:7 w boxxyerror "
                    "fs transparent solid 0.55 noborder fc rgb pst_grey_dark", sep);
      if (p->range_name) pst_gp_printf(g, " title T[%zu]", pst_gp_text(g, p->range_name));
      sep = ", \\\n     ";
    }
    if (have_ci) {
      pst_gp_printf(g, "%s$D u 2:4:(0):($5-$4) w vectors heads size screen 0.006,90 lw 1.5 lc rgb '#202020'",
                    sep);
      if (p->interval_name) pst_gp_printf(g, " title T[%zu]", pst_gp_text(g, p->interval_name));
      sep = ", \\\n     ";
    }
    if (labels) {
      pst_gp_printf(g, "%s$D u ($9>0?$2:NaN):10:(T[int($9)+($9<1)]) w labels rotate by 90 left "
                    "offset char 0,0.6 font ',8' notitle", sep);
    } else {
      /* no bar labels: print each bar's value (or range) above it */
      pst_gp_printf(g, "%s$D u ($11==0?$2:NaN):10:(sprintf('%%.3g', $3)) "
                    "w labels center offset char 0,0.7 font ',8.5' notitle", sep);
      if (have_float)
        pst_gp_printf(g, ", \\\n     $D u ($11==1?$2:NaN):10:(sprintf('%%.3g-%%.3g', $6, $7)) "
                      "w labels center offset char 0,0.7 font ',8.5' notitle");
    }
    pst_gp_printf(g, "\n");
  }
out:
  free(keys); free(clus); free(x); free(cx); free(cn); free(ki);
  return st;
}

/* linetype of the k-th (1-based) segment category: the palette with yellow
 * last, since it is hard to see on white */
static int stack_lt(size_t k)
{
  static const int order[8] = {1, 2, 3, 4, 5, 6, 8, 7};
  return order[(k - 1) % 8];
}

/* text colour readable on each palette colour: dark on light fills */
static unsigned text_rgb(int lt)
{
  return (lt == 4 || lt == 6 || lt == 7) ? 0x202020u : 0xFFFFFFu;
}

int pst_plot_bars_stacked(pst_gp *g, pst_diag *d)
{
  const pst_plot *p = g->p;
  size_t n = p->nrows, nbars = 0, ncat = 0;
  const char **bars = calloc(n + 1, sizeof *bars), **cats = calloc(n + 1, sizeof *cats);
  double *cum = calloc(n + 1, sizeof *cum), xmax = 0, hi;
  size_t *bi = calloc(n + 1, sizeof *bi), *ci = calloc(n + 1, sizeof *ci);
  double *start = calloc(n + 1, sizeof *start);
  int have_ci = 0, st = PST_OK;
  if (!bars || !cats || !cum || !bi || !ci || !start) { st = pst_diag_set(d, PST_ENOMEM, 0, 0, "out of memory"); goto out; }
  for (size_t i = 0; i < n; i++) {
    const pst_plot_row *r = &p->rows[i];
    double v = r->value;
    if (!isfinite(v) || v < 0) {
      st = pst_diag_set(d, PST_EINVAL, 0, 0, "row %zu: a stacked share must be a number >= 0", i + 1);
      goto out;
    }
    bi[i] = intern(bars, &nbars, r->label ? r->label : "");
    ci[i] = intern(cats, &ncat, r->group ? r->group : "");
    start[i] = cum[bi[i] - 1];
    cum[bi[i] - 1] += v;
    if (cum[bi[i] - 1] > xmax) xmax = cum[bi[i] - 1];
    have_ci |= isfinite(r->lower) && isfinite(r->upper);
  }
  {
    size_t mk = pst_gp_legend_chars(p);
    for (size_t c = 0; c < ncat; c++) if (pst_gp_chars(cats[c]) > mk) mk = pst_gp_chars(cats[c]);
    pst_gp_plan_key(g, ncat + (size_t)(have_ci && p->interval_name), mk);
  }
  if (g->height <= 0) g->height = pst_gp_rows_height(g, nbars * 2 + 1);
  hi = isfinite(p->axis_max) ? p->axis_max : (xmax > 0 ? xmax : 1);
  pst_gp_frame(g, NULL);
  pst_gp_printf(g, "$D << EOD\n");
  for (size_t i = 0; i < n; i++) {
    const pst_plot_row *r = &p->rows[i];
    int lt = stack_lt(ci[i]);
    pst_gp_printf(g, "%zu %zu ", i, nbars - bi[i] + 1);
    pst_gp_num(g, start[i]); pst_gp_printf(g, " ");
    pst_gp_num(g, start[i] + r->value); pst_gp_printf(g, " ");
    pst_gp_num(g, r->value); pst_gp_printf(g, " ");
    pst_gp_num(g, isfinite(r->lower) ? start[i] + r->lower : (double)NAN); pst_gp_printf(g, " ");
    pst_gp_num(g, isfinite(r->upper) ? start[i] + r->upper : (double)NAN);
    pst_gp_printf(g, " %d %u\n", lt, text_rgb(lt));
  }
  pst_gp_printf(g, "EOD\n");
  pst_gp_printf(g, "set yrange [0.4:%zu.6]\nset ytics scale 0 ()\nset grid xtics noytics\n", nbars);
  range_cmd(g, "x", 0, hi);
  for (size_t b = 0; b < nbars; b++)
    pst_gp_printf(g, "set ytics add (T[%zu] %zu)\n", pst_gp_tic(g, bars[b]), nbars - b);
  {
    char minw[PST_FMT_BUFSZ];
    pst_fmt_real(minw, 0.06 * hi);
    size_t mk = pst_gp_legend_chars(p);
    for (size_t c = 0; c < ncat; c++) if (pst_gp_chars(cats[c]) > mk) mk = pst_gp_chars(cats[c]);
    pst_gp_key(g, ncat + (size_t)(have_ci && p->interval_name), mk);
    pst_gp_printf(g, "plot $D u (($3+$4)/2):2:3:4:($2-0.34):($2+0.34):8 w boxxyerror fs solid 0.9 "
                  "border rgb 'white' lc variable notitle");
    for (size_t c = 0; c < ncat; c++)
      pst_gp_printf(g, ", \\\n     keyentry w boxes fs solid 0.9 lt %d title T[%zu]", stack_lt(c + 1),
                    pst_gp_text(g, cats[c]));
    /* share printed inside segments wide enough to hold it */
    pst_gp_printf(g, ", \\\n     $D u ($5>=%s?($3+$4)/2:NaN):2:(sprintf('%%.1f',$5)):9 w labels "
                  "textcolor rgb variable font ',8.5' notitle", minw);
    if (have_ci) {
      pst_gp_printf(g, ", \\\n     $D u 6:($2-0.2):($7-$6):(0) w vectors heads size screen 0.004,90 "
                    "lw 1.3 lc rgb '#202020'");
      if (p->interval_name) pst_gp_printf(g, " title T[%zu]", pst_gp_text(g, p->interval_name));
      else pst_gp_printf(g, " notitle");
    }
    pst_gp_printf(g, "\n");
  }
out:
  free(bars); free(cats); free(cum); free(bi); free(ci); free(start);
  return st;
}

int pst_plot_bars_histogram(pst_gp *g, pst_diag *d)
{
  const pst_plot *p = g->p;
  size_t n = p->nrows, nkeys = 0;
  const char **keys = calloc(n + 1, sizeof *keys);
  size_t *ki = calloc(n + 1, sizeof *ki);
  double xmin = (double)NAN, xmax = (double)NAN, ymax = 0;
  int band = isfinite(p->band_lo) && isfinite(p->band_hi), st = PST_OK;
  if (!keys || !ki) { st = pst_diag_set(d, PST_ENOMEM, 0, 0, "out of memory"); goto out; }
  for (size_t i = 0; i < n; i++) {
    const pst_plot_row *r = &p->rows[i];
    if (!isfinite(r->lower) || !isfinite(r->upper) || !(r->upper > r->lower)) {
      st = pst_diag_set(d, PST_EINVAL, 0, 0, "row %zu: a bin needs edges low < high", i + 1);
      goto out;
    }
    if (!isfinite(r->value) || r->value < 0) {
      st = pst_diag_set(d, PST_EINVAL, 0, 0, "row %zu: a bin count must be a number >= 0", i + 1);
      goto out;
    }
    ki[i] = intern(keys, &nkeys, r->key);
    if (!ki[i]) ki[i] = 1;
    xmin = minf(xmin, r->lower);
    xmax = maxf(xmax, r->upper);
    ymax = maxf(ymax, r->value);
  }
  if (band && p->band_lo > p->band_hi) {
    st = pst_diag_set(d, PST_EINVAL, 0, 0, "the shaded interval's low end is above its high end");
    goto out;
  }
  {
    size_t mk = pst_gp_legend_chars(p);
    for (size_t k = 0; k < nkeys; k++) if (pst_gp_chars(keys[k]) > mk) mk = pst_gp_chars(keys[k]);
    pst_gp_plan_key(g, (nkeys ? nkeys : (size_t)(p->value_name != NULL)) + (size_t)(band && p->band_name), mk);
  }
  if (g->height <= 0) g->height = pst_gp_auto_height(g, 3.2);
  pst_gp_frame(g, NULL);
  pst_gp_printf(g, "$D << EOD\n");
  for (size_t i = 0; i < n; i++) {
    const pst_plot_row *r = &p->rows[i];
    pst_gp_printf(g, "%zu ", i);
    pst_gp_num(g, r->lower); pst_gp_printf(g, " ");
    pst_gp_num(g, r->upper); pst_gp_printf(g, " ");
    pst_gp_num(g, r->value);
    pst_gp_printf(g, " %zu\n", ki[i]);
  }
  pst_gp_printf(g, "EOD\n");
  pst_gp_printf(g, "set grid ytics noxtics\n");
  {
    double pad = (xmax - xmin) * 0.03;
    range_cmd(g, "x", isfinite(p->axis_min) ? p->axis_min : xmin - pad,
              isfinite(p->axis_max) ? p->axis_max : xmax + pad);
    range_cmd(g, "y", 0, ymax > 0 ? ymax * 1.08 : 1);
  }
  if (band) {
    pst_gp_printf(g, "set object 1 rect from first ");
    pst_gp_num(g, p->band_lo);
    pst_gp_printf(g, ", graph 0 to first ");
    pst_gp_num(g, p->band_hi);
    pst_gp_printf(g, ", graph 1 behind fc rgb '#56B4E9' fs solid 0.22 noborder\n");
    for (int k = 0; k < 2; k++) {
      double v = k ? p->band_hi : p->band_lo;
      pst_gp_printf(g, "set arrow from first ");
      pst_gp_num(g, v);
      pst_gp_printf(g, ", graph 0 to first ");
      pst_gp_num(g, v);
      pst_gp_printf(g, ", graph 1 nohead back dt 2 lw 1.2 lc rgb '#0072B2'\n");
    }
  }
  {
    size_t mk = pst_gp_legend_chars(p);
    for (size_t k = 0; k < nkeys; k++) if (pst_gp_chars(keys[k]) > mk) mk = pst_gp_chars(keys[k]);
    pst_gp_key(g, (nkeys ? nkeys : (size_t)(p->value_name != NULL)) + (size_t)(band && p->band_name), mk);
  }
  {
    const char *sep = "plot ";
    for (size_t k = 1; k <= (nkeys ? nkeys : 1); k++) {
      pst_gp_printf(g, "%s$D u ($5==%zu?($2+$3)/2:NaN):4:($3-$2) w boxes lt %zu fs %s 0.75 border rgb 'white'",
                    sep, k, (k - 1) % 8 + 1, nkeys > 1 ? "transparent solid" : "solid");
      if (nkeys && keys[k - 1]) pst_gp_printf(g, " title T[%zu]", pst_gp_text(g, keys[k - 1]));
      else if (p->value_name) pst_gp_printf(g, " title T[%zu]", pst_gp_text(g, p->value_name));
      sep = ", \\\n     ";
    }
    if (band && p->band_name)
      pst_gp_printf(g, "%skeyentry w boxes fc rgb '#56B4E9' fs solid 0.22 title T[%zu]", sep,
                    pst_gp_text(g, p->band_name));
    pst_gp_printf(g, "\n");
  }
out:
  free(keys); free(ki);
  return st;
}

int pst_plot_bars_heatmap(pst_gp *g, pst_diag *d)
{
  const pst_plot *p = g->p;
  size_t n = p->nrows, nx = 0, ny = 0;
  const char **xs = calloc(n + 1, sizeof *xs), **ys = calloc(n + 1, sizeof *ys);
  double *cell = NULL, vmin = (double)NAN, vmax = (double)NAN, mid;
  size_t maxx = 0, maxy = 0;
  int st = PST_OK, slant;
  if (!xs || !ys) { st = pst_diag_set(d, PST_ENOMEM, 0, 0, "out of memory"); goto out; }
  for (size_t i = 0; i < n; i++) {
    intern(xs, &nx, p->rows[i].label ? p->rows[i].label : "");
    intern(ys, &ny, p->rows[i].group ? p->rows[i].group : "");
  }
  cell = malloc(nx * ny * sizeof *cell);
  if (!cell) { st = pst_diag_set(d, PST_ENOMEM, 0, 0, "out of memory"); goto out; }
  for (size_t k = 0; k < nx * ny; k++) cell[k] = (double)NAN;
  for (size_t i = 0; i < n; i++) {
    const pst_plot_row *r = &p->rows[i];
    size_t a = intern(xs, &nx, r->label ? r->label : "") - 1;
    size_t b = intern(ys, &ny, r->group ? r->group : "") - 1;
    if (isfinite(cell[b * nx + a])) {
      st = pst_diag_set(d, PST_EINVAL, 0, 0, "row %zu: a second value for the same cell", i + 1);
      goto out;
    }
    cell[b * nx + a] = r->value;
    vmin = minf(vmin, r->value);
    vmax = maxf(vmax, r->value);
  }
  for (size_t a = 0; a < nx; a++) if (pst_gp_chars(xs[a]) > maxx) maxx = pst_gp_chars(xs[a]);
  for (size_t b = 0; b < ny; b++) if (pst_gp_chars(ys[b]) > maxy) maxy = pst_gp_chars(ys[b]);
  if (!isfinite(vmin)) { vmin = 0; vmax = 1; }
  if (isfinite(p->axis_min)) vmin = p->axis_min;
  if (isfinite(p->axis_max)) vmax = p->axis_max;
  if (!(vmax > vmin)) vmax = vmin + 1;
  mid = (vmin + vmax) / 2;
  {
    /* square-ish cells; x labels slanted when they do not fit their column */
    double cw = (g->width - 0.9 * (double)maxy * 0.7 * g->font_size / 72.0 - 1.8) / (double)nx;
    double spacing = cw * (double)((nx + 11) / 12);
    if (cw < 0.15) cw = 0.15;
    slant = (double)maxx * 0.62 * g->font_size / 72.0 > 0.9 * spacing;
    if (slant) g->extra_bottom = (double)maxx * 0.5 / 1.25;
    if (g->height <= 0) {
      double plot = cw * (double)ny;
      g->height = pst_gp_auto_height(g, plot < 1.5 ? 1.5 : plot > 8 ? 8 : plot);
    }
  }
  pst_gp_frame(g, NULL);
  pst_gp_printf(g, "$D << EOD\n");
  for (size_t b = 0; b < ny; b++)
    for (size_t a = 0; a < nx; a++) {
      double v = cell[b * nx + a];
      pst_gp_printf(g, "%zu %zu %zu ", b * nx + a, a, ny - 1 - b);
      pst_gp_num(g, v);
      /* dark text on the light (high) end of the palette */
      pst_gp_printf(g, " %u %d\n", isfinite(v) && v > mid ? 0x202020u : 0xFFFFFFu, isfinite(v) ? 1 : 0);
    }
  pst_gp_printf(g, "EOD\n");
  /* a viridis-like sequential palette: monotone in lightness, colour-blind safe */
  pst_gp_printf(g, "set palette defined (0 '#440154', 0.25 '#3B528B', 0.5 '#21908C', 0.75 '#5DC963', "
                   "1 '#FDE725')\n");
  pst_gp_printf(g, "set grid noxtics noytics\nset border 0\nset tics scale 0\nset xtics ()\nset ytics ()\n");
  if (slant) pst_gp_printf(g, "set xtics rotate by 45 right\n");
  range_cmd(g, "x", -0.5, (double)nx - 0.5);
  range_cmd(g, "y", -0.5, (double)ny - 0.5);
  range_cmd(g, "cb", vmin, vmax);
  if (p->value_name) pst_gp_printf(g, "set cblabel T[%zu]\n", pst_gp_text(g, p->value_name));
  {
    /* at most about a dozen labels per axis: every k-th cell beyond that */
    size_t kx = (nx + 11) / 12, ky = (ny + 11) / 12;
    for (size_t a = 0; a < nx; a += kx) pst_gp_printf(g, "set xtics add (T[%zu] %zu)\n", pst_gp_tic(g, xs[a]), a);
    for (size_t b = 0; b < ny; b += ky)
      pst_gp_printf(g, "set ytics add (T[%zu] %zu)\n", pst_gp_tic(g, ys[b]), ny - 1 - b);
  }
  pst_gp_key(g, 0, 0);
  pst_gp_printf(g, "plot $D u 2:3:4 w image notitle");
  if (nx * ny <= 400)
    pst_gp_printf(g, ", \\\n     $D u ($6==1?$2:NaN):3:(sprintf('%%.3g',$4)):5 w labels textcolor rgb variable "
                     "font ',8.5' notitle");
  pst_gp_printf(g, "\n");
  (void)maxy;
out:
  free(xs); free(ys); free(cell);
  return st;
}
