/* powstat/dataset.h -- the curated datasets: sources and mortality estimates.
 *
 * Column vocabularies and units are documented in datasets/README.md.
 * Loading validates everything a wrong number could come from: counts are
 * whole non-negative numbers (thousands separators allowed), low <= point <=
 * high, deaths <= captured, ids are unique, and every source id exists.
 */
#ifndef POWSTAT_DATASET_H
#define POWSTAT_DATASET_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "powstat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Rows one set of estimates (all files loaded into it) or one sources file
 * may hold: more is PST_ELIMIT at the first row beyond.  The curated datasets
 * have dozens; per-row work (the duplicate-id check) stays well under a
 * second at the limit.  Many counts belong in a batch job file (streamed). */
#define PST_DATASET_ROWS_MAX 20000

/* A count that the source does not give. */
#define PST_MISSING INT64_C(-1)

typedef struct {
  char *id, *citation, *year, *kind, *note;
  long line;
} pst_source;

typedef struct {
  pst_source *v;
  size_t n;
} pst_sources;

typedef struct {
  char *id;         /* unique within the file */
  char *source;     /* id in sources.csv (NULL if the file has no source column) */
  char *holder;     /* holding power */
  char *captive;    /* captive group as described by the source */
  char *group;      /* comparable-population key shared by alternative sources */
  char *period, *basis, *stated_pct, *verified, *note;
  int64_t captured_low, captured, captured_high; /* PST_MISSING when absent */
  int64_t deaths_low, deaths, deaths_high;
  const char *file; /* name given to pst_estimates_load (borrowed) */
  long line;        /* line of the row in its file */
  long source_col;  /* column of its source cell, for diagnostics */
} pst_estimate;

typedef struct {
  pst_estimate *v;
  size_t n;
} pst_estimates;

/* Load sources.csv (columns id,citation,year,kind,note; id required).
 * name is used in diagnostics; fp is read to its end, not closed.
 * Returns PST_OK, PST_EDATA/PST_ELIMIT/PST_EIO with d filled, PST_ENOMEM. */
int pst_sources_load(FILE *fp, const char *name, pst_sources *out, pst_diag *d);

/* Load an estimates file.  Required columns: id, deaths, captured; optional:
 * source, holder, captive, group, period, basis, captured_low, captured_high,
 * deaths_low, deaths_high, stated_pct, verified, note.  Rows are appended to
 * out (so several files can be loaded into one set; ids must be unique across
 * them).  On failure the rows of this file are dropped and out keeps what
 * it held before.  out must be freed with pst_estimates_free in any case.
 * Same statuses as pst_sources_load. */
int pst_estimates_load(FILE *fp, const char *name, pst_estimates *out, pst_diag *d);

/* Check that every estimate's source exists in src.  On failure PST_EDATA
 * is returned with d at the offending row (file, line, column of 'source'). */
int pst_estimates_check_sources(const pst_estimates *e, const pst_sources *src, pst_diag *d);

/* Look up a source or an estimate by its id (exact, case-sensitive match);
 * NULL when there is none.  The result points into s / e. */
const pst_source *pst_sources_find(const pst_sources *s, const char *id);
const pst_estimate *pst_estimates_find(const pst_estimates *e, const char *id);

/* Deaths and captured used for the point proportion: the point values, or
 * PST_MISSING.  Returns 1 if both exist (and captured > 0). */
int pst_estimate_point(const pst_estimate *e, int64_t *deaths, int64_t *captured);

/* Between-source range of the mortality proportion: lowest deaths over highest
 * captured to highest deaths over lowest captured, where "lowest" falls back to
 * the point when no low is given.  Returns 1 if the range is defined and wider
 * than the point (some low or high exists), else 0. */
int pst_estimate_range(const pst_estimate *e, double *lo, double *hi);

/* Free what a load allocated (also after a failed load) and empty the set. */
void pst_sources_free(pst_sources *s);
void pst_estimates_free(pst_estimates *e);

#ifdef __cplusplus
}
#endif
#endif
