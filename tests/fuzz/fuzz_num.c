/* fuzz_num.c -- strict number parsing and printing (lib/src/num.c, dtoa.c).
 * Properties checked, not just crashes: a parsed count is at most 2^53; a
 * parsed real is finite; printing a real with pst_fmt_real and parsing it
 * back gives the same double (round trip); a parse error names a position
 * inside the text. */
#include "fuzz_common.h"

#include <math.h>

#include "powstat/num.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char *s = malloc(size + 1);
  uint64_t u;
  double x, y;
  const char *why = NULL;
  size_t where = 0;
  char buf[PST_FMT_BUFSZ];
  if (!s) return 0;
  memcpy(s, data, size);
  s[size] = '\0';
  if (pst_parse_count(s, size, &u, &why, &where) == PST_OK) {
    if (u > PST_COUNT_MAX) abort();
  } else if (!why || where > size) {
    abort();
  }
  why = NULL;
  where = 0;
  if (pst_parse_real(s, size, &x, &why, &where) == PST_OK) {
    if (!isfinite(x)) abort();
    pst_fmt_real(buf, x);
    if (pst_parse_real(buf, strlen(buf), &y, &why, NULL) != PST_OK) abort();
    if (memcmp(&x, &y, sizeof x) != 0 && !(x == 0 && y == 0)) abort();
  } else if (!why || where > size) {
    abort();
  }
  /* any 8 bytes as a double: the shortest digits must round-trip */
  if (size >= 8) {
    memcpy(&x, data, 8);
    if (isfinite(x)) {
      pst_fmt_real(buf, x);
      if (pst_parse_real(buf, strlen(buf), &y, &why, NULL) != PST_OK) abort();
      if (memcmp(&x, &y, sizeof x) != 0 && !(x == 0 && y == 0)) abort();
    }
  }
  free(s);
  return 0;
}
