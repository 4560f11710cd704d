/* fuzz_outcomes.c -- the outcomes loader (lib/src/outcomes.c) and the
 * arithmetic checks run on every cohort it returns. */
#include "fuzz_common.h"

#include "powstat/outcomes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  pst_outcomes o = {0};
  pst_diag d = {0};
  int st;
  FILE *fp = fuzz_stream(data, size);
  if (!fp) return 0;
  st = pst_outcomes_load(fp, "fuzz.csv", &o, &d);
  fuzz_check_diag(st, &d);
  fclose(fp);
  if (st == PST_OK) {
    for (size_t c = 0; c < o.ncohorts; c++) {
      const pst_cohort *h = &o.cohorts[c];
      pst_cohort_check chk;
      if (pst_outcomes_find(&o, h->id) != h) abort();
      if (pst_cohort_check_total(&o, h, &chk) != PST_OK) abort();
      for (size_t i = 0; i < h->nparts; i++) {
        const pst_outcome_row *r = &o.v[h->parts[i]];
        double pct;
        int dec, match;
        if (h->parts[i] >= o.n) abort();
        if (pst_cohort_row(&o, h, r->category) != r) abort();
        if (r->stated_pct && chk.has_total)
          (void)pst_outcome_pct_check(r->stated_pct, r->count, chk.stated_total, &pct, &dec, &match);
      }
      for (size_t i = 0; i < h->ndetails; i++)
        if (h->details[i] >= o.n) abort();
    }
  }
  pst_outcomes_free(&o);
  return 0;
}
