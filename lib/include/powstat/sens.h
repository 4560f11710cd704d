/* powstat/sens.h -- sensitivity analysis of a model over Monte Carlo inputs.
 *
 * A model is a function of the input values, f(x[0..k)), e.g. the ratio of
 * two groups' mortality.  Three analyses:
 *
 *   one-way   each input at its low and at its high value with every other
 *             input at its base value (tornado data), sorted by swing;
 *   two-way   a grid over two inputs, the others at base (heatmap data);
 *   Sobol     global variance-based indices with independent inputs
 *             (Sobol' 1993): first-order S_i by the Saltelli et al. (2010)
 *             estimator, Comput. Phys. Commun. 181:259, Table 2 (b),
 *                 V S_i  = 1/N sum_j (f(B)_j - f0) (f(A_B^i)_j - f(A)_j),
 *             (f0 the mean over A and B: centring leaves the expectation
 *             unchanged and removes most of the variance when |f0| is large),
 *             total ST_i by Jansen's (1999) estimator, ibid. Table 2 (f),
 *                 V ST_i = 1/(2N) sum_j (f(A)_j - f(A_B^i)_j)^2,
 *             where A, B are two independent N-row samples, A_B^i is A with
 *             factor i taken from B, and V is the variance of f over A and B
 *             together.  Cost: N (k + 2) model evaluations.
 *
 * Sobol factors.  By default each input is one factor.  With split_mixtures,
 * a source-mixture input with several components becomes two factors,
 * "NAME:source" (which estimate is chosen) and "NAME:range" (where the counts
 * fall within the chosen estimate's ranges), so the indices say whether the
 * disagreement between sources or the ranges within sources drives the
 * output.  Mixture sampling noise (pst_mc_input.sampling) is not a factor:
 * the split analysis is between-source only.
 *
 * Honesty.  Estimates are reported at N = 2^m for m = m_min .. log2(N)
 * (convergence), with bootstrap percentile intervals (resampling the N rows).
 * An index is flagged PST_SENS_NEGATIVE when its estimate is below zero (a
 * true index never is: it is estimation noise about a value near 0) and
 * PST_SENS_UNCONVERGED when it moved by more than tol between N/2 and N or
 * its bootstrap interval is wider than 2 tol.
 */
#ifndef POWSTAT_SENS_H
#define POWSTAT_SENS_H

#include <stddef.h>
#include <stdint.h>

#include "powstat/mc.h"
#include "powstat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The model: output at input values x[0..k).  NaN means undefined. */
typedef double (*pst_sens_fn)(const double *x, size_t k, void *ctx);

/* ---- one-way (tornado) ---------------------------------------------------- */

typedef struct {
  size_t input;                /* index into the inputs */
  double low, high, base;      /* the input's values */
  double out_low, out_high;    /* model output with this input at low / high */
  double out_base;             /* model output with every input at base */
} pst_tornado_row;

/* Evaluate f at base, then each input i at low[i] and high[i] (others at
 * base).  rows[0..k) receive one row per input, sorted by decreasing swing
 * |out_high - out_low| (ties in input order).  Returns PST_OK or PST_EINVAL
 * (k == 0, NULL pointers) or PST_ENOMEM. */
int pst_sens_oneway(size_t k, const double *low, const double *high, const double *base,
                    pst_sens_fn f, void *ctx, pst_tornado_row *rows);

/* ---- two-way grid ---------------------------------------------------------- */

/* values[iy * nx + ix] = f with input xi = xs[ix], input yi = ys[iy] and the
 * others at base.  Returns PST_OK or PST_EINVAL (xi == yi, index >= k, empty
 * grid) or PST_ENOMEM. */
int pst_sens_grid(size_t k, const double *base, size_t xi, const double *xs, size_t nx, size_t yi,
                  const double *ys, size_t ny, pst_sens_fn f, void *ctx, double *values);

/* ---- Sobol ------------------------------------------------------------------ */

enum { PST_SENS_NEGATIVE = 1, PST_SENS_UNCONVERGED = 2 };

typedef struct {
  size_t n;           /* N, base sample size: a power of two >= 2^m_min */
  unsigned m_min;     /* first convergence step N = 2^m_min (>= 1) */
  uint64_t seed;
  size_t bootstrap;   /* resamples for the intervals (0: none) */
  double level;       /* bootstrap interval level in (0, 1) */
  double tol;         /* convergence tolerance (see above), > 0 */
  int split_mixtures;
} pst_sobol_opts;

typedef struct {
  char *name;         /* input name, or "NAME:source" / "NAME:range" */
  size_t input;       /* the input it belongs to */
  double S, ST;       /* at N */
  double S_lo, S_hi, ST_lo, ST_hi; /* bootstrap percentile interval (NaN if none) */
  int flags;          /* PST_SENS_NEGATIVE | PST_SENS_UNCONVERGED */
} pst_sobol_index;

typedef struct {
  size_t nfactors;
  pst_sobol_index *f;
  size_t nsteps;      /* convergence steps: N = n_at[s] */
  size_t *n_at;
  double *S_at, *ST_at; /* [s * nfactors + i] */
  double mean, var;   /* of f over A and B (2N values) */
  uint64_t evaluations;
} pst_sobol_result;

/* Sobol indices of f over the inputs (after pst_mc_input_finish).  Factor
 * draws come from one GSL taus2 stream per (factor, sample matrix) seeded
 * from seed by splitmix64, so results depend on the seed only.  Returns
 * PST_OK, PST_EINVAL (bad options, no input), PST_EUNDEF (f returned NaN, or
 * the output has zero variance: no index is defined) or PST_ENOMEM. */
int pst_sobol(const pst_mc_inputs *in, pst_sens_fn f, void *ctx, const pst_sobol_opts *o,
              pst_sobol_result *r);

/* Free the arrays of a pst_sobol result (also after a failure). */
void pst_sobol_free(pst_sobol_result *r);

#ifdef __cplusplus
}
#endif
#endif
