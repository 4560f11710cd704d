/* audit_outcomes.c -- outcome tables (outcomes.csv) as claims: each cohort's
 * stated total against the sum of its parts, each printed percentage against
 * count/total, each detail against the line it breaks down, and the printed
 * percentages of the parts against the total's (100).  The rows are read by
 * pst_outcomes_load (powstat/outcomes.h); this file only turns them into claims. */
#define _POSIX_C_SOURCE 200809L
#include "audit_impl.h"

#include "powstat/outcomes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void set_term(pst_term *t, int64_t v, const char *unused)
{
  (void)unused;
  memset(t, 0, sizeof *t);
  t->sign = 1;
  t->value = (double)v;
  snprintf(t->num, PST_NUM_TEXT, "%lld", (long long)v);
}

static int new_claim(pst_claims *out, const char *name, const pst_outcome_row *r,
                     const char *suffix, pst_claim_kind kind, const char *stated, unsigned flags,
                     pst_claim **cp)
{
  pst_claim *c = audit_claims_push(out);
  char id[200], label[200], sec[64];
  const char *why;
  if (!c) return PST_ENOMEM;
  snprintf(id, sizeof id, "%s/%s%s", r->cohort, r->category, suffix);
  snprintf(label, sizeof label, "%s: %s", r->cohort, r->category);
  snprintf(sec, sizeof sec, "line %ld", r->line);
  c->kind = kind;
  c->file = name;
  c->origin = "outcomes";
  c->line = r->line;
  if (!(c->id = audit_strdup(id)) || !(c->quote = audit_strdup(label)) ||
      !(c->section = audit_strdup(sec)) || !(c->stated_text = audit_strdup(stated)) ||
      !(c->table = audit_strdup(r->cohort)) || (r->source && !(c->source = audit_strdup(r->source))) ||
      (r->note && !(c->note = audit_strdup(r->note))))
    return PST_ENOMEM;
  if (pst_stated_parse(stated, flags, &c->stated, &why, NULL) != PST_OK) c->stated.value = (double)NAN;
  *cp = c;
  return PST_OK;
}

static int build(const pst_outcomes *o, const char *name, pst_claims *out)
{
  for (size_t k = 0; k < o->ncohorts; k++) {
    const pst_cohort *co = &o->cohorts[k];
    const pst_outcome_row *tot = co->total >= 0 ? &o->v[co->total] : NULL;
    int missing = 0, st;
    size_t npct = 0;
    pst_claim *c;
    char text[40];
    for (size_t j = 0; j < co->nparts; j++) {
      if (o->v[co->parts[j]].count < 0) missing = 1;
      if (o->v[co->parts[j]].stated_pct) npct++;
    }
    /* the stated total against the sum of the parts */
    if (tot && tot->count >= 0 && co->nparts) {
      audit_fmt(text, sizeof text, (double)tot->count, 0);
      if ((st = new_claim(out, name, tot, "", PST_CLAIM_SUM, text, PST_STATED_COUNT, &c))) return st;
      if (!missing)
        for (size_t j = 0; j < co->nparts && c->x.n < PST_AUDIT_MAXTERMS; j++)
          set_term(&c->x.t[c->x.n++], o->v[co->parts[j]].count, NULL);
    }
    /* the parts' printed percentages against the total's ("100") */
    if (tot && tot->stated_pct && npct) {
      if ((st = new_claim(out, name, tot, "-pct", PST_CLAIM_SUM, tot->stated_pct, PST_STATED_PERCENT, &c)))
        return st;
      for (size_t j = 0; j < co->nparts && c->x.n < PST_AUDIT_MAXTERMS; j++) {
        const pst_outcome_row *p = &o->v[co->parts[j]];
        pst_stated s;
        const char *why;
        if (!p->stated_pct || pst_stated_parse(p->stated_pct, PST_STATED_PERCENT, &s, &why, NULL) != PST_OK) {
          c->x.n = 0; /* a part without a readable percentage: not checkable */
          break;
        }
        memset(&c->x.t[c->x.n], 0, sizeof c->x.t[0]);
        c->x.t[c->x.n].sign = 1;
        c->x.t[c->x.n].value = s.value;
        memcpy(c->x.t[c->x.n].num, s.num, PST_NUM_TEXT);
        c->x.n++;
      }
    }
    /* each printed percentage against count / total; row = order in the table */
    for (size_t j = 0; j < co->nparts + co->ndetails; j++) {
      size_t ri = j < co->nparts ? co->parts[j] : co->details[j - co->nparts];
      const pst_outcome_row *r = &o->v[ri];
      if (!r->stated_pct) continue;
      if ((st = new_claim(out, name, r, "", PST_CLAIM_PERCENTAGE, r->stated_pct, PST_STATED_PERCENT, &c)))
        return st;
      if (j < co->nparts) c->row = (long)j + 1;
      if (r->count >= 0) { c->x.n = 1; set_term(&c->x.t[0], r->count, NULL); }
      if (tot && tot->count > 0) { c->y.n = 1; set_term(&c->y.t[0], tot->count, NULL); }
    }
    /* a detail cannot exceed the line it breaks down */
    for (size_t j = 0; j < co->ndetails; j++) {
      const pst_outcome_row *r = &o->v[co->details[j]];
      const pst_outcome_row *par = r->parent ? pst_cohort_row(o, co, r->parent) : NULL;
      if (!par || r->count < 0 || par->count < 0) continue;
      audit_fmt(text, sizeof text, (double)r->count, 0);
      if ((st = new_claim(out, name, r, "-within", PST_CLAIM_BOUND, text, PST_STATED_COUNT, &c))) return st;
      c->x.n = 1;
      set_term(&c->x.t[0], par->count, NULL);
    }
  }
  return PST_OK;
}

int audit_outcomes_load(FILE *fp, const char *name, pst_claims *out, pst_diag *d)
{
  pst_outcomes o;
  size_t n0 = out->n;
  int st;
  memset(&o, 0, sizeof o);
  st = pst_outcomes_load(fp, name, &o, d);
  if (st == PST_OK) st = build(&o, name, out);
  pst_outcomes_free(&o);
  if (st != PST_OK)
    while (out->n > n0) audit_claim_free(&out->v[--out->n]);
  return st;
}
