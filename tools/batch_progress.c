/* batch_progress.c -- progress line on a terminal's stderr. */
#define _POSIX_C_SOURCE 200809L
#include "batch_progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

void bprog_start(bprog *p, int enabled, double total_bytes)
{
  p->enabled = enabled && isatty(STDERR_FILENO);
  p->shown = 0;
  p->t0 = p->last = p->enabled ? now() : 0.0;
  p->total = total_bytes;
}

void bprog_tick(bprog *p, long long rows, double done_bytes)
{
  double t, el, rate;
  if (!p->enabled) return;
  t = now();
  el = t - p->t0;
  if (el < 1.0 || t - p->last < 0.2) return;
  p->last = t;
  rate = (double)rows / el;
  if (p->total > 0 && done_bytes > 0) {
    double f = done_bytes / p->total;
    int bar = (int)(f * 20.0 + 0.5);
    char b[21];
    if (f > 1) f = 1;
    if (bar > 20) bar = 20;
    for (int i = 0; i < 20; i++) b[i] = i < bar ? '#' : '.';
    b[20] = '\0';
    fprintf(stderr, "\r[%s] %3.0f%%  %lld rows  %.0f rows/s  %.0f s left\033[K", b, f * 100.0,
            rows, rate, f > 0 ? el * (1.0 - f) / f : 0.0);
  } else {
    fprintf(stderr, "\r%lld rows  %.0f rows/s  %.0f s\033[K", rows, rate, el);
  }
  fflush(stderr);
  p->shown = 1;
}

void bprog_clear(bprog *p)
{
  if (p->enabled && p->shown) {
    fputs("\r\033[K", stderr);
    fflush(stderr);
    p->shown = 0;
  }
}
