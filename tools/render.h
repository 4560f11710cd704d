/* render.h -- turning a chart script into an image with gnuplot, safely, and
 * the chart pieces that `powstat chart` and `powstat paper` share. */
#ifndef POWSTAT_TOOLS_RENDER_H
#define POWSTAT_TOOLS_RENDER_H

#include <stddef.h>

#include "powstat/plot.h"

typedef enum { RENDER_PNG = 0, RENDER_SVG, RENDER_PDF, RENDER_TEX, RENDER_DUMB, RENDER_NFMT } render_fmt;

/* "png,pdf" -> bitmask of 1 << RENDER_x.  Returns 0, or 64 after printing a
 * usage message for `cmd`. */
int render_parse_formats(const char *cmd, const char *list, unsigned *mask);
const char *render_fmt_name(render_fmt f);

/* NAME.gp -> NAME.png (.svg, .pdf, .tex); a name without .gp gets the
 * extension appended.  Returns a new string or NULL (out of memory). */
char *render_target(const char *gp_path, render_fmt f);

/* Render `script` with gnuplot (no shell: fork + exec of `gnuplot -d
 * /dev/stdin`, the script on its standard input) into `target`, written
 * under a temporary name in the same directory and renamed only on success,
 * so a failed or interrupted render leaves any older file untouched.  For
 * RENDER_DUMB target is ignored and the preview goes to standard output.
 * For RENDER_TEX, target NAME.tex and NAME.pdf beside it are written.
 * $POWSTAT_GNUPLOT names another gnuplot program.  Returns 0, or an exit
 * code with the message printed: 69 gnuplot or its terminal missing, 70
 * gnuplot failed (its messages are shown), 73 cannot create, 74 I/O. */
int render_script(const char *script, size_t len, render_fmt f, const char *target);

/* Options shared by chart and paper: size, font, title. */
typedef struct {
  double width, height; /* inches, 0 automatic */
  int dpi;
  const char *font;
  double font_size;
} render_look;

/* "8x5" (inches) -> width, height; 0 or 64 (message printed). */
int render_parse_size(const char *cmd, const char *s, double *w, double *h);

/* Apply look to a chart. */
void render_apply_look(pst_plot *p, const render_look *look);

/* Generate the script of p into a new buffer (*buf, *len).  Returns 0 or an
 * exit code with the message printed. */
int render_make_script(const pst_plot *p, char **buf, size_t *len);

/* Write the script to gp_path atomically (cli_output_*) and render every
 * format of mask beside it.  Returns 0 or the first failure's exit code. */
int render_write_all(const char *script, size_t len, const char *gp_path, unsigned mask);

/* ---- rates-shaped records, shared by `chart forest|bars` and `paper` ---- */

typedef struct {
  const char *id, *source, *holder, *captive, *group, *method, *verified, *stated_pct, *label;
  double proportion, lower, upper, range_low, range_high, level; /* fractions; NaN = absent */
  double deaths, captured; /* point counts, NaN = absent (for the notes) */
  double deaths_low, deaths_high; /* NaN = absent */
} chart_rate;

/* Build forest rows (percent) grouped by holder and group, in order of first
 * appearance.  *rows is allocated (free it, and free each row's note and
 * label via chart_rows_free).  Fills legend names and the marker note of p. */
int chart_rates_forest(const chart_rate *v, size_t n, pst_plot *p, pst_plot_row **rows);
void chart_rows_free(pst_plot_row *rows, size_t n);

#endif
