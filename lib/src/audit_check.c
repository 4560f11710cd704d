/* audit_check.c -- recomputing a claim and judging it against the printed
 * value at the precision the printing allows (rules in powstat/audit.h). */
#include "audit_impl.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

typedef struct {
  double lo, hi;
} ival;

static const char *const verdict_names[] = {"consistent", "rounding slip", "mismatch", "not checkable"};
static const char *const verdict_slugs[] = {"consistent", "slip", "mismatch", "unchecked"};

const char *pst_verdict_name(pst_verdict v) { return (unsigned)v < 4 ? verdict_names[v] : "?"; }
const char *pst_verdict_slug(pst_verdict v) { return (unsigned)v < 4 ? verdict_slugs[v] : "?"; }

void audit_fmt(char *buf, size_t n, double v, int percent)
{
  if (isinf(v)) { snprintf(buf, n, "%s", v > 0 ? "inf" : "-inf"); return; }
  if (!percent && v == floor(v) && fabs(v) < 1e15) {
    char b[40], g[60];
    size_t len = (size_t)snprintf(b, sizeof b, "%.0f", fabs(v)), k = 0;
    if (v < 0) g[k++] = '-';
    for (size_t i = 0; i < len; i++) {
      if (i && (len - i) % 3 == 0) g[k++] = ',';
      g[k++] = b[i];
    }
    g[k] = '\0';
    snprintf(buf, n, "%s", g);
    return;
  }
  snprintf(buf, n, "%.5g", v);
}

static void appendf(char *buf, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void appendf(char *buf, size_t n, const char *fmt, ...)
{
  size_t len = strlen(buf);
  va_list ap;
  if (len + 1 >= n) return;
  va_start(ap, fmt);
  vsnprintf(buf + len, n - len, fmt, ap);
  va_end(ap);
}

static int compute(const pst_claims *set, const pst_claim *c, ival *R, char *why, size_t whyn,
                   int depth);

static const pst_claim *lookup(const pst_claims *set, const pst_claim *c, const char *id)
{
  return pst_claims_find(set, c->file, id);
}

/* The value of one term as an interval; 0 with why filled if unavailable. */
static int term_value(const pst_claims *set, const pst_claim *c, const pst_term *t, ival *v,
                      char *why, size_t whyn, int depth)
{
  if (t->ref) {
    const pst_claim *r = set ? lookup(set, c, t->ref) : NULL;
    if (!r) { snprintf(why, whyn, "operand @%s is not a claim of this file", t->ref); return 0; }
    if (t->recomputed) {
      char w2[256] = "";
      if (depth > 32 || !compute(set, r, v, w2, sizeof w2, depth + 1)) {
        snprintf(why, whyn, "operand @%s.recomputed is not checkable (%.150s)", t->ref,
                 depth > 32 ? "references nested too deeply" : w2);
        return 0;
      }
      return 1;
    }
    if (isnan(r->stated.value)) { snprintf(why, whyn, "operand @%s has no readable value", t->ref); return 0; }
    switch (r->stated.qual) {
    case PST_Q_OVER: case PST_Q_ATLEAST: v->lo = r->stated.value; v->hi = (double)INFINITY; break;
    case PST_Q_UNDER: case PST_Q_ATMOST: v->lo = 0; v->hi = r->stated.value; break;
    default:
      v->lo = r->stated.value;
      v->hi = r->stated.range ? r->stated.value_hi : r->stated.value;
    }
    return 1;
  }
  if (t->bound == '>') { v->lo = t->value; v->hi = (double)INFINITY; }
  else if (t->bound == '<') { v->lo = 0; v->hi = t->value; }
  else v->lo = v->hi = t->value;
  return 1;
}

static int eval_expr(const pst_claims *set, const pst_claim *c, const pst_expr *e, ival *out,
                     char *why, size_t whyn, int depth)
{
  ival s = {0, 0};
  for (size_t i = 0; i < e->n; i++) {
    ival v;
    if (!term_value(set, c, &e->t[i], &v, why, whyn, depth)) return 0;
    if (e->t[i].sign > 0) { s.lo += v.lo; s.hi += v.hi; }
    else { s.lo -= v.hi; s.hi -= v.lo; }
  }
  *out = s;
  return 1;
}

/* x / y for intervals with y > 0 (nonnegative domain, as counts are). */
static int div_ival(ival x, ival y, ival *q)
{
  if (!(y.lo > 0)) return 0;
  q->lo = isinf(y.hi) ? (x.lo > 0 ? 0 : x.lo / y.lo) : fmin(x.lo / y.hi, x.lo / y.lo);
  q->hi = isinf(x.hi) ? (double)INFINITY : fmax(x.hi / y.lo, x.hi / y.hi);
  return 1;
}

static const char *operand_names(const pst_claim *c, int which)
{
  int ds = c->origin && strcmp(c->origin, "estimates") == 0;
  switch (c->kind) {
  case PST_CLAIM_PERCENTAGE:
    if (ds) return which ? "captured count" : "deaths count";
    return which ? "denominator (y)" : "numerator (x)";
  case PST_CLAIM_SUM: return "parts (x)";
  case PST_CLAIM_RATE: return which ? "population (y)" : "deaths (x)";
  case PST_CLAIM_BOUND: return "whole (x)";
  default: return which ? "second operand (y)" : "first operand (x)";
  }
}

static int compute(const pst_claims *set, const pst_claim *c, ival *R, char *why, size_t whyn,
                   int depth)
{
  ival X, Y = {1, 1};
  int need_y = c->kind == PST_CLAIM_PERCENTAGE || c->kind == PST_CLAIM_RATIO ||
               c->kind == PST_CLAIM_DIFFERENCE || c->kind == PST_CLAIM_RATE;
  if (c->x.n == 0 || (need_y && c->y.n == 0)) {
    int ds = c->origin && strcmp(c->origin, "claims") != 0;
    snprintf(why, whyn, "%s %s not given", c->x.n == 0 ? operand_names(c, 0) : operand_names(c, 1),
             ds ? "is" : "is");
    if (!ds) appendf(why, whyn, "%s", ": the text gives no figure to recompute it from");
    return 0;
  }
  if (!eval_expr(set, c, &c->x, &X, why, whyn, depth)) return 0;
  if (need_y && !eval_expr(set, c, &c->y, &Y, why, whyn, depth)) return 0;
  switch (c->kind) {
  case PST_CLAIM_PERCENTAGE:
  case PST_CLAIM_RATIO:
    if (!div_ival(X, Y, R)) { snprintf(why, whyn, "the denominator is zero"); return 0; }
    if (c->kind == PST_CLAIM_PERCENTAGE) { R->lo *= 100; R->hi *= 100; }
    return 1;
  case PST_CLAIM_SUM:
  case PST_CLAIM_BOUND:
    *R = X;
    return 1;
  case PST_CLAIM_DIFFERENCE:
    R->lo = X.lo - Y.hi;
    R->hi = X.hi - Y.lo;
    return 1;
  case PST_CLAIM_RATE: {
    ival p;
    double w = c->window_days, dd = isnan(c->stated_days) ? c->window_days : c->stated_days;
    if (isnan(w)) { snprintf(why, whyn, "no window_days: the period the counts cover is not given"); return 0; }
    if (!div_ival(X, Y, &p)) { snprintf(why, whyn, "the population is zero"); return 0; }
    if (p.hi > 1) { snprintf(why, whyn, "more deaths than people (x > y)"); return 0; }
    /* constant hazard: 1 - (1 - p)^(D/W), computed without cancellation */
    R->lo = -100.0 * expm1(dd / w * log1p(-p.lo));
    R->hi = -100.0 * expm1(dd / w * log1p(-p.hi));
    return 1;
  }
  }
  return 0;
}

/* Judge interval R against printed value s (unit u, qualifier q). */
static pst_verdict judge_value(ival R, double s, double u, pst_qualifier q, int bound_kind,
                               double *diff, double *tol)
{
  double eps = 1e-9 * fmax(fabs(s), u);
  if (bound_kind) q = PST_Q_ATLEAST; /* the whole must be at least the part */
  switch (q) {
  case PST_Q_OVER:
  case PST_Q_ATLEAST:
    *diff = (isinf(R.hi) ? R.lo : R.hi) - s;
    *tol = u;
    if (q == PST_Q_OVER ? R.hi > s + eps : R.hi >= s - eps) return PST_V_CONSISTENT;
    return R.hi >= s - u - eps ? PST_V_SLIP : PST_V_MISMATCH;
  case PST_Q_UNDER:
  case PST_Q_ATMOST:
    *diff = R.lo - s;
    *tol = u;
    if (q == PST_Q_UNDER ? R.lo < s - eps : R.lo <= s + eps) return PST_V_CONSISTENT;
    return R.lo <= s + u + eps ? PST_V_SLIP : PST_V_MISMATCH;
  default: {
    double d = s < R.lo ? R.lo - s : s > R.hi ? R.hi - s : 0.0;
    *diff = d;
    *tol = u / 2;
    if (fabs(d) <= u / 2 + eps) return PST_V_CONSISTENT;
    return fabs(d) <= 1.5 * u + eps ? PST_V_SLIP : PST_V_MISMATCH;
  }
  }
}

static void expr_text(const pst_claims *set, const pst_claim *c, const pst_expr *e, int pct,
                      char *buf, size_t n)
{
  for (size_t i = 0; i < e->n; i++) {
    const pst_term *t = &e->t[i];
    char v[48];
    if (i) appendf(buf, n, " %c ", t->sign > 0 ? '+' : '-');
    else if (t->sign < 0) appendf(buf, n, "-");
    if (t->ref) {
      const pst_claim *r = set ? lookup(set, c, t->ref) : NULL;
      if (r && !t->recomputed && r->stated_text) appendf(buf, n, "%s", r->stated_text);
      else appendf(buf, n, "@%s%s", t->ref, t->recomputed ? ".recomputed" : "");
      continue;
    }
    audit_fmt(v, sizeof v, t->value, pct);
    appendf(buf, n, "%s%s", t->bound == '>' ? "more than " : t->bound == '<' ? "less than " : "", v);
  }
}

static void describe(const pst_claims *set, const pst_claim *c, ival R, char *why, size_t n)
{
  char a[160] = "", b[160] = "", r1[48], r2[48];
  int pct = c->stated.percent;
  int sum_pct = c->kind == PST_CLAIM_SUM && pct;
  expr_text(set, c, &c->x, sum_pct, a, sizeof a);
  expr_text(set, c, &c->y, 0, b, sizeof b);
  audit_fmt(r1, sizeof r1, R.lo, pct || c->kind == PST_CLAIM_RATIO);
  audit_fmt(r2, sizeof r2, R.hi, pct || c->kind == PST_CLAIM_RATIO);
  why[0] = '\0';
  switch (c->kind) {
  case PST_CLAIM_PERCENTAGE: appendf(why, n, "%s of %s", a, b); break;
  case PST_CLAIM_RATIO: appendf(why, n, "%s / %s", a, b); break;
  case PST_CLAIM_DIFFERENCE: appendf(why, n, "%s - (%s)", a, b); break;
  case PST_CLAIM_RATE: {
    char w[24], dd[24];
    audit_fmt(w, sizeof w, c->window_days, 1);
    audit_fmt(dd, sizeof dd, isnan(c->stated_days) ? c->window_days : c->stated_days, 1);
    appendf(why, n, "%s deaths of %s in %s days, as a %s-day rate", a, b, w, dd);
    break;
  }
  case PST_CLAIM_BOUND:
    appendf(why, n, "the whole %s %s the part %s", a,
            R.hi >= c->stated.value ? "holds" : "is less than", c->stated_text ? c->stated_text : "");
    return;
  case PST_CLAIM_SUM: appendf(why, n, "%s", a); break;
  }
  if (R.lo == R.hi) appendf(why, n, " = %s%s", r1, pct ? "%" : "");
  else if (isinf(R.hi)) appendf(why, n, " = at least %s%s", r1, pct ? "%" : "");
  else appendf(why, n, " = %s to %s%s", r1, r2, pct ? "%" : "");
}

static void judge_alternatives(const pst_claim *c, pst_audit_result *r)
{
  /* an estimates row: each end of a stated range (or the single value when
   * the point pair is missing) against the nearest low/point/high pair */
  double ends[2] = {c->stated.value, c->stated.range ? c->stated.value_hi : c->stated.value};
  double units[2] = {c->stated.unit, c->stated.range ? c->stated.unit_hi : c->stated.unit};
  double best[2];
  size_t bi[2] = {0, 0};
  pst_verdict worst = PST_V_CONSISTENT;
  r->why[0] = '\0';
  for (int e = 0; e < (c->stated.range ? 2 : 1); e++) {
    double bd = (double)INFINITY, diff, tol;
    ival R;
    pst_verdict v;
    char a[48], b[48], q[48];
    for (size_t k = 0; k < c->nalt; k++) {
      double p = 100.0 * c->alt_x[k] / c->alt_y[k];
      if (fabs(p - ends[e]) < bd) { bd = fabs(p - ends[e]); bi[e] = k; best[e] = p; }
    }
    R.lo = R.hi = best[e];
    v = judge_value(R, ends[e], units[e], c->stated.qual, 0, &diff, &tol);
    if (e == 0 || v > worst) { worst = v; r->difference = diff; r->tolerance = tol; }
    audit_fmt(a, sizeof a, c->alt_x[bi[e]], 0);
    audit_fmt(b, sizeof b, c->alt_y[bi[e]], 0);
    audit_fmt(q, sizeof q, best[e], 1);
    appendf(r->why, sizeof r->why, "%s%s%s of %s = %s%%", e ? "; " : "",
            c->stated.range ? (e ? "high end: " : "low end: ") : "nearest pair: ", a, b, q);
  }
  r->verdict = worst;
  r->recomputed = best[0];
  r->recomputed_hi = c->stated.range ? best[1] : best[0];
  if (!c->stated.range) r->recomputed_hi = r->recomputed;
}

void audit_judge(const pst_claims *set, const pst_claim *c, pst_audit_result *r)
{
  ival R;
  char why[256] = "";
  memset(r, 0, sizeof *r);
  r->recomputed = r->recomputed_hi = r->difference = r->tolerance = (double)NAN;
  r->verdict = PST_V_UNCHECKABLE;
  if (isnan(c->stated.value)) {
    snprintf(r->why, sizeof r->why, "the stated value '%.60s' is not a number this audit reads",
             c->stated_text ? c->stated_text : "");
    return;
  }
  if (c->nalt && c->kind == PST_CLAIM_PERCENTAGE && (c->stated.range || c->x.n == 0 || c->y.n == 0)) {
    judge_alternatives(c, r);
    return;
  }
  if (c->stated.range) {
    /* a range printed for a single recomputed value: it must fall inside */
    ival S;
    double diff = 0;
    if (!compute(set, c, &R, why, sizeof why, 0)) { snprintf(r->why, sizeof r->why, "%s", why); return; }
    S.lo = c->stated.value - c->stated.unit / 2;
    S.hi = c->stated.value_hi + c->stated.unit_hi / 2;
    r->recomputed = R.lo;
    r->recomputed_hi = R.hi;
    diff = R.lo < S.lo ? R.lo - c->stated.value : R.hi > S.hi ? R.hi - c->stated.value_hi : 0.0;
    r->difference = diff;
    r->tolerance = c->stated.unit / 2;
    r->verdict = diff == 0.0 ? PST_V_CONSISTENT
                 : fabs(diff) <= 1.5 * fmax(c->stated.unit, c->stated.unit_hi) ? PST_V_SLIP
                 : PST_V_MISMATCH;
    describe(set, c, R, r->why, sizeof r->why);
    return;
  }
  if (!compute(set, c, &R, why, sizeof why, 0)) {
    snprintf(r->why, sizeof r->why, "%s", why);
    return;
  }
  r->recomputed = R.lo;
  r->recomputed_hi = isinf(R.hi) ? (double)NAN : R.hi;
  r->verdict = judge_value(R, c->stated.value, c->stated.unit, c->stated.qual,
                           c->kind == PST_CLAIM_BOUND, &r->difference, &r->tolerance);
  describe(set, c, R, r->why, sizeof r->why);
}

int pst_audit_claim(const pst_claims *set, size_t i, pst_audit_result *res)
{
  if (!set || !res || i >= set->n) return PST_EINVAL;
  audit_judge(set, &set->v[i], res);
  if (res->verdict == PST_V_MISMATCH) audit_suggest(set, &set->v[i], res);
  return PST_OK;
}
