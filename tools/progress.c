/* progress.c -- progress bar on a terminal's stderr. */
#define _POSIX_C_SOURCE 200809L
#include "progress.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct progress {
  const char *label, *unit;
  uint64_t total;
  int enabled, shown;
  double start, last;
  pthread_mutex_t mu;
};

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* 4.5M, 12k, 950: three significant digits at most, C locale digits */
static void human(char *b, size_t n, double x)
{
  static const char suffix[] = " kMGT";
  int k = 0;
  while (x >= 1000 && k < 4) { x /= 1000; k++; }
  if (k == 0) snprintf(b, n, "%.0f", x);
  else snprintf(b, n, x < 10 ? "%.1f%c" : "%.0f%c", x, suffix[k]);
}

progress *progress_new(const char *label, const char *unit, uint64_t total, int quiet)
{
  progress *p = calloc(1, sizeof *p);
  if (!p) return NULL;
  p->label = label;
  p->unit = unit;
  p->total = total;
  p->enabled = !quiet && total > 0 && isatty(STDERR_FILENO);
  p->start = p->last = now();
  pthread_mutex_init(&p->mu, NULL);
  return p;
}

void progress_update(progress *p, uint64_t done)
{
  double t, el, rate, frac;
  char bar[31], d[16], tot[16], r[16], left[32];
  int fill;
  if (!p || !p->enabled) return;
  pthread_mutex_lock(&p->mu);
  t = now();
  el = t - p->start;
  if (el < PROGRESS_DELAY || (p->shown && t - p->last < 0.1) || done > p->total) {
    pthread_mutex_unlock(&p->mu);
    return;
  }
  p->last = t;
  frac = (double)done / (double)p->total;
  fill = (int)(frac * 30);
  memset(bar, '#', (size_t)fill);
  memset(bar + fill, '.', (size_t)(30 - fill));
  bar[30] = '\0';
  rate = el > 0 ? (double)done / el : 0;
  human(d, sizeof d, (double)done);
  human(tot, sizeof tot, (double)p->total);
  human(r, sizeof r, rate);
  if (rate > 0) {
    long s = (long)((double)(p->total - done) / rate + 0.5);
    snprintf(left, sizeof left, "%ld:%02ld left", s / 60, s % 60);
  } else {
    snprintf(left, sizeof left, "?:?? left");
  }
  fprintf(stderr, "\r%s [%s] %3d%%  %s/%s %s  %s/s  %s\033[K", p->label, bar, (int)(frac * 100), d,
          tot, p->unit, r, left);
  fflush(stderr);
  p->shown = 1;
  pthread_mutex_unlock(&p->mu);
}

void progress_end(progress *p)
{
  if (!p) return;
  if (p->shown) {
    fputs("\r\033[K", stderr);
    fflush(stderr);
  }
  pthread_mutex_destroy(&p->mu);
  free(p);
}

int progress_callback(void *ctx, uint64_t done, uint64_t total)
{
  (void)total;
  progress_update(ctx, done);
  return 0;
}
