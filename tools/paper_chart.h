/* paper_chart.h -- `powstat chart`'s reading and building, for `powstat
 * paper`: a chart of any kind from a CSV another powstat command wrote, as
 * the user would get it with `powstat chart KIND FILE`, so that a paper
 * figure draws exactly what the producer computed.  Defined in cmd_chart.c. */
#ifndef POWSTAT_TOOLS_PAPER_CHART_H
#define POWSTAT_TOOLS_PAPER_CHART_H

#include "powstat/plot.h"

typedef struct chart_file chart_file; /* the table read and the chart built from it */

/* Read `path` (CSV with a header; columns as in `powstat chart --help`) and
 * build the chart of `kind` with its default texts.  where_col/where_val
 * (both NULL: every row) keep only the rows whose column where_col holds
 * exactly where_val (e.g. output = ratio of `simulate --histogram`).
 * Returns 0 with *out set (free with chart_file_free), or an exit code with
 * the message printed (65 bad data, 66 missing file, 70 out of memory). */
int chart_from_file(pst_plot_kind kind, const char *path, const char *where_col, const char *where_val,
                    chart_file **out);

/* The chart: its rows and texts stay valid until chart_file_free; the
 * caller may change any field (titles, notes, row labels). */
pst_plot *chart_file_plot(chart_file *cf);

void chart_file_free(chart_file *cf);

#endif
