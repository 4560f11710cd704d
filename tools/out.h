/* out.h -- rows of typed cells written as an aligned table, CSV, TSV, JSON or
 * Markdown.  CSV/TSV/JSON stream row by row; table and Markdown hold the rows
 * to align them.  Numbers in machine formats round-trip exactly (shortest of
 * 15-17 significant digits); missing cells are empty (CSV/TSV) or null (JSON). */
#ifndef POWSTAT_TOOLS_OUT_H
#define POWSTAT_TOOLS_OUT_H

#include <stdint.h>
#include <stdio.h>

#include "cli.h"

typedef struct out_table out_table;

typedef enum { COL_TEXT, COL_NUM } out_coltype;

typedef struct {
  const char *name;   /* machine name (CSV header, JSON key) */
  const char *title;  /* human title for table/markdown (NULL: same as name) */
  out_coltype type;
} out_col;

/* meta: key/value pairs (NULL-terminated list, may be NULL) written in JSON
 * as top-level members and in table format as a footer. */
out_table *out_new(cli_format fmt, FILE *fp, const char *command, const out_col *cols, size_t ncols);
void out_meta(out_table *t, const char *key, const char *value);
void out_str(out_table *t, const char *s);      /* NULL = missing */
void out_num(out_table *t, double v);           /* NaN = missing */
void out_int(out_table *t, int64_t v);          /* < 0 = missing */
/* a number shown in table/markdown as `shown`, in machine formats as v */
void out_num_shown(out_table *t, double v, const char *shown);
void out_row(out_table *t);
/* Write what is buffered and the closing bits; returns 0 or -1 on a write
 * error (errno set).  Frees t. */
int out_finish(out_table *t);

#endif
