/* powstat/csvread.h -- a streaming CSV record reader that knows where it is.
 *
 * libcsv parses RFC 4180 well but reports no positions (TECH-NOTES), so this
 * reader feeds it one physical line at a time, counts lines itself, and keeps
 * the raw text of the current record so that the column of any field can be
 * recovered when (and only when) a diagnostic needs it.
 *
 * What it accepts: UTF-8 (a BOM at the very start is skipped), LF or CRLF
 * line ends, quoted fields with "" escapes and embedded newlines, blank lines
 * (skipped).  What it rejects, with line and column: NUL bytes, invalid UTF-8,
 * a BOM after the start, stray or unterminated quotes, lines longer than
 * PST_CSV_LINE_MAX bytes (not counting the line end), records longer than
 * PST_CSV_RECORD_MAX bytes (only a quoted field spanning lines can be: it is
 * reported at its opening quote, since a quote left open is the usual cause),
 * records with more than PST_CSV_FIELDS_MAX fields.  Memory is bounded by
 * these limits, never by the number of records.
 */
#ifndef POWSTAT_CSVREAD_H
#define POWSTAT_CSVREAD_H

#include <stddef.h>
#include <stdio.h>

#include "powstat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PST_CSV_LINE_MAX (1024L * 1024L) /* bytes in one physical line */
#define PST_CSV_RECORD_MAX (4L * PST_CSV_LINE_MAX) /* bytes in one record (all its lines) */
#define PST_CSV_FIELDS_MAX 4096           /* fields in one record */

typedef struct {
  const char *s; /* NUL-terminated field text (never contains NUL) */
  size_t len;
  int quoted;    /* 1 if the field was written in quotes ("" is quoted, empty) */
} pst_field;

typedef struct pst_csv pst_csv;

/* Start reading fp (not closed by the reader).  name is used in diagnostics
 * and must outlive the reader.  Returns PST_OK or PST_ENOMEM. */
int pst_csv_open(pst_csv **r, FILE *fp, const char *name);

/* Read the next record.  On PST_OK, *fields and *n describe it (valid until the
 * next call); *n == 0 means end of input.  On PST_EDATA / PST_ELIMIT /
 * PST_EIO / PST_ENOMEM, d is filled (file, line, col, msg). */
int pst_csv_next(pst_csv *r, const pst_field **fields, size_t *n, pst_diag *d);

/* Line (1-based) on which the current record starts. */
long pst_csv_record_line(const pst_csv *r);

/* Position (line and 1-based column in characters) where field j of the
 * current record starts; for j >= number of fields, the end of the record. */
void pst_csv_field_pos(const pst_csv *r, size_t j, long *line, long *col);

/* Fill d with a message about field j of the current record:
 * "file:line:col: msg" positions.  Returns status (for `return ...`). */
int pst_csv_field_error(const pst_csv *r, size_t j, pst_diag *d, int status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* The name given to pst_csv_open (used in diagnostics); owned by the caller. */
const char *pst_csv_name(const pst_csv *r);

void pst_csv_close(pst_csv *r);

#ifdef __cplusplus
}
#endif
#endif
