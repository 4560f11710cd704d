/* schema.c -- header-driven column mapping and typed cell access. */
#define _POSIX_C_SOURCE 200809L
#include "powstat/schema.h"
#include "powstat/num.h"

#include <stdlib.h>
#include <string.h>

int pst_schema_map(const pst_csv *r, const pst_field *fields, size_t n, const pst_colspec *spec,
                   size_t nspec, int *idx, pst_diag *d)
{
  for (size_t i = 0; i < nspec; i++) idx[i] = -1;
  for (size_t j = 0; j < n; j++) {
    const char *name = fields[j].s;
    size_t i;
    if (fields[j].len == 0)
      return pst_csv_field_error(r, j, d, PST_EDATA, "empty column name in the header");
    if (strncmp(name, "x_", 2) == 0) continue;
    for (i = 0; i < nspec; i++)
      if (strcmp(name, spec[i].name) == 0) break;
    if (i == nspec) {
      char known[160];
      size_t k = 0;
      known[0] = '\0';
      for (size_t s = 0; s < nspec && k + strlen(spec[s].name) + 3 < sizeof known; s++)
        k += (size_t)snprintf(known + k, sizeof known - k, "%s%s", s ? "," : "", spec[s].name);
      return pst_csv_field_error(r, j, d, PST_EDATA,
                                 "unknown column '%.40s' (known: %s; prefix a column with x_ to keep it)",
                                 name, known);
    }
    if (idx[i] >= 0)
      return pst_csv_field_error(r, j, d, PST_EDATA, "duplicate column '%.40s'", name);
    idx[i] = (int)j;
  }
  for (size_t i = 0; i < nspec; i++)
    if (spec[i].required && idx[i] < 0)
      return pst_csv_field_error(r, n, d, PST_EDATA, "missing required column '%s'", spec[i].name);
  return PST_OK;
}

int pst_schema_read_header(pst_csv *r, const pst_colspec *spec, size_t nspec, int *idx,
                           size_t *hn, pst_diag *d)
{
  const pst_field *f;
  size_t n;
  int st = pst_csv_next(r, &f, &n, d);
  if (st != PST_OK) return st;
  if (n == 0) return pst_diag_set(d, PST_EDATA, 1, 1, "empty file: expected a header row");
  *hn = n;
  return pst_schema_map(r, f, n, spec, nspec, idx, d);
}

int pst_schema_check_width(const pst_csv *r, size_t n, size_t header_n, pst_diag *d)
{
  if (n > header_n)
    return pst_csv_field_error(r, header_n, d, PST_EDATA,
                               "%zu fields, but the header has %zu (a number with thousands "
                               "separators must be quoted)", n, header_n);
  if (n < header_n)
    return pst_csv_field_error(r, n, d, PST_EDATA, "%zu fields, but the header has %zu", n,
                               header_n);
  return PST_OK;
}

int pst_cell_missing(const pst_field *fields, size_t n, int idx)
{
  const char *s;
  size_t len;
  if (idx < 0 || (size_t)idx >= n) return 1;
  s = fields[idx].s;
  len = fields[idx].len;
  while (len && (*s == ' ' || *s == '\t')) { s++; len--; }
  return len == 0;
}

int pst_cell_count(const pst_csv *r, const pst_field *fields, size_t n, int idx,
                   const char *colname, int64_t *v, pst_diag *d)
{
  uint64_t u;
  const char *why = NULL;
  size_t where = 0;
  if (pst_cell_missing(fields, n, idx)) {
    *v = -1;
    return PST_OK;
  }
  if (pst_parse_count(fields[idx].s, fields[idx].len, &u, &why, &where) != PST_OK) {
    int st = pst_csv_field_error(r, (size_t)idx, d, PST_EDATA, "%s: %s: '%.40s'", colname, why,
                                 fields[idx].s);
    /* point at the offending character when the field sits on one line */
    if (d && !memchr(fields[idx].s, '\n', fields[idx].len)) d->col += (long)where;
    return st;
  }
  *v = (int64_t)u;
  return PST_OK;
}

int pst_cell_strdup(const pst_field *fields, size_t n, int idx, char **out)
{
  *out = NULL;
  if (pst_cell_missing(fields, n, idx)) return PST_OK;
  *out = strdup(fields[idx].s);
  return *out ? PST_OK : PST_ENOMEM;
}
