/* cmd_outcomes.c -- `powstat outcomes`: what became of each group.  Outcome
 * tables with simultaneous multinomial intervals, the stated-total and
 * printed-percentage checks, and the chi-square comparison of two tables. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "commands.h"
#include "out.h"
#include "pctfmt.h"

#include "powstat/multinom.h"
#include "powstat/num.h"
#include "powstat/outcomes.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char help_outcomes[] =
  "Usage: powstat outcomes [OPTION]... [FILE | COUNTS]\n"
  "\n"
  "What became of each group: the composition of every outcome table (cohort)\n"
  "of FILE (default: the bundled datasets/outcomes.csv), with simultaneous\n"
  "confidence intervals for the shares of its parts, and a check of the\n"
  "table's arithmetic. COUNTS is a comma list typed on the command line, e.g.\n"
  "231034,18382,30749,5924,11556,5347 (no thousands separators there).\n"
  "\n"
  "Checks (shown in the table, and in machine columns):\n"
  "  total_check  ok, or mismatch when the parts do not add up to the stated\n"
  "               total (difference = parts_sum - stated_total), no-total,\n"
  "               incomplete (a part has no count)\n"
  "  pct_check    mismatch when a printed percentage differs from\n"
  "               100 * count / stated total by more than half a unit of its\n"
  "               last printed digit (1.96 covers 1.955 to 1.965)\n"
  "Detail rows (breakdowns such as \"of them officers\") are shown under their\n"
  "parent; they are not part of the composition and get no interval.\n"
  "\n"
  "Options:\n"
  "  -c, --cohort LIST    only these cohorts (comma-separated ids) [all]\n"
  "  -m, --method M       goodman, qh (Quesenberry-Hurst), sison-glaz or\n"
  "                       wilson-bonferroni [goodman]\n"
  "  -l, --level P        simultaneous confidence level, 0 < P < 1 [0.95]\n"
  "      --labels LIST    category names for COUNTS [c1,c2,...]\n"
  "      --total N        stated total for COUNTS, to check the parts against\n"
  "      --parts-only     leave out detail rows\n"
  "      --compare A:B    chi-square test of homogeneity between two tables:\n"
  "                       cohort ids of FILE, or two COUNTS lists (with --labels)\n"
  "  -f, --format F       table, csv, tsv, json or markdown [table on a terminal,\n"
  "                       csv otherwise]\n"
  "  -o, --output FILE    write to FILE (atomically: a failure leaves any old FILE)\n"
  "  -h, --help           show this help and exit\n"
  "\n"
  "Methods. goodman: Goodman (1965), chi2_1 at 1 - alpha/k; wilson-bonferroni:\n"
  "Wilson intervals at 1 - alpha/k, which is the same interval as Goodman's;\n"
  "qh: Quesenberry & Hurst (1964), chi2_(k-1), wider for k > 2; sison-glaz:\n"
  "Sison & Glaz (1995), narrower, tested by its authors for 7 or more\n"
  "categories; where its approximation has no solution (sparse counts) Goodman\n"
  "is used instead, with a warning. All are sampling (statistical) intervals:\n"
  "they say nothing of how accurate the printed counts are.\n"
  "\n"
  "Machine-readable columns: category,count,share,method,level,lower,upper,\n"
  "cohort,role,parent,stated_pct,computed_pct,pct_check,stated_total,\n"
  "parts_sum,difference,total_check,warning. share, lower and upper are\n"
  "fractions of the parts' sum; computed_pct is percent of the stated total.\n"
  "Rows are the parts (role part) and details (role detail, no interval);\n"
  "stack only role = part. With --compare: category,cohort_a,count_a,share_a,\n"
  "cohort_b,count_b,share_b,expected_a,expected_b,residual,statistic,df,\n"
  "p_value,log10_p,min_expected (residual: adjusted standardised residual of\n"
  "table A, Haberman 1973; B's is its negative).\n"
  "\n"
  "Examples:\n"
  "  powstat outcomes --cohort special-camps-1944\n"
  "  powstat outcomes 231034,18382,30749,5924,11556,5347 \\\n"
  "      --labels army,assault,industry,escort,arrested,hospital --total 302992\n"
  "  powstat outcomes --compare camp048-jan-aug-1945-all:camp048-aug-1945-jan-1946-all\n";

enum { OPT_LABELS = 256, OPT_TOTAL, OPT_PARTS_ONLY, OPT_COMPARE };

typedef struct {
  const char *cohorts, *labels, *compare, *output;
  int64_t total;
  int parts_only;
  pst_mn_method method;
  double level;
  cli_format fmt;
} oc_opts;

static const out_col machine_cols[] = {
  {"category", NULL, COL_TEXT}, {"count", NULL, COL_NUM}, {"share", NULL, COL_NUM},
  {"method", NULL, COL_TEXT}, {"level", NULL, COL_NUM}, {"lower", NULL, COL_NUM},
  {"upper", NULL, COL_NUM}, {"cohort", NULL, COL_TEXT}, {"role", NULL, COL_TEXT},
  {"parent", NULL, COL_TEXT}, {"stated_pct", NULL, COL_TEXT}, {"computed_pct", NULL, COL_NUM},
  {"pct_check", NULL, COL_TEXT}, {"stated_total", NULL, COL_NUM}, {"parts_sum", NULL, COL_NUM},
  {"difference", NULL, COL_NUM}, {"total_check", NULL, COL_TEXT}, {"warning", NULL, COL_TEXT},
};
static const out_col table_cols[] = {
  {"cohort", "cohort", COL_TEXT}, {"category", "category", COL_TEXT},
  {"count", "count", COL_NUM}, {"share", "share %", COL_NUM}, {"ci", "simultaneous CI %", COL_NUM},
  {"stated", "printed %", COL_NUM}, {"check", "check", COL_TEXT},
};

/* ---- input ------------------------------------------------------------ */

/* digits and commas, at least one comma, no empty item */
static int is_count_list(const char *s)
{
  int digits = 0, commas = 0;
  for (const char *p = s; *p; p++) {
    if (*p >= '0' && *p <= '9') digits++;
    else if (*p == ',' && digits) { commas++; digits = 0; }
    else return 0;
  }
  return commas > 0 && digits > 0;
}

static size_t count_items(const char *s)
{
  size_t n = 1;
  for (; *s; s++) n += *s == ',';
  return n;
}

/* the i-th comma-separated item of s into buf */
static void item(const char *s, size_t i, char *buf, size_t size)
{
  const char *p = s, *e;
  size_t len;
  while (i-- && (p = strchr(p, ','))) p++;
  if (!p) { buf[0] = '\0'; return; }
  e = strchr(p, ',');
  len = e ? (size_t)(e - p) : strlen(p);
  if (len >= size) len = size - 1;
  memcpy(buf, p, len);
  buf[len] = '\0';
}

/* Build an outcomes set for one typed count list (cohort `id`). */
static int counts_cohort(const char *id, const char *list, const char *labels, int64_t total,
                         pst_outcomes *o)
{
  size_t k = count_items(list), base = o->n;
  pst_outcome_row *v;
  if (labels && count_items(labels) != k)
    return cli_usage("outcomes", "--labels has %zu names for %zu counts", count_items(labels), k);
  v = realloc(o->v, (o->n + k + 1) * sizeof *v);
  if (!v) return EXIT_OSERR;
  o->v = v;
  for (size_t i = 0; i <= k; i++) {
    pst_outcome_row *r = &o->v[base + i];
    char b[128];
    memset(r, 0, sizeof *r);
    if (i == k) {
      if (total < 0) break;
      r->category = strdup("total");
      r->role = PST_ROLE_TOTAL;
      r->count = total;
    } else {
      uint64_t c;
      const char *why;
      item(list, i, b, sizeof b);
      if (pst_parse_count(b, strlen(b), &c, &why, NULL) != PST_OK)
        return cli_usage("outcomes", "count '%s': %s", b, why);
      r->count = (int64_t)c;
      r->role = PST_ROLE_PART;
      if (labels) item(labels, i, b, sizeof b);
      else snprintf(b, sizeof b, "c%zu", i + 1);
      if (!b[0]) return cli_usage("outcomes", "--labels: empty name for count %zu", i + 1);
      for (size_t j = base; j < base + i; j++)
        if (strcmp(o->v[j].category, b) == 0)
          return cli_usage("outcomes", "--labels: '%s' given twice", b);
      r->category = strdup(b);
    }
    /* the cohort id last: a usage error above leaves nothing to free */
    r->cohort = strdup(id);
    o->n++;
    if (!r->cohort || !r->category) return EXIT_OSERR;
  }
  /* group rows into the cohort index */
  {
    pst_cohort *c = realloc(o->cohorts, (o->ncohorts + 1) * sizeof *c);
    if (!c) return EXIT_OSERR;
    o->cohorts = c;
    c = &c[o->ncohorts++];
    memset(c, 0, sizeof *c);
    c->id = o->v[base].cohort;
    c->total = -1;
    c->parts = malloc(k * sizeof *c->parts);
    if (!c->parts) return EXIT_OSERR;
    for (size_t i = 0; i < k; i++) c->parts[c->nparts++] = base + i;
    if (total >= 0) c->total = (long)(base + k);
  }
  return 0;
}

static int load_file(const char *path, pst_outcomes *o)
{
  pst_diag d = {0};
  int code = 0, st;
  size_t before = o->n;
  const char *name = strcmp(path, "-") == 0 ? "(stdin)" : path;
  FILE *fp = cli_open_input(path, &code);
  if (!fp) return code;
  st = pst_outcomes_load(fp, name, o, &d);
  if (fp != stdin) fclose(fp);
  if (st != PST_OK) return cli_diag(st, &d);
  if (o->n == before) {
    /* a header and nothing else is more likely a lost export than an empty
     * table worth printing */
    cli_err("%s:2:1: no data rows after the header", name);
    return EXIT_DATA;
  }
  return 0;
}

/* ---- one cohort ------------------------------------------------------- */

typedef struct {
  out_table *t;
  const oc_opts *o;
  const pst_outcomes *set;
  const pst_cohort *c;
  pst_cohort_check chk;
  const char *total_check;
  int have_ci;
  pst_interval *ci;
  const char *method;
  const char *warning;
  int table;
} cohort_ctx;

static void fmt_int(char *b, size_t n, int64_t v)
{
  char raw[32];
  size_t len, k = 0;
  len = (size_t)snprintf(raw, sizeof raw, "%lld", (long long)(v < 0 ? -v : v));
  if (v < 0 && k + 1 < n) b[k++] = '-';
  for (size_t i = 0; i < len && k + 2 < n; i++) {
    if (i && (len - i) % 3 == 0) b[k++] = ',';
    b[k++] = raw[i];
  }
  b[k] = '\0';
}

static void emit_row(cohort_ctx *x, const pst_outcome_row *r, size_t part_index)
{
  double n = (double)x->chk.parts_sum;
  double share = (r->count >= 0 && n > 0) ? (double)r->count / n : CLI_NAN;
  int64_t base = x->chk.has_total ? x->chk.stated_total : x->chk.parts_sum;
  double computed = CLI_NAN;
  int dec = 0, match = 0, pst = PST_EDATA;
  const char *pct_check = NULL;
  const pst_outcome_row *parent = NULL;
  int is_part = r->role == PST_ROLE_PART;
  char flag[256] = "";
  if (r->stated_pct) {
    pst = pst_outcome_pct_check(r->stated_pct, r->count, base, &computed, &dec, &match);
    pct_check = pst == PST_OK ? (match ? "ok" : "mismatch") : pst == PST_EDATA ? "unparsed" : NULL;
  } else if (r->count >= 0 && base > 0) {
    computed = 100.0 * (double)r->count / (double)base;
  }
  if (r->role == PST_ROLE_DETAIL) parent = pst_cohort_row(x->set, x->c, r->parent);
  if (parent && parent->count >= 0 && r->count > parent->count) {
    char pb[40];
    fmt_int(pb, sizeof pb, parent->count);
    snprintf(flag, sizeof flag, "exceeds its parent %s (%s)", parent->category, pb);
  }
  if (x->table) {
    char cat[192], sb[64], cib[96], pb[96], chk[320];
    int indent = r->role == PST_ROLE_DETAIL ? 2 * r->depth : 0;
    snprintf(cat, sizeof cat, "%*s%s%s", indent, "", r->role == PST_ROLE_DETAIL ? "of which " : "",
             r->category);
    out_str(x->t, NULL);
    out_str(x->t, cat);
    out_int(x->t, r->count);
    if (is_part && x->have_ci) {
      pct_format3(share, x->ci[part_index].lower, x->ci[part_index].upper, sb, sizeof sb, cib, sizeof cib);
      out_num_shown(x->t, share, sb);
      out_num_shown(x->t, x->ci[part_index].lower, cib);
    } else {
      if (!isnan(share)) pct_format1(share, 4, sb, sizeof sb);
      else sb[0] = '\0';
      out_num_shown(x->t, share, sb);
      out_str(x->t, NULL);
    }
    out_str(x->t, r->stated_pct);
    chk[0] = '\0';
    if (pct_check && strcmp(pct_check, "mismatch") == 0) {
      pct_format1(computed / 100, 4, pb, sizeof pb);
      snprintf(chk, sizeof chk, "MISMATCH: printed %s%%, count gives %s%%", r->stated_pct, pb);
    } else if (pct_check && strcmp(pct_check, "unparsed") == 0) {
      snprintf(chk, sizeof chk, "printed %% not a number");
    }
    if (flag[0]) snprintf(chk + strlen(chk), sizeof chk - strlen(chk), "%s%s", chk[0] ? "; " : "", flag);
    out_str(x->t, chk[0] ? chk : NULL);
  } else {
    out_str(x->t, r->category);
    out_int(x->t, r->count);
    out_num(x->t, share);
    out_str(x->t, is_part && x->have_ci ? x->method : NULL);
    out_num(x->t, is_part && x->have_ci ? x->o->level : CLI_NAN);
    out_num(x->t, is_part && x->have_ci ? x->ci[part_index].lower : CLI_NAN);
    out_num(x->t, is_part && x->have_ci ? x->ci[part_index].upper : CLI_NAN);
    out_str(x->t, x->c->id);
    out_str(x->t, pst_outcome_role_name(r->role));
    out_str(x->t, r->parent);
    out_str(x->t, r->stated_pct);
    out_num(x->t, computed);
    out_str(x->t, pct_check);
    out_int(x->t, x->chk.stated_total);
    out_int(x->t, x->chk.parts_sum);
    if (x->chk.has_total) out_num(x->t, (double)x->chk.difference);
    else out_num(x->t, CLI_NAN);
    out_str(x->t, x->total_check);
    if (flag[0] && x->warning) {
      char w[512];
      snprintf(w, sizeof w, "%s; %s", x->warning, flag);
      out_str(x->t, w);
    } else {
      out_str(x->t, flag[0] ? flag : x->warning);
    }
  }
  out_row(x->t);
}

/* details whose parent is `cat`, depth first, in file order */
static void emit_details(cohort_ctx *x, const char *cat)
{
  if (x->o->parts_only) return;
  for (size_t i = 0; i < x->c->ndetails; i++) {
    const pst_outcome_row *r = &x->set->v[x->c->details[i]];
    if (strcmp(r->parent, cat) != 0) continue;
    emit_row(x, r, 0);
    emit_details(x, r->category);
  }
}

static void emit_total_line(cohort_ctx *x)
{
  char chk[320], a[40], b[40], sb[64];
  const pst_outcome_row *tot = x->c->total >= 0 ? &x->set->v[x->c->total] : NULL;
  out_str(x->t, x->c->id);
  out_str(x->t, tot ? "total (stated)" : "total (parts)");
  out_int(x->t, tot ? tot->count : x->chk.parts_sum);
  out_num_shown(x->t, CLI_NAN, "");
  out_str(x->t, NULL);
  out_str(x->t, tot ? tot->stated_pct : NULL);
  fmt_int(a, sizeof a, x->chk.parts_sum);
  fmt_int(b, sizeof b, x->chk.difference);
  if (!x->chk.complete) snprintf(chk, sizeof chk, "INCOMPLETE: a part has no count");
  else if (!x->chk.has_total) snprintf(chk, sizeof chk, "no stated total");
  else if (x->chk.difference != 0)
    snprintf(chk, sizeof chk, "MISMATCH: parts add to %s (%s%s)", a, x->chk.difference > 0 ? "+" : "", b);
  else snprintf(chk, sizeof chk, "parts add up");
  if (x->chk.npct == x->c->nparts && x->chk.npct > 1 && fabs(x->chk.pct_sum - 100) > 0.05 * (double)x->chk.npct + 1e-9) {
    /* each printed share may be off by half a unit of its last digit: a sum
     * further from 100 than the rounding of one-decimal figures allows */
    snprintf(sb, sizeof sb, "%.2f", x->chk.pct_sum);
    snprintf(chk + strlen(chk), sizeof chk - strlen(chk), "; printed %% add to %s", sb);
  }
  out_str(x->t, chk);
  out_row(x->t);
}

static int do_cohort(out_table *t, const oc_opts *o, const pst_outcomes *set, const pst_cohort *c)
{
  cohort_ctx x;
  uint64_t *counts = NULL;
  char warn[256] = "";
  int rc = 0;
  memset(&x, 0, sizeof x);
  x.t = t;
  x.o = o;
  x.set = set;
  x.c = c;
  x.table = o->fmt == FMT_TABLE || o->fmt == FMT_MARKDOWN;
  pst_cohort_check_total(set, c, &x.chk);
  x.total_check = !x.chk.complete ? "incomplete" : !x.chk.has_total ? "no-total"
                  : x.chk.matches ? "ok" : "mismatch";
  x.method = pst_mn_method_name(o->method);
  x.ci = calloc(c->nparts ? c->nparts : 1, sizeof *x.ci);
  counts = calloc(c->nparts ? c->nparts : 1, sizeof *counts);
  if (!x.ci || !counts) { free(x.ci); free(counts); cli_err("out of memory"); return EXIT_OSERR; }
  if (c->nparts > PST_MN_KMAX) {
    /* a documented bound (README, Limits), refused rather than printed
     * without intervals */
    const pst_outcome_row *r0 = &set->v[c->parts[PST_MN_KMAX]];
    if (set->file && r0->line > 0)
      cli_err("%s:%ld:1: cohort '%s' has %zu categories; the simultaneous intervals take at most %d",
              set->file, r0->line, c->id, c->nparts, PST_MN_KMAX);
    else
      cli_err("outcomes: %zu counts; the simultaneous intervals take at most %d", c->nparts, PST_MN_KMAX);
    free(x.ci);
    free(counts);
    return EXIT_DATA;
  }
  if (!x.chk.complete) snprintf(warn, sizeof warn, "no interval: a part has no count");
  else if (c->nparts < 2) snprintf(warn, sizeof warn, "no interval: fewer than two parts");
  else if (x.chk.parts_sum == 0) snprintf(warn, sizeof warn, "no interval: the parts are all zero");
  else {
    pst_mn_info info;
    int st;
    for (size_t i = 0; i < c->nparts; i++) counts[i] = (uint64_t)set->v[c->parts[i]].count;
    st = pst_multinom_ci(o->method, counts, c->nparts, o->level, x.ci, &info);
    if (st == PST_OK || st == PST_ENOCONV) x.have_ci = 1;
    if (st == PST_ENOCONV && info.fallback) {
      snprintf(warn, sizeof warn, "sison-glaz has no solution for these (sparse) counts: goodman used");
      x.method = pst_mn_method_name(info.used);
    } else if (st != PST_OK) {
      snprintf(warn, sizeof warn, "no interval: %s", pst_strerror(st));
    }
  }
  if (warn[0]) {
    x.warning = warn;
    cli_err("outcomes: warning: cohort %s: %s", c->id, warn);
  }
  if (x.table) emit_total_line(&x);
  if (x.c->total >= 0) emit_details(&x, set->v[x.c->total].category);
  for (size_t i = 0; i < c->nparts; i++) {
    emit_row(&x, &set->v[c->parts[i]], i);
    emit_details(&x, set->v[c->parts[i]].category);
  }
  free(x.ci);
  free(counts);
  return rc;
}

/* ---- comparison --------------------------------------------------------- */

static const out_col cmp_machine[] = {
  {"category", NULL, COL_TEXT}, {"cohort_a", NULL, COL_TEXT}, {"count_a", NULL, COL_NUM},
  {"share_a", NULL, COL_NUM}, {"cohort_b", NULL, COL_TEXT}, {"count_b", NULL, COL_NUM},
  {"share_b", NULL, COL_NUM}, {"expected_a", NULL, COL_NUM}, {"expected_b", NULL, COL_NUM},
  {"residual", NULL, COL_NUM}, {"statistic", NULL, COL_NUM}, {"df", NULL, COL_NUM},
  {"p_value", NULL, COL_NUM}, {"log10_p", NULL, COL_NUM}, {"min_expected", NULL, COL_NUM},
};
static const out_col cmp_table[] = {
  {"category", "category", COL_TEXT}, {"count_a", "count A", COL_NUM},
  {"share_a", "share A %", COL_NUM}, {"count_b", "count B", COL_NUM},
  {"share_b", "share B %", COL_NUM}, {"residual", "adj. residual", COL_NUM},
};

static int compare(const oc_opts *o, const pst_outcomes *set, const pst_cohort *ca,
                   const pst_cohort *cb)
{
  size_t cap = ca->nparts + cb->nparts, k = 0;
  const char **cat = calloc(cap, sizeof *cat);
  uint64_t *a = calloc(cap, sizeof *a), *b = calloc(cap, sizeof *b);
  double *ea = calloc(cap, sizeof *ea), *eb = calloc(cap, sizeof *eb), *ra = calloc(cap, sizeof *ra);
  pst_chisq_result r;
  cli_output out;
  out_table *t;
  int rc = 0, st, table = o->fmt == FMT_TABLE || o->fmt == FMT_MARKDOWN;
  double na = 0, nb = 0;
  if (!cat || !a || !b || !ea || !eb || !ra) { rc = EXIT_OSERR; goto done; }
  /* categories matched by name: A's order, then B's own */
  for (int side = 0; side < 2; side++) {
    const pst_cohort *c = side ? cb : ca;
    for (size_t i = 0; i < c->nparts; i++) {
      const pst_outcome_row *row = &set->v[c->parts[i]];
      size_t j;
      if (row->count < 0) {
        cli_err("outcomes: cohort %s: part %s has no count: no comparison", c->id, row->category);
        rc = EXIT_DATA;
        goto done;
      }
      for (j = 0; j < k; j++)
        if (strcmp(cat[j], row->category) == 0) break;
      if (j == k) cat[k++] = row->category;
      if (side) b[j] = (uint64_t)row->count;
      else a[j] = (uint64_t)row->count;
    }
  }
  for (size_t j = 0; j < k; j++) {
    na += (double)a[j];
    nb += (double)b[j];
  }
  st = k >= 2 ? pst_chisq_homogeneity(a, b, k, &r, ea, eb, ra, NULL) : PST_EUNDEF;
  if (st == PST_EUNDEF) {
    cli_err("outcomes: --compare %s:%s: no test possible (a table is empty or fewer than two "
            "categories are non-zero)", ca->id, cb->id);
    rc = EXIT_DATA;
    goto done;
  }
  if (st != PST_OK && st != PST_ENOCONV) { rc = cli_exit_code(st); goto done; }
  for (size_t j = 0; j < k; j++) {
    if (!pst_cohort_row(set, ca, cat[j]))
      cli_err("outcomes: warning: category %s is not in cohort %s: counted as 0", cat[j], ca->id);
    if (!pst_cohort_row(set, cb, cat[j]))
      cli_err("outcomes: warning: category %s is not in cohort %s: counted as 0", cat[j], cb->id);
  }
  if (r.n_small)
    cli_err("outcomes: warning: %zu cell(s) have an expected count below 5 (smallest %.3g): the "
            "chi-square p-value is only approximate", r.n_small, r.min_expected);
  if ((rc = cli_output_open(&out, o->output))) goto done;
  t = out_new(o->fmt, out.fp, "outcomes", table ? cmp_table : cmp_machine,
              table ? sizeof cmp_table / sizeof *cmp_table : sizeof cmp_machine / sizeof *cmp_machine);
  if (!t) { cli_output_abort(&out); rc = EXIT_OSERR; goto done; }
  {
    char m[256], xs[PST_FMT_BUFSZ], ps[64];
    pst_fmt_sig(xs, sizeof xs, r.statistic, 6);
    if (r.p_value >= 1e-300) pst_fmt_sig(ps, sizeof ps, r.p_value, 3);
    else snprintf(ps, sizeof ps, "10^%.1f", r.log10_p);
    snprintf(m, sizeof m, "A = %s, B = %s", ca->id, cb->id);
    out_meta(t, "tables", m);
    snprintf(m, sizeof m, "Pearson chi-square of homogeneity, X2 = %s, df = %g, p = %s", xs, r.df, ps);
    out_meta(t, "test", m);
    out_meta(t, "residual", "adjusted standardised residual of A (Haberman 1973): |r| > 2 marks "
                            "the categories that drive the difference");
    out_meta(t, "powstat_version", POWSTAT_VERSION);
  }
  for (size_t j = 0; j < k; j++) {
    double sa = (double)a[j] / na, sb = (double)b[j] / nb;
    if (table) {
      char b1[64], b2[64], b3[64];
      pct_format1(sa, 4, b1, sizeof b1);
      pct_format1(sb, 4, b2, sizeof b2);
      if (!isnan(ra[j])) snprintf(b3, sizeof b3, "%.2f", ra[j]);
      else b3[0] = '\0';
      out_str(t, cat[j]);
      out_int(t, (int64_t)a[j]);
      out_num_shown(t, sa, b1);
      out_int(t, (int64_t)b[j]);
      out_num_shown(t, sb, b2);
      out_num_shown(t, ra[j], b3);
    } else {
      out_str(t, cat[j]);
      out_str(t, ca->id);
      out_int(t, (int64_t)a[j]);
      out_num(t, sa);
      out_str(t, cb->id);
      out_int(t, (int64_t)b[j]);
      out_num(t, sb);
      out_num(t, ea[j]);
      out_num(t, eb[j]);
      out_num(t, ra[j]);
      out_num(t, r.statistic);
      out_num(t, r.df);
      out_num(t, r.p_value);
      out_num(t, r.log10_p);
      out_num(t, r.min_expected);
    }
    out_row(t);
  }
  if (out_finish(t) != 0) {
    cli_output_abort(&out);
    cli_err("write error");
    rc = EXIT_IOERR;
  } else {
    rc = cli_output_commit(&out);
  }
done:
  free(cat);
  free(a);
  free(b);
  free(ea);
  free(eb);
  free(ra);
  return rc;
}

int cmd_outcomes(int argc, char **argv)
{
  static const struct option longopts[] = {
    {"cohort", required_argument, NULL, 'c'}, {"method", required_argument, NULL, 'm'},
    {"level", required_argument, NULL, 'l'}, {"labels", required_argument, NULL, OPT_LABELS},
    {"total", required_argument, NULL, OPT_TOTAL}, {"parts-only", no_argument, NULL, OPT_PARTS_ONLY},
    {"compare", required_argument, NULL, OPT_COMPARE}, {"format", required_argument, NULL, 'f'},
    {"output", required_argument, NULL, 'o'}, {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};
  oc_opts o;
  pst_outcomes set;
  int c, rc = 0, fmt_set = 0;
  const char *input = NULL;
  memset(&o, 0, sizeof o);
  memset(&set, 0, sizeof set);
  o.method = PST_MN_GOODMAN;
  o.level = 0.95;
  o.total = -1;
  opterr = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, ":c:m:l:f:o:h", longopts, NULL)) != -1) {
    switch (c) {
    case 'c': o.cohorts = optarg; break;
    case 'm':
      if (pst_mn_method_parse(optarg, &o.method) != PST_OK)
        return cli_usage("outcomes", "unknown method '%s' (goodman, qh, sison-glaz, wilson-bonferroni)", optarg);
      break;
    case 'l': if ((rc = cli_parse_level("outcomes", optarg, &o.level))) return rc; break;
    case OPT_LABELS: o.labels = optarg; break;
    case OPT_TOTAL: {
      uint64_t v;
      const char *why;
      if (pst_parse_count(optarg, strlen(optarg), &v, &why, NULL) != PST_OK)
        return cli_usage("outcomes", "--total '%s': %s", optarg, why);
      o.total = (int64_t)v;
      break;
    }
    case OPT_PARTS_ONLY: o.parts_only = 1; break;
    case OPT_COMPARE: o.compare = optarg; break;
    case 'f':
      if (cli_parse_format(optarg, 0x1F, &o.fmt))
        return cli_usage("outcomes", "--format '%s': expected table, csv, tsv, json or markdown", optarg);
      fmt_set = 1;
      break;
    case 'o': o.output = optarg; break;
    case 'h': fputs(help_outcomes, stdout); return cli_finish_stdout();
    case ':': return cli_usage("outcomes", "option '%s' needs a value", argv[optind - 1]);
    default: return cli_usage("outcomes", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (!fmt_set) o.fmt = (o.output && strcmp(o.output, "-")) ? FMT_CSV : cli_default_format();
  if (argc - optind > 1) return cli_usage("outcomes", "expected one FILE or COUNTS list, got %d", argc - optind);
  if (optind < argc) input = argv[optind];
  if (input && is_count_list(input)) {
    if (o.cohorts) return cli_usage("outcomes", "--cohort selects cohorts of a FILE, not of COUNTS");
    rc = counts_cohort("counts", input, o.labels, o.total, &set);
  } else if (o.compare && strchr(o.compare, ':') && is_count_list(strchr(o.compare, ':') + 1)) {
    /* --compare COUNTS:COUNTS */
    char *a = strdup(o.compare);
    if (!a) return EXIT_OSERR;
    *strchr(a, ':') = '\0';
    if (!is_count_list(a)) {
      free(a);
      return cli_usage("outcomes", "--compare '%s': expected A:B, two cohort ids or two count lists", o.compare);
    }
    if (count_items(a) != count_items(strchr(o.compare, ':') + 1)) {
      free(a);
      return cli_usage("outcomes", "--compare: the two count lists differ in length");
    }
    rc = counts_cohort("A", a, o.labels, -1, &set);
    if (!rc) rc = counts_cohort("B", strchr(o.compare, ':') + 1, o.labels, -1, &set);
    free(a);
    if (!rc) rc = compare(&o, &set, &set.cohorts[0], &set.cohorts[1]);
    goto done;
  } else {
    if (o.labels || o.total >= 0)
      return cli_usage("outcomes", "--labels and --total go with a COUNTS list");
    if (input) rc = load_file(input, &set);
    else {
      static char deflt[4096];
      snprintf(deflt, sizeof deflt, "%s", cli_datafile("outcomes.csv"));
      rc = load_file(deflt, &set);
    }
  }
  if (rc) goto done;

  if (o.compare) {
    char *a = strdup(o.compare), *colon;
    const pst_cohort *ca, *cb;
    if (!a) { rc = EXIT_OSERR; goto done; }
    colon = strchr(a, ':');
    if (!colon || colon == a || !colon[1] || strchr(colon + 1, ':')) {
      free(a);
      rc = cli_usage("outcomes", "--compare '%s': expected A:B (two cohort ids)", o.compare);
      goto done;
    }
    *colon = '\0';
    ca = pst_outcomes_find(&set, a);
    cb = pst_outcomes_find(&set, colon + 1);
    if (!ca || !cb) {
      cli_err("outcomes: no cohort '%s' in %s", !ca ? a : colon + 1, set.file ? set.file : "the input");
      free(a);
      rc = EXIT_DATA;
      goto done;
    }
    free(a);
    rc = compare(&o, &set, ca, cb);
    goto done;
  }

  /* every cohort named by --cohort must exist */
  if (o.cohorts) {
    const char *p = o.cohorts;
    char id[256];
    for (size_t i = 0; i < count_items(p); i++) {
      item(p, i, id, sizeof id);
      if (!pst_outcomes_find(&set, id)) {
        cli_err("outcomes: no cohort '%s' in %s", id, set.file ? set.file : "the input");
        rc = EXIT_DATA;
        goto done;
      }
    }
  }
  {
    cli_output out;
    out_table *t;
    char lv[PST_FMT_BUFSZ], m[256];
    int table = o.fmt == FMT_TABLE || o.fmt == FMT_MARKDOWN;
    if ((rc = cli_output_open(&out, o.output))) goto done;
    t = table ? out_new(o.fmt, out.fp, "outcomes", table_cols, sizeof table_cols / sizeof *table_cols)
              : out_new(o.fmt, out.fp, "outcomes", machine_cols, sizeof machine_cols / sizeof *machine_cols);
    if (!t) { cli_output_abort(&out); rc = EXIT_OSERR; goto done; }
    pst_fmt_real(lv, o.level);
    snprintf(m, sizeof m, "%s (%s), simultaneous over the parts of each cohort, level %s",
             pst_mn_method_name(o.method), pst_mn_method_ref(o.method), lv);
    out_meta(t, "interval", m);
    out_meta(t, "kind", "sampling (statistical) interval of the shares; it does not measure how "
                        "accurate the printed counts are");
    out_meta(t, "powstat_version", POWSTAT_VERSION);
    for (size_t i = 0; i < set.ncohorts && rc == 0; i++)
      if (cli_in_list(o.cohorts, set.cohorts[i].id)) rc = do_cohort(t, &o, &set, &set.cohorts[i]);
    if (out_finish(t) != 0 && rc == 0) rc = -1;
    rc = cli_output_close(&out, rc);
  }
done:
  pst_outcomes_free(&set);
  return rc;
}
