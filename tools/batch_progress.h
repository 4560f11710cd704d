/* batch_progress.h -- a minimal progress line for `powstat batch` on stderr.
 *
 * Shown only when stderr is a terminal, not --quiet, and the run has lasted
 * more than a second: rows done, rows per second and, when the input size is
 * known (a regular file), the percentage and time left.  Redrawn at most five
 * times a second and erased at the end, so that it never mixes with the
 * diagnostics.  (Written for batch because the shared tools/progress.h did
 * not exist yet; replace with it when it does.) */
#ifndef POWSTAT_TOOLS_BATCH_PROGRESS_H
#define POWSTAT_TOOLS_BATCH_PROGRESS_H

typedef struct {
  int enabled, shown;
  double t0, last;
  double total; /* bytes to process, <= 0 if unknown */
} bprog;

/* enabled: the caller's --quiet decision; the terminal test is done here. */
void bprog_start(bprog *p, int enabled, double total_bytes);
/* Cheap unless a redraw is due; call every few thousand rows. */
void bprog_tick(bprog *p, long long rows, double done_bytes);
/* Erase the line (before a diagnostic, and at the end). */
void bprog_clear(bprog *p);

#endif
