/* pctfmt.h -- percentages for human tables: enough digits that an interval's
 * bounds stay distinguishable from the point, no more. */
#ifndef POWSTAT_TOOLS_PCTFMT_H
#define POWSTAT_TOOLS_PCTFMT_H

#include <stddef.h>

/* p, lo, hi are fractions; writes "12.36" to pb and "12.33–12.40" to cib. */
void pct_format3(double p, double lo, double hi, char *pb, size_t pbn, char *cib, size_t cibn);
/* "12.0–33.3" for a between-source range */
void pct_format_range(double lo, double hi, char *b, size_t n);
/* one percentage with `sig` significant digits (at least 1 decimal) */
void pct_format1(double p, int sig, char *b, size_t n);

#endif
