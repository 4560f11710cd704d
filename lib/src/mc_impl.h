/* mc_impl.h -- helpers shared by the mc*.c files (not installed). */
#ifndef POWSTAT_MC_IMPL_H
#define POWSTAT_MC_IMPL_H

#include "powstat/mc.h"

/* Why estimate e cannot enter a mixture ("no deaths", "no denominator",
 * "no counts", "zero denominator"), or NULL if it can. */
const char *pst_mc__unusable(const pst_estimate *e);

/* Fill c's ranges from e (usable); c->id and c->weight are left alone. */
void pst_mc__component_ranges(const pst_estimate *e, pst_mc_component *c);

char *pst_mc__strdup(const char *s);

#endif
