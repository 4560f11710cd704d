/* multinom_impl.h -- internals shared by multinom*.c (not installed). */
#ifndef POWSTAT_MULTINOM_IMPL_H
#define POWSTAT_MULTINOM_IMPL_H

#include "powstat/multinom.h"

/* Score-equation bounds for count x of n with constant a (multinom.h). */
void pst__mn_score_bounds(double x, double n, double a, pst_interval *out);

/* Goodman's intervals; *a_out receives A. */
int pst__mn_goodman(const uint64_t *counts, size_t k, double n, double level, pst_interval *out,
                    double *a_out);

/* Sison-Glaz proper: PST_OK with out/info filled, or PST_ENOCONV when no c
 * brackets the level (out untouched). */
int pst__mn_sison_glaz(const uint64_t *counts, size_t k, double n, double level,
                       pst_interval *out, pst_mn_info *info);

#endif
