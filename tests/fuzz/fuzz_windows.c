/* fuzz_windows.c -- the time-windows loader (lib/src/rate.c). */
#include "fuzz_common.h"

#include "powstat/rate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  pst_windows w;
  pst_diag d = {0};
  int st;
  FILE *fp = fuzz_stream(data, size);
  if (!fp) return 0;
  memset(&w, 0, sizeof w);
  st = pst_windows_load(fp, "windows.csv", &w, &d);
  fuzz_check_diag(st, &d);
  fclose(fp);
  pst_windows_free(&w);
  return 0;
}
