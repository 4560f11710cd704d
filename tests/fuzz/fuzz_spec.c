/* fuzz_spec.c -- the Monte Carlo input specification (lib/src/mc_spec.c)
 * against a small estimates set, then a short simulation-free use of each
 * input: finish (parameter checks) and a few draws and quantiles. */
#include "fuzz_common.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "powstat/mc.h"

static const char est_csv[] =
  "id,source,holder,captive,group,captured_low,captured,captured_high,deaths_low,deaths,deaths_high\n"
  "E1,,Germany,Soviet POWs,g1,,\"5,700,000\",,\"2,800,000\",\"3,300,000\",\n"
  "E2,,Germany,Soviet POWs,g1,\"5,000,000\",\"5,700,000\",\"6,000,000\",,\"3,000,000\",\n"
  "E3,,USSR,German POWs,g2,,\"3,576,300\",,,\"442,100\",\n";

static pst_estimates est;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  pst_diag d;
  FILE *fp = fmemopen((void *)(uintptr_t)est_csv, sizeof est_csv - 1, "rb");
  (void)argc;
  (void)argv;
  gsl_set_error_handler_off();
  if (!fp || pst_estimates_load(fp, "est.csv", &est, &d) != PST_OK) abort();
  fclose(fp);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  pst_mc_inputs in = {0};
  pst_diag d = {0};
  int st;
  FILE *fp = fuzz_stream(data, size);
  if (!fp) return 0;
  st = pst_mc_spec_load(fp, "spec.csv", &est, PST_MC_WITHIN_UNIFORM, (int)(size & 1), &in, &d);
  fuzz_check_diag(st, &d);
  fclose(fp);
  if (st == PST_OK) {
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);
    for (size_t i = 0; rng && i < in.n; i++) {
      double q;
      memset(&d, 0, sizeof d);
      if (pst_mc_input_finish(&in.v[i], &d) != PST_OK) continue;
      for (int k = 0; k < 4; k++) (void)pst_mc_draw(&in.v[i], rng);
      if (in.v[i].kind != PST_MC_MIXTURE) (void)pst_mc_input_quantile(&in.v[i], 0.025, 0, 1, &q);
    }
    gsl_rng_free(rng);
  }
  pst_mc_inputs_free(&in);
  return 0;
}
