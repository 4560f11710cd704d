/* plot_impl.h -- what the plot writers share: the script being built, its
 * table of texts, and the page geometry.  Not a public header. */
#ifndef POWSTAT_PLOT_IMPL_H
#define POWSTAT_PLOT_IMPL_H

#include <stddef.h>
#include <stdio.h>

#include "powstat/plot.h"

/* The body of a script is written to a memory stream; every text goes into
 * the table T[] (written before the body) and the body refers to it as T[i],
 * so no caller text is ever pasted into a command. */
typedef struct {
  FILE *fp;          /* body */
  char **texts;      /* T[1..ntexts] as given (UTF-8) */
  unsigned char *tic;/* tic[i]: texts[i] is a tic label (see pst_gp_tic) */
  size_t ntexts, cap;
  int err;           /* PST_OK or the first failure */
  const pst_plot *p;
  double width, height; /* inches, resolved */
  double font_size;     /* points, resolved */
  int nextlabel;        /* next free `set label` tag */
  size_t key_rows;      /* legend rows, planned before the height is chosen */
  double extra_bottom;  /* more bottom margin (lines) for long or rotated tic labels */
  double xlabel_down;   /* lines to move the x axis title down (multi-line tics) */
} pst_gp;

/* Add a text to T[]; returns its 1-based index, or 0 if s is NULL or on
 * failure (g->err set). */
size_t pst_gp_text(pst_gp *g, const char *s);
/* The same for a tic label (`set xtics add (T[i] pos)`): gnuplot reads tic
 * labels as number formats, so their '%' are written doubled in T[]. */
size_t pst_gp_tic(pst_gp *g, const char *s);
/* printf to the body */
void pst_gp_printf(pst_gp *g, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* A number as data or in a command: shortest round trip, or NaN. */
void pst_gp_num(pst_gp *g, double v);
/* A label at the given position specification (gnuplot syntax written by the
 * caller, e.g. "graph 0, first 3") with options (e.g. "right"). */
void pst_gp_label(pst_gp *g, const char *text, const char *at, const char *opts);

/* Resolved heights etc. */
int pst_gp_finite(double v);
/* Length of s in characters (UTF-8 code points), for layout estimates. */
size_t pst_gp_chars(const char *s);
/* Number of lines of s ('\n' separated); 0 for NULL. */
size_t pst_gp_lines(const char *s);

/* The common parts: axis title, title, note, key settings.  extra_note is
 * appended to the note (may be NULL). */
void pst_gp_frame(pst_gp *g, const char *extra_note);

/* The legend: a vertical list at the top left, under the title, with the top
 * margin it needs for `entries` lines.  Call before the plot command. */
void pst_gp_key(pst_gp *g, size_t entries, size_t maxchars);
/* Plan the legend (same arguments as pst_gp_key, once the width is known) so
 * that the automatic height leaves it room: gnuplot drops legend entries
 * that do not fit in the height of the plot area. */
void pst_gp_plan_key(pst_gp *g, size_t entries, size_t maxchars);
/* Automatic height (inches) of a chart whose plot area should be at least
 * `min_plot` inches tall. */
double pst_gp_auto_height(const pst_gp *g, double min_plot);
/* Linear axis tics at a round step that leaves room for the numbers on an
 * axis `len_in` inches long. */
void pst_gp_tics(pst_gp *g, const char *axis, double lo, double hi, double len_in, int bounded);
/* Longest legend name of the chart (value, interval, range, ... names). */
size_t pst_gp_legend_chars(const pst_plot *p);
/* Log axis tics: every 10^k, k chosen so the labels do not collide. */
void pst_gp_logtics(pst_gp *g, const char *axis, double lo, double hi, double len_in);
/* Break s into lines of at most `width` characters at spaces (new string). */
char *pst_gp_wrap(const char *s, size_t width);

/* Writers of each family; return PST_OK or PST_EINVAL (d filled). */
int pst_plot_rows_forest(pst_gp *g, pst_diag *d);   /* forest, ratio */
int pst_plot_rows_tornado(pst_gp *g, pst_diag *d);
int pst_plot_rows_audit(pst_gp *g, pst_diag *d);
int pst_plot_bars_bars(pst_gp *g, pst_diag *d);
int pst_plot_bars_stacked(pst_gp *g, pst_diag *d);
int pst_plot_bars_histogram(pst_gp *g, pst_diag *d);
int pst_plot_bars_heatmap(pst_gp *g, pst_diag *d);

/* Automatic height in inches for a chart of `slots` horizontal rows. */
double pst_gp_rows_height(const pst_gp *g, size_t slots);

#endif
