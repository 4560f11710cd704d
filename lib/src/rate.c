/* rate.c -- person-time rates, Garwood intervals, constant-hazard windows
 * (formulas and references in powstat/rate.h). */
#include "powstat/rate.h"
#include "powstat/dist_gamma.h"
#include "powstat/csvread.h"
#include "powstat/num.h"
#include "powstat/schema.h"
#include "powstat/status.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define TWO53 9007199254740992.0

int pst_person_time(double n0, double n1, double days, double *out)
{
  if (!out || !(days > 0) || !isfinite(days) || !(n0 >= 0) || !(n1 >= 0) || !isfinite(n0) ||
      !isfinite(n1) || n0 + n1 == 0)
    return PST_EINVAL;
  /* trapezoid: the mean of the two populations times the length */
  *out = days * (0.5 * n0 + 0.5 * n1);
  return PST_OK;
}

int pst_rate_ci(uint64_t k, double pt, double level, double *rate, pst_interval *ci)
{
  double alpha = 1.0 - level, lo = 0.0, hi;
  int st, st2;
  if (!(pt > 0) || !isfinite(pt) || (double)k > TWO53 || !(level > 0 && level < 1))
    return PST_EINVAL;
  /* Garwood (1936): the Poisson mean mu with P(X >= k; mu) = alpha/2 is the
   * alpha/2 quantile of Gamma(k); the one with P(X <= k; mu) = alpha/2 is
   * the 1 - alpha/2 quantile of Gamma(k + 1).  The upper tail is asked for
   * directly, so no 1 - alpha/2 is formed. */
  st = (k == 0) ? PST_OK : pst_gamma_quantile_int_e(alpha / 2, k, 1, &lo);
  st2 = pst_gamma_quantile_int_e(alpha / 2, k + 1, 0, &hi);
  if (st != PST_OK && st != PST_ENOCONV) return st;
  if (st2 != PST_OK && st2 != PST_ENOCONV) return st2;
  if (rate) *rate = (double)k / pt;
  if (ci) {
    ci->lower = lo / pt;
    ci->upper = hi / pt;
  }
  return st != PST_OK ? st : st2;
}

double pst_rate_mortality(double per_day, double window)
{
  if (!(per_day >= 0) || !(window >= 0) || !isfinite(window)) return (double)NAN;
  if (isinf(per_day)) return window > 0 ? 1.0 : (double)NAN;
  return -expm1(-per_day * window);
}

double pst_mortality_convert(double m, double from_days, double to_days)
{
  if (!(m >= 0 && m <= 1) || !(from_days > 0) || !(to_days >= 0) || !isfinite(from_days) ||
      !isfinite(to_days))
    return (double)NAN;
  if (m == 1) return to_days > 0 ? 1.0 : 0.0;
  return -expm1(log1p(-m) * (to_days / from_days));
}

double pst_mortality_hazard(double m, double days)
{
  if (!(m >= 0 && m <= 1) || !(days > 0) || !isfinite(days)) return (double)NAN;
  if (m == 1) return (double)INFINITY;
  return -log1p(-m) / days;
}

/* ---- windows.csv ------------------------------------------------------- */

enum { W_ID, W_WINDOW, W_DAYS, W_DAYS_STATED, W_POP0, W_POP1, W_NOTE, W_NCOLS };

static const pst_colspec wspec[W_NCOLS] = {
  {"id", 1}, {"window", 0}, {"days", 1}, {"days_stated", 0},
  {"population_start", 0}, {"population_end", 0}, {"note", 0},
};

/* optional positive day count; *v = NaN when the cell is empty */
static int cell_days(const pst_csv *r, const pst_field *f, size_t n, int idx, const char *col,
                     int required, double *v, pst_diag *d)
{
  const char *why = NULL;
  *v = (double)NAN;
  if (pst_cell_missing(f, n, idx)) {
    if (!required) return PST_OK;
    return pst_csv_field_error(r, idx >= 0 ? (size_t)idx : n, d, PST_EDATA, "%s: missing", col);
  }
  if (pst_parse_real(f[idx].s, f[idx].len, v, &why, NULL) != PST_OK)
    return pst_csv_field_error(r, (size_t)idx, d, PST_EDATA, "%s: %s", col, why ? why : "not a number");
  if (!(*v > 0))
    return pst_csv_field_error(r, (size_t)idx, d, PST_EDATA,
                               "%s: a window must last a positive number of days, not %s", col, f[idx].s);
  return PST_OK;
}

int pst_windows_load(FILE *fp, const char *name, pst_windows *out, pst_diag *d)
{
  pst_csv *r = NULL;
  const pst_field *f;
  size_t n;
  int idx[W_NCOLS], st;
  if (!fp || !out) return PST_EINVAL;
  out->v = NULL;
  out->n = 0;
  if (d) d->file = name;
  if ((st = pst_csv_open(&r, fp, name)) != PST_OK) return st;
  if ((st = pst_csv_next(r, &f, &n, d)) != PST_OK) goto done;
  if (n == 0) {
    st = pst_diag_set(d, PST_EDATA, 1, 1, "empty file: expected a header with id,days");
    goto done;
  }
  if ((st = pst_schema_map(r, f, n, wspec, W_NCOLS, idx, d)) != PST_OK) goto done;
  for (;;) {
    pst_window w;
    pst_window *nv;
    memset(&w, 0, sizeof w);
    if ((st = pst_csv_next(r, &f, &n, d)) != PST_OK) goto done;
    if (n == 0) break;
    w.line = pst_csv_record_line(r);
    pst_csv_field_pos(r, (size_t)idx[W_ID], &w.id_line, &w.id_col);
    if (pst_cell_missing(f, n, idx[W_ID])) {
      st = pst_csv_field_error(r, (size_t)idx[W_ID], d, PST_EDATA, "id: missing");
      goto done;
    }
    if (pst_windows_find(out, f[idx[W_ID]].s)) {
      st = pst_csv_field_error(r, (size_t)idx[W_ID], d, PST_EDATA, "id: duplicate '%s'", f[idx[W_ID]].s);
      goto done;
    }
    if ((st = cell_days(r, f, n, idx[W_DAYS], "days", 1, &w.days, d)) ||
        (st = cell_days(r, f, n, idx[W_DAYS_STATED], "days_stated", 0, &w.days_stated, d)) ||
        (st = pst_cell_count(r, f, n, idx[W_POP0], "population_start", &w.pop_start, d)) ||
        (st = pst_cell_count(r, f, n, idx[W_POP1], "population_end", &w.pop_end, d)))
      goto done;
    nv = realloc(out->v, (out->n + 1) * sizeof *nv);
    if (!nv) { st = PST_ENOMEM; goto done; }
    out->v = nv;
    if ((st = pst_cell_strdup(f, n, idx[W_ID], &w.id)) || (st = pst_cell_strdup(f, n, idx[W_WINDOW], &w.window)) ||
        (st = pst_cell_strdup(f, n, idx[W_NOTE], &w.note))) {
      free(w.id);
      free(w.window);
      free(w.note);
      goto done;
    }
    out->v[out->n++] = w;
  }
  st = PST_OK;
done:
  pst_csv_close(r);
  return st;
}

const pst_window *pst_windows_find(const pst_windows *w, const char *id)
{
  for (size_t i = 0; w && id && i < w->n; i++)
    if (strcmp(w->v[i].id, id) == 0) return &w->v[i];
  return NULL;
}

void pst_windows_free(pst_windows *w)
{
  if (!w) return;
  for (size_t i = 0; i < w->n; i++) {
    free(w->v[i].id);
    free(w->v[i].window);
    free(w->v[i].note);
  }
  free(w->v);
  w->v = NULL;
  w->n = 0;
}
