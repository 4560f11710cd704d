/* powstat/rate.h -- person-time death rates and time windows.
 *
 * A figure such as "41 died in the last week of November among 123,765 at
 * the start and 119,859 at the end of the week" is a count over a window of
 * D days in a population that changes from N0 to N1.  Comparing it with a
 * yearly figure needs one time unit:
 *
 *   person-time  PT = D (N0 + N1) / 2 person-days: the population is taken
 *                to change linearly over the window (trapezoid rule; N0 = N1
 *                when only one count is known);
 *   rate         lambda = k / PT deaths per person-day, reported per 1,000
 *                persons per 30 days (PST_RATE_UNIT_DAYS, PST_RATE_UNIT_PERSONS);
 *   interval     exact Poisson (Garwood F. (1936) Biometrika 28:437-442):
 *                lower = qgamma(alpha/2, k) / PT, upper = qgamma(1-alpha/2, k+1) / PT
 *                (lower = 0 at k = 0), gamma quantiles from dist_gamma.h;
 *   conversion   under a constant hazard lambda the mortality over a window
 *                of W days is 1 - exp(-lambda W); a proportion m observed over
 *                D days corresponds to 1 - (1 - m)^(W/D) over W days.
 *
 * The constant-hazard conversion is a model, not a measurement: a weekly
 * count raised to a year assumes that week was typical.  Callers should say
 * so wherever they show a converted figure.
 */
#ifndef POWSTAT_RATE_H
#define POWSTAT_RATE_H

#include <stdint.h>

#include <stdio.h>

#include "powstat/prop.h"
#include "powstat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

#define PST_RATE_UNIT_DAYS 30.0       /* rates are per 30 days ... */
#define PST_RATE_UNIT_PERSONS 1000.0  /* ... per 1,000 persons */

/* Person-days of a window of `days` (> 0, finite) in which the population
 * goes from n0 to n1 (>= 0, finite, not both 0): days (n0 + n1) / 2.
 * Returns PST_OK or PST_EINVAL (out untouched). */
int pst_person_time(double n0, double n1, double days, double *out);

/* Death rate per person-day k / pt and its exact Poisson (Garwood) interval
 * at `level` (two-sided).  k <= 2^53, pt > 0 finite, 0 < level < 1.
 * rate and ci may be NULL.  Returns PST_OK, PST_EINVAL, or PST_ENOCONV from
 * the gamma quantile (not observed; tested). */
int pst_rate_ci(uint64_t k, double pt, double level, double *rate, pst_interval *ci);

/* Mortality over `window` days under a constant hazard `per_day` (deaths per
 * person-day): 1 - exp(-per_day * window), via expm1.  NaN if per_day < 0,
 * window < 0 or either is not finite. */
double pst_rate_mortality(double per_day, double window);

/* A mortality proportion m (0 <= m <= 1) observed over `from_days` converted
 * to `to_days` under a constant hazard: 1 - (1 - m)^(to/from), computed as
 * -expm1(log1p(-m) to/from).  NaN outside the domain (from_days <= 0). */
double pst_mortality_convert(double m, double from_days, double to_days);

/* The constant hazard (per person-day) of a mortality m over `days`:
 * -log1p(-m) / days; +Inf at m = 1.  NaN outside the domain. */
double pst_mortality_hazard(double m, double days);

/* ---- observation windows (datasets/windows.csv) ------------------------ */

/* The time window of a dataset estimate: deaths counted over `days` days in
 * a population going from pop_start to pop_end (PST_WINDOW_MISSING when the
 * source gives none: the estimate's own denominator is then used). */
#define PST_WINDOW_MISSING INT64_C(-1)
typedef struct {
  char *id;          /* estimate id (estimates.csv) */
  char *window;      /* the window as the source words it */
  double days;       /* length used, > 0 */
  double days_stated;/* length as the text states it if different, else NaN */
  int64_t pop_start, pop_end;
  char *note;
  long line;            /* the line its record starts on */
  long id_line, id_col; /* where its id cell is: callers' diagnostics about the id */
} pst_window;

typedef struct {
  pst_window *v;
  size_t n;
} pst_windows;

/* Load a windows file: columns id, days (required), window, days_stated,
 * population_start, population_end, note; x_ columns ignored.  days must be
 * a positive finite number, counts whole numbers (thousands separators
 * allowed), ids unique.  fp is read to its end, not closed; name is used in
 * diagnostics.  Returns PST_OK, or PST_EDATA/PST_ELIMIT/PST_EIO with d
 * filled (FILE:LINE:COL), PST_ENOMEM.  out must be freed in any case. */
int pst_windows_load(FILE *fp, const char *name, pst_windows *out, pst_diag *d);
/* The window with this id, NULL if none (points into w). */
const pst_window *pst_windows_find(const pst_windows *w, const char *id);
/* Free what pst_windows_load allocated (also after a failure). */
void pst_windows_free(pst_windows *w);

#ifdef __cplusplus
}
#endif
#endif
