/* audit_impl.h -- internals shared by the audit_*.c files (not installed). */
#ifndef POWSTAT_AUDIT_IMPL_H
#define POWSTAT_AUDIT_IMPL_H

#include "powstat/audit.h"

/* Parse an operand expression: terms joined by '+' or '-' (with blanks
 * around an operator that follows a reference), each a count ("3,576,300"),
 * a decimal ("1.96"), a bound (">10,000", "<5") or a reference ("@id",
 * "@id.recomputed").  On error *why and *where (byte offset) are set. */
int audit_expr_parse(const char *s, pst_expr *e, const char **why, size_t *where);
void audit_expr_free(pst_expr *e);

/* Append a zeroed claim; NULL on allocation failure. */
pst_claim *audit_claims_push(pst_claims *s);
void audit_claim_free(pst_claim *c);
char *audit_strdup(const char *s);

/* Outcomes files (cohort tables) as claims; reader positioned after the
 * header, whose field indices are given. */
int audit_outcomes_load(FILE *fp, const char *name, pst_claims *out, pst_diag *d);

/* Evaluate claim c (possibly an edited copy of a claim of set) and judge it.
 * Fills recomputed/hi, difference, tolerance, verdict and why; no fixes. */
void audit_judge(const pst_claims *set, const pst_claim *c, pst_audit_result *r);

/* Search suggestions for a mismatch (fills r->fix, r->nfix). */
void audit_suggest(const pst_claims *set, const pst_claim *c, pst_audit_result *r);

/* Format a number for messages: counts grouped ("3,576,300"), others with up
 * to 4 significant decimals. */
void audit_fmt(char *buf, size_t n, double v, int percent);

#endif
