/* test_mc.c -- Monte Carlo inputs, default mixtures, spec loader, engine.
 * Reference values: tests/ref/mc_ref.R (Rscript, R 4.2); each is quoted
 * with its generating call.  Statistical checks use tolerances of 5 Monte
 * Carlo standard errors, computed from the stated N, with fixed seeds (so
 * they are deterministic, and would fail if the sampler were biased). */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "powstat/dataset.h"
#include "powstat/mc.h"

static void setup(void) { gsl_set_error_handler_off(); }
TestSuite(mc, .init = setup);

static int rel_eq(double a, double b, double tol) { return fabs(a - b) <= tol * fabs(b); }

static pst_mc_input param(pst_mc_kind k, double a, double b, double c)
{
  pst_mc_input in;
  memset(&in, 0, sizeof in);
  in.name = strdup("x");
  in.kind = k;
  in.p[0] = a;
  in.p[1] = b;
  in.p[2] = c;
  return in;
}

Test(mc, splitmix64_known_output)
{
  /* first output of the reference splitmix64 seeded with 0 (Vigna's
   * splitmix64.c): 0xe220a8397b1dcdaf */
  cr_assert(eq(u64, pst_mc_mix64(0), UINT64_C(0xe220a8397b1dcdaf)));
}

Test(mc, quantiles_match_r)
{
  struct { pst_mc_kind k; double a, b, c, p, ref; } cases[] = {
    /* qtri(0.1, 0.2, 0.3, 0.7), qtri(0.9, ...) (explicit inverse CDF in R) */
    {PST_MC_TRIANGULAR, 0.2, 0.3, 0.7, 0.1, 0.27071067811865474},
    {PST_MC_TRIANGULAR, 0.2, 0.3, 0.7, 0.9, 0.55857864376269051},
    /* 0.4 + 0.2 * qbeta(p, 1 + 4*0.15/0.2, 1 + 4*0.05/0.2), p = 0.025, 0.9999 */
    {PST_MC_PERT, 0.4, 0.55, 0.6, 0.025, 0.45671641277638214},
    {PST_MC_PERT, 0.4, 0.55, 0.6, 0.9999, 0.59936553332544507},
    /* qnorm(0.975, 0.3, 0.05) */
    {PST_MC_NORMAL, 0.3, 0.05, 0, 0.975, 0.39799819922700269},
    /* qlnorm(0.5, -1.2, 0.3), qlnorm(0.9, -1.2, 0.3) */
    {PST_MC_LOGNORMAL, -1.2, 0.3, 0, 0.5, 0.30119421191220214},
    {PST_MC_LOGNORMAL, -1.2, 0.3, 0, 0.9, 0.44240278643747744},
    /* Jeffreys beta from counts: qbeta(0.025, 41.5, 119959.5),
     * qbeta(0.975, 3300000.5, 2400000.5), qbeta(0.5, 0.5, 1.5) (k = 0, n = 1) */
    {PST_MC_BETA, 41.5, 119959.5, 0, 0.025, 0.00024872667998624396},
    {PST_MC_BETA, 3300000.5, 2400000.5, 0, 0.975, 0.57935264858885782},
    {PST_MC_BETA, 0.5, 1.5, 0, 0.5, 0.16319398540839256},
    /* uniform and fixed: closed forms */
    {PST_MC_UNIFORM, 0.2, 0.6, 0, 0.25, 0.3},
    {PST_MC_FIXED, 0.42, 0, 0, 0.9999, 0.42},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    pst_mc_input in = param(cases[i].k, cases[i].a, cases[i].b, cases[i].c);
    double q;
    cr_assert(eq(int, pst_mc_input_finish(&in, NULL), PST_OK));
    cr_assert(eq(int, pst_mc_input_quantile(&in, cases[i].p, 0, 1, &q), PST_OK));
    cr_assert(rel_eq(q, cases[i].ref, 1e-9), "case %zu: %.17g vs %.17g", i, q, cases[i].ref);
    pst_mc_input_free(&in);
  }
}

Test(mc, triangular_ends_and_degenerate)
{
  cr_assert(eq(dbl, pst_mc_triangular_inv(0.2, 0.3, 0.7, 0), 0.2));
  cr_assert(eq(dbl, pst_mc_triangular_inv(0.2, 0.3, 0.7, 1), 0.7));
  /* mode at an end */
  cr_assert(rel_eq(pst_mc_triangular_inv(0, 0, 1, 0.75), 0.5, 1e-15));
  cr_assert(eq(dbl, pst_mc_triangular_inv(0.3, 0.3, 0.3, 0.5), 0.3));
}

Test(mc, finish_rejects_bad_parameters)
{
  pst_diag d;
  pst_mc_input in = param(PST_MC_UNIFORM, 0.6, 0.2, 0);
  cr_assert(eq(int, pst_mc_input_finish(&in, &d), PST_EINVAL));
  cr_assert(strstr(d.msg, "low <= high") != NULL, "%s", d.msg);
  pst_mc_input_free(&in);
  in = param(PST_MC_TRIANGULAR, 0.2, 0.8, 0.6);
  cr_assert(eq(int, pst_mc_input_finish(&in, &d), PST_EINVAL));
  pst_mc_input_free(&in);
  in = param(PST_MC_NORMAL, 0.2, -1, 0);
  cr_assert(eq(int, pst_mc_input_finish(&in, &d), PST_EINVAL));
  pst_mc_input_free(&in);
  in = param(PST_MC_BETA, 0, 3, 0);
  cr_assert(eq(int, pst_mc_input_finish(&in, &d), PST_EINVAL));
  pst_mc_input_free(&in);
  in = param(PST_MC_MIXTURE, 0, 0, 0);
  cr_assert(eq(int, pst_mc_input_finish(&in, &d), PST_EINVAL));
  pst_mc_input_free(&in);
}

/* Sample mean of n draws of in against its exact mean, within 5 SE. */
static void check_mean(pst_mc_input *in, double mean, double sd)
{
  gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
  const size_t n = 200000;
  double s = 0;
  gsl_rng_set(r, 12345);
  for (size_t i = 0; i < n; i++) s += pst_mc_draw(in, r);
  gsl_rng_free(r);
  s /= (double)n;
  cr_assert(fabs(s - mean) < 5 * sd / sqrt((double)n), "%s: mean %.10g, expected %.10g",
            pst_mc_kind_name(in->kind), s, mean);
}

Test(mc, draws_have_the_right_mean)
{
  pst_mc_input in;
  /* triangular mean (a+m+b)/3, var (a²+m²+b²-am-ab-mb)/18 */
  in = param(PST_MC_TRIANGULAR, 0.2, 0.3, 0.7);
  pst_mc_input_finish(&in, NULL);
  check_mean(&in, 0.4, sqrt((0.04 + 0.09 + 0.49 - 0.06 - 0.14 - 0.21) / 18));
  pst_mc_input_free(&in);
  /* PERT mean (a + 4m + b)/6 */
  in = param(PST_MC_PERT, 0.4, 0.55, 0.6);
  pst_mc_input_finish(&in, NULL);
  check_mean(&in, (0.4 + 4 * 0.55 + 0.6) / 6, 0.05);
  pst_mc_input_free(&in);
  /* lognormal mean exp(mu + s²/2) */
  in = param(PST_MC_LOGNORMAL, -1.2, 0.3, 0);
  pst_mc_input_finish(&in, NULL);
  check_mean(&in, exp(-1.2 + 0.045), 0.1);
  pst_mc_input_free(&in);
  /* beta from counts 41 of 120000: mean 41.5 / 120001 */
  in = param(PST_MC_BETA, 41.5, 119959.5, 0);
  pst_mc_input_finish(&in, NULL);
  check_mean(&in, 41.5 / 120001.0, sqrt(41.5) / 120001.0);
  pst_mc_input_free(&in);
  /* counts in the billions: Beta(1e9 + 0.5, 2e9 + 0.5) */
  in = param(PST_MC_BETA, 1e9 + 0.5, 2e9 + 0.5, 0);
  pst_mc_input_finish(&in, NULL);
  check_mean(&in, (1e9 + 0.5) / (3e9 + 1), 1e-5);
  pst_mc_input_free(&in);
}

static pst_mc_input mixture2(void)
{
  /* component A: deaths 100..300 over 1000 (mortality 0.1..0.3, mean 0.2);
   * component B: a point 500/1000, weight 3 (normalised 0.75) */
  pst_mc_input in;
  memset(&in, 0, sizeof in);
  in.name = strdup("mix");
  in.kind = PST_MC_MIXTURE;
  in.ncomp = 2;
  in.comp = calloc(2, sizeof *in.comp);
  in.comp[0] = (pst_mc_component){strdup("A"), 1, 100, 200, 300, 1000, 1000, 1000};
  in.comp[1] = (pst_mc_component){strdup("B"), 3, 500, 500, 500, 1000, 1000, 1000};
  cr_assert(eq(int, pst_mc_input_finish(&in, NULL), PST_OK));
  return in;
}

Test(mc, mixture_weights_and_ranges)
{
  pst_mc_input in = mixture2();
  gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
  size_t n = 200000, nb = 0;
  double lo = 1, hi = 0;
  cr_assert(eq(dbl, in.comp[0].weight, 0.25));
  cr_assert(eq(sz, pst_mc_mixture_pick(&in, 0.2499), 0));
  cr_assert(eq(sz, pst_mc_mixture_pick(&in, 0.25), 1));
  cr_assert(eq(dbl, pst_mc_component_value(&in, 0, 0.5, 0.5), 0.2));
  gsl_rng_set(r, 7);
  for (size_t i = 0; i < n; i++) {
    double x = pst_mc_draw(&in, r);
    if (x == 0.5) nb++;
    else {
      lo = fmin(lo, x);
      hi = fmax(hi, x);
    }
  }
  gsl_rng_free(r);
  /* share of component B: 0.75 within 5 SE; A's draws stay in 0.1..0.3 */
  cr_assert(fabs((double)nb / (double)n - 0.75) < 5 * sqrt(0.75 * 0.25 / (double)n));
  cr_assert(lo >= 0.1 && hi <= 0.3 && lo < 0.101 && hi > 0.299, "%g %g", lo, hi);
  pst_mc_input_free(&in);
}

Test(mc, mixture_quantile_type7)
{
  /* one point component: every quantile is the point */
  pst_mc_input in = mixture2();
  double q;
  in.comp[0].weight = 0;
  in.comp[1].weight = 1;
  pst_mc_input_finish(&in, NULL);
  cr_assert(eq(int, pst_mc_input_quantile(&in, 0.3, 1000, 1, &q), PST_OK));
  cr_assert(eq(dbl, q, 0.5));
  pst_mc_input_free(&in);
}

static const char *EST =
  "id,source,group,captured_low,captured,captured_high,deaths_low,deaths,deaths_high,verified\n"
  "S01,a,g1,,\"5,700,000\",,,\"3,300,000\",,yes\n"
  "S03,b,g1,,\"6,000,000\",,\"2,800,000\",\"3,000,000\",\"3,300,000\",yes\n"
  "S04,c,g1,\"5,270,000\",\"5,754,000\",,,,,yes\n"
  "ART01,d,g1,,,,,,,yes\n"
  "G04,e,g2,,,,,\"423,168\",,yes\n"
  "G06,f,g2,,\"3,000,000\",,\"363,000\",,\"1,000,000\",yes\n"
  "G08,d,g2,,\"3,576,300\",,,\"442,100\",,memory\n"
  "ART02,d,g2,,\"3,576,300\",,,\"442,100\",,yes\n"
  "P01,g,g3,,\"1,539,475\",,,,,yes\n";

static void load_est(pst_estimates *e, const char *text)
{
  FILE *fp = fmemopen((void *)text, strlen(text), "r");
  pst_diag d;
  cr_assert(eq(int, pst_estimates_load(fp, "e.csv", e, &d), PST_OK), "%s", d.msg);
  fclose(fp);
}

Test(mc, default_inputs_from_estimates)
{
  pst_estimates e = {0};
  pst_mc_inputs in = {0};
  load_est(&e, EST);
  cr_assert(eq(int, pst_mc_inputs_from_estimates(&e, PST_MC_WITHIN_UNIFORM, 0, &in), PST_OK));
  /* g3 has no usable row: no input */
  cr_assert(eq(sz, in.n, 2));
  cr_assert(eq(str, in.v[0].name, "g1"));
  cr_assert(eq(sz, in.v[0].ncomp, 2));
  cr_assert(eq(str, in.v[0].comp[1].id, "S03"));
  cr_assert(eq(dbl, in.v[0].comp[1].d_lo, 2800000));
  cr_assert(eq(dbl, in.v[0].comp[1].d_mode, 3000000));
  cr_assert(eq(dbl, in.v[0].comp[1].d_hi, 3300000));
  cr_assert(eq(str, in.v[0].left_out, "S04 (no deaths); ART01 (no counts)"));
  /* range-only deaths (G06): uniform in 363,000..1,000,000, mode the midpoint;
   * the verified duplicate is kept (ART02), the memory one left out */
  cr_assert(eq(sz, in.v[1].ncomp, 2));
  cr_assert(eq(str, in.v[1].comp[0].id, "G06"));
  cr_assert(eq(dbl, in.v[1].comp[0].d_mode, 681500));
  cr_assert(eq(str, in.v[1].comp[1].id, "ART02"));
  cr_assert(eq(str, in.v[1].left_out, "G04 (no denominator); G08 (duplicate of ART02)"));
  pst_mc_inputs_free(&in);
  pst_estimates_free(&e);
}

static int spec(const char *text, const pst_estimates *e, pst_mc_inputs *out, pst_diag *d)
{
  FILE *fp = fmemopen((void *)text, strlen(text), "r");
  int st;
  memset(d, 0, sizeof *d);
  st = pst_mc_spec_load(fp, "s.csv", e, PST_MC_WITHIN_UNIFORM, 0, out, d);
  fclose(fp);
  return st;
}

Test(mc, spec_file_loads_every_distribution)
{
  pst_estimates e = {0};
  pst_mc_inputs in = {0};
  pst_diag d;
  load_est(&e, EST);
  cr_assert(eq(int, spec("input,dist,value,low,mode,high,mean,sd,meanlog,sdlog,deaths,captured,estimate,weight,x_note\n"
                         "a,fixed,0.5,,,,,,,,,,,,my note\n"
                         "b,uniform,,0.1,,0.2,,,,,,,,,\n"
                         "c,triangular,,0.1,0.15,0.3,,,,,,,,,\n"
                         "d,pert,,0.1,0.15,0.3,,,,,,,,,\n"
                         "e,normal,,,,,0.3,0.01,,,,,,,\n"
                         "f,lognormal,,,,,,,-1.5,0.2,,,,,\n"
                         "g,beta,,,,,,,,,41,\"120,000\",,,\n"
                         "h,estimate,,,,,,,,,,,S01,2,\n"
                         "h,estimate,,,,,,,,,,,S03,1,\n",
                         &e, &in, &d), PST_OK), "%s:%ld:%ld: %s", d.file, d.line, d.col, d.msg);
  cr_assert(eq(sz, in.n, 8));
  cr_assert(eq(int, in.v[6].kind, PST_MC_BETA));
  cr_assert(eq(dbl, in.v[6].p[0], 41.5));
  cr_assert(eq(dbl, in.v[6].p[1], 119959.5));
  cr_assert(eq(int, in.v[7].kind, PST_MC_MIXTURE));
  cr_assert(eq(sz, in.v[7].ncomp, 2));
  cr_assert(rel_eq(in.v[7].comp[0].weight, 2.0 / 3.0, 1e-15));
  pst_mc_inputs_free(&in);
  pst_estimates_free(&e);
}

Test(mc, spec_file_errors_have_positions)
{
  pst_estimates e = {0};
  pst_mc_inputs in = {0};
  pst_diag d;
  struct { const char *text; int st; long line, col; const char *msg; } cases[] = {
    {"input,dist,value\na,fixd,0.5\n", PST_EDATA, 2, 3, "unknown distribution 'fixd'"},
    {"input,dist,value\na,fixed,45\n", PST_EDATA, 2, 9, "value must be a proportion in [0, 1] (got 45"},
    {"input,dist,low,high\na,uniform,0.3,0.2\n", PST_EDATA, 2, 15, "high is below low"},
    {"input,dist,low,mode,high\na,uniform,0.1,0.2,0.3\n", PST_EDATA, 2, 15, "column 'mode' is not a parameter of uniform"},
    {"input,dist,low,high\na,uniform,0.1,\n", PST_EDATA, 2, 15, "uniform needs a value in column 'high'"},
    {"input,dist,value\na,fixed,0.1\na,fixed,0.2\n", PST_EDATA, 3, 1, "already defined on line 2"},
    {"input,dist,estimate\nh,estimate,NOPE\n", PST_ENOTFOUND, 2, 12, "estimate 'NOPE' is not in"},
    {"input,dist,estimate\nh,estimate,S04\n", PST_EDATA, 2, 12, "S04 has no deaths"},
    {"input,dist,estimate\nh,estimate,S01\nh,estimate,G06\n", PST_EDATA, 3, 12, "a mixture is over one group"},
    {"input,dist,estimate,weight\nh,estimate,S01,1\nh,estimate,S03,\n", PST_EDATA, 3, 16, "on every row of a mixture or on none"},
    {"input,dist,deaths,captured\ng,beta,5,3\n", PST_EDATA, 2, 8, "deaths exceed captured"},
    {"input,dist,valeu\na,fixed,0.5\n", PST_EDATA, 1, 12, "unknown column 'valeu'"},
    {"input,dist,value\n", PST_EDATA, 1, 1, "defines no input"},
    {"input,dist,value\na,fixed,0,5\n", PST_EDATA, 2, 9, ""},
    {"input,dist,mean,sd\na,normal,0.5,1e\n", PST_EDATA, 2, 16, "sd:"},
  };
  load_est(&e, EST);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int st = spec(cases[i].text, &e, &in, &d);
    cr_assert(eq(int, st, cases[i].st), "case %zu: status %d (%s)", i, st, d.msg);
    cr_assert(eq(long, d.line, cases[i].line), "case %zu: line %ld (%s)", i, d.line, d.msg);
    if (i != 13) cr_assert(eq(long, d.col, cases[i].col), "case %zu: col %ld (%s)", i, d.col, d.msg);
    cr_assert(strstr(d.msg, cases[i].msg) != NULL, "case %zu: %s", i, d.msg);
    cr_assert(eq(sz, in.n, 0), "case %zu: inputs kept after a failure", i);
  }
  pst_estimates_free(&e);
}

/* ---- the engine ---- */

static pst_mc_inputs two_inputs(void)
{
  /* A fixed 0.5, B uniform(0.1, 0.4): ratio A/B > 2 iff B < 0.25, P = 0.5;
   * median ratio 0.5 / 0.25 = 2; difference mean 0.5 - 0.25 = 0.25 */
  pst_mc_inputs in;
  in.n = 2;
  in.v = calloc(2, sizeof *in.v);
  in.v[0] = param(PST_MC_FIXED, 0.5, 0, 0);
  in.v[1] = param(PST_MC_UNIFORM, 0.1, 0.4, 0);
  free(in.v[0].name);
  free(in.v[1].name);
  in.v[0].name = strdup("A");
  in.v[1].name = strdup("B");
  pst_mc_input_finish(&in.v[0], NULL);
  pst_mc_input_finish(&in.v[1], NULL);
  return in;
}

static pst_mc_result *run(const pst_mc_inputs *in, uint64_t draws, uint64_t seed, unsigned thr, int keep)
{
  static const pst_mc_pair pair = {0, 1};
  static const double t[] = {1, 2, 3};
  pst_mc_model m = {in, &pair, 1, t, 3};
  pst_mc_opts o;
  pst_mc_result *r = NULL;
  memset(&o, 0, sizeof o);
  o.draws = draws;
  o.seed = seed;
  o.threads = thr;
  o.keep = keep;
  cr_assert(eq(int, pst_mc_run(&m, &o, &r), PST_OK));
  return r;
}

Test(mc, engine_statistics)
{
  pst_mc_inputs in = two_inputs();
  const uint64_t n = 1000000;
  pst_mc_result *r = run(&in, n, 3, 2, 0);
  pst_mc_summary s;
  double q, se;
  cr_assert(eq(sz, pst_mc_noutputs(r), 4));
  pst_mc_summary_get(r, 1, &s);
  cr_assert(eq(u64, s.n, n));
  se = 0.3 / sqrt(12.0) / sqrt((double)n);
  cr_assert(fabs(s.mean - 0.25) < 5 * se, "%.10g", s.mean);
  cr_assert(fabs(s.sd - 0.3 / sqrt(12.0)) < 1e-3);
  cr_assert(s.min >= 0.1 && s.max <= 0.4);
  /* P(ratio > 2) = 0.5, P(ratio > 1) = 1, P(ratio > 3) = P(B < 1/6) = 2/9 */
  cr_assert(fabs((double)pst_mc_exceed(r, 0, 1) / (double)n - 0.5) < 5 * sqrt(0.25 / (double)n));
  cr_assert(eq(u64, pst_mc_exceed(r, 0, 0), n));
  cr_assert(fabs((double)pst_mc_exceed(r, 0, 2) / (double)n - 2.0 / 9.0) < 5 * sqrt(0.2 / (double)n));
  /* median ratio 2 (density of the ratio at 2: f_B(0.25) * 0.25/2 -> SE ~ 1e-3);
   * the binned quantile error bound is much smaller */
  cr_assert(eq(int, pst_mc_quantile(r, 2, 0.5, &q), PST_OK));
  cr_assert(fabs(q - 2) < 5e-3, "%.10g", q);
  cr_assert(pst_mc_quantile_error(r, 2, q) <= q * 6.103515625e-05);
  /* B's quantiles: 0.1 + 0.3 p */
  cr_assert(eq(int, pst_mc_quantile(r, 1, 0.025, &q), PST_OK));
  cr_assert(fabs(q - 0.1075) < 5e-4, "%.10g", q);
  /* the fixed input: every draw 0.5, quantile exactly 0.5 (clamped to min/max) */
  cr_assert(eq(int, pst_mc_quantile(r, 0, 0.9999, &q), PST_OK));
  cr_assert(eq(dbl, q, 0.5));
  pst_mc_free(r);
  pst_mc_inputs_free(&in);
}

Test(mc, binned_quantiles_agree_with_exact_ones)
{
  pst_mc_inputs in = two_inputs();
  pst_mc_result *a = run(&in, 300000, 9, 2, 0), *b = run(&in, 300000, 9, 2, 1);
  const double ps[] = {0.0005, 0.025, 0.5, 0.975, 0.9999};
  for (size_t k = 0; k < 4; k++)
    for (size_t i = 0; i < 5; i++) {
      double qa, qb;
      cr_assert(eq(int, pst_mc_quantile(a, k, ps[i], &qa), PST_OK));
      cr_assert(eq(int, pst_mc_quantile(b, k, ps[i], &qb), PST_OK));
      cr_assert(fabs(qa - qb) <= pst_mc_quantile_error(a, k, qb) + 1e-15,
                "output %zu p %g: binned %.17g exact %.17g bound %g", k, ps[i], qa, qb,
                pst_mc_quantile_error(a, k, qb));
    }
  cr_assert(eq(dbl, pst_mc_quantile_error(b, 0, 0.5), 0));
  pst_mc_free(a);
  pst_mc_free(b);
  pst_mc_inputs_free(&in);
}

Test(mc, exact_quantile_is_type7)
{
  /* 5 draws of a mixture of 5 equally weighted points 0.1, 0.4, 0.2, 0.9,
   * 0.5 are not those points; instead check type 7 on the kept draws directly */
  pst_mc_inputs in = two_inputs();
  pst_mc_result *r = run(&in, 5, 1, 1, 1);
  const double *x = pst_mc_draws(r, 1);
  double s[5], q, h;
  cr_assert(x != NULL);
  memcpy(s, x, sizeof s);
  for (int i = 0; i < 5; i++)
    for (int j = i + 1; j < 5; j++)
      if (s[j] < s[i]) { double t = s[i]; s[i] = s[j]; s[j] = t; }
  /* R: quantile(x, 0.1, type = 7) = x(1) + 0.4 (x(2) - x(1)) */
  cr_assert(eq(int, pst_mc_quantile(r, 1, 0.1, &q), PST_OK));
  h = s[0] + 0.4 * (s[1] - s[0]);
  cr_assert(rel_eq(q, h, 1e-15));
  cr_assert(eq(int, pst_mc_quantile(r, 1, 0.5, &q), PST_OK));
  cr_assert(eq(dbl, q, s[2]));
  pst_mc_free(r);
  pst_mc_inputs_free(&in);
}

static void same_results(pst_mc_result *a, pst_mc_result *b)
{
  for (size_t k = 0; k < pst_mc_noutputs(a); k++) {
    pst_mc_summary x, y;
    double qa, qb;
    pst_mc_summary_get(a, k, &x);
    pst_mc_summary_get(b, k, &y);
    cr_assert(eq(u64, x.n, y.n));
    cr_assert(memcmp(&x.mean, &y.mean, sizeof x.mean) == 0, "output %zu mean %.17g vs %.17g", k, x.mean, y.mean);
    cr_assert(memcmp(&x.sd, &y.sd, sizeof x.sd) == 0);
    cr_assert(eq(int, pst_mc_quantile(a, k, 0.025, &qa), PST_OK));
    cr_assert(eq(int, pst_mc_quantile(b, k, 0.025, &qb), PST_OK));
    cr_assert(memcmp(&qa, &qb, sizeof qa) == 0);
  }
  for (size_t t = 0; t < 3; t++) cr_assert(eq(u64, pst_mc_exceed(a, 0, t), pst_mc_exceed(b, 0, t)));
}

Test(mc, same_seed_same_bits_for_any_thread_count)
{
  pst_mc_inputs in = two_inputs();
  /* 5 blocks and a partial one */
  pst_mc_result *r1 = run(&in, 5 * PST_MC_BLOCK + 123, 77, 1, 0);
  unsigned thr[] = {2, 3, 8};
  for (size_t i = 0; i < 3; i++) {
    pst_mc_result *r = run(&in, 5 * PST_MC_BLOCK + 123, 77, thr[i], 0);
    same_results(r1, r);
    pst_mc_free(r);
  }
  {
    pst_mc_result *k1 = run(&in, 2 * PST_MC_BLOCK + 5, 77, 1, 1), *k3 = run(&in, 2 * PST_MC_BLOCK + 5, 77, 3, 1);
    cr_assert(memcmp(pst_mc_draws(k1, 3), pst_mc_draws(k3, 3), (2 * PST_MC_BLOCK + 5) * sizeof(double)) == 0);
    pst_mc_free(k1);
    pst_mc_free(k3);
  }
  pst_mc_free(r1);
  pst_mc_inputs_free(&in);
}

Test(mc, seed_matters_and_inputs_are_independent_streams)
{
  pst_mc_inputs in = two_inputs(), one;
  pst_mc_result *a = run(&in, 1000, 1, 1, 1), *b = run(&in, 1000, 2, 1, 1), *c;
  static const double t[] = {1};
  pst_mc_model m;
  pst_mc_opts o;
  cr_assert(memcmp(pst_mc_draws(a, 1), pst_mc_draws(b, 1), 1000 * sizeof(double)) != 0);
  /* B alone draws exactly what it drew next to A */
  one.n = 1;
  one.v = &in.v[1];
  memset(&m, 0, sizeof m);
  m.inputs = &one;
  m.thresholds = t;
  memset(&o, 0, sizeof o);
  o.draws = 1000;
  o.seed = 1;
  o.threads = 1;
  o.keep = 1;
  cr_assert(eq(int, pst_mc_run(&m, &o, &c), PST_OK));
  cr_assert(memcmp(pst_mc_draws(a, 1), pst_mc_draws(c, 0), 1000 * sizeof(double)) == 0);
  pst_mc_free(a);
  pst_mc_free(b);
  pst_mc_free(c);
  pst_mc_inputs_free(&in);
}

Test(mc, undefined_ratio_and_clamping)
{
  /* B fixed at 0: every ratio undefined; A normal(0.01, 0.1): many draws < 0
   * are clamped and counted */
  pst_mc_inputs in = two_inputs();
  pst_mc_result *r;
  pst_mc_summary s;
  double q;
  in.v[0].kind = PST_MC_NORMAL;
  in.v[0].p[0] = 0.01;
  in.v[0].p[1] = 0.1;
  in.v[1].kind = PST_MC_FIXED;
  in.v[1].p[0] = 0;
  r = run(&in, 10000, 5, 2, 0);
  pst_mc_summary_get(r, 2, &s);
  cr_assert(eq(u64, s.n, 0));
  cr_assert(eq(u64, s.undefined, 10000));
  cr_assert(eq(int, pst_mc_quantile(r, 2, 0.5, &q), PST_EUNDEF));
  pst_mc_summary_get(r, 0, &s);
  /* P(N(0.01, 0.1) < 0) = pnorm(-0.1) = 0.46017; 10000 draws */
  cr_assert(fabs((double)s.clamped / 10000 - 0.46017) < 0.03, "%llu", (unsigned long long)s.clamped);
  cr_assert(s.min >= 0);
  pst_mc_free(r);
  pst_mc_inputs_free(&in);
}

Test(mc, run_rejects_bad_arguments)
{
  pst_mc_inputs in = two_inputs();
  pst_mc_pair bad = {0, 5};
  pst_mc_model m = {&in, &bad, 1, NULL, 0};
  pst_mc_opts o;
  pst_mc_result *r;
  memset(&o, 0, sizeof o);
  o.draws = 10;
  o.threads = 1;
  cr_assert(eq(int, pst_mc_run(&m, &o, &r), PST_EINVAL));
  cr_assert(r == NULL);
  m.npairs = 0;
  o.draws = 0;
  cr_assert(eq(int, pst_mc_run(&m, &o, &r), PST_EINVAL));
  o.draws = PST_MC_KEEP_MAX;
  o.keep = 1;
  cr_assert(eq(int, pst_mc_run(&m, &o, &r), PST_ELIMIT));
  pst_mc_inputs_free(&in);
}

Test(mc, histogram_counts_every_draw)
{
  pst_mc_inputs in = two_inputs();
  pst_mc_result *a = run(&in, 100000, 4, 2, 0), *b = run(&in, 100000, 4, 2, 1);
  uint64_t ca[10], cb[10], sa = 0;
  cr_assert(eq(int, pst_mc_histogram(a, 1, 10, 0.1, 0.4, ca), PST_OK));
  cr_assert(eq(int, pst_mc_histogram(b, 1, 10, 0.1, 0.4, cb), PST_OK));
  for (int i = 0; i < 10; i++) {
    sa += ca[i];
    /* rebinning from fine bins moves at most the draws of one fine bin */
    cr_assert(llabs((long long)ca[i] - (long long)cb[i]) <= 40, "bin %d: %llu vs %llu", i,
              (unsigned long long)ca[i], (unsigned long long)cb[i]);
  }
  cr_assert(eq(u64, sa, 100000));
  cr_assert(eq(int, pst_mc_histogram(a, 1, 10, 0.4, 0.1, ca), PST_EINVAL));
  pst_mc_free(a);
  pst_mc_free(b);
  pst_mc_inputs_free(&in);
}

Test(mc, parse_pairs)
{
  pst_mc_inputs in = two_inputs();
  pst_mc_pair *p = NULL;
  size_t n;
  pst_diag d;
  cr_assert(eq(int, pst_mc_parse_pairs(&in, "A:B,B:A", &p, &n, &d), PST_OK));
  cr_assert(eq(sz, n, 2));
  cr_assert(eq(sz, p[1].a, 1));
  free(p);
  cr_assert(eq(int, pst_mc_parse_pairs(&in, "A:C", &p, &n, &d), PST_ENOTFOUND));
  cr_assert(strstr(d.msg, "'C'") != NULL);
  cr_assert(eq(int, pst_mc_parse_pairs(&in, "A-B", &p, &n, &d), PST_EINVAL));
  cr_assert(eq(int, pst_mc_parse_pairs(&in, "A:A", &p, &n, &d), PST_EINVAL));
  cr_assert(eq(int, pst_mc_parse_pairs(&in, "A:B:C", &p, &n, &d), PST_EINVAL));
  pst_mc_inputs_free(&in);
}

Test(mc, ratio_outside_the_bins_is_counted_not_guessed)
{
  /* 0.9 / 1e-6 = 9e5 > 2^14: binned quantile undefined, exact one fine */
  pst_mc_inputs in = two_inputs();
  pst_mc_result *a, *b;
  pst_mc_summary s;
  double q;
  in.v[0].p[0] = 0.9;
  in.v[1].kind = PST_MC_FIXED;
  in.v[1].p[0] = 1e-6;
  a = run(&in, 1000, 1, 1, 0);
  b = run(&in, 1000, 1, 1, 1);
  pst_mc_summary_get(a, 2, &s);
  cr_assert(eq(u64, s.outside, 1000));
  cr_assert(eq(int, pst_mc_quantile(a, 2, 0.5, &q), PST_EUNDEF));
  cr_assert(eq(int, pst_mc_quantile(b, 2, 0.5, &q), PST_OK));
  cr_assert(rel_eq(q, 9e5, 1e-15));
  pst_mc_free(a);
  pst_mc_free(b);
  pst_mc_inputs_free(&in);
}

Test(mc, block_draws_equal_single_draws)
{
  /* the inlined taus2 path gives the numbers of pst_mc_draw exactly */
  pst_mc_input in = mixture2();
  gsl_rng *r1 = gsl_rng_alloc(gsl_rng_taus2), *r2 = gsl_rng_alloc(gsl_rng_taus2);
  double x[1000];
  gsl_rng_set(r1, 99);
  gsl_rng_set(r2, 99);
  pst_mc_draw_block(&in, r1, x, 1000);
  for (int i = 0; i < 1000; i++) cr_assert(eq(dbl, x[i], pst_mc_draw(&in, r2)), "draw %d", i);
  cr_assert(eq(u64, gsl_rng_get(r1), gsl_rng_get(r2)));
  gsl_rng_free(r1);
  gsl_rng_free(r2);
  pst_mc_input_free(&in);
}
