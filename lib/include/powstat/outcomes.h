/* powstat/outcomes.h -- outcome (composition) tables: loading outcomes.csv
 * and checking each table's arithmetic.
 *
 * One row is one line of a table; a table is a cohort (datasets/README.md,
 * "outcomes.csv").  Columns: cohort, category, count (required); role,
 * parent, stated_pct, source, verified, note (optional; without a role
 * column every row is a part).  Roles:
 *   total   the stated total of the cohort (at most one per cohort);
 *   part    a top-level line; the parts should add up to the total and form
 *           the multinomial composition;
 *   detail  a breakdown nested in another line of the same cohort, named by
 *           parent (a part, another detail, or the total row); not part of
 *           the composition and need not add up.
 *
 * The loader rejects, with FILE:LINE:COL: an unknown or empty role, a detail
 * without parent, a parent on a total or part row, a parent that is not a
 * category of the same cohort (or a chain of parents that loops), a second
 * total in a cohort, a duplicate category in a cohort, a count that is not
 * a whole non-negative number (thousands separators allowed), an unknown
 * verified value, and anything the CSV reader and the schema reject
 * (unknown columns unless prefixed x_, rows of the wrong width).
 *
 * What the loader keeps, on purpose: parts that do not add up to the total,
 * details larger than their parent, percentages that do not match their
 * counts.  Those are findings, reported by pst_cohort_check_total and
 * pst_outcome_pct_check, not errors.
 */
#ifndef POWSTAT_OUTCOMES_H
#define POWSTAT_OUTCOMES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "powstat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum { PST_ROLE_TOTAL = 0, PST_ROLE_PART, PST_ROLE_DETAIL } pst_outcome_role;

typedef struct {
  char *cohort, *category;
  char *parent;      /* NULL unless role == PST_ROLE_DETAIL */
  char *stated_pct;  /* verbatim, NULL if empty */
  char *source, *verified, *note; /* NULL if empty or absent */
  pst_outcome_role role;
  int64_t count;     /* -1 when the cell is empty */
  long line;         /* line of the row in its file */
  int depth;         /* 0 for total/part, 1 + parent's depth for details
                        whose parent is a part or detail, 1 under the total */
} pst_outcome_row;

/* A cohort: indices into the rows, in file order. */
typedef struct {
  const char *id;   /* borrowed from the first row */
  long total;       /* row index of the total, -1 if none */
  size_t *parts, nparts;
  size_t *details, ndetails;
} pst_cohort;

typedef struct {
  pst_outcome_row *v;
  size_t n;
  pst_cohort *cohorts; /* in order of first appearance */
  size_t ncohorts;
  const char *file;    /* name given to the loader (borrowed) */
} pst_outcomes;

/* Load an outcomes file (read to its end, not closed).  name is used in
 * diagnostics and must outlive out.  On failure out is empty.  Returns PST_OK,
 * PST_EDATA / PST_ELIMIT / PST_EIO with d filled (file, line, col, msg), or
 * PST_ENOMEM.  out must be freed with pst_outcomes_free in any case. */
int pst_outcomes_load(FILE *fp, const char *name, pst_outcomes *out, pst_diag *d);

/* Free what pst_outcomes_load allocated (also after a failure). */
void pst_outcomes_free(pst_outcomes *o);

/* The cohort with this id, or NULL. */
const pst_cohort *pst_outcomes_find(const pst_outcomes *o, const char *id);

/* The row of category `cat` in cohort c, or NULL. */
const pst_outcome_row *pst_cohort_row(const pst_outcomes *o, const pst_cohort *c, const char *cat);

/* The stated-total check of one cohort. */
typedef struct {
  int has_total;        /* a total row with a count exists */
  int complete;         /* every part has a count */
  int64_t stated_total; /* -1 if none */
  int64_t parts_sum;    /* sum of the parts' counts that are given */
  int64_t difference;   /* parts_sum - stated_total (0 if no total) */
  int matches;          /* has_total && complete && difference == 0 */
  size_t npct;          /* parts with a parseable stated percentage */
  double pct_sum;       /* their sum (NaN if npct == 0) */
} pst_cohort_check;

/* Fill chk for cohort c.  Returns PST_OK, or PST_EINVAL for NULL arguments. */
int pst_cohort_check_total(const pst_outcomes *o, const pst_cohort *c, pst_cohort_check *chk);

/* Does the printed percentage `stated` (verbatim: "1.96", "98.0", "=12.7";
 * a leading '=' marks a compiler's value and is skipped) agree with
 * 100 * count / base?  It agrees when the difference is at most half a unit
 * of its last printed decimal (1.96 covers [1.955, 1.965]), since a printed
 * figure is a rounded one.  *computed receives 100 * count / base, *decimals
 * the printed decimals.  Returns PST_OK with *match 0/1; PST_EDATA if the
 * text is not a plain decimal number (a range, "~50"); PST_EUNDEF if base
 * is not positive or count is missing. */
int pst_outcome_pct_check(const char *stated, int64_t count, int64_t base, double *computed,
                          int *decimals, int *match);

/* Canonical role name ("total", "part", "detail"). */
const char *pst_outcome_role_name(pst_outcome_role r);

#ifdef __cplusplus
}
#endif
#endif
