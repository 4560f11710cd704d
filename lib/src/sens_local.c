/* sens_local.c -- one-way (tornado) and two-way (grid) sensitivity: the
 * model evaluated with inputs moved away from their base values. */
#include "powstat/sens.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static double swing(const pst_tornado_row *r)
{
  double s = fabs(r->out_high - r->out_low);
  return isnan(s) ? -1 : s;
}

int pst_sens_oneway(size_t k, const double *low, const double *high, const double *base,
                    pst_sens_fn f, void *ctx, pst_tornado_row *rows)
{
  double *x, y0;
  if (k == 0 || !low || !high || !base || !f || !rows) return PST_EINVAL;
  x = malloc(k * sizeof *x);
  if (!x) return PST_ENOMEM;
  memcpy(x, base, k * sizeof *x);
  y0 = f(x, k, ctx);
  for (size_t i = 0; i < k; i++) {
    pst_tornado_row *r = &rows[i];
    r->input = i;
    r->low = low[i];
    r->high = high[i];
    r->base = base[i];
    r->out_base = y0;
    x[i] = low[i];
    r->out_low = f(x, k, ctx);
    x[i] = high[i];
    r->out_high = f(x, k, ctx);
    x[i] = base[i];
  }
  free(x);
  /* insertion sort: stable, and k is small */
  for (size_t i = 1; i < k; i++) {
    pst_tornado_row t = rows[i];
    size_t j = i;
    while (j > 0 && swing(&rows[j - 1]) < swing(&t)) {
      rows[j] = rows[j - 1];
      j--;
    }
    rows[j] = t;
  }
  return PST_OK;
}

int pst_sens_grid(size_t k, const double *base, size_t xi, const double *xs, size_t nx, size_t yi,
                  const double *ys, size_t ny, pst_sens_fn f, void *ctx, double *values)
{
  double *x;
  if (k == 0 || !base || !xs || !ys || !f || !values || xi >= k || yi >= k || xi == yi || nx == 0 ||
      ny == 0)
    return PST_EINVAL;
  x = malloc(k * sizeof *x);
  if (!x) return PST_ENOMEM;
  memcpy(x, base, k * sizeof *x);
  for (size_t iy = 0; iy < ny; iy++) {
    x[yi] = ys[iy];
    for (size_t ix = 0; ix < nx; ix++) {
      x[xi] = xs[ix];
      values[iy * nx + ix] = f(x, k, ctx);
    }
  }
  free(x);
  return PST_OK;
}
