/* batch_shard.c -- contiguous byte-range shards aligned to record starts. */
#define _POSIX_C_SOURCE 200809L
#include "batch_shard.h"

#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>

/* Byte target of cut c (0..n) in [h, s): h + (s - h) * c / n without
 * overflow. */
static off_t target(off_t h, off_t s, long c, long n)
{
  uint64_t span = (uint64_t)(s - h), q = span / (uint64_t)n, rem = span % (uint64_t)n;
  return h + (off_t)(q * (uint64_t)c + rem * (uint64_t)c / (uint64_t)n);
}

int batch_shard_range(FILE *fp, long k, long n, batch_range *r)
{
  struct stat st;
  unsigned char buf[65536];
  off_t pos = 0, t_lo = 0, t_hi = 0;
  long line = 1;
  int inq = 0, content = 0, have_h = 0, have_lo = 0, have_hi = 0;
  int at_record_start = 0; /* pos is just after an unquoted '\n' */

  if (fstat(fileno(fp), &st) != 0) return -1;
  r->size = st.st_size;
  if (fseeko(fp, 0, SEEK_SET) != 0) return -1;
  for (;;) {
    size_t got = fread(buf, 1, sizeof buf, fp);
    if (got == 0) {
      if (ferror(fp)) return -1;
      break;
    }
    for (size_t i = 0; i < got; i++, pos++) {
      unsigned char c = buf[i];
      if (have_h && at_record_start) {
        /* pos is a record start: the first one at or after a target is the cut */
        if (!have_lo && pos >= t_lo) { r->start = pos; r->start_line = line; have_lo = 1; }
        if (!have_hi && pos >= t_hi) { r->end = pos; r->end_line = line; have_hi = 1; }
        if (have_hi) return 0;
      }
      at_record_start = 0;
      if (c == '"') inq = !inq;
      if (c == '\n') {
        line++;
        if (!inq) {
          if (!have_h && content) {
            /* the header is the first non-blank record */
            have_h = 1;
            r->header_end = pos + 1;
            t_lo = target(pos + 1, r->size, k - 1, n);
            t_hi = k == n ? r->size + 1 : target(pos + 1, r->size, k, n);
          }
          at_record_start = have_h;
        }
      } else if (c != '\r') {
        content = 1;
      }
    }
  }
  /* end of file */
  if (!have_h) {
    r->header_end = pos;
    t_lo = t_hi = pos;
  }
  if (!have_lo) { r->start = pos; r->start_line = line; }
  if (!have_hi) { r->end = pos; r->end_line = line; }
  if (r->start > r->end) { r->start = r->end; r->start_line = r->end_line; }
  errno = 0;
  return 0;
}
