/* powstat/mc.h -- Monte Carlo over uncertain mortality proportions.
 *
 * An *input* is one population's mortality proportion (deaths / denominator)
 * whose value is uncertain.  Its distribution is one of
 *
 *   fixed        a single value
 *   uniform      U(low, high)
 *   triangular   Tri(low, mode, high), drawn by inverse CDF
 *   pert         low + (high-low) Beta(1 + 4(mode-low)/(high-low),
 *                                      1 + 4(high-mode)/(high-low))
 *                (Vose, Risk Analysis, 3rd ed. 2008, sec. 9.1.4; the "PERT" of
 *                Malcolm et al. 1959 with the usual lambda = 4)
 *   normal       N(mean, sd)
 *   lognormal    exp(N(meanlog, sdlog))  (R's rlnorm(meanlog, sdlog))
 *   beta         from counts: Beta(k + 1/2, n - k + 1/2), the Jeffreys
 *                posterior of a binomial proportion (sampling uncertainty)
 *   mixture      "one of these sources": a component (a dataset estimate) is
 *                chosen with its weight, then its deaths and its denominator
 *                are each drawn within their own low..high range (uniform by
 *                default, or triangular/PERT about the point), and the draw is
 *                deaths / denominator (between-source uncertainty).  With
 *                `sampling` set, a Jeffreys Beta at the drawn counts is drawn
 *                on top (between-source + sampling).
 *
 * Every draw is clamped into [0, 1] (a proportion); draws that had to be
 * clamped are counted and reported, never hidden.
 *
 * Reproducibility.  pst_mc_run draws in blocks of PST_MC_BLOCK draws.  Each
 * (block, input) pair has its own GSL taus2 stream whose seed is derived from
 * (base seed, block index, input name) by splitmix64 (Steele, Lea and Flood,
 * OOPSLA 2014), never from the thread that happens to run the block; block
 * results are combined in block order.  So the same seed gives bit-identical
 * results for any thread count, and an input's draws do not change when other
 * inputs are added to the model.
 *
 * Quantiles.  With `keep` set, every draw is kept and quantiles are exact
 * (R's default type 7, linear interpolation between order statistics).
 * Otherwise memory is bounded (it does not grow with the number of draws):
 * each output is counted in PST_MC_NBINS fine bins -- mortality on [0, 1],
 * difference on [-1, 1], ratio on a log-linear scale over [2^-14, 2^14)
 * (each octave split in 2^14 equal bins, as in HdrHistogram) -- and a
 * quantile is read off the piecewise-linear CDF; its error is at most one bin
 * width (pst_mc_quantile_error: 3.8e-6 absolute for a mortality, 7.6e-6 for a
 * difference, 6.1e-5 relative for a ratio).  Ratios outside that range
 * are counted (pst_mc_summary.outside) and a quantile among them is
 * PST_EUNDEF.
 */
#ifndef POWSTAT_MC_H
#define POWSTAT_MC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <gsl/gsl_rng.h>

#include "powstat/dataset.h"
#include "powstat/status.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum {
  PST_MC_FIXED,
  PST_MC_UNIFORM,
  PST_MC_TRIANGULAR,
  PST_MC_PERT,
  PST_MC_NORMAL,
  PST_MC_LOGNORMAL,
  PST_MC_BETA,
  PST_MC_MIXTURE
} pst_mc_kind;

/* How a mixture component's deaths and denominator are drawn in their range. */
typedef enum {
  PST_MC_WITHIN_UNIFORM,    /* U(low, high); the point plays no role */
  PST_MC_WITHIN_TRIANGULAR, /* Tri(low, point, high); midpoint when no point */
  PST_MC_WITHIN_PERT        /* PERT(low, point, high); midpoint when no point */
} pst_mc_within;

/* One component of a mixture: an estimate's ranges.  For a count given only
 * as a point, lo == mode == hi.  mode is the point (or the midpoint). */
typedef struct {
  char *id;          /* estimate id */
  double weight;     /* normalised so that the weights of a mixture sum to 1 */
  double d_lo, d_mode, d_hi; /* deaths */
  double c_lo, c_mode, c_hi; /* denominator */
} pst_mc_component;

typedef struct {
  char *name;        /* input name (a group id for mortality inputs) */
  pst_mc_kind kind;
  double p[3];       /* fixed: value; uniform: low, high; triangular/pert: low,
                        mode, high; normal: mean, sd; lognormal: meanlog, sdlog;
                        beta: a, b (k + 1/2, n - k + 1/2) */
  pst_mc_component *comp; /* mixture components (kind == PST_MC_MIXTURE) */
  size_t ncomp;
  double *cum;       /* cumulative weights of comp (internal, from pst_mc_input_finish) */
  pst_mc_within within;
  int sampling;      /* mixture: add Jeffreys-Beta sampling at the drawn counts */
  char *left_out;    /* derived mixtures: "ID (reason); ..." of rows not used, or NULL */
  long line;         /* line in the spec file (0 when derived) */
} pst_mc_input;

typedef struct {
  pst_mc_input *v;
  size_t n;
} pst_mc_inputs;

/* A comparison of two inputs. */
typedef struct {
  size_t a, b; /* input indices: ratio a / b and difference a - b */
} pst_mc_pair;

/* ---- inputs --------------------------------------------------------------- */

/* Check the parameters of in and precompute what drawing needs (mixture
 * cumulative weights).  Returns PST_OK or PST_EINVAL with d->msg saying why
 * (low > high, mode outside [low, high], sd < 0, a beta count k > n, a
 * mixture without components or with a negative or all-zero weight, ...). */
int pst_mc_input_finish(pst_mc_input *in, pst_diag *d);

/* One draw of in (after pst_mc_input_finish) with the GSL generator rng.
 * The value is not clamped; pst_mc_run clamps. */
double pst_mc_draw(const pst_mc_input *in, gsl_rng *rng);

/* n draws of in into out[0..n): the same values as n calls of pst_mc_draw,
 * faster for uniform-within mixtures drawn with taus/taus2 (the generator
 * step is inlined). */
void pst_mc_draw_block(const pst_mc_input *in, gsl_rng *rng, double *out, size_t n);

/* Inverse CDF of the within-range distribution at u in [0, 1]. */
double pst_mc_within_inv(pst_mc_within w, double lo, double mode, double hi, double u);

/* Inverse CDF of a triangular distribution (low <= mode <= high), u in [0, 1]. */
double pst_mc_triangular_inv(double lo, double mode, double hi, double u);

/* Mixture: the component chosen by u in [0, 1) (weighted), and the value of
 * component c at range positions ud (deaths) and uc (denominator) in [0, 1]. */
size_t pst_mc_mixture_pick(const pst_mc_input *in, double u);
double pst_mc_component_value(const pst_mc_input *in, size_t c, double ud, double uc);

/* Quantile of in at probability p in [0, 1].  Exact (closed form, or the
 * accurate beta quantile of dist.h) for every kind but mixture; a mixture's is
 * estimated from n_mc draws with the given seed (type 7).  Returns PST_OK,
 * PST_EINVAL, PST_ENOMEM or PST_ENOCONV. */
int pst_mc_input_quantile(const pst_mc_input *in, double p, size_t n_mc, uint64_t seed, double *q);

const char *pst_mc_kind_name(pst_mc_kind k);
int pst_mc_kind_parse(const char *s, pst_mc_kind *k);     /* PST_OK or PST_EINVAL */
const char *pst_mc_within_name(pst_mc_within w);
int pst_mc_within_parse(const char *s, pst_mc_within *w); /* PST_OK or PST_EINVAL */

/* Free an input's (or a set of inputs') allocations; NULL is fine. */
void pst_mc_input_free(pst_mc_input *in);
void pst_mc_inputs_free(pst_mc_inputs *v);
/* Index of the input named name, or -1. */
long pst_mc_inputs_find(const pst_mc_inputs *v, const char *name);

/* Move every input of over into base, replacing a same-named input of base
 * in place (so an input keeps its position) and appending the others; over
 * is left empty.  Returns PST_OK or PST_ENOMEM (then both are unchanged). */
int pst_mc_inputs_merge(pst_mc_inputs *base, pst_mc_inputs *over);

/* Parse comparisons "A:B[,C:D...]" of input names into a new array (*pairs,
 * free()).  Returns PST_OK, PST_EINVAL (syntax, A == B; d->msg says why),
 * PST_ENOTFOUND (no input of that name; d->msg names it) or PST_ENOMEM. */
int pst_mc_parse_pairs(const pst_mc_inputs *in, const char *s, pst_mc_pair **pairs, size_t *n,
                       pst_diag *d);

/* ---- inputs from the datasets ------------------------------------------- */

/* One mixture input per group of e that has at least one usable estimate
 * (in order of first appearance), equal weights.  How rows enter:
 *   - deaths (point and/or low..high) and denominator (point and/or
 *     low..high) both present: a component, each count drawn in its range
 *     (a missing low or high falls back to the point);
 *   - no deaths figure at all: left out ("no deaths");
 *   - no denominator: left out ("no denominator": a mortality needs one);
 *   - no counts at all (a stated percentage only): left out ("no counts");
 *   - same source and identical counts as an earlier row of the group: left
 *     out as a duplicate of it ("duplicate of ID"), keeping the row whose
 *     `verified` is "yes" when the two differ.
 * Rows without a group are ignored.  Every left-out row of a group that has an
 * input is listed in its left_out text.  Returns PST_OK or PST_ENOMEM. */
int pst_mc_inputs_from_estimates(const pst_estimates *e, pst_mc_within within, int sampling,
                                 pst_mc_inputs *out);

/* The spec file (CSV, columns documented in datasets/README.md, "Monte Carlo
 * input specification"): header-driven through schema.h, FILE:LINE:COL
 * diagnostics.  Rows of dist "estimate" refer to est (which may be NULL if
 * there are none) and rows with the same input name form one mixture; all
 * estimates of one mixture must share a group.  Inputs are appended to out in
 * order of first appearance.  Returns PST_OK, PST_EDATA/PST_ELIMIT/PST_EIO with
 * d filled, PST_ENOTFOUND (unknown estimate id, d filled) or PST_ENOMEM.
 * On failure out holds what it held before (nothing to free if it was empty). */
int pst_mc_spec_load(FILE *fp, const char *name, const pst_estimates *est, pst_mc_within within,
                     int sampling, pst_mc_inputs *out, pst_diag *d);

/* ---- the simulation ------------------------------------------------------ */

#define PST_MC_BLOCK 65536        /* draws per block (one stream per block and input) */
#define PST_MC_NBINS (1u << 18)   /* fine bins per output when draws are not kept */
#define PST_MC_RATIO_MIN 6.103515625e-05 /* 2^-14: range of the ratio bins */
#define PST_MC_RATIO_MAX 16384.0         /* 2^14 */
#define PST_MC_KEEP_MAX (UINT64_C(1) << 27) /* kept values (draws x outputs) at most */

typedef struct {
  const pst_mc_inputs *inputs;
  const pst_mc_pair *pairs;
  size_t npairs;
  const double *thresholds; /* P(ratio > t) for each pair and threshold */
  size_t nthresholds;
} pst_mc_model;

typedef struct {
  uint64_t draws;    /* >= 1 */
  uint64_t seed;
  unsigned threads;  /* >= 1; results do not depend on it */
  int keep;          /* keep every draw: exact quantiles, pst_mc_draws */
  /* Called (from worker threads, one call at a time) after each block with the
   * draws done so far; may be NULL.  Returning nonzero cancels the run. */
  int (*progress)(void *ctx, uint64_t done, uint64_t total);
  void *progress_ctx;
} pst_mc_opts;

typedef enum { PST_MC_OUT_MORTALITY, PST_MC_OUT_RATIO, PST_MC_OUT_DIFFERENCE } pst_mc_outkind;

typedef struct {
  pst_mc_outkind kind;
  size_t input;      /* mortality: the input; ratio/difference: the pair index */
  uint64_t n;        /* defined draws */
  uint64_t undefined;/* ratio: draws with a zero denominator mortality */
  uint64_t clamped;  /* mortality: draws clamped into [0, 1] */
  uint64_t outside;  /* binned ratio: defined draws outside the bin range */
  double mean, sd, min, max;
} pst_mc_summary;

typedef struct pst_mc_result pst_mc_result;

/* Run the model.  Outputs are numbered: first one mortality per input (in
 * input order), then for each pair its ratio and its difference.
 * Returns PST_OK, PST_EINVAL (no inputs, a pair index out of range, draws 0,
 * threads 0), PST_ELIMIT (keep with draws x outputs > PST_MC_KEEP_MAX),
 * PST_ENOMEM, PST_EIO (a thread could not be started) or PST_EUNDEF
 * (cancelled by the progress callback).  *out is NULL on failure. */
int pst_mc_run(const pst_mc_model *m, const pst_mc_opts *o, pst_mc_result **out);

/* Number of outputs of a run (groups, then the ratio and difference of each
 * pair), and the summary of output out < pst_mc_noutputs(r) into *s. */
size_t pst_mc_noutputs(const pst_mc_result *r);
void pst_mc_summary_get(const pst_mc_result *r, size_t out, pst_mc_summary *s);

/* Quantile of output `out` at probability p: type 7 on the kept draws, else
 * from the bins.  Returns PST_OK, PST_EINVAL, or PST_EUNDEF when there is no
 * defined draw or the quantile falls outside the bin range (ratios). */
int pst_mc_quantile(const pst_mc_result *r, size_t out, double p, double *q);

/* Bound on the absolute error of pst_mc_quantile's value q for output out:
 * 0 when draws are kept, else one bin width at q. */
double pst_mc_quantile_error(const pst_mc_result *r, size_t out, double q);

/* Number of defined draws of pair `pair`'s ratio that exceed thresholds[t]. */
uint64_t pst_mc_exceed(const pst_mc_result *r, size_t pair, size_t t);

/* Kept draws of output out (NaN marks an undefined ratio), or NULL when the
 * run did not keep them.  Valid until pst_mc_free. */
const double *pst_mc_draws(const pst_mc_result *r, size_t out);

/* Histogram of output out in nbins equal bins over [lo, hi] (lo < hi); draws
 * outside go nowhere.  From the kept draws when there are some, else by
 * rebinning the fine bins (each fine bin goes to the bin of its midpoint).
 * Returns PST_OK or PST_EINVAL. */
int pst_mc_histogram(const pst_mc_result *r, size_t out, size_t nbins, double lo, double hi,
                     uint64_t *counts);

/* splitmix64 finaliser (exposed for tests). */
uint64_t pst_mc_mix64(uint64_t x);

void pst_mc_free(pst_mc_result *r);

#ifdef __cplusplus
}
#endif
#endif
