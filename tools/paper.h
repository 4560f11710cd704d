/* paper.h -- the pieces of `powstat paper` shared by its figure builders
 * (cmd_paper.c: the command and the dataset figures; paper_figs.c: the
 * figures drawn from other commands' output; paper_run.c: running those
 * commands in-process). */
#ifndef POWSTAT_TOOLS_PAPER_H
#define POWSTAT_TOOLS_PAPER_H

#include <stddef.h>

#include "paper_chart.h"
#include "powstat/dataset.h"
#include "powstat/plot.h"

/* What every builder reads: the bundled estimates, and a private temporary
 * directory for the CSV that producer commands write (made on first use by
 * paper_run, removed by paper_cleanup). */
typedef struct {
  pst_estimates est;
  pst_sources src;
  char tmpdir[4096]; /* "" until made */
  char *made[32];    /* files written there */
  size_t nmade;
} paper_data;

/* What a builder fills: plot (rows, texts).  Texts and rows it allocates are
 * kept here and freed with the figure. */
typedef struct {
  pst_plot plot;
  pst_plot_row *rows;
  int rows_texts_owned;  /* chart_rows_free instead of free */
  char *strs[64];        /* texts the builder allocated */
  size_t nstrs;
  chart_file *cf[6];     /* charts read from producers' CSV (rows, texts) */
  size_t ncf;
} paper_fig;

/* A formatted text owned by f (NULL when out of memory or f is full). */
const char *fig_str(paper_fig *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A bounded text built piece by piece, for notes. */
typedef struct {
  char b[1024];
  size_t n;
} note_buf;
void note_add(note_buf *nb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The estimate that e duplicates (same source, group and figures, better
 * verified or earlier), or NULL: the datasets README asks to count the
 * article's figures entered twice (G08/ART02, A10/ART03) once. */
const pst_estimate *paper_duplicate_of(const pst_estimates *est, const pst_estimate *e);

/* A path TMPDIR/FILE in the private temporary directory (made on first
 * use), removed by paper_cleanup.  Returns 0 or 73 (message printed). */
int paper_tmpfile(paper_data *pd, const char *file, char *path, size_t n);

/* Run `cmd` (a cmd_<name> of commands.h) in-process as
 *     powstat NAME ARGS... --format csv -o TMPDIR/FILE
 * and put the path of the CSV it wrote in path (size n).  args ends with
 * NULL.  Returns 0, or the command's exit code (its message printed). */
int paper_run(paper_data *pd, int (*cmd)(int, char **), const char *name, const char *file, char *path, size_t n,
              const char *const *args);

/* The text of column `col` in the first row of the CSV at path whose column
 * where_col is where_val (where_col NULL: the first row), into buf.
 * Returns 1 if found (and non-empty), else 0. */
int paper_csv_cell(const char *path, const char *where_col, const char *where_val, const char *col, char *buf,
                   size_t n);

/* Read a producer's CSV as `powstat chart KIND` would, into a chart owned by
 * f.  Returns 0 with *plot set, or an exit code (message printed). */
int paper_chart(paper_fig *f, pst_plot_kind kind, const char *path, const char *where_col, const char *where_val,
                pst_plot **plot);

/* Remove the temporary directory and what paper_run wrote there. */
void paper_cleanup(paper_data *pd);

/* The figures drawn from other commands (paper_figs.c). */
int fig_comparisons(paper_data *pd, paper_fig *f);
int fig_weekly_rates(paper_data *pd, paper_fig *f);
int fig_outcomes_special_camps(paper_data *pd, paper_fig *f);
int fig_outcomes_repatriated(paper_data *pd, paper_fig *f);
int fig_outcomes_camp048(paper_data *pd, paper_fig *f);
int fig_simulate_ratio(paper_data *pd, paper_fig *f);
int fig_sensitivity_tornado(paper_data *pd, paper_fig *f);
int fig_sensitivity_grid(paper_data *pd, paper_fig *f);
int fig_audit_percentages(paper_data *pd, paper_fig *f);
int fig_audit_counts(paper_data *pd, paper_fig *f);

#endif
