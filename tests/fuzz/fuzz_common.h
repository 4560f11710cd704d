/* fuzz_common.h -- helpers shared by the libFuzzer targets.
 *
 * Every target feeds the raw bytes to one parser through a FILE* (the
 * parsers' real interface), then exercises what the parser returned (so a
 * field that is wrongly terminated, a dangling pointer or an index off by one
 * is touched while AddressSanitizer watches), and frees it (LeakSanitizer
 * checks every input).  A target aborts only on a broken invariant of the
 * library's contract (a diagnostic without a message, an out-of-range
 * position), never on a parse error, which is the expected outcome. */
#ifndef POWSTAT_FUZZ_COMMON_H
#define POWSTAT_FUZZ_COMMON_H

#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "powstat/status.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A read-only stream over data (fmemopen rejects size 0: /dev/null then). */
static inline FILE *fuzz_stream(const uint8_t *data, size_t size)
{
  if (size == 0) return fopen("/dev/null", "rb");
  return fmemopen((void *)(uintptr_t)data, size, "rb");
}

/* The contract of a failed parse: a status that is an error, a message, and
 * a position that is not negative.  Abort (a finding) otherwise. */
static inline void fuzz_check_diag(int st, const pst_diag *d)
{
  if (st == PST_OK || st == PST_ENOMEM) return;
  if (st < 0 || st > PST_ENOTFOUND) abort();
  if (d->line < 0 || d->col < 0) abort();
  if (memchr(d->msg, '\0', sizeof d->msg) == NULL) abort();
  if (d->msg[0] == '\0') abort();
}

/* Touch every byte of a string (so ASan sees a bad pointer or length). */
static inline size_t fuzz_touch(const char *s)
{
  return s ? strlen(s) : 0;
}

#endif
