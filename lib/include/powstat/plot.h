/* powstat/plot.h -- gnuplot scripts from plain series.
 *
 * The plot module knows nothing of statistics: it takes rows of labels and
 * numbers (a value, an interval, an optional second interval) and writes one
 * self-contained gnuplot 5.4 script per chart: the shared style
 * (plots/powstat.gp, compiled in), the terminal choice, the data inline, the
 * plot commands.  Same input, byte-identical script: no timestamps, no paths,
 * numbers in the C locale with the shortest round-trip digits.
 *
 * Safety.  No text the caller passes is ever gnuplot code.  Every text (row
 * labels, titles, notes, legend entries, font names) goes through ONE
 * escaping function, pst_plot_quote(), which writes a single-quoted gnuplot
 * string: inside single quotes gnuplot performs no backquote substitution, no
 * macro (@) expansion and no escape processing, and '' is the only escape.
 * Newlines become explicit "\n" joins (a line break in the label, never a new
 * command); a quote that begins the text or a line is joined as "'" (gnuplot
 * 5.4 misreads a string that opens with ''); other control bytes become
 * spaces; invalid UTF-8 becomes '?'.  Tic labels, which gnuplot reads as
 * number formats, get their '%' doubled.
 * The texts are assigned to string arrays, and the data blocks hold only
 * numbers, every line starting with a digit, so no data line can ever start
 * with the block terminator.  Terminals run with `noenhanced`, so ^ _ @ & { }
 * are printed as typed.  For the LaTeX terminal (cairolatex) the script also
 * holds a LaTeX-escaped copy of each text that needs one (\ { } $ & # _ % ^ ~
 * < > |), chosen at run time, because LaTeX terminals pass text to LaTeX.
 *
 * Running a script.  It chooses its terminal from the gnuplot variable
 * powstat_term: 'png' (pngcairo, the default), 'svg', 'pdf' (pdfcairo),
 * 'tex' (cairolatex pdf; needs powstat_output, a file name ending in .tex,
 * beside which the .pdf is written) or 'dumb' (text preview).  The image goes
 * to standard output unless powstat_output is set:
 *     gnuplot NAME.gp > NAME.png
 *     gnuplot -e "powstat_term='pdf'" NAME.gp > NAME.pdf
 * If gnuplot lacks the terminal, the script prints a message and exits with
 * status 3 (PST_PLOT_EXIT_NOTERM).
 */
#ifndef POWSTAT_PLOT_H
#define POWSTAT_PLOT_H

#include <stddef.h>
#include <stdio.h>

#include "powstat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Exit status of a script run by a gnuplot that lacks the chosen terminal. */
#define PST_PLOT_EXIT_NOTERM 3

typedef enum {
  PST_PLOT_FOREST = 0, /* rows of point + interval + range, grouped, horizontal */
  PST_PLOT_BARS,       /* vertical bars in clusters with whiskers */
  PST_PLOT_STACKED,    /* 100 % stacked horizontal bars with whiskers */
  PST_PLOT_RATIO,      /* forest on a log axis with a reference line at 1 */
  PST_PLOT_HISTOGRAM,  /* binned counts with a shaded interval */
  PST_PLOT_TORNADO,    /* one-way swings around a base value */
  PST_PLOT_HEATMAP,    /* a two-way grid of values */
  PST_PLOT_AUDIT,      /* stated against recomputed values, flagged points */
  PST_PLOT_NKINDS
} pst_plot_kind;

/* One row.  Which fields a kind reads (NULL text / NaN number = absent):
 *
 *  kind       label        group            key            value   lower,upper     lower2,upper2  value2
 *  forest     row label    heading (1)      -              point   interval        range          open marker (2)
 *  ratio      row label    heading (1)      -              point   interval        range          -
 *  bars       bar label    cluster (1)      colour/legend  height  whisker         range          -
 *  stacked    bar (cohort) segment (colour) -              share   whisker (3)     -              -
 *  histogram  -            -                series         count   bin edges       -              -
 *  tornado    input        -                -              -       output at low,  -              -
 *                                                                  output at high
 *  heatmap    column (x)   row (y)          -              cell    -               -              -
 *  audit      point label  -                legend (4)     stated  -               -              recomputed
 *
 * (1) consecutive rows with the same group form one block under a heading.
 * (2) e.g. a stated figure without counts: drawn as an open marker.
 * (3) drawn from the start of the segment: [start + lower, start + upper].
 * (4) flag 0, 1, 2 = plain, warning, highlighted (colour and label); the
 *     legend shows the key of the first row of each flag level.
 * note: a short text printed beside the row (forest, ratio, tornado, bars).
 */
typedef struct {
  const char *label;
  const char *group;
  const char *key;
  const char *note;
  double value;
  double lower, upper;
  double lower2, upper2;
  double value2;
  int flag;
} pst_plot_row;

/* A row with every number NaN and every text NULL. */
pst_plot_row pst_plot_row_empty(void);

typedef struct {
  pst_plot_kind kind;
  const char *title;          /* NULL: none */
  const char *xlabel;         /* axis titles, with units */
  const char *ylabel;
  const char *note;           /* source note under the plot; '\n' separates lines */
  const char *value_name;     /* legend: the point / bars / stated (NULL: not in legend) */
  const char *interval_name;  /* legend: the first interval */
  const char *range_name;     /* legend: the second interval */
  const char *value2_name;    /* legend: open marker (forest) / recomputed (audit) */
  const char *band_name;      /* legend: histogram band */
  const char *marker_note;    /* appended to the note when some interval is narrower
                                 than the marker (NULL: a generic sentence) */
  double band_lo, band_hi;    /* histogram: shaded interval (NaN: none) */
  double ref;                 /* reference line on the value axis (NaN: none) */
  const char *ref_name;       /* legend for the reference line */
  int log_axis;               /* value axis logarithmic (values <= 0 are an error) */
  double axis_min, axis_max;  /* value axis limits (NaN: automatic) */
  double width, height;       /* inches (0: automatic: 8 wide, height from the rows) */
  int dpi;                    /* PNG pixels per inch (0: 150); SVG uses 72 units per inch */
  const char *font;           /* font family (NULL: "DejaVu Sans", which has Cyrillic) */
  double font_size;           /* points (0: 10) */
  const pst_plot_row *rows;
  size_t nrows;
} pst_plot;

/* A chart with no rows, no texts, NaN limits and automatic size. */
pst_plot pst_plot_init(pst_plot_kind kind);

/* Write the script for p to fp.
 * Returns PST_OK; PST_EINVAL (with d->msg) for a NULL argument, an unknown
 * kind, no rows, or a row the kind cannot draw (a non-positive value on a
 * log axis, lower > upper, a negative bin width or count); PST_ENOMEM;
 * PST_EIO if writing fails (errno kept).  d may be NULL. */
int pst_plot_write(FILE *fp, const pst_plot *p, pst_diag *d);

/* THE escaping function: s as a gnuplot string expression that evaluates to
 * s literally (see the header comment).  latex != 0 first escapes LaTeX's
 * special characters, for the cairolatex terminal.  Returns a new string
 * (free it) or NULL when out of memory; NULL s gives ''. */
char *pst_plot_quote(const char *s, int latex);

/* Canonical name of a kind ("forest", ...) or NULL; parse: PST_OK or
 * PST_ENOTFOUND. */
const char *pst_plot_kind_name(pst_plot_kind kind);
int pst_plot_kind_parse(const char *name, pst_plot_kind *kind);

/* The shared style (plots/powstat.gp) as compiled in. */
const char *pst_plot_style(void);

#ifdef __cplusplus
}
#endif
#endif
