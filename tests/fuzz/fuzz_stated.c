/* fuzz_stated.c -- the printed-value parser of the audit ("12.4%", "~50",
 * "over 95%", "3,576,300", "ten", "3.5-4") on arbitrary text, with every
 * flag combination chosen by the first byte. */
#include "fuzz_common.h"

#include "powstat/audit.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  pst_stated v;
  const char *why = NULL;
  size_t where = 0;
  unsigned flags;
  char *s;
  if (size == 0) return 0;
  flags = data[0] & 7u;
  s = malloc(size);
  if (!s) return 0;
  memcpy(s, data + 1, size - 1);
  s[size - 1] = '\0';
  memset(&v, 0, sizeof v);
  if (pst_stated_parse(s, flags, &v, &why, &where) == PST_OK) {
    if (memchr(v.num, '\0', sizeof v.num) == NULL) abort();
    if (memchr(v.num_hi, '\0', sizeof v.num_hi) == NULL) abort();
    (void)pst_stated_unit(v.num, 1, 0);
  } else if (!why || where > size) {
    abort();
  }
  free(s);
  return 0;
}
