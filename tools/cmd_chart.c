/* cmd_chart.c -- `powstat chart KIND [FILE|-]`: a gnuplot script (and,
 * optionally, its rendering) from the CSV another powstat command wrote. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "commands.h"
#include "paper_chart.h"
#include "render.h"

#include "powstat/csvread.h"
#include "powstat/num.h"
#include "powstat/plot.h"
#include "powstat/schema.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <unistd.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char help_chart[] =
  "Usage: powstat chart KIND [OPTION]... [FILE|-]\n"
  "\n"
  "Write a gnuplot script for a chart of the CSV in FILE (or standard input),\n"
  "as written by another powstat command, e.g.\n"
  "  powstat rates --format csv | powstat chart forest -o plots/rates.gp --render png\n"
  "The script is self-contained (style, texts and data inline) and renders\n"
  "the same anywhere: gnuplot NAME.gp > NAME.png.  No text of the input or of\n"
  "an option is ever run by gnuplot or a shell.\n"
  "\n"
  "Kinds and the columns they read (header names, any order; other columns\n"
  "are ignored, so newer producers still chart; * = required):\n"
  "  forest     `powstat rates` output: proportion*, lower*, upper*, range_low,\n"
  "             range_high, id, source, holder, group, captive, method, level,\n"
  "             verified, stated_pct, label.  One row per estimate, grouped by\n"
  "             holder and group: point, sampling interval, and the between-\n"
  "             source range as a grey band.  Shown in percent.\n"
  "  bars       the same columns (clusters = group, colour = holder, bar text =\n"
  "             source), or generic: category*, value*, series, label, lower,\n"
  "             upper, range_low, range_high (values as given).\n"
  "  stacked    `powstat outcomes` output: category*, share*, lower, upper,\n"
  "             cohort, count, method, level, role (rows with role detail or\n"
  "             total are skipped).  100 % stacked bars, one per cohort.\n"
  "  ratio      `powstat compare` output: measure*, estimate*, lower*, upper*,\n"
  "             method, level, label.  Log axis, reference line at 1 (all\n"
  "             measures 'diff': linear axis, reference at 0).\n"
  "  histogram  bin_low*, bin_high*, count* (binned), or value* (one draw per\n"
  "             row, binned by --bins); lower, upper (percentile interval,\n"
  "             shaded), level, group (one series per group).\n"
  "  tornado    input*, output_low*, output_high*, base*, low, high: one-way\n"
  "             sensitivity, bars sorted by swing.\n"
  "  heatmap    x*, y*, value*: a two-way grid (x and y as categories).\n"
  "  audit      `powstat audit` output: id*, stated*, recomputed*, verdict*\n"
  "             (consistent, rounding slip, mismatch, not checkable), label.\n"
  "             Stated against recomputed, mismatches highlighted; \"1.96%\"\n"
  "             and \"3,576,300\" are read as numbers.\n"
  "\n"
  "Options:\n"
  "  -o, --output NAME.gp  write the script to NAME.gp (atomically) [stdout]\n"
  "  -r, --render LIST     also render beside it: png, svg, pdf, tex (cairolatex:\n"
  "                        NAME.tex + NAME.pdf), dumb (text preview on stdout);\n"
  "                        comma-separated.  Needs -o except for dumb alone\n"
  "      --title TEXT      chart title\n"
  "      --xlabel TEXT, --ylabel TEXT, --zlabel TEXT  axis titles (zlabel: the\n"
  "                        heatmap colour scale)\n"
  "      --note TEXT       source note under the chart (replaces the default)\n"
  "      --size WxH        size in inches [8 wide, height from the rows]\n"
  "      --dpi N           PNG resolution [150]\n"
  "      --font NAME       font family [DejaVu Sans]\n"
  "      --font-size PT    font size in points [10]\n"
  "      --log, --linear   value axis scale (forest, ratio, audit)\n"
  "      --bins N          histogram of raw values: number of bins [40]\n"
  "  -h, --help            show this help and exit\n"
  "\n"
  "Exit status: 0 ok, 64 usage, 65 bad input data (FILE:LINE:COL), 66 missing\n"
  "input, 69 gnuplot or its terminal missing (install gnuplot-nox), 70 gnuplot\n"
  "failed, 73 cannot create output, 74 I/O error.\n";

/* ---- reading a CSV by column names ---- */

typedef enum { C_TEXT, C_REAL, C_LOOSE } ctype; /* LOOSE: "1.96%", "3,576,300", "=57.9" */

typedef struct {
  const char *name;
  ctype type;
  int required;
} ccol;

typedef struct {
  char **s;   /* text of each known column (NULL = empty) */
  double *v;  /* value of numeric columns (NaN = empty) */
  long *pos;  /* line and column of each known cell: pos[2k], pos[2k+1] */
  long line;
} crow;

typedef struct ctable_s {
  const ccol *cols;
  size_t ncols;
  int *present;
  crow *rows;
  size_t n, cap;
} ctable;

static void ctable_free(ctable *t)
{
  for (size_t i = 0; i < t->n; i++) {
    for (size_t k = 0; k < t->ncols; k++) free(t->rows[i].s[k]);
    free(t->rows[i].s);
    free(t->rows[i].v);
    free(t->rows[i].pos);
  }
  free(t->rows);
  free(t->present);
  memset(t, 0, sizeof *t);
}

static int col(const struct ctable_s *t, const char *name)
{
  for (size_t k = 0; k < t->ncols; k++)
    if (strcmp(t->cols[k].name, name) == 0) return (int)k;
  return -1;
}

static int has(const ctable *t, const char *name)
{
  int k = col(t, name);
  return k >= 0 && t->present[k];
}

static const char *S(const ctable *t, size_t i, const char *name)
{
  int k = col(t, name);
  return k >= 0 ? t->rows[i].s[k] : NULL;
}

static double V(const ctable *t, size_t i, const char *name)
{
  int k = col(t, name);
  return k >= 0 ? t->rows[i].v[k] : CLI_NAN;
}

/* "1.96%", "=57.9", "~50", "3,576,300" -> number; ranges and words fail. */
static int parse_loose(const char *s, size_t len, double *v, const char **why)
{
  char buf[128];
  size_t a = 0, b = len, k = 0;
  uint64_t c;
  while (a < b && (s[a] == ' ' || s[a] == '=' || s[a] == '~')) a++;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '%')) b--;
  if (b - a >= sizeof buf) { *why = "too long for a number"; return PST_EDATA; }
  if (pst_parse_count(s + a, b - a, &c, why, NULL) == PST_OK) {
    *v = (double)c;
    return PST_OK;
  }
  for (size_t i = a; i < b; i++) buf[k++] = s[i];
  buf[k] = '\0';
  return pst_parse_real(buf, k, v, why, NULL);
}

/* where_col/where_val (NULL: every row): keep only the rows whose column
 * where_col (any header name, known or not) holds exactly where_val, so one
 * block of a file that holds several (simulate --histogram) can be drawn. */
static int read_table(const char *path, const ccol *cols, size_t ncols, ctable *t, const char *where_col,
                      const char *where_val)
{
  int code = 0, st;
  const char *name = strcmp(path, "-") == 0 ? "(stdin)" : path;
  FILE *fp = cli_open_input(path, &code);
  pst_csv *r = NULL;
  const pst_field *f;
  size_t nf, nspec, header_n;
  long end_line, end_col; /* where the last record read ends */
  pst_diag d = {0};
  pst_colspec *spec = NULL;
  int *idx = NULL;
  long where_idx = -1;
  memset(t, 0, sizeof *t);
  t->cols = cols;
  t->ncols = ncols;
  if (!fp) return code;
  if ((st = pst_csv_open(&r, fp, name)) != PST_OK) { code = cli_diag(st, &d); goto done; }
  if ((st = pst_csv_next(r, &f, &nf, &d)) != PST_OK) { code = cli_diag(st, &d); goto done; }
  if (nf == 0) {
    d.file = name;
    code = cli_diag(pst_diag_set(&d, PST_EDATA, 1, 1, "empty input: expected a header line"), &d);
    goto done;
  }
  header_n = nf;
  pst_csv_field_pos(r, nf, &end_line, &end_col);
  /* The known columns first, then every other header name, so that columns
   * a newer producer adds are accepted and ignored (while duplicates, empty
   * names and missing required columns are still caught). */
  spec = calloc(ncols + nf, sizeof *spec);
  idx = calloc(ncols + nf, sizeof *idx);
  t->present = calloc(ncols, sizeof *t->present);
  if (!spec || !idx || !t->present) { code = cli_diag(PST_ENOMEM, &d); goto done; }
  for (size_t k = 0; k < ncols; k++) {
    spec[k].name = cols[k].name;
    spec[k].required = cols[k].required;
  }
  nspec = ncols;
  for (size_t j = 0; j < nf; j++) {
    int known = 0;
    for (size_t k = 0; k < nspec; k++)
      if (strcmp(spec[k].name, f[j].s) == 0) known = 1;
    if (!known && f[j].len > 0) spec[nspec++].name = f[j].s;
  }
  if ((st = pst_schema_map(r, f, nf, spec, nspec, idx, &d)) != PST_OK) { code = cli_diag(st, &d); goto done; }
  for (size_t k = 0; k < ncols; k++) t->present[k] = idx[k] >= 0;
  if (where_col) {
    for (size_t j = 0; j < nf; j++)
      if (strcmp(f[j].s, where_col) == 0) where_idx = (long)j;
    if (where_idx < 0) {
      d.file = name;
      d.line = 1;
      d.col = 1;
      snprintf(d.msg, sizeof d.msg, "no column '%s' to select rows by", where_col);
      code = cli_diag(PST_EDATA, &d);
      goto done;
    }
  }
  free(spec);
  spec = NULL; /* its extra names pointed into the header record */
  for (;;) {
    crow row;
    if ((st = pst_csv_next(r, &f, &nf, &d)) != PST_OK) { code = cli_diag(st, &d); goto done; }
    if (nf == 0) break;
    pst_csv_field_pos(r, nf, &end_line, &end_col);
    /* a row of another width has its cells under the wrong names (an
     * unquoted 0,15 shifts every cell after it): never read it by position;
     * wording as the dataset loaders' */
    if (nf > header_n) {
      code = cli_diag(pst_csv_field_error(r, header_n, &d, PST_EDATA,
                                          "%zu fields, but the header has %zu (a number with "
                                          "thousands separators must be quoted)", nf, header_n),
                      &d);
      goto done;
    }
    if (nf < header_n) {
      code = cli_diag(pst_csv_field_error(r, nf, &d, PST_EDATA, "%zu fields, but the header has %zu",
                                          nf, header_n),
                      &d);
      goto done;
    }
    if (where_idx >= 0 && ((size_t)where_idx >= nf || pst_cell_missing(f, nf, (int)where_idx) ||
                           f[where_idx].len != strlen(where_val) ||
                           memcmp(f[where_idx].s, where_val, f[where_idx].len) != 0))
      continue;
    row.line = pst_csv_record_line(r);
    row.s = calloc(ncols, sizeof *row.s);
    row.v = malloc(ncols * sizeof *row.v);
    row.pos = calloc(2 * ncols, sizeof *row.pos);
    if (!row.s || !row.v || !row.pos) {
      free(row.s); free(row.v); free(row.pos);
      code = cli_diag(PST_ENOMEM, &d);
      goto done;
    }
    /* positions kept for the checks made after reading (FILE:LINE:COL) */
    for (size_t k = 0; k < ncols; k++) {
      row.pos[2 * k] = row.line;
      row.pos[2 * k + 1] = 1;
      if (idx[k] >= 0) pst_csv_field_pos(r, (size_t)idx[k], &row.pos[2 * k], &row.pos[2 * k + 1]);
    }
    if (t->n == t->cap) {
      size_t cap = t->cap ? 2 * t->cap : 64;
      crow *nr = realloc(t->rows, cap * sizeof *nr);
      if (!nr) { free(row.s); free(row.v); free(row.pos); code = cli_diag(PST_ENOMEM, &d); goto done; }
      t->rows = nr;
      t->cap = cap;
    }
    t->rows[t->n++] = row;
    for (size_t k = 0; k < ncols; k++) {
      row.v[k] = CLI_NAN;
      if (pst_cell_missing(f, nf, idx[k])) continue;
      if (pst_cell_strdup(f, nf, idx[k], &row.s[k]) != PST_OK) { code = cli_diag(PST_ENOMEM, &d); goto done; }
      if (cols[k].type != C_TEXT) {
        const pst_field *c = &f[idx[k]];
        const char *why = "not a number";
        int ok = cols[k].type == C_LOOSE ? parse_loose(c->s, c->len, &row.v[k], &why)
                                         : pst_parse_real(c->s, c->len, &row.v[k], &why, NULL);
        if (ok != PST_OK && cols[k].type == C_REAL) {
          uint64_t cnt;
          if (pst_parse_count(c->s, c->len, &cnt, NULL, NULL) == PST_OK) {
            row.v[k] = (double)cnt;
            ok = PST_OK;
          }
        }
        if (ok != PST_OK && cols[k].type == C_LOOSE) {
          row.v[k] = CLI_NAN; /* "3.5-4", "~": not a point value; the chart says so */
          continue;
        }
        if (ok != PST_OK) {
          st = pst_csv_field_error(r, (size_t)idx[k], &d, PST_EDATA, "%s: %s: '%s'", cols[k].name,
                                   why, c->s);
          code = cli_diag(st, &d);
          goto done;
        }
      }
    }
  }
  if (t->n == 0) {
    /* at the line after the last record: where the rows should have been */
    d.file = name;
    d.line = end_line + 1;
    d.col = 1;
    if (where_col) snprintf(d.msg, sizeof d.msg, "no data rows with %s = %s to chart", where_col, where_val);
    else snprintf(d.msg, sizeof d.msg, "no data rows to chart");
    code = cli_diag(PST_EDATA, &d);
  }
done:
  free(spec);
  free(idx);
  pst_csv_close(r);
  if (fp && fp != stdin) fclose(fp);
  if (code) ctable_free(t);
  return code;
}

/* A check on a whole file: "FILE: msg" */
static int file_error(const char *path, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int file_error(const char *path, const char *fmt, ...)
{
  char msg[256];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  cli_err("%s: %s", strcmp(path, "-") == 0 ? "(stdin)" : path, msg);
  return EXIT_DATA;
}

static int col(const struct ctable_s *t, const char *name);

/* A check on one cell of row i: "FILE:LINE:COL: msg" */
static int cell_error(const ctable *t, const char *path, size_t i, const char *colname, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static int cell_error(const ctable *t, const char *path, size_t i, const char *colname, const char *fmt, ...)
{
  char msg[256];
  va_list ap;
  int k = col(t, colname);
  long line = k >= 0 ? t->rows[i].pos[2 * k] : t->rows[i].line, c = k >= 0 ? t->rows[i].pos[2 * k + 1] : 1;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  cli_err("%s:%ld:%ld: %s", strcmp(path, "-") == 0 ? "(stdin)" : path, line, c, msg);
  return EXIT_DATA;
}

/* ---- strings owned by the chart being built ---- */

typedef struct {
  char **v;
  size_t n, cap;
} strpool;

static const char *pool_add(strpool *p, char *s)
{
  if (!s) return NULL;
  if (p->n == p->cap) {
    size_t cap = p->cap ? 2 * p->cap : 64;
    char **nv = realloc(p->v, cap * sizeof *nv);
    if (!nv) { free(s); return NULL; }
    p->v = nv;
    p->cap = cap;
  }
  p->v[p->n++] = s;
  return s;
}

static const char *pool_fmt(strpool *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *pool_fmt(strpool *p, const char *fmt, ...)
{
  va_list ap;
  char *s = NULL;
  int n;
  va_start(ap, fmt);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0 || !(s = malloc((size_t)n + 1))) return NULL;
  va_start(ap, fmt);
  vsnprintf(s, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return pool_add(p, s);
}

static void pool_free(strpool *p)
{
  for (size_t i = 0; i < p->n; i++) free(p->v[i]);
  free(p->v);
  memset(p, 0, sizeof *p);
}

static double pct(double v) { return isfinite(v) ? 100.0 * v : CLI_NAN; }

/* "95%" from a level 0.95 */
static void level_text(double level, char *b, size_t n)
{
  char lb[PST_FMT_BUFSZ];
  if (!isfinite(level)) { snprintf(b, n, "%s", ""); return; }
  pst_fmt_sig(lb, sizeof lb, 100 * level, 6);
  snprintf(b, n, "%s%% ", lb);
}

/* a count with thousands separators, "3,576,300" */
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

/* ---- rates-shaped records (forest, bars, paper) ---- */

void chart_rows_free(pst_plot_row *rows, size_t n)
{
  for (size_t i = 0; i < n; i++) {
    /* the rows' texts were allocated by chart_rates_forest */
    free((void *)(uintptr_t)rows[i].note);
    free((void *)(uintptr_t)rows[i].label);
    free((void *)(uintptr_t)rows[i].group);
  }
  free(rows);
}

/* a + sep + b + end in a new string (NULL parts are empty) */
static char *join(const char *a, const char *sep, const char *b, const char *end)
{
  size_t n = (a ? strlen(a) : 0) + strlen(sep) + (b ? strlen(b) : 0) + strlen(end) + 1;
  char *s = malloc(n);
  if (s) snprintf(s, n, "%s%s%s%s", a ? a : "", sep, b ? b : "", end);
  return s;
}

static char *group_key(const chart_rate *e)
{
  return join(e->holder ? e->holder : "(no holder)", ": ", e->group ? e->group : "(no group)", "");
}

int chart_rates_forest(const chart_rate *v, size_t n, pst_plot *p, pst_plot_row **out)
{
  pst_plot_row *rows = calloc(n ? n : 1, sizeof *rows);
  size_t *order = malloc((n ? n : 1) * sizeof *order), k = 0;
  char **keys = calloc(n ? n : 1, sizeof *keys);
  size_t nkeys = 0;
  int multi_method = 0;
  if (!rows || !order || !keys) { free(rows); free(order); free(keys); return EXIT_OSERR; }
  for (size_t i = 1; i < n; i++)
    if (v[i].method && v[0].method && strcmp(v[i].method, v[0].method) != 0) multi_method = 1;
  /* group keys in order of first appearance; rows keep their order within */
  for (size_t i = 0; i < n; i++) {
    char *key = group_key(&v[i]);
    size_t j;
    if (!key) goto oom;
    for (j = 0; j < nkeys; j++)
      if (strcmp(keys[j], key) == 0) break;
    if (j == nkeys) keys[nkeys++] = key;
    else free(key);
  }
  for (size_t j = 0; j < nkeys; j++)
    for (size_t i = 0; i < n; i++) {
      char *key = group_key(&v[i]);
      if (!key) goto oom;
      if (strcmp(key, keys[j]) == 0) order[k++] = i;
      free(key);
    }
  for (size_t r = 0; r < n; r++) {
    const chart_rate *e = &v[order[r]];
    pst_plot_row *row = &rows[r];
    char note[160] = "";
    int has_p = isfinite(e->proportion), has_r = isfinite(e->range_low) && isfinite(e->range_high);
    *row = pst_plot_row_empty();
    row->group = group_key(e);
    if (e->label) row->label = join(e->label, "", NULL, "");
    else if (e->id && e->source) row->label = join(e->source, "  ", e->id, "");
    else row->label = join(e->id ? e->id : e->source ? e->source : "?", "", NULL, "");
    if (multi_method && e->method && row->label) {
      char *l = join(row->label, " [", e->method, "]");
      free((void *)(uintptr_t)row->label);
      row->label = l;
    }
    row->value = pct(e->proportion);
    row->lower = pct(e->lower);
    row->upper = pct(e->upper);
    if (has_r) { row->lower2 = pct(e->range_low); row->upper2 = pct(e->range_high); }
    if (!has_p && has_r) snprintf(note, sizeof note, "range only");
    if (!has_p && !has_r) {
      double sp;
      const char *why;
      char deaths[96] = "";
      int stated = e->stated_pct && e->stated_pct[0] != '=' && !isfinite(e->captured) &&
                   pst_parse_real(e->stated_pct, strlen(e->stated_pct), &sp, &why, NULL) == PST_OK &&
                   sp >= 0 && sp <= 100;
      if (isfinite(e->deaths)) {
        char a[40];
        group3(e->deaths, a, sizeof a);
        snprintf(deaths, sizeof deaths, "deaths %s", a);
      } else if (isfinite(e->deaths_low) || isfinite(e->deaths_high)) {
        char a[40] = "", b[40] = "";
        if (isfinite(e->deaths_low)) group3(e->deaths_low, a, sizeof a);
        if (isfinite(e->deaths_high)) group3(e->deaths_high, b, sizeof b);
        snprintf(deaths, sizeof deaths, "deaths %s%s%s%s", a[0] && !b[0] ? "at least " : "", a,
                 a[0] && b[0] ? " to " : !a[0] ? "at most " : "", b);
      }
      if (stated) {
        row->value2 = sp;
        snprintf(note, sizeof note, "stated %s %%%s%s%s", e->stated_pct, deaths[0] ? "; " : ", no counts",
                 deaths, deaths[0] ? ", no denominator" : "");
      } else if (deaths[0] && !isfinite(e->captured)) {
        snprintf(note, sizeof note, "%s, no denominator", deaths);
      } else {
        snprintf(note, sizeof note, "no death figures");
      }
    }
    if (e->verified && strcmp(e->verified, "memory") == 0)
      strncat(note, note[0] ? "; unverified" : "unverified", sizeof note - strlen(note) - 1);
    else if (e->verified && strcmp(e->verified, "yes/memory") == 0)
      strncat(note, note[0] ? "; deaths unverified" : "deaths unverified", sizeof note - strlen(note) - 1);
    if (note[0]) row->note = join(note, "", NULL, "");
    if (!row->group || !row->label || (note[0] && !row->note)) goto oom;
  }
  {
    static char ci_name[160];
    char lt[64];
    level_text(n ? v[0].level : CLI_NAN, lt, sizeof lt);
    snprintf(ci_name, sizeof ci_name, "%ssampling interval%s%s%s", lt, n && v[0].method && !multi_method ? " (" : "",
             n && v[0].method && !multi_method ? v[0].method : "", n && v[0].method && !multi_method ? ")" : "");
    p->interval_name = ci_name;
  }
  p->value_name = "point estimate (deaths / denominator)";
  p->range_name = "between-source range (low and high figures)";
  p->value2_name = "stated percentage without counts";
  p->marker_note = "Where counts run to the hundreds of thousands or millions the sampling interval is "
                   "narrower than the marker; the disagreement between sources (grey) is the larger "
                   "uncertainty.";
  if (!p->xlabel) p->xlabel = "Mortality in captivity, % (deaths / denominator)";
  p->rows = rows;
  p->nrows = n;
  for (size_t j = 0; j < nkeys; j++) free(keys[j]);
  free(keys);
  free(order);
  *out = rows;
  return 0;
oom:
  for (size_t j = 0; j < nkeys; j++) free(keys[j]);
  free(keys);
  free(order);
  chart_rows_free(rows, n);
  cli_err("out of memory");
  return EXIT_OSERR;
}

/* ---- per kind ---- */

static const ccol rates_cols[] = {
  {"proportion", C_REAL, 0}, {"lower", C_REAL, 0}, {"upper", C_REAL, 0},
  {"range_low", C_REAL, 0}, {"range_high", C_REAL, 0}, {"level", C_REAL, 0},
  {"id", C_TEXT, 0}, {"source", C_TEXT, 0}, {"holder", C_TEXT, 0}, {"group", C_TEXT, 0},
  {"captive", C_TEXT, 0}, {"method", C_TEXT, 0}, {"verified", C_TEXT, 0},
  {"stated_pct", C_TEXT, 0}, {"label", C_TEXT, 0},
  /* generic bars */
  {"category", C_TEXT, 0}, {"value", C_REAL, 0}, {"series", C_TEXT, 0},
  {"deaths", C_REAL, 0}, {"captured", C_REAL, 0},
};

static int need_cols(const ctable *t, const char *path, const char *kind, const char *const *names)
{
  for (; *names; names++)
    if (!has(t, *names)) {
      cli_err("%s:1:1: missing column '%s' (needed by chart %s; see powstat chart --help)",
              strcmp(path, "-") == 0 ? "(stdin)" : path, *names, kind);
      return EXIT_DATA;
    }
  return 0;
}

static void rates_from(const ctable *t, size_t i, chart_rate *e)
{
  e->id = S(t, i, "id");
  e->source = S(t, i, "source");
  e->holder = S(t, i, "holder");
  e->captive = S(t, i, "captive");
  e->group = S(t, i, "group");
  e->method = S(t, i, "method");
  e->verified = S(t, i, "verified");
  e->stated_pct = S(t, i, "stated_pct");
  e->label = S(t, i, "label");
  e->proportion = V(t, i, "proportion");
  e->lower = V(t, i, "lower");
  e->upper = V(t, i, "upper");
  e->range_low = V(t, i, "range_low");
  e->range_high = V(t, i, "range_high");
  e->level = V(t, i, "level");
  e->deaths = V(t, i, "deaths");
  e->captured = V(t, i, "captured");
  e->deaths_low = e->deaths_high = CLI_NAN;
}

typedef struct {
  pst_plot plot;
  pst_plot_row *rows;    /* owned by the builder: freed with chart_rows_free or free */
  int rows_owned_texts;  /* 1: rows' label/group/note are malloc'ed (chart_rows_free) */
  strpool pool;
} chart_build;

static int build_forest(const ctable *t, const char *path, chart_build *b)
{
  static const char *const need[] = {"proportion", "lower", "upper", NULL};
  chart_rate *v;
  int rc;
  if ((rc = need_cols(t, path, "forest", need))) return rc;
  v = calloc(t->n, sizeof *v);
  if (!v) return EXIT_OSERR;
  for (size_t i = 0; i < t->n; i++) {
    rates_from(t, i, &v[i]);
    if (isfinite(v[i].lower) && isfinite(v[i].upper) && v[i].lower > v[i].upper) {
      free(v);
      return cell_error(t, path, i, "lower", "lower is above upper");
    }
  }
  rc = chart_rates_forest(v, t->n, &b->plot, &b->rows);
  b->rows_owned_texts = 1;
  if (!b->plot.note) b->plot.note = "Sources: the source column of each row (datasets/sources.csv).";
  free(v);
  return rc;
}

static int build_bars(const ctable *t, const char *path, chart_build *b)
{
  int rates = has(t, "proportion");
  if (!rates) {
    static const char *const need[] = {"category", "value", NULL};
    int rc = need_cols(t, path, "bars", need);
    if (rc) return rc;
  }
  b->rows = calloc(t->n, sizeof *b->rows);
  if (!b->rows) return EXIT_OSERR;
  for (size_t i = 0; i < t->n; i++) {
    pst_plot_row *r = &b->rows[i];
    *r = pst_plot_row_empty();
    if (rates) {
      r->group = S(t, i, "group") ? S(t, i, "group") : S(t, i, "captive");
      r->key = S(t, i, "holder");
      r->label = S(t, i, "source") ? S(t, i, "source") : S(t, i, "id");
      r->value = pct(V(t, i, "proportion"));
      r->lower = pct(V(t, i, "lower"));
      r->upper = pct(V(t, i, "upper"));
      r->lower2 = pct(V(t, i, "range_low"));
      r->upper2 = pct(V(t, i, "range_high"));
    } else {
      r->group = S(t, i, "category");
      r->key = S(t, i, "series");
      r->label = S(t, i, "label");
      r->value = V(t, i, "value");
      r->lower = V(t, i, "lower");
      r->upper = V(t, i, "upper");
      r->lower2 = V(t, i, "range_low");
      r->upper2 = V(t, i, "range_high");
    }
    if (isfinite(r->lower) && isfinite(r->upper) && r->lower > r->upper)
      return cell_error(t, path, i, "lower", "lower is above upper");
  }
  if (rates) {
    char lt[64];
    level_text(V(t, 0, "level"), lt, sizeof lt);
    b->plot.interval_name = pool_fmt(&b->pool, "%ssampling interval", lt);
    b->plot.range_name = "between-source range";
    if (!b->plot.ylabel) b->plot.ylabel = "Mortality in captivity, %";
    if (!b->plot.note) b->plot.note = "Sources: the source column of each row (datasets/sources.csv).";
  } else {
    b->plot.interval_name = has(t, "lower") ? "interval" : NULL;
    b->plot.range_name = has(t, "range_low") ? "range" : NULL;
  }
  b->plot.rows = b->rows;
  b->plot.nrows = t->n;
  return 0;
}

static int build_stacked(const ctable *t, const char *path, chart_build *b)
{
  static const char *const need[] = {"category", "share", NULL};
  size_t m = 0, skipped = 0;
  int rc = need_cols(t, path, "stacked", need);
  char lt[64];
  if (rc) return rc;
  b->rows = calloc(t->n, sizeof *b->rows);
  if (!b->rows) return EXIT_OSERR;
  for (size_t i = 0; i < t->n; i++) {
    const char *role = S(t, i, "role");
    pst_plot_row *r = &b->rows[m];
    if (role && (strcmp(role, "detail") == 0 || strcmp(role, "total") == 0)) { skipped++; continue; }
    /* the category names the segment and its colour: without one the row
     * cannot be stacked (nor compared with the others) */
    if (!S(t, i, "category"))
      return cell_error(t, path, i, "category", "category: empty cell (every row needs a category)");
    if (!isfinite(V(t, i, "share")))
      return cell_error(t, path, i, "share", "no share for category '%s'", S(t, i, "category"));
    if (V(t, i, "share") < 0 || V(t, i, "share") > 1)
      return cell_error(t, path, i, "share", "share of '%s' is outside [0, 1]", S(t, i, "category"));
    *r = pst_plot_row_empty();
    r->label = S(t, i, "cohort") ? S(t, i, "cohort") : "all";
    r->group = S(t, i, "category");
    r->value = pct(V(t, i, "share"));
    r->lower = pct(V(t, i, "lower"));
    r->upper = pct(V(t, i, "upper"));
    m++;
  }
  if (m == 0) return file_error(path, "no part rows to stack");
  level_text(V(t, 0, "level"), lt, sizeof lt);
  if (has(t, "lower"))
    b->plot.interval_name = pool_fmt(&b->pool, "%ssimultaneous interval%s%s%s", lt, S(t, 0, "method") ? " (" : "",
                                     S(t, 0, "method") ? S(t, 0, "method") : "", S(t, 0, "method") ? ")" : "");
  if (!b->plot.xlabel) b->plot.xlabel = "Share of the cohort, %";
  if (!b->plot.note) {
    /* the palette has 8 colours: with more categories they repeat */
    size_t ncat = 0;
    for (size_t i = 0; i < m; i++) {
      size_t j;
      for (j = 0; j < i; j++)
        if (strcmp(b->rows[j].group, b->rows[i].group) == 0) break;
      if (j == i) ncat++;
    }
    b->plot.note = pool_fmt(&b->pool, "Whiskers: the interval of each share, measured from the start of its "
                                      "segment.%s%s",
                            skipped ? " Detail and total rows are not stacked." : "",
                            ncat > 8 ? " More than 8 categories: colours repeat; chart fewer cohorts "
                                       "(powstat outcomes --cohort ID,...)." : "");
  }
  b->plot.rows = b->rows;
  b->plot.nrows = m;
  return 0;
}

static int build_ratio(const ctable *t, const char *path, chart_build *b)
{
  static const char *const need[] = {"measure", "estimate", "lower", "upper", NULL};
  size_t ndiff = 0, m = 0, nrange = 0;
  int rc = need_cols(t, path, "ratio", need), multi_method = 0, skip_diff;
  char lt[64];
  if (rc) return rc;
  for (size_t i = 0; i < t->n; i++) {
    const char *meas = S(t, i, "measure");
    if (meas && strcmp(meas, "diff") == 0) ndiff++;
    if (S(t, i, "method") && S(t, 0, "method") && strcmp(S(t, i, "method"), S(t, 0, "method")) != 0)
      multi_method = 1;
  }
  b->rows = calloc(t->n, sizeof *b->rows);
  if (!b->rows) return EXIT_OSERR;
  /* differences and ratios need different axes (linear at 0, log at 1): with
   * both, the ratios are drawn and the note says the differences are not */
  skip_diff = ndiff > 0 && ndiff < t->n;
  if (ndiff && !skip_diff) {
    b->plot.log_axis = 0;
    b->plot.ref = 0;
    b->plot.ref_name = "no difference";
    if (!b->plot.xlabel) b->plot.xlabel = "Difference in mortality (first minus second), fraction";
  } else {
    b->plot.ref_name = "equal (ratio 1)";
    if (!b->plot.xlabel) b->plot.xlabel = "Ratio (first group to second), log scale";
  }
  for (size_t i = 0; i < t->n; i++) {
    pst_plot_row *r = &b->rows[m];
    const char *label = S(t, i, "label"), *method = S(t, i, "method");
    if (skip_diff && S(t, i, "measure") && strcmp(S(t, i, "measure"), "diff") == 0) continue;
    m++;
    double est = V(t, i, "estimate"), lo = V(t, i, "lower"), hi = V(t, i, "upper");
    char note[96] = "";
    *r = pst_plot_row_empty();
    r->group = S(t, i, "measure");
    if (!label) label = pool_fmt(&b->pool, "comparison %zu", i + 1);
    r->label = multi_method && method ? pool_fmt(&b->pool, "%s [%s]", label, method) : label;
    if (isfinite(lo) && isfinite(hi) && lo > hi) return cell_error(t, path, i, "lower", "lower is above upper");
    if (b->plot.log_axis) {
      /* what a log axis cannot show is said beside the row */
      if (!(est > 0) || !isfinite(est)) {
        snprintf(note, sizeof note, "%s", isfinite(est) && est == 0 ? "estimate 0" : "estimate undefined");
        est = CLI_NAN;
      }
      /* a bound a log axis cannot place runs to the axis edge, and says so */
      if (isfinite(lo) && !(lo > 0)) {
        strncat(note, note[0] ? "; lower bound 0" : "lower bound 0", sizeof note - strlen(note) - 1);
        lo = -INFINITY;
      }
      if (isinf(hi) && hi > 0) {
        strncat(note, note[0] ? "; no upper bound" : "no upper bound", sizeof note - strlen(note) - 1);
      } else if (!(hi > 0)) {
        hi = CLI_NAN;
      }
      if (isnan(lo) || isnan(hi)) lo = hi = CLI_NAN;
    }
    r->value = est;
    r->lower = lo;
    r->upper = hi;
    {
      /* powstat compare's between-source range of the measure, drawn apart
       * from the sampling interval (a log axis needs both ends > 0) */
      double rl = V(t, i, "range_low"), rh = V(t, i, "range_high");
      if (isfinite(rl) && isfinite(rh) && rl <= rh && (!b->plot.log_axis || rl > 0)) {
        r->lower2 = rl;
        r->upper2 = rh;
        nrange++;
      }
    }
    if (note[0]) r->note = pool_fmt(&b->pool, "%s", note);
  }
  if (nrange) b->plot.range_name = "between-source range (low and high figures)";
  level_text(V(t, 0, "level"), lt, sizeof lt);
  b->plot.interval_name = pool_fmt(&b->pool, "%sconfidence interval%s%s%s", lt,
                                   !multi_method && S(t, 0, "method") ? " (" : "",
                                   !multi_method && S(t, 0, "method") ? S(t, 0, "method") : "",
                                   !multi_method && S(t, 0, "method") ? ")" : "");
  b->plot.value_name = "estimate";
  if (skip_diff && !b->plot.note)
    b->plot.note = pool_fmt(&b->pool, "Not drawn: %zu risk difference%s (measure diff), which need a linear axis: "
                                      "chart them alone (powstat compare --measure diff).", ndiff, ndiff == 1 ? "" : "s");
  b->plot.rows = b->rows;
  b->plot.nrows = m;
  return 0;
}

static int build_histogram(const ctable *t, const char *path, chart_build *b, int bins)
{
  int binned = has(t, "bin_low") || has(t, "bin_high") || has(t, "count");
  double lo = CLI_NAN, hi = CLI_NAN, level = CLI_NAN;
  char lt[64];
  for (size_t i = 0; i < t->n; i++) {
    if (!isfinite(lo)) lo = V(t, i, "lower");
    if (!isfinite(hi)) hi = V(t, i, "upper");
    if (!isfinite(level)) level = V(t, i, "level");
  }
  if (binned) {
    static const char *const need[] = {"bin_low", "bin_high", "count", NULL};
    int rc = need_cols(t, path, "histogram", need);
    const char *first = S(t, 0, "output");
    size_t m = 0;
    char others[256] = "";
    if (rc) return rc;
    b->rows = calloc(t->n, sizeof *b->rows);
    if (!b->rows) return EXIT_OSERR;
    for (size_t i = 0; i < t->n; i++) {
      pst_plot_row *r = &b->rows[m];
      const char *o = S(t, i, "output");
      /* `powstat simulate --histogram` writes one block per output
       * (mortality, ratio, difference) on different scales: one histogram
       * draws the first, and the note names the others */
      if (first && o && strcmp(o, first) != 0) {
        if (!strstr(others, o) && strlen(others) + strlen(o) + 3 < sizeof others)
          snprintf(others + strlen(others), sizeof others - strlen(others), "%s%s", others[0] ? ", " : "", o);
        continue;
      }
      m++;
      *r = pst_plot_row_empty();
      r->lower = V(t, i, "bin_low");
      r->upper = V(t, i, "bin_high");
      r->value = V(t, i, "count");
      r->key = S(t, i, "group") ? S(t, i, "group") : S(t, i, "label");
      if (!(r->upper > r->lower)) return cell_error(t, path, i, "bin_high", "bin_high must exceed bin_low");
      if (!(r->value >= 0)) return cell_error(t, path, i, "count", "count must be a number >= 0");
    }
    b->plot.nrows = m;
    if (others[0] && !b->plot.note)
      b->plot.note = pool_fmt(&b->pool, "Drawn: output %s. The input also holds %s, on other scales: chart one "
                                        "output at a time (keep only its rows).", first, others);
  } else {
    static const char *const need[] = {"value", NULL};
    double vmin = CLI_NAN, vmax = CLI_NAN, w;
    int rc = need_cols(t, path, "histogram", need);
    if (rc) return rc;
    for (size_t i = 0; i < t->n; i++) {
      double v = V(t, i, "value");
      if (!isfinite(v)) return cell_error(t, path, i, "value", "empty value");
      if (!(v >= vmin)) vmin = v;
      if (!(v <= vmax)) vmax = v;
    }
    if (!(vmax > vmin)) {
      /* one value: a bin around it, relative to its size (at 1e55, +-0.5
       * leaves it unchanged and the width would be 0) */
      double d = fmax(0.5, fabs(vmin) * 1e-6);
      vmin -= d;
      vmax += d;
    }
    w = (vmax - vmin) / bins;
    b->rows = calloc((size_t)bins, sizeof *b->rows);
    if (!b->rows) return EXIT_OSERR;
    for (int k = 0; k < bins; k++) {
      b->rows[k] = pst_plot_row_empty();
      b->rows[k].lower = vmin + k * w;
      b->rows[k].upper = k == bins - 1 ? vmax : vmin + (k + 1) * w;
      b->rows[k].value = 0;
    }
    for (size_t i = 0; i < t->n; i++) {
      /* clamp in double before the cast: at extreme ranges (v - vmin) / w can
       * be NaN or beyond int, and casting those is undefined */
      double x = floor((V(t, i, "value") - vmin) / w);
      int k = !(x >= 0) ? 0 : x >= bins ? bins - 1 : (int)x;
      b->rows[k].value += 1;
    }
    b->plot.nrows = (size_t)bins;
    b->plot.value_name = pool_fmt(&b->pool, "%zu draws", t->n);
  }
  b->plot.band_lo = lo;
  b->plot.band_hi = hi;
  if (isfinite(lo) && isfinite(hi)) {
    char lb[PST_FMT_BUFSZ], hb[PST_FMT_BUFSZ];
    level_text(level, lt, sizeof lt);
    pst_fmt_sig(lb, sizeof lb, lo, 4);
    pst_fmt_sig(hb, sizeof hb, hi, 4);
    b->plot.band_name = pool_fmt(&b->pool, "%spercentile interval %s to %s", lt, lb, hb);
  }
  if (!b->plot.ylabel) b->plot.ylabel = binned ? "Count" : "Draws per bin";
  b->plot.rows = b->rows;
  return 0;
}

typedef struct {
  size_t i;
  double swing;
} swing_ix;

static int by_swing(const void *a, const void *b)
{
  const swing_ix *x = a, *y = b;
  if (x->swing != y->swing) return x->swing < y->swing ? 1 : -1;
  return x->i < y->i ? -1 : x->i > y->i;
}

static int build_tornado(const ctable *t, const char *path, chart_build *b)
{
  static const char *const need[] = {"input", "output_low", "output_high", "base", NULL};
  double base = CLI_NAN;
  swing_ix *ix;
  int rc = need_cols(t, path, "tornado", need);
  if (rc) return rc;
  ix = calloc(t->n, sizeof *ix);
  b->rows = calloc(t->n, sizeof *b->rows);
  if (!ix || !b->rows) { free(ix); return EXIT_OSERR; }
  for (size_t i = 0; i < t->n; i++) {
    double bi = V(t, i, "base");
    if (!isfinite(bi)) { free(ix); return cell_error(t, path, i, "base", "empty base"); }
    if (isfinite(base) && bi != base) {
      free(ix);
      return cell_error(t, path, i, "base", "base differs from the first row's: one tornado has one base");
    }
    base = bi;
    ix[i].i = i;
    ix[i].swing = fabs(V(t, i, "output_high") - V(t, i, "output_low"));
    if (!isfinite(ix[i].swing)) ix[i].swing = 0;
  }
  /* the widest swing on top: the reader sees first what matters most */
  qsort(ix, t->n, sizeof *ix, by_swing);
  for (size_t k = 0; k < t->n; k++) {
    size_t i = ix[k].i;
    pst_plot_row *r = &b->rows[k];
    *r = pst_plot_row_empty();
    if (S(t, i, "low") && S(t, i, "high")) {
      /* powstat sensitivity writes round-trip digits: 4 significant ones
       * are enough for a label and leave room for the bars (counts are
       * kept as written) */
      char lb[PST_FMT_BUFSZ], hb[PST_FMT_BUFSZ];
      const char *lo = S(t, i, "low"), *hi = S(t, i, "high"), *why;
      double lv, hv;
      uint64_t c;
      if (pst_parse_count(lo, strlen(lo), &c, &why, NULL) != PST_OK &&
          pst_parse_count(hi, strlen(hi), &c, &why, NULL) != PST_OK &&
          pst_parse_real(lo, strlen(lo), &lv, &why, NULL) == PST_OK &&
          pst_parse_real(hi, strlen(hi), &hv, &why, NULL) == PST_OK) {
        pst_fmt_sig(lb, sizeof lb, lv, 4);
        pst_fmt_sig(hb, sizeof hb, hv, 4);
        lo = lb;
        hi = hb;
      }
      r->label = pool_fmt(&b->pool, "%s (%s to %s)", S(t, i, "input"), lo, hi);
    }
    else
      r->label = S(t, i, "input");
    r->lower = V(t, i, "output_low");
    r->upper = V(t, i, "output_high");
  }
  free(ix);
  b->plot.ref = base;
  b->plot.ref_name = "base value";
  b->plot.interval_name = "input at its low value";
  b->plot.range_name = "input at its high value";
  if (!b->plot.xlabel) b->plot.xlabel = "Output";
  b->plot.rows = b->rows;
  b->plot.nrows = t->n;
  return 0;
}

/* numeric y (kept in value2) from the largest down: the top row of the
 * heatmap is the largest y; ties keep their order (the index breaks them) */
static int by_y_desc(const void *a, const void *b)
{
  const pst_plot_row *x = a, *y = b;
  if (x->value2 != y->value2) return x->value2 < y->value2 ? 1 : -1;
  return (x->flag > y->flag) - (x->flag < y->flag); /* input order */
}

static int build_heatmap(const ctable *t, const char *path, chart_build *b)
{
  static const char *const need[] = {"x", "y", "value", NULL};
  int rc = need_cols(t, path, "heatmap", need);
  if (rc) return rc;
  b->rows = calloc(t->n, sizeof *b->rows);
  if (!b->rows) return EXIT_OSERR;
  for (size_t i = 0; i < t->n; i++) {
    pst_plot_row *r = &b->rows[i];
    *r = pst_plot_row_empty();
    r->label = S(t, i, "x");
    r->group = S(t, i, "y");
    r->value = V(t, i, "value");
    if (!r->label || !r->group) return cell_error(t, path, i, r->label ? "y" : "x", "empty x or y");
    for (size_t j = 0; j < i; j++)
      if (strcmp(b->rows[j].label, r->label) == 0 && strcmp(b->rows[j].group, r->group) == 0)
        return cell_error(t, path, i, "value", "a second value for the cell x=%s, y=%s", r->label, r->group);
  }
  {
    /* a numeric grid (powstat sensitivity grid): labels at 4 significant
     * digits, y increasing upwards, axis titles from x_input / y_input */
    int xnum = 1, ynum = 1;
    for (size_t i = 0; i < t->n; i++) {
      double v;
      const char *why;
      if (pst_parse_real(b->rows[i].label, strlen(b->rows[i].label), &v, &why, NULL) != PST_OK) xnum = 0;
      if (pst_parse_real(b->rows[i].group, strlen(b->rows[i].group), &v, &why, NULL) != PST_OK) ynum = 0;
    }
    for (size_t i = 0; i < t->n; i++) {
      double v;
      const char *why;
      char nb[PST_FMT_BUFSZ];
      if (xnum && pst_parse_real(b->rows[i].label, strlen(b->rows[i].label), &v, &why, NULL) == PST_OK) {
        pst_fmt_sig(nb, sizeof nb, v, 4);
        b->rows[i].label = pool_fmt(&b->pool, "%s", nb);
      }
      if (ynum && pst_parse_real(b->rows[i].group, strlen(b->rows[i].group), &v, &why, NULL) == PST_OK) {
        pst_fmt_sig(nb, sizeof nb, v, 4);
        b->rows[i].group = pool_fmt(&b->pool, "%s", nb);
        b->rows[i].value2 = v;
      }
    }
    if (ynum) {
      for (size_t i = 0; i < t->n; i++) b->rows[i].flag = (int)i;
      qsort(b->rows, t->n, sizeof *b->rows, by_y_desc);
      for (size_t i = 0; i < t->n; i++) { b->rows[i].flag = 0; b->rows[i].value2 = CLI_NAN; }
    }
    /* schema.h ignores every x_ column, so x_input never arrives: input_x
     * is the name that works (y_input is read for symmetry with it) */
    if (!b->plot.xlabel) b->plot.xlabel = S(t, 0, "input_x") ? S(t, 0, "input_x") : S(t, 0, "x_input");
    if (!b->plot.ylabel) b->plot.ylabel = S(t, 0, "input_y") ? S(t, 0, "input_y") : S(t, 0, "y_input");
    if (!b->plot.value_name && S(t, 0, "measure")) b->plot.value_name = S(t, 0, "measure");
  }
  if (!b->plot.value_name) b->plot.value_name = "value";
  b->plot.rows = b->rows;
  b->plot.nrows = t->n;
  return 0;
}

static int build_audit(const ctable *t, const char *path, chart_build *b, int log_opt)
{
  static const char *const need[] = {"id", "stated", "recomputed", "verdict", NULL};
  size_t m = 0, unchecked = 0;
  const char *audit_list = NULL;
  double vmin = CLI_NAN, vmax = CLI_NAN;
  int rc = need_cols(t, path, "audit", need), allpos = 1;
  if (rc) return rc;
  b->rows = calloc(t->n, sizeof *b->rows);
  if (!b->rows) return EXIT_OSERR;
  for (size_t i = 0; i < t->n; i++) {
    const char *v = S(t, i, "verdict");
    pst_plot_row *r = &b->rows[m];
    int flag;
    if (!v) return cell_error(t, path, i, "verdict", "empty verdict");
    /* `powstat audit` writes consistent, slip, mismatch, unchecked; the
     * spelled-out names are accepted too */
    if (strcmp(v, "consistent") == 0) flag = 0;
    else if (strcmp(v, "slip") == 0 || strncmp(v, "rounding", 8) == 0) flag = 1;
    else if (strcmp(v, "mismatch") == 0) flag = 2;
    else if (strncmp(v, "not", 3) == 0 || strcmp(v, "unchecked") == 0) { unchecked++; continue; }
    else return cell_error(t, path, i, "verdict", "unknown verdict '%s' (consistent, slip, mismatch, unchecked)", v);
    *r = pst_plot_row_empty();
    r->value = V(t, i, "stated");
    r->value2 = V(t, i, "recomputed");
    r->flag = flag;
    r->key = flag == 0 ? "consistent" : flag == 1 ? "rounding slip (last printed digit)" : "mismatch";
    r->label = S(t, i, "id");
    if (isfinite(r->value) && isfinite(r->value2)) {
      if (!(r->value > 0 && r->value2 > 0)) allpos = 0;
      if (!(fmin(r->value, r->value2) >= vmin)) vmin = fmin(r->value, r->value2);
      if (!(fmax(r->value, r->value2) <= vmax)) vmax = fmax(r->value, r->value2);
    }
    m++;
  }
  if (m == 0) return file_error(path, "no checked claims to chart");
  {
    /* many flagged claims: their ids would overlap on the chart, so the
     * points get numbers and the note lists what each number is */
    size_t nflag = 0, k = 0, len = 0;
    for (size_t j = 0; j < m; j++) nflag += b->rows[j].flag > 0 && isfinite(b->rows[j].value) && isfinite(b->rows[j].value2);
    if (nflag > 6) {
      char *list;
      for (size_t j = 0; j < m; j++) len += (b->rows[j].label ? strlen(b->rows[j].label) : 1) + 16;
      list = malloc(len + 64);
      if (!list) return EXIT_OSERR;
      list[0] = '\0';
      for (size_t j = 0; j < m; j++) {
        pst_plot_row *r = &b->rows[j];
        if (!(r->flag > 0 && isfinite(r->value) && isfinite(r->value2))) continue;
        k++;
        sprintf(list + strlen(list), "%s%zu %s", k > 1 ? "; " : "Labelled: ", k, r->label ? r->label : "?");
        r->label = pool_fmt(&b->pool, "%zu", k);
      }
      strcat(list, ".");
      audit_list = pool_add(&b->pool, list);
    }
  }
  if (log_opt > 0 && !allpos) return file_error(path, "--log: some values are <= 0");
  b->plot.log_axis = log_opt > 0 || (log_opt == 0 && allpos && vmin > 0 && vmax / vmin > 30);
  b->plot.ref_name = "recomputed = stated";
  if (!b->plot.xlabel) b->plot.xlabel = b->plot.log_axis ? "Stated value (log scale)" : "Stated value";
  if (!b->plot.ylabel) b->plot.ylabel = b->plot.log_axis ? "Recomputed value (log scale)" : "Recomputed value";
  if (!b->plot.note)
  {
    char un[96] = "";
    if (unchecked)
      snprintf(un, sizeof un, "%zu %s not drawn. ", unchecked,
               unchecked == 1 ? "claim that cannot be checked is" : "claims that cannot be checked are");
    b->plot.note = pool_fmt(&b->pool, "%s%s", un,
                            audit_list ? audit_list : "Labelled: every claim that is not consistent.");
  }
  b->plot.rows = b->rows;
  b->plot.nrows = m;
  return 0;
}

/* ---- the command ---- */

enum { OPT_TITLE = 256, OPT_XLABEL, OPT_YLABEL, OPT_ZLABEL, OPT_NOTE, OPT_SIZE, OPT_DPI, OPT_FONT,
       OPT_FONTSIZE, OPT_LOG, OPT_LINEAR, OPT_BINS };

static const ccol stacked_cols[] = {
  {"category", C_TEXT, 0}, {"share", C_REAL, 0}, {"lower", C_REAL, 0}, {"upper", C_REAL, 0},
  {"level", C_REAL, 0}, {"method", C_TEXT, 0}, {"cohort", C_TEXT, 0}, {"role", C_TEXT, 0},
  {"count", C_REAL, 0}};
static const ccol ratio_cols[] = {
  {"measure", C_TEXT, 0}, {"estimate", C_REAL, 0}, {"lower", C_REAL, 0}, {"upper", C_REAL, 0},
  {"level", C_REAL, 0}, {"method", C_TEXT, 0}, {"label", C_TEXT, 0},
  {"range_low", C_REAL, 0}, {"range_high", C_REAL, 0}};
static const ccol hist_cols[] = {
  {"bin_low", C_REAL, 0}, {"bin_high", C_REAL, 0}, {"count", C_REAL, 0}, {"value", C_REAL, 0},
  {"lower", C_REAL, 0}, {"upper", C_REAL, 0}, {"level", C_REAL, 0}, {"group", C_TEXT, 0},
  {"label", C_TEXT, 0}, {"output", C_TEXT, 0}};
static const ccol tornado_cols[] = {
  {"input", C_TEXT, 0}, {"output_low", C_REAL, 0}, {"output_high", C_REAL, 0}, {"base", C_REAL, 0},
  {"low", C_TEXT, 0}, {"high", C_TEXT, 0}};
static const ccol heatmap_cols[] = {{"x", C_TEXT, 0}, {"y", C_TEXT, 0}, {"value", C_REAL, 0},
                                    {"x_input", C_TEXT, 0}, {"y_input", C_TEXT, 0}, {"measure", C_TEXT, 0},
                                    {"input_x", C_TEXT, 0}, {"input_y", C_TEXT, 0}};
static const ccol audit_cols[] = {
  {"id", C_TEXT, 0}, {"stated", C_LOOSE, 0}, {"recomputed", C_LOOSE, 0}, {"verdict", C_TEXT, 0},
  {"label", C_TEXT, 0}};

#define NCOLS(a) (sizeof a / sizeof a[0])

/* Read `path` and build the chart of `kind` into b (b->plot's texts may be
 * preset: a builder fills only what is still NULL).  Shared by cmd_chart and
 * chart_from_file (powstat paper). */
static int chart_read_build(pst_plot_kind kind, const char *path, const char *where_col, const char *where_val,
                            int log_opt, int bins, ctable *t, chart_build *b)
{
  int rc;
  switch (kind) {
  case PST_PLOT_FOREST:
  case PST_PLOT_BARS: rc = read_table(path, rates_cols, NCOLS(rates_cols), t, where_col, where_val); break;
  case PST_PLOT_STACKED: rc = read_table(path, stacked_cols, NCOLS(stacked_cols), t, where_col, where_val); break;
  case PST_PLOT_RATIO: rc = read_table(path, ratio_cols, NCOLS(ratio_cols), t, where_col, where_val); break;
  case PST_PLOT_HISTOGRAM: rc = read_table(path, hist_cols, NCOLS(hist_cols), t, where_col, where_val); break;
  case PST_PLOT_TORNADO: rc = read_table(path, tornado_cols, NCOLS(tornado_cols), t, where_col, where_val); break;
  case PST_PLOT_HEATMAP: rc = read_table(path, heatmap_cols, NCOLS(heatmap_cols), t, where_col, where_val); break;
  default: rc = read_table(path, audit_cols, NCOLS(audit_cols), t, where_col, where_val); break;
  }
  if (rc) return rc;
  if (log_opt && kind != PST_PLOT_AUDIT) b->plot.log_axis = log_opt > 0;
  switch (kind) {
  case PST_PLOT_FOREST: rc = build_forest(t, path, b); break;
  case PST_PLOT_BARS: rc = build_bars(t, path, b); break;
  case PST_PLOT_STACKED: rc = build_stacked(t, path, b); break;
  case PST_PLOT_RATIO:
    rc = build_ratio(t, path, b);
    if (rc == 0 && log_opt) b->plot.log_axis = log_opt > 0;
    break;
  case PST_PLOT_HISTOGRAM: rc = build_histogram(t, path, b, bins); break;
  case PST_PLOT_TORNADO: rc = build_tornado(t, path, b); break;
  case PST_PLOT_HEATMAP: rc = build_heatmap(t, path, b); break;
  default: rc = build_audit(t, path, b, log_opt); break;
  }
  if (rc == EXIT_OSERR) cli_err("out of memory");
  return rc;
}

static void chart_build_free(chart_build *b)
{
  if (b->rows_owned_texts) chart_rows_free(b->rows, b->plot.nrows);
  else free(b->rows);
  pool_free(&b->pool);
  memset(b, 0, sizeof *b);
}

struct chart_file {
  ctable t;
  chart_build b;
};

int chart_from_file(pst_plot_kind kind, const char *path, const char *where_col, const char *where_val,
                    chart_file **out)
{
  chart_file *cf = calloc(1, sizeof *cf);
  int rc;
  *out = NULL;
  if (!cf) {
    cli_err("out of memory");
    return EXIT_OSERR;
  }
  cf->b.plot = pst_plot_init(kind);
  rc = chart_read_build(kind, path, where_col, where_val, 0, 40, &cf->t, &cf->b);
  if (rc) {
    chart_file_free(cf);
    return rc;
  }
  *out = cf;
  return 0;
}

pst_plot *chart_file_plot(chart_file *cf) { return &cf->b.plot; }

void chart_file_free(chart_file *cf)
{
  if (!cf) return;
  chart_build_free(&cf->b);
  ctable_free(&cf->t);
  free(cf);
}

int cmd_chart(int argc, char **argv)
{
  static const struct option longopts[] = {
    {"output", required_argument, NULL, 'o'}, {"render", required_argument, NULL, 'r'},
    {"title", required_argument, NULL, OPT_TITLE}, {"xlabel", required_argument, NULL, OPT_XLABEL},
    {"ylabel", required_argument, NULL, OPT_YLABEL}, {"zlabel", required_argument, NULL, OPT_ZLABEL},
    {"note", required_argument, NULL, OPT_NOTE}, {"size", required_argument, NULL, OPT_SIZE},
    {"dpi", required_argument, NULL, OPT_DPI}, {"font", required_argument, NULL, OPT_FONT},
    {"font-size", required_argument, NULL, OPT_FONTSIZE}, {"log", no_argument, NULL, OPT_LOG},
    {"linear", no_argument, NULL, OPT_LINEAR}, {"bins", required_argument, NULL, OPT_BINS},
    {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
  const char *output = NULL, *title = NULL, *xlabel = NULL, *ylabel = NULL, *zlabel = NULL, *note = NULL;
  const char *path = "-";
  unsigned mask = 0;
  int c, rc = 0, log_opt = 0, bins = 40;
  render_look look = {0};
  pst_plot_kind kind;
  ctable t = {0};
  chart_build b;
  char *script = NULL;
  size_t len = 0;

  memset(&b, 0, sizeof b);
  opterr = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, ":o:r:h", longopts, NULL)) != -1) {
    double v;
    switch (c) {
    case 'o': output = optarg; break;
    case 'r': if ((rc = render_parse_formats("chart", optarg, &mask))) return rc; break;
    case OPT_TITLE: title = optarg; break;
    case OPT_XLABEL: xlabel = optarg; break;
    case OPT_YLABEL: ylabel = optarg; break;
    case OPT_ZLABEL: zlabel = optarg; break;
    case OPT_NOTE: note = optarg; break;
    case OPT_SIZE: if ((rc = render_parse_size("chart", optarg, &look.width, &look.height))) return rc; break;
    case OPT_DPI:
      if ((rc = cli_parse_positive("chart", "--dpi", optarg, &v))) return rc;
      if (v < 30 || v > 1200 || v != floor(v)) return cli_usage("chart", "--dpi '%s': a whole number from 30 to 1200", optarg);
      look.dpi = (int)v;
      break;
    case OPT_FONT: look.font = optarg; break;
    case OPT_FONTSIZE:
      if ((rc = cli_parse_positive("chart", "--font-size", optarg, &look.font_size))) return rc;
      if (look.font_size < 4 || look.font_size > 48) return cli_usage("chart", "--font-size '%s': from 4 to 48 points", optarg);
      break;
    case OPT_LOG: log_opt = 1; break;
    case OPT_LINEAR: log_opt = -1; break;
    case OPT_BINS:
      if ((rc = cli_parse_positive("chart", "--bins", optarg, &v))) return rc;
      if (v > 10000 || v != floor(v)) return cli_usage("chart", "--bins '%s': a whole number from 1 to 10000", optarg);
      bins = (int)v;
      break;
    case 'h': fputs(help_chart, stdout); return cli_finish_stdout();
    case ':': return cli_usage("chart", "option '%s' needs a value", argv[optind - 1]);
    default: return cli_usage("chart", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (optind >= argc)
    return cli_usage("chart", "which chart? forest, bars, stacked, ratio, histogram, tornado, heatmap or audit");
  if (pst_plot_kind_parse(argv[optind], &kind) != PST_OK)
    return cli_usage("chart", "unknown chart kind '%s' (forest, bars, stacked, ratio, histogram, tornado, "
                              "heatmap, audit)", argv[optind]);
  if (argc - optind > 2) return cli_usage("chart", "expected one input FILE, got %d", argc - optind - 1);
  if (argc - optind == 2) path = argv[optind + 1];
  if ((mask & ~(1u << RENDER_DUMB)) && (!output || strcmp(output, "-") == 0))
    return cli_usage("chart", "--render %s needs -o NAME.gp (the image is written beside the script)",
                     mask & 1u << RENDER_PNG ? "png" : mask & 1u << RENDER_SVG ? "svg"
                     : mask & 1u << RENDER_PDF ? "pdf" : "tex");
  if (log_opt != 0 && kind != PST_PLOT_FOREST && kind != PST_PLOT_RATIO && kind != PST_PLOT_AUDIT)
    return cli_usage("chart", "--log and --linear apply to forest, ratio and audit charts");
  if (strcmp(path, "-") == 0 && isatty(0))
    return cli_usage("chart", "no input: give a FILE, or pipe CSV in (e.g. powstat rates --format csv | ...)");

  b.plot = pst_plot_init(kind);
  b.plot.title = title;
  b.plot.xlabel = xlabel;
  b.plot.ylabel = ylabel;
  b.plot.note = note;
  if (zlabel) b.plot.value_name = zlabel;
  rc = chart_read_build(kind, path, NULL, NULL, log_opt, bins, &t, &b);
  if (rc) goto done;
  render_apply_look(&b.plot, &look);
  if ((rc = render_make_script(&b.plot, &script, &len))) goto done;

  if (output && strcmp(output, "-") != 0) {
    rc = render_write_all(script, len, output, mask);
  } else if (mask & (1u << RENDER_DUMB)) {
    rc = render_script(script, len, RENDER_DUMB, NULL);
  } else {
    if (fwrite(script, 1, len, stdout) != len) rc = EXIT_IOERR;
    if (cli_finish_stdout()) rc = EXIT_IOERR;
  }
done:
  free(script);
  chart_build_free(&b);
  ctable_free(&t);
  return rc;
}
