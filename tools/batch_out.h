/* batch_out.h -- the streaming row writer of `powstat batch`.
 *
 * Same cell texts as out.c (CSV quoting rule, TSV blanking of tabs and line
 * breaks, JSON escapes, numbers by pst_fmt_real), so that a rate job's row
 * reads exactly like `powstat rates --format csv`; but written straight into
 * a fixed buffer with no allocation per cell, because out.c's per-cell
 * strdup and fputc cost more than the statistics at a million rows, and in
 * json-lines (one object per line) rather than one JSON document.
 * Memory: the 64 KiB buffer, whatever the number of rows. */
#ifndef POWSTAT_TOOLS_BATCH_OUT_H
#define POWSTAT_TOOLS_BATCH_OUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "out.h"

typedef enum { BOUT_CSV, BOUT_TSV, BOUT_JSONL } bout_fmt;

#define BOUT_BUFSZ 65536

typedef struct {
  FILE *fp;
  bout_fmt fmt;
  const out_col *cols;
  size_t ncols;
  size_t col;    /* next cell of the current row */
  size_t len;    /* bytes in buf */
  int failed;    /* a write failed (errno kept) */
  char buf[BOUT_BUFSZ];
} bout;

void bout_init(bout *w, FILE *fp, bout_fmt fmt, const out_col *cols, size_t ncols);
/* CSV/TSV header line (column names); nothing for json-lines. */
void bout_header(bout *w);
void bout_str(bout *w, const char *s); /* NULL or "" = missing */
void bout_strn(bout *w, const char *s, size_t n); /* the first n bytes of s; n = 0: missing */
void bout_num(bout *w, double v);      /* NaN = missing; +-Inf: inf (CSV), 1e999 (JSON) */
void bout_int(bout *w, int64_t v);     /* < 0 = missing */
/* a number already formatted by pst_fmt_real (a cached level, say) */
void bout_numtext(bout *w, const char *text);
void bout_missing(bout *w, size_t n);  /* n missing cells */
/* End the row (missing cells are filled in). */
void bout_end_row(bout *w);
/* Write out the buffer; 0, or -1 on a write error (then every later call is
 * a no-op and bout_flush keeps returning -1). */
int bout_flush(bout *w);

#endif
