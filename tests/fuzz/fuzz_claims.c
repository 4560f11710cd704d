/* fuzz_claims.c -- the audit loader (lib/src/audit_load.c: claims files, and
 * estimates/outcomes files told apart by their header) followed by the audit
 * of every claim (expressions, references, likely corrections). */
#include "fuzz_common.h"

#include "powstat/audit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  pst_claims c = {0};
  pst_diag d = {0};
  int st;
  FILE *fp = fuzz_stream(data, size);
  if (!fp) return 0;
  st = pst_audit_load(fp, "fuzz.csv", &c, &d);
  fuzz_check_diag(st, &d);
  fclose(fp);
  if (st == PST_OK) {
    for (size_t i = 0; i < c.n; i++) {
      pst_audit_result res;
      memset(&res, 0, sizeof res);
      (void)pst_audit_claim(&c, i, &res);
      fuzz_touch(c.v[i].id);
      fuzz_touch(c.v[i].stated_text);
    }
  }
  pst_claims_free(&c);
  return 0;
}
