/* powstat/audit.h -- claim audit: recompute every figure a text states.
 *
 * A claim is one printed number (a percentage, a total, a ratio, a
 * difference, a rate, or a part that cannot exceed its whole) together with
 * the numbers it should follow from.  The audit recomputes it, compares the
 * result with the printed value at the precision the printing allows, and,
 * for a mismatch, searches for the simplest edit that would make it
 * consistent (a number shifted by a power of ten, a digit dropped, doubled
 * or transposed, a percentage belonging to a neighbouring row, another
 * denominator of the same table, another time window).
 *
 * Inputs: claims files (datasets/claims.csv; columns in datasets/README.md),
 * estimates files (their stated_pct against deaths/captured) and outcomes
 * files (each cohort's total against its parts, each stated_pct against
 * count/total, each detail against its parent).  pst_audit_load tells them
 * apart by their header and turns every checkable figure into a pst_claim.
 *
 * Precision rules (the why is in datasets/README.md, "claims.csv"):
 *  - u, the unit of the last significant printed digit: 10^-d for a number
 *    printed with d decimals; 1 for an integer, except that a count ending in
 *    three or more zeros ("83,000") and any approximation ("~50") are read as
 *    rounded to their last non-zero digit (u = 1000, 10).
 *  - exact or approximate value s: consistent if the recomputed value R is
 *    within u/2 of s; rounding slip if within 3u/2 (off by one unit in the
 *    last printed digit: 17.2 printed for 17.125); mismatch otherwise.
 *  - bounds ("over 95%", "less than 3%", "at least"): consistent if R
 *    satisfies the inequality; rounding slip if it misses by at most u.
 *  - kind bound (a part printed next to its whole): consistent if the part
 *    does not exceed the whole; rounding slip if it exceeds it by at most u.
 * Recomputed values are intervals when an operand is itself a bound ("more
 * than 10,000"): the claim is consistent if any value of the interval is.
 *
 * Rates assume a constant hazard: a proportion p observed over W days is
 * 1 - (1 - p)^(D/W) over D days (e.g. Rothman, Modern Epidemiology, 3rd ed.,
 * ch. 3, risk from a constant rate).
 *
 * The library never prints; loaders fill a pst_diag with FILE:LINE:COL.
 */
#ifndef POWSTAT_AUDIT_H
#define POWSTAT_AUDIT_H

#include <stddef.h>
#include <stdio.h>

#include "powstat/dataset.h"
#include "powstat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PST_AUDIT_MAXTERMS 24 /* terms in one operand expression */
#define PST_AUDIT_MAXFIX 3    /* suggestions kept per claim ("a few") */
#define PST_AUDIT_MAXALT 9    /* alternative (x, y) pairs of an estimates row */
#define PST_NUM_TEXT 40       /* a printed number without separators */

typedef enum {
  PST_CLAIM_PERCENTAGE, /* 100 x / y */
  PST_CLAIM_SUM,        /* x (parts joined by + and -) */
  PST_CLAIM_RATIO,      /* x / y */
  PST_CLAIM_DIFFERENCE, /* x - y */
  PST_CLAIM_RATE,       /* 100 (1 - (1 - x/y)^(stated_days/window_days)) */
  PST_CLAIM_BOUND       /* the stated part must not exceed the whole x */
} pst_claim_kind;

typedef enum {
  PST_Q_EXACT,   /* "12.4%" */
  PST_Q_APPROX,  /* "~50", "about 4%", "nearly", "approximately", "around", "some" */
  PST_Q_OVER,    /* "over 95%", "more than", "above", ">" (strict) */
  PST_Q_ATLEAST, /* "at least", ">=" */
  PST_Q_UNDER,   /* "less than 3%", "under", "below", "<" (strict) */
  PST_Q_ATMOST   /* "at most", "up to", "<=" */
} pst_qualifier;

/* A printed value, parsed.  Percentages are in percent (12.4 for "12.4%"). */
typedef struct {
  pst_qualifier qual;
  double value, unit;       /* the number and its last-digit unit u */
  int range;                /* "3.5-4": value..value_hi */
  double value_hi, unit_hi; /* NaN unless range */
  int percent;              /* printed with '%' (or percent implied by the column) */
  int compiled;             /* leading '=': computed by a dataset compiler, not printed */
  int words;                /* written in words ("ten") */
  int decimal_comma;        /* "88, 9%": a comma read as the decimal mark */
  char num[PST_NUM_TEXT];   /* the digits as printed, separators removed ("0.15") */
  char num_hi[PST_NUM_TEXT];
} pst_stated;

/* Flags for pst_stated_parse. */
#define PST_STATED_PERCENT 1u /* the value is a percentage even without '%' */
#define PST_STATED_COUNT 2u   /* an integer is a count of persons (zeros rule) */
#define PST_STATED_RANGE 4u   /* "a-b" ranges are allowed */

/* Parse a printed value such as "12.4%", "0.03%", "~50", "over 95%", "less
 * than 3%", "more than 83,000", "3,576,300", "88, 9%", "ten", "=57.9",
 * "3.5-4" (with PST_STATED_RANGE).  Returns PST_OK, or PST_EDATA with *why
 * set to a static English reason and *where to the byte offset of the
 * problem (either may be NULL). */
int pst_stated_parse(const char *s, unsigned flags, pst_stated *out, const char **why,
                     size_t *where);

/* Unit of the last significant digit of a number printed as num (no
 * separators), by the rules above; approx selects the approximation rule. */
double pst_stated_unit(const char *num, int count, int approx);

/* One term of an operand expression: a number, a bound ("more than 10,000",
 * written >10,000), or a reference to another claim of the same file (@id:
 * its stated value; @id.recomputed: its recomputed value). */
typedef struct {
  int sign;                /* +1 or -1 */
  double value;            /* number (by value) */
  char num[PST_NUM_TEXT];  /* its digits as printed, for digit edits; "" for references */
  char bound;              /* 0, '>' or '<' */
  char *ref;               /* referenced claim id or NULL (owned) */
  int recomputed;          /* reference to the recomputed value */
  long col;                /* column of the term in its file (0 unknown) */
} pst_term;

typedef struct {
  pst_term t[PST_AUDIT_MAXTERMS];
  size_t n; /* 0: not given */
} pst_expr;

typedef struct {
  char *id;      /* unique within its file */
  char *section; /* locator: section of the text (or file name for datasets) */
  long paragraph;/* paragraph within the section, 0 if none */
  char *quote;   /* short quote (claims) or label (datasets); may be NULL */
  char *stated_text;
  pst_stated stated;
  pst_claim_kind kind;
  pst_expr x, y;
  char *table;   /* table the claim belongs to (NULL) and its row order */
  long row;
  double window_days, stated_days; /* NaN when not given */
  char *source;  /* source id of outside operands; NULL = the text itself */
  char *note;
  /* Estimates rows: alternative (deaths, captured) pairs, low/point/high
   * combinations; a range's endpoints are each checked against the nearest. */
  double alt_x[PST_AUDIT_MAXALT], alt_y[PST_AUDIT_MAXALT];
  size_t nalt;
  const char *file; /* name given to the loader (borrowed) */
  const char *origin; /* "claims", "estimates" or "outcomes" (static text) */
  long line;
} pst_claim;

typedef struct {
  pst_claim *v;
  size_t n, cap;
} pst_claims;

/* Load a claims file (header-mapped columns: id, section, paragraph, quote,
 * stated, value, kind, x, y, table, row, window_days, stated_days, source,
 * note; id, stated, kind, x required).  Rows are appended to out; on failure
 * the rows of this file are dropped.  Checks, each with FILE:LINE:COL:
 * duplicate ids, stated text that does not parse or disagrees with value,
 * unknown kinds, malformed operands, quotes over 15 words, references to
 * missing claim ids and reference cycles.  Returns PST_OK, PST_EDATA /
 * PST_ELIMIT / PST_EIO with d filled, or PST_ENOMEM. */
int pst_claims_load(FILE *fp, const char *name, pst_claims *out, pst_diag *d);

/* Load any of the three kinds of file, told apart by its header (a claims
 * file has 'kind', an outcomes file 'cohort', an estimates file 'captured').
 * Estimates are read with pst_estimates_load; each row with a stated_pct
 * becomes a percentage claim.  Outcomes become a sum claim per cohort, a
 * percentage claim per stated_pct, a bound claim per detail row, and a sum of
 * the parts' stated percentages where the total has one.  Same statuses. */
int pst_audit_load(FILE *fp, const char *name, pst_claims *out, pst_diag *d);

/* Turn estimates into claims (as pst_audit_load does); name labels them.
 * out is appended to (initialise it to zero first) and must be freed with
 * pst_claims_free.  Returns PST_OK or PST_ENOMEM. */
int pst_claims_from_estimates(const pst_estimates *e, pst_claims *out);

typedef enum {
  PST_V_CONSISTENT,
  PST_V_SLIP,       /* rounding slip */
  PST_V_MISMATCH,
  PST_V_UNCHECKABLE /* not checkable; why says why */
} pst_verdict;

typedef enum {
  PST_FIX_SHIFT,       /* a number shifted by a power of ten */
  PST_FIX_DROPPED,     /* a digit dropped (the correction inserts one) */
  PST_FIX_DOUBLED,     /* a digit doubled (the correction removes one) */
  PST_FIX_TRANSPOSED,  /* two adjacent digits swapped */
  PST_FIX_NEIGHBOUR,   /* the percentage belongs to a neighbouring row */
  PST_FIX_DENOMINATOR, /* another denominator of the same table */
  PST_FIX_WINDOW       /* another time window */
} pst_fix_kind;

typedef struct {
  pst_fix_kind kind;
  char target[64];   /* what is edited: "stated", "x term 2", "y", "window" */
  double original;   /* the edited number before ... */
  double corrected;  /* ... and after the edit */
  double result;     /* the claim's recomputed value after the edit */
  int corroborated;  /* the corrected number is printed elsewhere in the file */
  char text[256];    /* one English sentence */
} pst_fix;

typedef struct {
  pst_verdict verdict;
  double recomputed, recomputed_hi; /* interval (equal for a point); NaN if not checkable */
  double difference;  /* signed distance recomputed - stated (0 inside a range/bound) */
  double tolerance;   /* half-width allowed for consistency (u/2; u for bounds) */
  char why[256];      /* not checkable: why; otherwise how it was checked */
  pst_fix fix[PST_AUDIT_MAXFIX];
  size_t nfix;
} pst_audit_result;

/* Audit claim i of set (references resolve within the claim's file).
 * Returns PST_OK (the verdict may be "not checkable"), PST_EINVAL for a bad
 * index.  Suggestions are searched only for mismatches. */
int pst_audit_claim(const pst_claims *set, size_t i, pst_audit_result *res);

const char *pst_verdict_name(pst_verdict v);    /* "consistent", "rounding slip", ... */
const char *pst_verdict_slug(pst_verdict v);    /* "consistent", "slip", "mismatch", "unchecked" */
const char *pst_claim_kind_name(pst_claim_kind k);
const char *pst_fix_kind_name(pst_fix_kind k);  /* "power-of-ten shift", ... */
const char *pst_qualifier_name(pst_qualifier q);/* "", "about", "over", ... */

/* Find a claim by file and id (file NULL: any). */
const pst_claim *pst_claims_find(const pst_claims *s, const char *file, const char *id);

/* Free the claims of s (NULL or an empty set is fine) and empty it. */
void pst_claims_free(pst_claims *s);

#ifdef __cplusplus
}
#endif
#endif
