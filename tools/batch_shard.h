/* batch_shard.h -- which rows of a job file belong to shard K of N.
 *
 * Shards are contiguous blocks, so that the N outputs concatenated in order
 * are byte for byte the output of one unsharded run (shard 1 alone writes
 * the header).  The split is by bytes, found without knowing the row count:
 * the data part of the file (after the header record) is cut at N-1 equally
 * spaced byte targets, and each cut moves forward to the next record start,
 * i.e. just after a line end that is outside quotes.  Whether a line end is
 * inside quotes follows from the parity of the '"' bytes before it (RFC 4180
 * writes an inner quote as "", so pairs cancel), so one sequential scan of
 * the bytes up to the shard's end finds both of its cuts and the line number
 * where it starts -- far cheaper than parsing, and every shard computes the
 * same cuts from the same file.  Needs a regular (seekable) file.
 *
 * Records therefore split exactly as the CSV reader splits them, quoted line
 * breaks included; a file whose quotes are malformed fails in the shard that
 * holds the bad record, as it fails the unsharded run. */
#ifndef POWSTAT_TOOLS_BATCH_SHARD_H
#define POWSTAT_TOOLS_BATCH_SHARD_H

#include <stdio.h>
#include <sys/types.h>

typedef struct {
  off_t header_end; /* first byte after the header record */
  off_t start, end; /* the shard's records start in [start, end) */
  long start_line;  /* line number of the byte at start (1-based) */
  long end_line;    /* line number of the byte at end (1-based) */
  off_t size;       /* file size */
} batch_range;

/* Compute shard k (1-based) of n for the regular file fp (read from its
 * start; the position is left anywhere).  Returns 0, or -1 with errno set
 * on a read error. */
int batch_shard_range(FILE *fp, long k, long n, batch_range *r);

#endif
