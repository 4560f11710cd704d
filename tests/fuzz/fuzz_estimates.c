/* fuzz_estimates.c -- the estimates and sources loaders (lib/src/dataset.c):
 * load the bytes as an estimates file and as a sources file, check the
 * source ids of one against the other, and use every loaded row. */
#include "fuzz_common.h"

#include "powstat/dataset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  pst_estimates e = {0};
  pst_sources s = {0};
  pst_diag d = {0};
  int st, ss;
  FILE *fp = fuzz_stream(data, size);
  if (!fp) return 0;
  st = pst_estimates_load(fp, "fuzz.csv", &e, &d);
  fuzz_check_diag(st, &d);
  fclose(fp);
  fp = fuzz_stream(data, size);
  if (!fp) { pst_estimates_free(&e); return 0; }
  memset(&d, 0, sizeof d);
  ss = pst_sources_load(fp, "sources.csv", &s, &d);
  fuzz_check_diag(ss, &d);
  fclose(fp);
  if (st == PST_OK) {
    size_t t = 0;
    for (size_t i = 0; i < e.n; i++) {
      int64_t k, n;
      double lo, hi;
      const pst_estimate *r = &e.v[i];
      t += fuzz_touch(r->id) + fuzz_touch(r->source) + fuzz_touch(r->holder) +
           fuzz_touch(r->captive) + fuzz_touch(r->group) + fuzz_touch(r->note);
      if (pst_estimate_point(r, &k, &n) && (k < 0 || n <= 0 || k > n)) abort();
      if (pst_estimate_range(r, &lo, &hi) && !(lo <= hi)) abort();
      if (pst_estimates_find(&e, r->id) == NULL) abort();
    }
    if (ss == PST_OK) {
      memset(&d, 0, sizeof d);
      fuzz_check_diag(pst_estimates_check_sources(&e, &s, &d), &d);
    }
    (void)t;
  }
  if (ss == PST_OK)
    for (size_t i = 0; i < s.n; i++)
      if (pst_sources_find(&s, s.v[i].id) == NULL) abort();
  pst_estimates_free(&e);
  pst_sources_free(&s);
  return 0;
}
