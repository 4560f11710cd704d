/* powstat/schema.h -- header-driven column mapping for CSV inputs.
 *
 * Every reader finds its columns by name, in any order.  A column the schema
 * does not know is an error (a misspelt "deahts" must not be ignored), except
 * names starting with "x_", which are kept for the user's own notes and
 * ignored.  A required column that is absent is an error at line 1.
 */
#ifndef POWSTAT_SCHEMA_H
#define POWSTAT_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

#include "powstat/csvread.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const char *name;
  int required; /* the column must be in the header (its cells may be empty) */
} pst_colspec;

/* Map the header record (fields[0..n)) onto spec[0..nspec): idx[i] receives
 * the field index of spec[i], or -1 if absent.  Returns PST_OK, or PST_EDATA
 * with d filled (unknown, duplicate, empty or missing required column). */
int pst_schema_map(const pst_csv *r, const pst_field *fields, size_t n, const pst_colspec *spec,
                   size_t nspec, int *idx, pst_diag *d);

/* Read the header record of r and map it (pst_schema_map); *hn receives the
 * number of header fields.  An empty input is PST_EDATA at 1:1 ("empty file:
 * expected a header row"); other statuses as pst_csv_next / pst_schema_map. */
int pst_schema_read_header(pst_csv *r, const pst_colspec *spec, size_t nspec, int *idx,
                           size_t *hn, pst_diag *d);

/* A data record must have exactly as many fields as the header: a longer one
 * usually holds an unquoted "3,576,300", a shorter one a lost cell, and either
 * would shift every later column.  PST_OK or PST_EDATA with d at the first
 * extra field (or the end of a short record). */
int pst_schema_check_width(const pst_csv *r, size_t n, size_t header_n, pst_diag *d);

/* Cell helpers for a data record of reader r.  A cell is missing when the
 * column is absent, the record is short, or the cell is empty/blank. */
/* pst_cell_missing: 1 when the cell is missing, else 0. */
int pst_cell_missing(const pst_field *fields, size_t n, int idx);

/* Parse an optional count: *v = -1 when missing.  On bad text, PST_EDATA with
 * d pointing at the cell and naming the column. */
int pst_cell_count(const pst_csv *r, const pst_field *fields, size_t n, int idx,
                   const char *colname, int64_t *v, pst_diag *d);

/* Copy an optional text cell (NULL when missing) into a new string (free()
 * it).  Returns PST_OK or PST_ENOMEM. */
int pst_cell_strdup(const pst_field *fields, size_t n, int idx, char **out);

#ifdef __cplusplus
}
#endif
#endif
