/* batch_outcomes.c -- `outcomes` jobs of `powstat batch`: simultaneous
 * multinomial intervals (powstat/multinom.h, as `powstat outcomes`) for a
 * composition given as a counts list or as a cohort of --outcomes; one row
 * per category (the parts of a cohort; detail rows are not part of the
 * composition and are left to `powstat outcomes`).  The counts, labels and
 * intervals live in fixed arrays of the context (PST_MN_KMAX each), so the
 * run allocates nothing per job. */
#define _POSIX_C_SOURCE 200809L
#include "batch_job.h"
#include "cli.h"

#include <string.h>

const out_col batch_out_cols[N_OUT] = {
  {"cohort", NULL, COL_TEXT}, {"category", NULL, COL_TEXT}, {"count", NULL, COL_NUM},
  {"total", NULL, COL_NUM},   {"share", NULL, COL_NUM},     {"warning", NULL, COL_TEXT},
};

/* Split the counts cell "231034,18382,..." into c->oc_counts; *k items. */
static int parse_counts(batch_ctx *c, size_t nf, const char *s, size_t *k, pst_diag *d)
{
  const char *p = s;
  *k = 0;
  for (;;) {
    const char *comma = strchr(p, ','), *why;
    size_t len = comma ? (size_t)(comma - p) : strlen(p);
    uint64_t v;
    if (*k == PST_MN_KMAX)
      return bjob_err(c, nf, c->idx[J_COUNTS], d, "counts: more than %d categories", PST_MN_KMAX);
    if (pst_parse_count(p, len, &v, &why, NULL) != PST_OK)
      return bjob_err(c, nf, c->idx[J_COUNTS], d,
                      "counts: item %zu '%.*s' is not a whole number (the list is "
                      "comma-separated: no thousands separators)", *k + 1,
                      (int)(len > 40 ? 40 : len), p);
    c->oc_counts[(*k)++] = v;
    if (!comma) break;
    p = comma + 1;
  }
  if (*k < 2) return bjob_err(c, nf, c->idx[J_COUNTS], d, "counts: at least two categories needed");
  return PST_OK;
}

static int parse_labels(batch_ctx *c, size_t nf, const char *s, size_t k, pst_diag *d)
{
  const char *p = s;
  size_t i = 0;
  for (;;) {
    const char *comma = strchr(p, ',');
    size_t len = comma ? (size_t)(comma - p) : strlen(p);
    if (i == k) break;
    if (len == 0) return bjob_err(c, nf, c->idx[J_LABELS], d, "labels: empty name for count %zu", i + 1);
    for (size_t j = 0; j < i; j++)
      if (c->oc_lablen[j] == len && memcmp(c->oc_labels[j], p, len) == 0)
        return bjob_err(c, nf, c->idx[J_LABELS], d, "labels: '%.*s' given twice",
                        (int)(len > 40 ? 40 : len), p);
    c->oc_labels[i] = p;
    c->oc_lablen[i++] = len;
    if (!comma) break;
    p = comma + 1;
  }
  {
    size_t n = 1;
    for (const char *q = s; *q; q++) n += *q == ',';
    if (n != k)
      return bjob_err(c, nf, c->idx[J_LABELS], d, "labels has %zu names for %zu counts", n, k);
  }
  return PST_OK;
}

int batch_run_outcomes(batch_ctx *c, const pst_field *f, size_t nf, const char *id, pst_diag *d)
{
  const char *counts = bjob_cell(f, nf, c->idx[J_COUNTS]), *cid = bjob_cell(f, nf, c->idx[J_COHORT]);
  const char *labels = bjob_cell(f, nf, c->idx[J_LABELS]), *m = bjob_cell(f, nf, c->idx[J_METHOD]);
  const char *ltxt, *warning = NULL;
  const pst_cohort *co = NULL;
  pst_mn_method method = PST_MN_GOODMAN;
  pst_mn_info info;
  uint64_t total = 0;
  double level;
  size_t k = 0;
  int st;
  bout *w = c->w;

  if (!counts == !cid)
    return bjob_err(c, nf, c->idx[counts ? J_COHORT : J_COUNTS], d,
                    counts ? "give either counts or cohort, not both"
                           : "missing counts (a comma list) or cohort (an id of the outcomes file)");
  if (counts) {
    if ((st = parse_counts(c, nf, counts, &k, d)) != PST_OK) return st;
    if (labels && (st = parse_labels(c, nf, labels, k, d)) != PST_OK) return st;
  } else {
    if (labels)
      return bjob_err(c, nf, c->idx[J_LABELS], d, "labels go with counts; a cohort has its categories");
    if (!(co = pst_outcomes_find(&c->oc, cid)))
      return bjob_err(c, nf, c->idx[J_COHORT], d, "unknown cohort '%.80s' (not in %s)", cid,
                      c->oc.file ? c->oc.file : "the outcomes file");
    if (co->nparts < 2)
      return bjob_err(c, nf, c->idx[J_COHORT], d, "cohort '%.80s' has fewer than two parts", cid);
    if (co->nparts > PST_MN_KMAX)
      return bjob_err(c, nf, c->idx[J_COHORT], d, "cohort '%.80s': more than %d parts", cid, PST_MN_KMAX);
    for (size_t i = 0; i < co->nparts; i++) {
      const pst_outcome_row *r = &c->oc.v[co->parts[i]];
      if (r->count < 0)
        return bjob_err(c, nf, c->idx[J_COHORT], d, "cohort '%.80s': part %.80s has no count", cid,
                        r->category);
      c->oc_counts[k] = (uint64_t)r->count;
      c->oc_labels[k] = r->category;
      c->oc_lablen[k++] = strlen(r->category);
    }
  }
  for (size_t i = 0; i < k; i++) {
    total += c->oc_counts[i];
    if (total > PST_COUNT_MAX)
      return bjob_err(c, nf, c->idx[counts ? J_COUNTS : J_COHORT], d, "counts: the total exceeds 2^53");
  }
  if (total == 0)
    return bjob_err(c, nf, c->idx[counts ? J_COUNTS : J_COHORT], d, "counts: all zero, no composition");
  if (m && pst_mn_method_parse(m, &method) != PST_OK)
    return bjob_err(c, nf, c->idx[J_METHOD], d,
                    "unknown method '%.40s' for an outcomes job (goodman, qh, sison-glaz, "
                    "wilson-bonferroni)", m);
  if ((st = bjob_level(c, f, nf, &level, &ltxt, d)) != PST_OK) return st;
  if ((st = bjob_two_sided(c, f, nf, "outcomes", d)) != PST_OK) return st;
  st = pst_multinom_ci(method, c->oc_counts, k, level, c->oc_ci, &info);
  if (st == PST_ENOCONV && info.fallback)
    warning = "sison-glaz has no solution for these (sparse) counts: goodman used";
  else if (st != PST_OK)
    return bjob_err(c, nf, c->idx[J_ID], d, "%s", pst_strerror(st));

  for (size_t i = 0; i < k; i++) {
    char lab[24];
    bout_str(w, id);
    bout_missing(w, 3); /* deaths, captured, proportion */
    bout_str(w, pst_mn_method_name(info.used));
    bout_numtext(w, ltxt);
    bout_num(w, c->oc_ci[i].lower);
    bout_num(w, c->oc_ci[i].upper);
    bout_str(w, "two");
    bjob_pad(c, c->off_kind);
    bout_str(w, "outcomes");
    bjob_pad(c, c->off_out);
    bout_str(w, co ? co->id : NULL);
    if (counts && !labels) {
      snprintf(lab, sizeof lab, "c%zu", i + 1);
      bout_str(w, lab);
    } else {
      bout_strn(w, c->oc_labels[i], c->oc_lablen[i]);
    }
    bout_int(w, (int64_t)c->oc_counts[i]);
    bout_int(w, (int64_t)total);
    bout_num(w, (double)c->oc_counts[i] / (double)total);
    bout_str(w, warning);
    bjob_tail(c, "ok", NULL);
  }
  return PST_OK;
}
