/* mc_default.c -- default Monte Carlo inputs: one source mixture per group.
 *
 * The rules (which rows enter a mixture, and how) are stated in mc.h and in
 * datasets/README.md; they are decided here once so that every command
 * treats a range-only or a deaths-only row the same way.
 */
#define _POSIX_C_SOURCE 200809L
#include "powstat/mc.h"
#include "mc_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int has(int64_t v) { return v != PST_MISSING; }

/* A count's range: low..high with the point as mode; a missing low or high
 * falls back to the point, a missing point to the midpoint.  0 if no figure. */
static int count_range(int64_t lo, int64_t pt, int64_t hi, double *l, double *m, double *h)
{
  if (!has(lo) && !has(pt) && !has(hi)) return 0;
  if (has(pt)) {
    *m = (double)pt;
    *l = has(lo) ? (double)lo : *m;
    *h = has(hi) ? (double)hi : *m;
  } else {
    *l = has(lo) ? (double)lo : (double)hi;
    *h = has(hi) ? (double)hi : (double)lo;
    *m = 0.5 * (*l + *h);
  }
  return 1;
}

void pst_mc__component_ranges(const pst_estimate *e, pst_mc_component *c)
{
  count_range(e->deaths_low, e->deaths, e->deaths_high, &c->d_lo, &c->d_mode, &c->d_hi);
  count_range(e->captured_low, e->captured, e->captured_high, &c->c_lo, &c->c_mode, &c->c_hi);
}

static int same_counts(const pst_estimate *a, const pst_estimate *b)
{
  return a->captured_low == b->captured_low && a->captured == b->captured &&
         a->captured_high == b->captured_high && a->deaths_low == b->deaths_low &&
         a->deaths == b->deaths && a->deaths_high == b->deaths_high &&
         ((a->source == NULL && b->source == NULL) ||
          (a->source && b->source && strcmp(a->source, b->source) == 0));
}

static int is_yes(const pst_estimate *e) { return e->verified && strcmp(e->verified, "yes") == 0; }

/* Why row e cannot enter (NULL if it can). */
const char *pst_mc__unusable(const pst_estimate *e)
{
  int d = has(e->deaths_low) || has(e->deaths) || has(e->deaths_high);
  int c = has(e->captured_low) || has(e->captured) || has(e->captured_high);
  if (!d && !c) return "no counts";
  if (!d) return "no deaths";
  if (!c) return "no denominator";
  if ((has(e->captured_low) && e->captured_low == 0) || (has(e->captured) && e->captured == 0))
    return "zero denominator";
  return NULL;
}

static int append_text(char **s, const char *id, const char *why)
{
  size_t old = *s ? strlen(*s) : 0, add = strlen(id) + strlen(why) + 6;
  char *p = realloc(*s, old + add);
  if (!p) return PST_ENOMEM;
  snprintf(p + old, add, "%s%s (%s)", old ? "; " : "", id, why);
  *s = p;
  return PST_OK;
}

char *pst_mc__strdup(const char *s)
{
  size_t n = strlen(s) + 1;
  char *p = malloc(n);
  if (p) memcpy(p, s, n);
  return p;
}

/* Build the mixture of one group (rows with that group). */
static int build_group(const pst_estimates *e, const char *group, pst_mc_within within,
                       int sampling, pst_mc_input *in)
{
  size_t n = e->n;
  /* chosen[i]: 1 if row i is used; dup_of[i]: the row it duplicates */
  char *use = calloc(n ? n : 1, 1);
  size_t *dup_of = malloc((n ? n : 1) * sizeof *dup_of);
  int st = PST_OK;
  if (!use || !dup_of) { free(use); free(dup_of); return PST_ENOMEM; }
  for (size_t i = 0; i < n; i++) {
    const pst_estimate *r = &e->v[i];
    dup_of[i] = (size_t)-1;
    if (!r->group || strcmp(r->group, group) != 0 || pst_mc__unusable(r)) continue;
    use[i] = 1;
    for (size_t j = 0; j < i; j++) {
      if (!use[j] || !same_counts(&e->v[j], r)) continue;
      /* keep the verified one; otherwise the first */
      if (is_yes(r) && !is_yes(&e->v[j])) { use[j] = 0; dup_of[j] = i; }
      else { use[i] = 0; dup_of[i] = j; }
      break;
    }
  }
  memset(in, 0, sizeof *in);
  in->kind = PST_MC_MIXTURE;
  in->within = within;
  in->sampling = sampling;
  in->name = pst_mc__strdup(group);
  if (!in->name) st = PST_ENOMEM;
  for (size_t i = 0; i < n && st == PST_OK; i++) {
    const pst_estimate *r = &e->v[i];
    const char *why;
    if (!r->group || strcmp(r->group, group) != 0) continue;
    if (use[i]) {
      pst_mc_component *c, *nc = realloc(in->comp, (in->ncomp + 1) * sizeof *nc);
      if (!nc) { st = PST_ENOMEM; break; }
      in->comp = nc;
      c = &in->comp[in->ncomp];
      memset(c, 0, sizeof *c);
      c->id = pst_mc__strdup(r->id);
      if (!c->id) { st = PST_ENOMEM; break; }
      in->ncomp++;
      c->weight = 1;
      pst_mc__component_ranges(r, c);
      continue;
    }
    why = pst_mc__unusable(r);
    if (!why && dup_of[i] != (size_t)-1) {
      char b[160];
      snprintf(b, sizeof b, "duplicate of %s", e->v[dup_of[i]].id);
      st = append_text(&in->left_out, r->id, b);
    } else if (why) {
      st = append_text(&in->left_out, r->id, why);
    }
  }
  free(use);
  free(dup_of);
  if (st == PST_OK && in->ncomp) st = pst_mc_input_finish(in, NULL);
  return st;
}

int pst_mc_inputs_from_estimates(const pst_estimates *e, pst_mc_within within, int sampling,
                                 pst_mc_inputs *out)
{
  for (size_t i = 0; i < e->n; i++) {
    const char *g = e->v[i].group;
    pst_mc_input in;
    int st, seen = 0;
    if (!g) continue;
    for (size_t j = 0; j < i && !seen; j++)
      if (e->v[j].group && strcmp(e->v[j].group, g) == 0) seen = 1;
    if (seen) continue;
    st = build_group(e, g, within, sampling, &in);
    if (st != PST_OK) { pst_mc_input_free(&in); return st; }
    if (in.ncomp == 0) { pst_mc_input_free(&in); continue; }
    {
      pst_mc_input *nv = realloc(out->v, (out->n + 1) * sizeof *nv);
      if (!nv) { pst_mc_input_free(&in); return PST_ENOMEM; }
      out->v = nv;
      out->v[out->n++] = in;
    }
  }
  return PST_OK;
}
