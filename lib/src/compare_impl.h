/* compare_impl.h -- internals shared by compare*.c (not installed). */
#ifndef POWSTAT_COMPARE_IMPL_H
#define POWSTAT_COMPARE_IMPL_H

#include <stdint.h>

#include "powstat/compare.h"

/* g(x, ctx): a function with a sign change in a bracket */
typedef double (*pst__cmp_fn)(double x, void *ctx);

/* Brent's method (Brent 1973, "Algorithms for minimization without
 * derivatives", ch. 4, zeroin) on [a, b] with g(a) and g(b) of opposite
 * signs (or one of them 0).  Stops when the bracket is below
 * 4 eps max(1, |x|); at most 300 evaluations.  Returns PST_OK, PST_EINVAL
 * (no sign change) or PST_ENOCONV (best point in *root). */
int pst__cmp_brent(pst__cmp_fn g, void *ctx, double a, double b, double *root);

/* From x0 (where g(x0) < 0), step towards `limit` with doubling steps from
 * `step` until g >= 0, then refine with Brent.  If g stays < 0 up to and
 * including the limit, *root = limit and PST_OK (the bound is the end of the
 * parameter space).  Returns like pst__cmp_brent. */
int pst__cmp_bound(pst__cmp_fn g, void *ctx, double x0, double step, double limit, double *root);

/* two-sided p of a statistic that is chi-square(1) under H0 */
double pst__cmp_p_chisq(double x2);

/* conditional (noncentral hypergeometric) odds-ratio methods */
int pst__cmp_or_exact(uint64_t k1, uint64_t n1, uint64_t k2, uint64_t n2, double level, int midp,
                      pst_cmp_ci *out);

#endif
