/* fuzz_csvread.c -- the CSV reader (lib/src/csvread.c) on arbitrary bytes:
 * every record, every field's text and position, and the error path. */
#include "fuzz_common.h"

#include "powstat/csvread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  FILE *fp = fuzz_stream(data, size);
  pst_csv *r = NULL;
  pst_diag d = {0};
  const pst_field *f;
  size_t n;
  int st;
  if (!fp) return 0;
  if (pst_csv_open(&r, fp, "fuzz.csv") != PST_OK) { fclose(fp); return 0; }
  while ((st = pst_csv_next(r, &f, &n, &d)) == PST_OK && n > 0) {
    long line0 = pst_csv_record_line(r), line, col;
    if (n > PST_CSV_FIELDS_MAX) abort();
    for (size_t j = 0; j <= n; j++) {
      if (j < n && (strlen(f[j].s) != f[j].len)) abort(); /* NUL-terminated, no NUL inside */
      pst_csv_field_pos(r, j, &line, &col);
      if (line < line0 || col < 1) abort();
    }
    pst_csv_field_error(r, n / 2, &d, PST_EDATA, "field %zu", n / 2);
  }
  fuzz_check_diag(st, &d);
  pst_csv_close(r);
  fclose(fp);
  return 0;
}
