/* audit_fix.c -- likely corrections for a mismatch: the simplest single
 * edits that make the claim consistent, ranked.
 *
 * Edits tried, in the order of the ranking (simplest first): a number
 * shifted by a power of ten (10^-3 .. 10^3), a digit dropped (one inserted
 * into the integer part), a digit doubled (one of two equal neighbours
 * removed), two adjacent digits transposed, the stated percentage belonging
 * to the neighbouring row of the same table (also after one of the edits
 * above), another denominator of the same table, another time window (a
 * week, ten days, a month, a year, or the counts' own window).  An edit whose
 * corrected number is printed elsewhere in the same file ranks first: the
 * other printing corroborates it.  Within that, by kind, then by how close
 * the edited claim comes to the printed value.
 */
#include "audit_impl.h"

#include "powstat/num.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAXCAND 96

typedef struct {
  pst_fix f;
  double closeness;
  int order;
  int orig_elsewhere; /* the edited number is printed identically elsewhere */
} cand;

typedef struct {
  const pst_claims *set;
  const pst_claim *c;
  cand v[MAXCAND];
  int n;
} search;

static const char *const fix_names[] = {
  "power-of-ten shift", "digit dropped", "digit doubled", "digits transposed",
  "neighbouring row", "other denominator", "other time window",
};

const char *pst_fix_kind_name(pst_fix_kind k) { return (unsigned)k < 7 ? fix_names[k] : "?"; }

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Significant digits of v as a decimal number (12,844 -> 5, 3 -> 1, 10.15 -> 4):
 * a match of a one- or two-digit number elsewhere is a coincidence, not
 * evidence, so matches need at least three. */
static int sig_digits(double v)
{
  char b[64];
  int n = 0, lead = 1, zeros = 0;
  snprintf(b, sizeof b, "%.10f", fabs(v));
  for (char *p = b + strlen(b) - 1; p > b && (*p == '0' || *p == '.'); p--) {
    if (*p == '.') { *p = '\0'; break; }
    *p = '\0';
  }
  for (const char *p = b; *p; p++) {
    if (!is_digit(*p)) continue;
    if (lead && *p == '0') continue;
    lead = 0;
    n++;
    zeros = *p == '0' ? zeros + 1 : 0;
  }
  if (!strchr(b, '.')) n -= zeros; /* 83,000 has two */
  return n;
}

/* Is v printed in another claim of the file (not c, not claim `skip`)? */
static int printed_elsewhere(const search *s, double v, const char *skip, char *where, size_t n)
{
  if (sig_digits(v) < 3) return 0;
  for (size_t i = 0; i < s->set->n; i++) {
    const pst_claim *o = &s->set->v[i];
    if (o == s->c || o->file != s->c->file || (skip && strcmp(o->id, skip) == 0)) continue;
    if (o->stated.value == v || (o->stated.range && o->stated.value_hi == v)) {
      snprintf(where, n, "%s", o->id);
      return 1;
    }
    for (int e = 0; e < 2; e++) {
      const pst_expr *x = e ? &o->y : &o->x;
      for (size_t t = 0; t < x->n; t++)
        if (!x->t[t].ref && x->t[t].value == v) {
          snprintf(where, n, "%s", o->id);
          return 1;
        }
    }
  }
  return 0;
}

/* A corrected value that another claim of the file recomputes to (within
 * the corrected value's own rounding) is corroborated too: "10.15" where
 * another row computes to 10.148. */
static int computed_elsewhere(const search *s, double v, double unit, char *where, size_t n)
{
  if (sig_digits(v) < 3) return 0;
  for (size_t i = 0; i < s->set->n; i++) {
    const pst_claim *o = &s->set->v[i];
    pst_audit_result r;
    if (o == s->c || o->file != s->c->file) continue;
    audit_judge(s->set, o, &r);
    if (r.verdict == PST_V_UNCHECKABLE || !(r.recomputed == r.recomputed_hi)) continue;
    if (fabs(r.recomputed - v) <= unit / 2 * (1 + 1e-9)) {
      snprintf(where, n, "%s (computed)", o->id);
      return 1;
    }
  }
  return 0;
}

/* Would claim o become consistent if the printed number of claim `id` read v?
 * (o refers to it, or o is it.)  A correction that also resolves another
 * failing claim is the strongest evidence the audit has. */
static int resolves(const search *s, const pst_claim *o, const char *id, double v, double unit)
{
  pst_claim m = *o;
  pst_audit_result r;
  int touched = 0;
  audit_judge(s->set, o, &r);
  if (r.verdict == PST_V_CONSISTENT || r.verdict == PST_V_UNCHECKABLE) return 0;
  if (strcmp(o->id, id) == 0) {
    m.stated.value = v;
    m.stated.unit = unit;
    touched = 1;
  }
  for (int e = 0; e < 2; e++) {
    pst_expr *x = e ? &m.y : &m.x;
    for (size_t t = 0; t < x->n; t++)
      if (x->t[t].ref && !x->t[t].recomputed && strcmp(x->t[t].ref, id) == 0) {
        x->t[t].ref = NULL;
        x->t[t].value = v;
        touched = 1;
      }
  }
  if (!touched) return 0;
  audit_judge(s->set, &m, &r);
  return r.verdict == PST_V_CONSISTENT;
}

/* id: the claim whose printed number the edit changes (c itself for a
 * stated edit, the referenced claim for a reference term, NULL otherwise). */
static void corroborate(const search *s, pst_fix *f, const char *id, double v, double unit,
                        const char *shown)
{
  char where[96];
  size_t len = strlen(f->text);
  if (id)
    for (size_t i = 0; i < s->set->n; i++) {
      const pst_claim *o = &s->set->v[i];
      if (o == s->c || o->file != s->c->file) continue;
      if (resolves(s, o, id, v, unit)) {
        f->corroborated = 1;
        snprintf(f->text + len, sizeof f->text - len, "; the same correction resolves %s", o->id);
        return;
      }
    }
  if (printed_elsewhere(s, v, id, where, sizeof where) || computed_elsewhere(s, v, unit, where, sizeof where)) {
    f->corroborated = 1;
    snprintf(f->text + len, sizeof f->text - len, "; %s matches %s", shown, where);
  }
}

static void add(search *s, const pst_fix *f, const pst_audit_result *r, const char *skip)
{
  cand *c;
  /* a share of a population above 100% is no correction */
  if ((s->c->kind == PST_CLAIM_PERCENTAGE || s->c->kind == PST_CLAIM_RATE) &&
      (r->recomputed > 100 || (f->kind < PST_FIX_NEIGHBOUR && strncmp(f->target, "stated", 6) == 0 &&
                               f->corrected > 100)))
    return;
  for (int i = 0; i < s->n; i++)
    if (strcmp(s->v[i].f.target, f->target) == 0 && s->v[i].f.corrected == f->corrected) return;
  if (s->n == MAXCAND) return;
  c = &s->v[s->n];
  c->f = *f;
  c->f.result = r->recomputed;
  c->closeness = r->tolerance > 0 ? fabs(r->difference) / r->tolerance : fabs(r->difference);
  c->order = s->n;
  {
    char where[96];
    c->orig_elsewhere = f->kind < PST_FIX_NEIGHBOUR && printed_elsewhere(s, f->original, skip, where, sizeof where);
  }
  s->n++;
}

static int consistent(const search *s, const pst_claim *m, pst_audit_result *r)
{
  audit_judge(s->set, m, r);
  return r->verdict == PST_V_CONSISTENT;
}

/* Variants of a printed number: dropped, doubled, transposed digits. */
typedef void (*variant_fn)(search *s, void *ctx, pst_fix_kind k, const char *num);

static void digit_variants(search *s, void *ctx, const char *num, variant_fn fn)
{
  size_t n = strlen(num), intlen;
  const char *dot = strchr(num, '.');
  char b[PST_NUM_TEXT + 2];
  intlen = dot ? (size_t)(dot - num) : n;
  if (n == 0 || n + 2 > sizeof b) return;
  for (size_t pos = 0; pos <= intlen; pos++)
    for (char d = '0'; d <= '9'; d++) {
      memcpy(b, num, pos);
      b[pos] = d;
      memcpy(b + pos + 1, num + pos, n - pos + 1);
      if (b[0] == '0' && is_digit(b[1])) continue;
      fn(s, ctx, PST_FIX_DROPPED, b);
    }
  for (size_t i = 0; i + 1 < n; i++)
    if (is_digit(num[i]) && num[i] == num[i + 1]) {
      memcpy(b, num, i);
      memcpy(b + i, num + i + 1, n - i);
      if (b[0] == '0' && is_digit(b[1])) continue;
      if (i > 0 && num[i - 1] == num[i]) continue; /* same result as the previous pair */
      fn(s, ctx, PST_FIX_DOUBLED, b);
    }
  for (size_t i = 0; i + 1 < n; i++)
    if (is_digit(num[i]) && is_digit(num[i + 1]) && num[i] != num[i + 1]) {
      memcpy(b, num, n + 1);
      b[i] = num[i + 1];
      b[i + 1] = num[i];
      if (b[0] == '0' && is_digit(b[1])) continue;
      fn(s, ctx, PST_FIX_TRANSPOSED, b);
    }
}

static void fmt_num(char *b, size_t n, double v, int pct)
{
  audit_fmt(b, n, v, pct);
  if (pct) strncat(b, "%", n - strlen(b) - 1);
}

/* ---- edits of the stated value ---- */

typedef struct {
  const pst_claim *neighbour; /* NULL: judge the claim itself */
} stated_ctx;

static void try_stated(search *s, stated_ctx *x, pst_fix_kind k, double v, double u, const char *shown)
{
  pst_claim m = *s->c;
  pst_audit_result r;
  pst_fix f;
  char a[48], res[48];
  int pct = s->c->stated.percent;
  if (v == s->c->stated.value) return;
  m.stated.value = v;
  m.stated.unit = u;
  if (x->neighbour) {
    m.x = x->neighbour->x;
    m.y = x->neighbour->y;
    m.window_days = x->neighbour->window_days;
    m.stated_days = x->neighbour->stated_days;
  }
  if (!consistent(s, &m, &r)) return;
  memset(&f, 0, sizeof f);
  f.kind = x->neighbour ? PST_FIX_NEIGHBOUR : k;
  f.original = s->c->stated.value;
  f.corrected = v;
  fmt_num(a, sizeof a, s->c->stated.value, pct);
  fmt_num(res, sizeof res, r.recomputed, pct || s->c->kind == PST_CLAIM_RATIO);
  if (x->neighbour) {
    pst_audit_result own;
    char o[48];
    audit_judge(s->set, s->c, &own);
    fmt_num(o, sizeof o, own.recomputed, pct);
    snprintf(f.target, sizeof f.target, "stated (row %s)", x->neighbour->id);
    snprintf(f.text, sizeof f.text,
             "%s read as %s (%s) is the value of the neighbouring row %s (%s); this row computes to %s",
             a, shown, pst_fix_kind_name(k), x->neighbour->id, res, o);
  } else {
    snprintf(f.target, sizeof f.target, "stated");
    snprintf(f.text, sizeof f.text, "stated %s -> %s: recomputed %s fits", a, shown, res);
  }
  if (!x->neighbour) corroborate(s, &f, s->c->id, v, u, shown);
  add(s, &f, &r, NULL);
}

static void stated_variant(search *s, void *ctx, pst_fix_kind k, const char *num)
{
  double v;
  const char *why;
  size_t where;
  char shown[48];
  int count = !s->c->stated.percent && (s->c->kind == PST_CLAIM_SUM || s->c->kind == PST_CLAIM_DIFFERENCE ||
                                         s->c->kind == PST_CLAIM_BOUND);
  if (pst_parse_real(num, strlen(num), &v, &why, &where) != PST_OK) return;
  fmt_num(shown, sizeof shown, v, s->c->stated.percent);
  if (strchr(num, '.') && s->c->stated.percent) {
    /* keep the printed decimals ("10.15%", not "10.2%") */
    snprintf(shown, sizeof shown, "%s%%", num);
  }
  try_stated(s, ctx, k, v, pst_stated_unit(num, count, s->c->stated.qual == PST_Q_APPROX), shown);
}

static void stated_edits(search *s, stated_ctx *x)
{
  const pst_stated *st = &s->c->stated;
  if (st->range || !st->num[0]) return;
  for (int k = -3; k <= 3; k++) {
    double f = pow(10.0, k), v = st->value * f;
    char shown[48];
    if (k == 0) continue;
    if (!st->percent && strchr(st->num, '.') == NULL && v != floor(v)) continue;
    fmt_num(shown, sizeof shown, v, st->percent);
    try_stated(s, x, PST_FIX_SHIFT, v, st->unit * f, shown);
  }
  digit_variants(s, x, st->num, stated_variant);
}

/* ---- edits of one operand term ---- */

typedef struct {
  int which; /* 0 x, 1 y */
  size_t term;
} term_ctx;

static void term_name(const search *s, const term_ctx *t, char *b, size_t n)
{
  const pst_expr *e = t->which ? &s->c->y : &s->c->x;
  const pst_term *tm = &e->t[t->term];
  if (e->n == 1) snprintf(b, n, "%s", t->which ? "y" : "x");
  else snprintf(b, n, "%s term %zu", t->which ? "y" : "x", t->term + 1);
  if (tm->ref) {
    size_t len = strlen(b);
    snprintf(b + len, n - len, " (@%.40s)", tm->ref);
  }
}

static void try_term(search *s, term_ctx *t, pst_fix_kind k, double orig, double v, double unit)
{
  pst_claim m = *s->c;
  pst_expr *e = t->which ? &m.y : &m.x;
  pst_term *tm = &e->t[t->term];
  const char *skip = NULL;
  pst_audit_result r;
  pst_fix f;
  char a[48], b[48], res[48];
  int pct = s->c->stated.percent || s->c->kind == PST_CLAIM_RATIO;
  if (v == orig) return;
  if (tm->ref) {
    const pst_claim *rc = pst_claims_find(s->set, s->c->file, tm->ref);
    if (rc && (rc->stated.qual == PST_Q_OVER || rc->stated.qual == PST_Q_ATLEAST)) tm->bound = '>';
    if (rc && (rc->stated.qual == PST_Q_UNDER || rc->stated.qual == PST_Q_ATMOST)) tm->bound = '<';
  }
  skip = s->c->x.n || s->c->y.n ? (t->which ? &s->c->y : &s->c->x)->t[t->term].ref : NULL;
  tm->ref = NULL;
  tm->recomputed = 0;
  tm->value = v;
  if (!consistent(s, &m, &r)) return;
  memset(&f, 0, sizeof f);
  f.kind = k;
  f.original = orig;
  f.corrected = v;
  term_name(s, t, f.target, sizeof f.target);
  audit_fmt(a, sizeof a, orig, 0);
  audit_fmt(b, sizeof b, v, 0);
  fmt_num(res, sizeof res, r.recomputed, pct);
  snprintf(f.text, sizeof f.text, "%s %s -> %s: recomputed %s", f.target, a, b, res);
  corroborate(s, &f, skip, v, unit, b);
  add(s, &f, &r, skip);
}

typedef struct {
  term_ctx t;
  double orig;
} term_variant_ctx;

static void term_variant(search *s, void *ctx, pst_fix_kind k, const char *num)
{
  term_variant_ctx *x = ctx;
  char *end;
  double v = strtod(num, &end);
  if (*end) return;
  try_term(s, &x->t, k, x->orig, v, pst_stated_unit(num, 0, 0));
}

static void term_edits(search *s)
{
  for (int w = 0; w < 2; w++) {
    const pst_expr *e = w ? &s->c->y : &s->c->x;
    for (size_t i = 0; i < e->n; i++) {
      const pst_term *tm = &e->t[i];
      term_variant_ctx x;
      const char *num;
      double orig;
      x.t.which = w;
      x.t.term = i;
      if (tm->ref) {
        const pst_claim *rc = pst_claims_find(s->set, s->c->file, tm->ref);
        if (tm->recomputed || !rc || rc->stated.range || isnan(rc->stated.value)) continue;
        num = rc->stated.num;
        orig = rc->stated.value;
      } else {
        num = tm->num;
        orig = tm->value;
      }
      if (!num[0]) continue;
      x.orig = orig;
      for (int k = -3; k <= 3; k++) {
        double v = orig * pow(10.0, k);
        if (k == 0 || (!strchr(num, '.') && v != floor(v))) continue;
        try_term(s, &x.t, PST_FIX_SHIFT, orig, v, pst_stated_unit(num, 0, 0) * pow(10.0, k));
      }
      digit_variants(s, &x, num, term_variant);
    }
  }
}

/* ---- table-level and window edits ---- */

static void neighbour_edits(search *s)
{
  const pst_claim *c = s->c;
  if (!c->table || !c->row || (c->kind != PST_CLAIM_PERCENTAGE && c->kind != PST_CLAIM_RATE)) return;
  for (size_t i = 0; i < s->set->n; i++) {
    const pst_claim *o = &s->set->v[i];
    stated_ctx x;
    pst_claim m;
    pst_audit_result r;
    if (o == c || o->file != c->file || !o->table || strcmp(o->table, c->table) != 0) continue;
    if (o->kind != c->kind || labs(o->row - c->row) != 1) continue;
    /* the printed value as it stands */
    m = *c;
    m.x = o->x;
    m.y = o->y;
    m.window_days = o->window_days;
    m.stated_days = o->stated_days;
    if (consistent(s, &m, &r)) {
      pst_fix f;
      pst_audit_result own;
      char a[48], res[48], ow[48];
      memset(&f, 0, sizeof f);
      audit_judge(s->set, c, &own);
      f.kind = PST_FIX_NEIGHBOUR;
      snprintf(f.target, sizeof f.target, "stated (row %s)", o->id);
      f.original = c->stated.value;
      f.corrected = own.recomputed;
      fmt_num(a, sizeof a, c->stated.value, 1);
      fmt_num(res, sizeof res, r.recomputed, 1);
      fmt_num(ow, sizeof ow, own.recomputed, 1);
      snprintf(f.text, sizeof f.text,
               "%s is the value of the neighbouring row %s (%s); this row computes to %s", a,
               o->id, res, ow);
      add(s, &f, &r, NULL);
      s->v[s->n - 1].f.corrected = own.recomputed;
    }
    /* after one edit of the printed value */
    x.neighbour = o;
    stated_edits(s, &x);
  }
}

static void denominator_edits(search *s)
{
  const pst_claim *c = s->c;
  double cur = c->y.n == 1 && !c->y.t[0].ref ? c->y.t[0].value : (double)NAN;
  if (!c->table || c->kind != PST_CLAIM_PERCENTAGE || c->y.n == 0) return;
  for (size_t i = 0; i < s->set->n; i++) {
    const pst_claim *o = &s->set->v[i];
    double cands[2];
    int nc = 0;
    if (o == c || o->file != c->file || !o->table || strcmp(o->table, c->table) != 0) continue;
    if (o->y.n == 1 && !o->y.t[0].ref) cands[nc++] = o->y.t[0].value;
    if (o->kind == PST_CLAIM_SUM && !o->stated.percent && !isnan(o->stated.value)) cands[nc++] = o->stated.value;
    for (int k = 0; k < nc; k++) {
      pst_claim m = *c;
      pst_audit_result r;
      pst_fix f;
      char a[48], res[48];
      if (cands[k] == cur || !(cands[k] > 0)) continue;
      m.y.n = 1;
      memset(&m.y.t[0], 0, sizeof m.y.t[0]);
      m.y.t[0].sign = 1;
      m.y.t[0].value = cands[k];
      if (!consistent(s, &m, &r)) continue;
      memset(&f, 0, sizeof f);
      f.kind = PST_FIX_DENOMINATOR;
      snprintf(f.target, sizeof f.target, "y");
      f.original = cur;
      f.corrected = cands[k];
      audit_fmt(a, sizeof a, cands[k], 0);
      fmt_num(res, sizeof res, r.recomputed, 1);
      snprintf(f.text, sizeof f.text, "of %s (the denominator of %s in the same table) instead: %s",
               a, o->id, res);
      add(s, &f, &r, NULL);
    }
  }
}

static void window_edits(search *s)
{
  static const struct {
    double days;
    const char *name;
  } windows[] = {{7, "a week"}, {10, "ten days"}, {30.4375, "a month"}, {365.25, "a year"}};
  const pst_claim *c = s->c;
  double cur;
  if (c->kind != PST_CLAIM_RATE || isnan(c->window_days)) return;
  cur = isnan(c->stated_days) ? c->window_days : c->stated_days;
  for (int k = -1; k < 4; k++) {
    double d = k < 0 ? c->window_days : windows[k].days;
    pst_claim m = *c;
    pst_audit_result r;
    pst_fix f;
    char a[48], res[48];
    if (d == cur) continue;
    m.stated_days = d;
    if (!consistent(s, &m, &r)) continue;
    memset(&f, 0, sizeof f);
    f.kind = PST_FIX_WINDOW;
    snprintf(f.target, sizeof f.target, "stated_days");
    f.original = cur;
    f.corrected = d;
    audit_fmt(a, sizeof a, d, 1);
    fmt_num(res, sizeof res, r.recomputed, 1);
    snprintf(f.text, sizeof f.text, "the figure fits %s%s%s (%s days, not %g): %s",
             k < 0 ? "the counts' own window" : windows[k].name, "", "", a, cur, res);
    add(s, &f, &r, NULL);
  }
}

static int cmp(const void *pa, const void *pb)
{
  const cand *a = pa, *b = pb;
  if (a->f.corroborated != b->f.corroborated) return b->f.corroborated - a->f.corroborated;
  if (a->orig_elsewhere != b->orig_elsewhere) return a->orig_elsewhere - b->orig_elsewhere;
  if (a->f.kind != b->f.kind) return (int)a->f.kind - (int)b->f.kind;
  if (a->closeness != b->closeness) return a->closeness < b->closeness ? -1 : 1;
  return a->order - b->order;
}

void audit_suggest(const pst_claims *set, const pst_claim *c, pst_audit_result *r)
{
  search *s = calloc(1, sizeof *s);
  stated_ctx self = {NULL};
  r->nfix = 0;
  if (!s) return; /* no suggestions rather than a failure */
  s->set = set;
  s->c = c;
  stated_edits(s, &self);
  term_edits(s);
  neighbour_edits(s);
  denominator_edits(s);
  window_edits(s);
  qsort(s->v, (size_t)s->n, sizeof s->v[0], cmp);
  /* one suggestion per edited number and kind: "3% -> 30%" says it, "3% ->
   * 300%" adds nothing */
  /* a number printed identically elsewhere is confirmed by that printing:
   * editing it is offered only when nothing else works */
  {
    int any_fresh = 0;
    for (int i = 0; i < s->n; i++)
      if (!s->v[i].orig_elsewhere) any_fresh = 1;
    if (any_fresh) {
      int k = 0;
      for (int i = 0; i < s->n; i++)
        if (!s->v[i].orig_elsewhere) s->v[k++] = s->v[i];
      s->n = k;
    }
  }
  for (int i = 0; i < s->n && r->nfix < PST_AUDIT_MAXFIX; i++) {
    int dup = 0;
    for (size_t k = 0; k < r->nfix; k++)
      if (r->fix[k].kind == s->v[i].f.kind && strcmp(r->fix[k].target, s->v[i].f.target) == 0) dup = 1;
    if (!dup) r->fix[r->nfix++] = s->v[i].f;
  }
  free(s);
}
