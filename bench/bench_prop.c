/* bench_prop.c -- microseconds per pst_prop_ci call, by method and n.
 * Not part of the test suite.  Build e.g.
 *   gcc -std=c11 -O2 -Ilib/include bench/bench_prop.c lib/src/dist.c \
 *       lib/src/dist_beta.c lib/src/dist_basym.c lib/src/dist_betainv.c \
 *       lib/src/dist_root.c lib/src/prop.c -lgsl -lgslcblas -lm -o bench_prop
 * (or link libpowstat.a from a build directory).
 *
 * Part 1, fixed n: for n = 1e3, 1e6, 1e9 it cycles k over 64 values spread
 * over [0, n] (including the edges and k near n/2) and the levels 0.95 and
 * 0.999999, two-sided.  Each case is timed 3 times and its best time
 * kept (the machine is shared: a single preempted call says nothing about
 * the algorithm); reported are the mean and the maximum over cases.
 *
 * Part 2, a realistic mixture like `powstat batch` input: captured n
 * log-uniform in [10, 1e7], deaths k uniform in [0, n], 95% two-sided,
 * 200000 rows from a fixed seed, three passes, each row's best of 3 kept;
 * mean, 99.9th percentile and maximum over rows. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "powstat/prop.h"

#define MIX_ROWS 200000

static double now_us(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec * 1e-3;
}

/* xorshift64: a fixed, portable stream of test rows */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;
static double u01(void)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (double)(rng_state >> 11) * 0x1p-53;
}

static double time_call(pst_prop_method m, uint64_t k, uint64_t n, double level, double *sink)
{
  pst_interval iv;
  double t0 = now_us();
  pst_prop_ci(m, k, n, level, PST_SIDES_TWO, &iv);
  double dt = now_us() - t0;
  *sink += iv.lower;
  return dt;
}

static int cmp_dbl(const void *a, const void *b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(void)
{
  gsl_set_error_handler_off();
  const uint64_t ns[] = {1000u, 1000000u, 1000000000u};
  double sink = 0;
  printf("Fixed n (us/call: mean [worst case, best of 3])\n");
  printf("%-16s %14s %14s %14s\n", "method", "n=1e3", "n=1e6", "n=1e9");
  for (int m = 0; m < PST_PROP_NMETHODS; m++) {
    printf("%-16s", pst_prop_method_name((pst_prop_method)m));
    for (int in = 0; in < 3; in++) {
      uint64_t n = ns[in];
      double total = 0, worst = 0;
      long cases = 0;
      for (int i = 0; i < 64; i++) {
        uint64_t k = (i == 63) ? n : (uint64_t)((double)n * (double)i / 63.0);
        if (i == 1) k = 1;
        for (int l = 0; l < 2; l++) {
          double best = 1e300;
          for (int rep = 0; rep < 3; rep++) {
            double dt = time_call((pst_prop_method)m, k, n, l ? 0.999999 : 0.95, &sink);
            if (dt < best) best = dt;
          }
          total += best;
          cases++;
          if (best > worst) worst = best;
        }
      }
      printf("   %5.2f [%5.1f]", total / (double)cases, worst);
    }
    printf("\n");
  }

  static uint64_t mk[MIX_ROWS], mn[MIX_ROWS];
  static double dt[MIX_ROWS], sorted[MIX_ROWS];
  for (int i = 0; i < MIX_ROWS; i++) {
    mn[i] = (uint64_t)exp(log(10.0) + u01() * (log(1e7) - log(10.0)));
    mk[i] = (uint64_t)(u01() * (double)(mn[i] + 1));
    if (mk[i] > mn[i]) mk[i] = mn[i];
  }
  printf("\nMixture: n log-uniform in [10, 1e7], k uniform in [0, n], 95%%, %d rows\n",
         MIX_ROWS);
  printf("%-16s %8s %8s %8s   (us/call)\n", "method", "mean", "p99.9", "worst");
  for (int m = 0; m < PST_PROP_NMETHODS; m++) {
    for (int i = 0; i < MIX_ROWS; i++) dt[i] = 1e300;
    for (int pass = 0; pass < 3; pass++)
      for (int i = 0; i < MIX_ROWS; i++) {
        double t = time_call((pst_prop_method)m, mk[i], mn[i], 0.95, &sink);
        if (t < dt[i]) dt[i] = t;
      }
    double total = 0;
    for (int i = 0; i < MIX_ROWS; i++) {
      total += dt[i];
      sorted[i] = dt[i];
    }
    qsort(sorted, MIX_ROWS, sizeof *sorted, cmp_dbl);
    double worst = sorted[MIX_ROWS - 1];
    printf("%-16s %8.3f %8.2f %8.2f\n", pst_prop_method_name((pst_prop_method)m),
           total / MIX_ROWS, sorted[(int)(0.999 * MIX_ROWS)], worst);
  }
  if (sink == 42.0) printf("(sink)\n"); /* keep the calls */
  return 0;
}
