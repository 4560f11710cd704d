/* plot.c -- one gnuplot script per chart: header, terminal choice, the shared
 * style, the text table, then the body written by the kind's writer. */
#define _POSIX_C_SOURCE 200809L
#include "powstat/plot.h"

#include "plot_impl.h"
#include "powstat/num.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* plots/powstat.gp, turned into a C string literal by lib/CMakeLists.txt */
static const char style_text[] =
#include "plot_style.inc"
    ;

const char *pst_plot_style(void) { return style_text; }

static const char *const kind_names[PST_PLOT_NKINDS] = {
  "forest", "bars", "stacked", "ratio", "histogram", "tornado", "heatmap", "audit"};

const char *pst_plot_kind_name(pst_plot_kind kind)
{
  return (kind >= 0 && kind < PST_PLOT_NKINDS) ? kind_names[kind] : NULL;
}

int pst_plot_kind_parse(const char *name, pst_plot_kind *kind)
{
  for (int i = 0; name && i < PST_PLOT_NKINDS; i++)
    if (strcmp(name, kind_names[i]) == 0) {
      *kind = (pst_plot_kind)i;
      return PST_OK;
    }
  return PST_ENOTFOUND;
}

pst_plot_row pst_plot_row_empty(void)
{
  pst_plot_row r;
  memset(&r, 0, sizeof r);
  r.value = r.lower = r.upper = r.lower2 = r.upper2 = r.value2 = (double)NAN;
  return r;
}

pst_plot pst_plot_init(pst_plot_kind kind)
{
  pst_plot p;
  memset(&p, 0, sizeof p);
  p.kind = kind;
  p.band_lo = p.band_hi = p.ref = p.axis_min = p.axis_max = (double)NAN;
  if (kind == PST_PLOT_RATIO) {
    /* ratios: log scale, so that 1/2 and 2 are equally far from 1 */
    p.log_axis = 1;
    p.ref = 1.0;
  }
  return p;
}

/* ---- helpers shared by the writers ---- */

int pst_gp_finite(double v) { return isfinite(v); }

size_t pst_gp_chars(const char *s)
{
  size_t n = 0;
  if (!s) return 0;
  for (; *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80) n++;
  return n;
}

size_t pst_gp_lines(const char *s)
{
  size_t n = 1;
  if (!s || !*s) return 0;
  for (; *s; s++)
    if (*s == '\n') n++;
  return n;
}

size_t pst_gp_text(pst_gp *g, const char *s)
{
  char *c;
  if (!s || g->err) return 0;
  if (g->ntexts == g->cap) {
    size_t cap = g->cap ? 2 * g->cap : 32;
    char **nt = realloc(g->texts, cap * sizeof *nt);
    unsigned char *nf;
    if (!nt) { g->err = PST_ENOMEM; return 0; }
    g->texts = nt;
    nf = realloc(g->tic, cap);
    if (!nf) { g->err = PST_ENOMEM; return 0; }
    g->tic = nf;
    g->cap = cap;
  }
  c = strdup(s);
  if (!c) { g->err = PST_ENOMEM; return 0; }
  g->tic[g->ntexts] = 0;
  g->texts[g->ntexts++] = c;
  return g->ntexts;
}

size_t pst_gp_tic(pst_gp *g, const char *s)
{
  size_t i = pst_gp_text(g, s);
  if (i) g->tic[i - 1] = 1;
  return i;
}

/* q with every '%' doubled (a new string; q is freed), or NULL.  Applied
 * after quoting and LaTeX escaping, so "\%" becomes "\%%", which the tic
 * format turns back into "\%" for LaTeX. */
static char *double_pct(char *q)
{
  size_t n = 0, k = 0;
  char *r;
  if (!q) return NULL;
  for (const char *c = q; *c; c++) n += *c == '%' ? 2 : 1;
  r = malloc(n + 1);
  if (r)
    for (const char *c = q; *c; c++) {
      r[k++] = *c;
      if (*c == '%') r[k++] = '%';
    }
  if (r) r[k] = '\0';
  free(q);
  return r;
}

void pst_gp_printf(pst_gp *g, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  if (vfprintf(g->fp, fmt, ap) < 0 && !g->err) g->err = PST_EIO;
  va_end(ap);
}

void pst_gp_num(pst_gp *g, double v)
{
  char b[PST_FMT_BUFSZ];
  if (!isfinite(v)) {
    pst_gp_printf(g, "NaN");
    return;
  }
  pst_fmt_real(b, v);
  pst_gp_printf(g, "%s", b);
}

void pst_gp_label(pst_gp *g, const char *text, const char *at, const char *opts)
{
  size_t i = pst_gp_text(g, text);
  if (!i) return;
  pst_gp_printf(g, "set label %d T[%zu] at %s %s\n", g->nextlabel++, i, at, opts ? opts : "");
}

double pst_gp_rows_height(const pst_gp *g, size_t slots)
{
  /* about 0.22 in per row at 10 pt */
  return pst_gp_auto_height(g, 0.22 * g->font_size / 10.0 * (double)slots);
}

char *pst_gp_wrap(const char *s, size_t width)
{
  size_t n = strlen(s), col = 0, last = (size_t)-1;
  char *w = malloc(n + 1);
  if (!w) return NULL;
  memcpy(w, s, n + 1);
  if (width < 20) width = 20;
  for (size_t i = 0; i < n; i++) {
    if (w[i] == '\n') { col = 0; last = (size_t)-1; continue; }
    if (((unsigned char)w[i] & 0xC0) != 0x80) col++;
    if (w[i] == ' ') last = i;
    if (col > width && last != (size_t)-1) {
      w[last] = '\n';
      col = 0;
      for (size_t k = last + 1; k <= i; k++)
        if (((unsigned char)w[k] & 0xC0) != 0x80) col++;
      last = (size_t)-1;
    }
  }
  return w;
}

static size_t key_rows(const pst_gp *g, size_t entries, size_t maxchars)
{
  double colw = (double)maxchars * 0.72 * g->font_size / 72.0 + 1.0;
  size_t cols = (size_t)floor((g->width - 0.3) / colw), rows;
  if (entries == 0) return 0;
  /* several columns when the entries are many and short */
  if (cols < 1) cols = 1;
  if (cols > 4) cols = 4;
  rows = (entries + cols - 1) / cols;
  if (rows < 3) rows = entries < 3 ? entries : 3;
  return rows;
}

void pst_gp_plan_key(pst_gp *g, size_t entries, size_t maxchars)
{
  g->key_rows = key_rows(g, entries, maxchars);
}

/* Height of one legend row in text lines (1.25 x the font size): measured on
 * pngcairo and pdfcairo renderings at 10 pt with `spacing 1.1`, a row is
 * 0.235 in (16.9 pt), 1.35 lines; 1.15 let legends of five or more rows run
 * into the plot. */
#define PST_GP_KEY_ROW 1.35

/* Margins in inches: the top holds title and legend, the bottom the tic
 * labels, the axis title and the note.  They are set in screen units, so the
 * plot area is exactly what the layout expects. */
static double top_in(const pst_gp *g, size_t rows)
{
  double line = g->font_size * 1.25 / 72.0;
  return (g->p->title ? 2.0 : 0.4) * line + (double)rows * PST_GP_KEY_ROW * line + 0.7 * line;
}

static double note_lines_est(const pst_gp *g)
{
  /* the caller's note, wrapped, and up to two lines the writer may add */
  size_t per_line = (size_t)(g->width * 72.0 / (0.75 * g->font_size * 0.8));
  return (g->p->note ? (double)(pst_gp_lines(g->p->note) + strlen(g->p->note) / (per_line ? per_line : 1)) : 0) + 2;
}

static double bottom_in(const pst_gp *g, double note_lines)
{
  double line = g->font_size * 1.25 / 72.0;
  return (2.0 + g->extra_bottom) * line + (g->p->xlabel ? 2.0 * line : 0) + note_lines * 0.92 * line + 1.0 * line;
}

double pst_gp_auto_height(const pst_gp *g, double min_plot)
{
  /* gnuplot lists only the legend rows that fit in the plot height */
  double key = (double)g->key_rows * PST_GP_KEY_ROW * g->font_size * 1.25 / 72.0;
  double plot = min_plot > key + 0.3 ? min_plot : key + 0.3;
  double h = top_in(g, g->key_rows) + plot + bottom_in(g, note_lines_est(g));
  return h < 3.0 ? 3.0 : h > 40.0 ? 40.0 : round(h * 20) / 20;
}

void pst_gp_key(pst_gp *g, size_t entries, size_t maxchars)
{
  double line = g->font_size * 1.25 / 72.0 / g->height;
  double top = 1.0 - (g->p->title ? 1.9 : 0.4) * line;
  size_t rows = key_rows(g, entries, maxchars);
  char yb[PST_FMT_BUFSZ];
  pst_fmt_real(yb, round(top * 1e4) / 1e4);
  {
    char tb[PST_FMT_BUFSZ];
    pst_fmt_real(tb, round((1.0 - top_in(g, rows) / g->height) * 1e4) / 1e4);
    pst_gp_printf(g, "set tmargin at screen %s\n", tb);
  }
  if (entries == 0) {
    pst_gp_printf(g, "unset key\n");
    return;
  }
  pst_gp_printf(g, "set key at screen 0.012, screen %s left top vertical Left reverse nobox noopaque "
                   "samplen 2.5 spacing 1.1 width 2 maxrows %zu\n", yb, rows);
}

size_t pst_gp_legend_chars(const pst_plot *p)
{
  const char *v[] = {p->value_name, p->interval_name, p->range_name, p->value2_name, p->band_name, p->ref_name};
  size_t m = 0;
  for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
    if (pst_gp_chars(v[i]) > m) m = pst_gp_chars(v[i]);
  return m;
}

void pst_gp_logtics(pst_gp *g, const char *axis, double lo, double hi, double len_in)
{
  /* at most one labelled tic per ~0.75 in: every 10, 100, ... */
  double decades = log10(hi / lo);
  int maxtics = (int)floor(len_in / (0.75 * g->font_size / 10.0));
  int every = 1;
  if (!(decades > 0) || !isfinite(decades)) return;
  if (decades <= 1.5) {
    /* less than two decades: a tic at every doubling (0.5, 1, 2, 4 ...) */
    pst_gp_printf(g, "set %stics 2\n", axis);
    return;
  }
  if (maxtics < 2) maxtics = 2;
  while (decades / every > maxtics) every++;
  pst_gp_printf(g, "set %stics 1e%d\n", axis, every);
}

void pst_gp_tics(pst_gp *g, const char *axis, double lo, double hi, double len_in, int bounded)
{
  double span = hi - lo, raw, mag, step;
  /* numbers need about 0.75 in apart along x, 0.4 in along y */
  int maxtics = (int)floor(len_in / ((axis[0] == 'y' ? 0.4 : 0.75) * g->font_size / 10.0));
  if (!(span > 0) || !isfinite(span)) return;
  if (maxtics < 2) maxtics = 2;
  raw = span / maxtics;
  mag = pow(10, floor(log10(raw)));
  step = raw <= mag ? mag : raw <= 2 * mag ? 2 * mag : raw <= 2.5 * mag ? 2.5 * mag : raw <= 5 * mag ? 5 * mag : 10 * mag;
  pst_gp_printf(g, "set %stics ", axis);
  if (bounded) {
    /* from a multiple of the step at or above lo to the last one below hi */
    pst_gp_num(g, ceil(lo / step - 1e-9) * step);
    pst_gp_printf(g, ", ");
    pst_gp_num(g, step);
    pst_gp_printf(g, ", ");
    pst_gp_num(g, floor(hi / step + 1e-9) * step);
  } else {
    pst_gp_num(g, step);
  }
  pst_gp_printf(g, "\n");
}

void pst_gp_frame(pst_gp *g, const char *extra_note)
{
  const pst_plot *p = g->p;
  size_t nlines = pst_gp_lines(p->note) + pst_gp_lines(extra_note);
  double note_pt = g->font_size * 0.8;
  /* character heights in screen units, for placing the note */
  double line = note_pt * 1.42 / 72.0 / g->height; /* measured line pitch of multi-line labels */
  if (p->title) {
    /* a label at the top of the page, so the legend can sit under it */
    char at[64], opts[64], yb[PST_FMT_BUFSZ], fb[PST_FMT_BUFSZ];
    pst_fmt_real(yb, round((1.0 - 0.75 * g->font_size * 1.25 / 72.0 / g->height) * 1e4) / 1e4);
    pst_fmt_real(fb, g->font_size * 1.25);
    snprintf(at, sizeof at, "screen 0.5, screen %s", yb);
    snprintf(opts, sizeof opts, "center front font ',%s'", fb);
    pst_gp_label(g, p->title, at, opts);
  }
  if (p->xlabel) {
    pst_gp_printf(g, "set xlabel T[%zu]", pst_gp_text(g, p->xlabel));
    if (g->xlabel_down > 0) {
      pst_gp_printf(g, " offset 0,-");
      pst_gp_num(g, g->xlabel_down);
    }
    pst_gp_printf(g, "\n");
  }
  if (p->ylabel) pst_gp_printf(g, "set ylabel T[%zu]\n", pst_gp_text(g, p->ylabel));
  if (nlines > 0) {
    char at[96], opts[96];
    char *joined = NULL, *wrapped;
    const char *note = p->note;
    /* characters per line of the note at its font size */
    size_t per_line = (size_t)(g->width * 72.0 / (0.75 * note_pt));
    if (p->note && extra_note) {
      size_t n = strlen(p->note) + strlen(extra_note) + 2;
      joined = malloc(n);
      if (!joined) { g->err = PST_ENOMEM; return; }
      snprintf(joined, n, "%s\n%s", p->note, extra_note);
      note = joined;
    } else if (!p->note) {
      note = extra_note;
    }
    wrapped = pst_gp_wrap(note, per_line);
    free(joined);
    if (!wrapped) { g->err = PST_ENOMEM; return; }
    joined = wrapped;
    note = wrapped;
    nlines = pst_gp_lines(note);
    /* the note sits in the bottom margin, its last line just above the edge */
    {
      char yb[PST_FMT_BUFSZ], fb[PST_FMT_BUFSZ];
      pst_fmt_real(yb, round(((1.1 + (double)(nlines - 1)) * line + 0.01) * 1e4) / 1e4);
      pst_fmt_real(fb, note_pt);
      snprintf(at, sizeof at, "screen 0.012, screen %s", yb);
      snprintf(opts, sizeof opts, "left front font ',%s' textcolor rgb pst_grey_dark", fb);
    }
    pst_gp_label(g, note, at, opts);
    free(joined);
  }
  {
    char bb[PST_FMT_BUFSZ];
    pst_fmt_real(bb, round(bottom_in(g, (double)nlines) / g->height * 1e4) / 1e4);
    pst_gp_printf(g, "set bmargin at screen %s\n", bb);
  }
}

/* ---- the script ---- */

static int fail(pst_diag *d, int st, const char *msg)
{
  return pst_diag_set(d, st, 0, 0, "%s", msg);
}

static void write_terminal(FILE *fp, const pst_gp *g)
{
  const pst_plot *p = g->p;
  char fam[200], *font;
  char wi[PST_FMT_BUFSZ], hi[PST_FMT_BUFSZ], sc[PST_FMT_BUFSZ];
  int dpi = p->dpi > 0 ? p->dpi : 150;
  int wpx = (int)lround(g->width * dpi), hpx = (int)lround(g->height * dpi);
  int wpt = (int)lround(g->width * 72), hpt = (int)lround(g->height * 72);
  int cols = (int)lround(g->width * 14), lines = (int)lround(g->height * 6.5);
  size_t k;
  snprintf(fam, sizeof fam, "%s,", p->font ? p->font : "DejaVu Sans");
  for (k = 0; fam[k]; k++)
    if (fam[k] == '\n' || fam[k] == ',') fam[k] = ' ';
  fam[k - 1] = ',';
  pst_fmt_real(sc, g->font_size);
  strncat(fam, sc, sizeof fam - strlen(fam) - 1);
  font = pst_plot_quote(fam, 0);
  pst_fmt_real(wi, g->width);
  pst_fmt_real(hi, g->height);
  pst_fmt_real(sc, round(dpi / 72.0 * 1e4) / 1e4);
  if (cols < 60) cols = 60;
  if (lines < 24) lines = 24;
  fputs("# Terminal: powstat_term = 'png' (default), 'svg', 'pdf', 'tex' (cairolatex; set\n"
        "# powstat_output to NAME.tex) or 'dumb'.  Output goes to standard output unless\n"
        "# powstat_output is set.\n"
        "if (!exists(\"powstat_term\")) powstat_term = 'png'\n"
        "powstat_tex = (powstat_term eq 'tex')\n"
        "if (strstrt(' png svg pdf tex dumb ', ' '.powstat_term.' ') == 0) {\n"
        "  print 'powstat: unknown powstat_term (use png, svg, pdf, tex or dumb)'\n"
        "  exit status 3\n"
        "}\n"
        "pst_need = (powstat_term eq 'png') ? 'pngcairo' : (powstat_term eq 'pdf') ? 'pdfcairo' : "
        "(powstat_term eq 'tex') ? 'cairolatex' : powstat_term\n"
        "if (strstrt(' '.GPVAL_TERMINALS.' ', ' '.pst_need.' ') == 0) {\n"
        "  print 'powstat: this gnuplot has no '.pst_need.' terminal (Debian: apt-get install gnuplot-nox)'\n"
        "  exit status 3\n"
        "}\n", fp);
  /* the font name is caller text: a quoted string in a variable */
  fprintf(fp, "pst_font = %s\n", font ? font : "''");
  fprintf(fp,
          /* gnuplot 5.4 has no `else if`: one block per terminal */
          "if (powstat_term eq 'png') {\n"
          "  set terminal pngcairo size %d,%d font pst_font fontscale %s linewidth %s noenhanced background rgb 'white'\n"
          "}\n"
          "if (powstat_term eq 'svg') {\n"
          "  set terminal svg size %d,%d font pst_font noenhanced background rgb 'white'\n"
          "}\n"
          /* pdfcairo's default fontscale is 0.5 (measured: 10 pt text came out
           * 5 pt wide), so the PDF had half-size text in a layout made for 10 pt */
          "if (powstat_term eq 'pdf') {\n"
          "  set terminal pdfcairo size %sin,%sin font pst_font fontscale 1 noenhanced\n"
          "}\n"
          "if (powstat_term eq 'tex') {\n"
          "  set terminal cairolatex pdf color size %sin,%sin\n"
          "}\n"
          "if (powstat_term eq 'dumb') {\n"
          "  set terminal dumb size %d,%d noenhanced\n"
          "}\n"
          "if (exists(\"powstat_output\")) set output powstat_output\n",
          wpx, hpx, sc, sc, wpt, hpt, wi, hi, wi, hi, cols, lines);
  free(font);
}

/* T[] with every text, and a LaTeX copy where it differs. */
static int write_texts(FILE *fp, const pst_gp *g)
{
  size_t i;
  int any_tex = 0;
  fprintf(fp, "array T[%zu]\n", g->ntexts ? g->ntexts : (size_t)1);
  for (i = 0; i < g->ntexts; i++) {
    char *q = pst_plot_quote(g->texts[i], 0);
    if (q && g->tic[i]) q = double_pct(q);
    if (!q) return PST_ENOMEM;
    fprintf(fp, "T[%zu] = %s\n", i + 1, q);
    free(q);
  }
  for (i = 0; i < g->ntexts; i++) {
    char *q = pst_plot_quote(g->texts[i], 0), *t = pst_plot_quote(g->texts[i], 1);
    if (g->tic[i]) { q = double_pct(q); t = double_pct(t); }
    if (!q || !t) { free(q); free(t); return PST_ENOMEM; }
    if (strcmp(q, t) != 0) {
      if (!any_tex) fputs("if (powstat_tex) {\n", fp);
      any_tex = 1;
      fprintf(fp, "  T[%zu] = %s\n", i + 1, t);
    }
    free(q);
    free(t);
  }
  if (any_tex) fputs("}\n", fp);
  return PST_OK;
}

int pst_plot_write(FILE *fp, const pst_plot *p, pst_diag *d)
{
  pst_gp g;
  char *body = NULL;
  size_t bodylen = 0;
  int st;
  if (!fp || !p) return fail(d, PST_EINVAL, "no chart or no output");
  if (p->kind < 0 || p->kind >= PST_PLOT_NKINDS) return fail(d, PST_EINVAL, "unknown chart kind");
  if (p->nrows == 0 || !p->rows) return fail(d, PST_EINVAL, "nothing to plot: no rows");
  if (p->width < 0 || p->height < 0 || p->font_size < 0 || p->dpi < 0)
    return fail(d, PST_EINVAL, "negative size, font size or dpi");
  memset(&g, 0, sizeof g);
  g.p = p;
  g.font_size = p->font_size > 0 ? p->font_size : 10.0;
  /* forest and ratio choose their width from their labels */
  g.width = p->width > 0 ? p->width : (p->kind == PST_PLOT_FOREST || p->kind == PST_PLOT_RATIO) ? 0 : 8.0;
  g.height = p->height; /* 0: the writer decides */
  g.nextlabel = 1;
  g.fp = open_memstream(&body, &bodylen);
  if (!g.fp) return fail(d, PST_ENOMEM, "out of memory");
  switch (p->kind) {
  case PST_PLOT_FOREST:
  case PST_PLOT_RATIO: st = pst_plot_rows_forest(&g, d); break;
  case PST_PLOT_TORNADO: st = pst_plot_rows_tornado(&g, d); break;
  case PST_PLOT_AUDIT: st = pst_plot_rows_audit(&g, d); break;
  case PST_PLOT_BARS: st = pst_plot_bars_bars(&g, d); break;
  case PST_PLOT_STACKED: st = pst_plot_bars_stacked(&g, d); break;
  case PST_PLOT_HISTOGRAM: st = pst_plot_bars_histogram(&g, d); break;
  default: st = pst_plot_bars_heatmap(&g, d); break;
  }
  if (fclose(g.fp) != 0 && st == PST_OK) st = PST_ENOMEM;
  if (st == PST_OK && g.err) st = g.err;
  if (st == PST_OK) {
    if (g.height <= 0) g.height = 5.0;
    fprintf(fp, "# powstat chart: %s\n"
                "# Written by powstat: self-contained (style, texts and data inline); it reads\n"
                "# no file and runs no command.  Render with: gnuplot THIS.gp > THIS.png\n"
                "# or: gnuplot -e \"powstat_term='svg'\" THIS.gp > THIS.svg (also 'pdf', 'dumb').\n",
            kind_names[p->kind]);
    write_terminal(fp, &g);
    fputs("# ---- style: plots/powstat.gp ----\n", fp);
    fputs(style_text, fp);
    fputs("# ---- texts: every label, as single-quoted strings ----\n"
          "set termoption noenhanced\n", fp);
    st = write_texts(fp, &g);
    if (st == PST_OK) {
      fputs("# ---- chart ----\n", fp);
      fwrite(body, 1, bodylen, fp);
      if (fflush(fp) != 0 || ferror(fp)) st = PST_EIO;
    }
    if (st == PST_EIO) pst_diag_set(d, st, 0, 0, "write error: %s", strerror(errno));
  } else if (st == PST_ENOMEM) {
    fail(d, st, "out of memory");
  }
  for (size_t i = 0; i < g.ntexts; i++) free(g.texts[i]);
  free(g.tic);
  free(g.texts);
  free(body);
  return st;
}
