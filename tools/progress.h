/* progress.h -- a progress bar on stderr for long runs (simulate, batch).
 *
 * Shown only when stderr is a terminal, the caller did not ask for quiet,
 * and the run has lasted more than PROGRESS_DELAY seconds: a short run, or
 * one whose stderr goes to a pipe or a file, prints nothing.  The line is
 *   LABEL [#######.........]  45%  4.5M/10M UNIT  12.3M/s  0:03 left
 * redrawn at most 10 times a second and erased by progress_end.
 * progress_update may be called from any thread (calls are serialised by a
 * mutex inside). */
#ifndef POWSTAT_TOOLS_PROGRESS_H
#define POWSTAT_TOOLS_PROGRESS_H

#include <stdint.h>

#define PROGRESS_DELAY 1.0

typedef struct progress progress;

/* A new bar for `total` units named `unit` ("draws", "rows"); NULL only when
 * out of memory (then the other calls accept NULL and do nothing). */
progress *progress_new(const char *label, const char *unit, uint64_t total, int quiet);
void progress_update(progress *p, uint64_t done);
/* Erase the bar (if it was shown) and free p. */
void progress_end(progress *p);
/* Adapter for callbacks of the form int (*)(void *ctx, uint64_t done,
 * uint64_t total), e.g. pst_mc_opts.progress; never cancels. */
int progress_callback(void *ctx, uint64_t done, uint64_t total);

#endif
