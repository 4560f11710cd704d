/* cmd_audit.c -- `powstat audit`: recompute every figure a text states and
 * say whether its own numbers add up (claims, estimates and outcomes files). */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "commands.h"
#include "out.h"

#include "powstat/audit.h"
#include "powstat/num.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char help_audit[] =
  "Usage: powstat audit [OPTION]... [FILE]...\n"
  "\n"
  "Recompute every stated figure and say whether it follows from the numbers\n"
  "it is printed with. FILE may be a claims file (like datasets/claims.csv, the\n"
  "article's figures), an estimates file (its stated_pct against deaths and\n"
  "captured) or an outcomes file (each cohort's total against its parts, each\n"
  "stated_pct against count/total, each detail against its parent); the header\n"
  "tells which. '-' reads standard input. With no FILE, the bundled claims.csv,\n"
  "estimates.csv and outcomes.csv are audited.\n"
  "\n"
  "Verdicts, at the precision the printing allows (u = unit of the last printed\n"
  "digit: '12.4%' has u = 0.1; a count ending in 000 and any '~' or 'about'\n"
  "value are rounded to their last non-zero digit):\n"
  "  consistent      within u/2 of the recomputed value (a bound: satisfied)\n"
  "  rounding slip   off by one unit in the last printed digit (within 3u/2;\n"
  "                  a bound: missed by at most u)\n"
  "  mismatch        anything further off; likely corrections are listed\n"
  "  not checkable   an operand is missing (the reason is given)\n"
  "\n"
  "Likely corrections (at most 3 per mismatch, simplest and corroborated first):\n"
  "a number shifted by a power of ten, a digit dropped, doubled or transposed,\n"
  "a percentage that belongs to a neighbouring row of the same table, another\n"
  "denominator of the same table, another time window (constant hazard).\n"
  "\n"
  "Options:\n"
  "  -f, --format F   table, csv, tsv, json or markdown (a report to read top to\n"
  "                   bottom) [table on a terminal, csv otherwise]\n"
  "      --strict     exit with status 1 when any mismatch is found\n"
  "  -o, --output FILE  write to FILE (atomically: a failure leaves any old FILE)\n"
  "  -h, --help       show this help and exit\n"
  "\n"
  "Machine-readable columns: file,id,kind,verdict,stated,stated_high,recomputed,\n"
  "recomputed_high,difference,tolerance,unit,qualifier,origin,stated_text,label,\n"
  "locator,why,fix_kind,fix_target,fix_corrected,fix_result,suggestions.\n"
  "verdict is consistent, slip, mismatch or unchecked. stated and recomputed\n"
  "are numbers in the claim's unit (percent for '%', persons for counts;\n"
  "stated_text keeps the printing); difference = recomputed - stated;\n"
  "origin 'compiled' marks a dataset value written '=x' (computed by a\n"
  "compiler, not printed by the source).\n"
  "\n"
  "Exit status: 0 whether or not mismatches were found (1 with --strict when one\n"
  "was), 64 usage error, 65 bad input data, 66 missing input, 73/74 output error.\n"
  "\n"
  "Examples:\n"
  "  powstat audit\n"
  "  powstat audit --format markdown -o audit.md\n"
  "  powstat audit datasets/claims.csv --format csv --strict\n";

static const out_col machine_cols[] = {
  {"file", NULL, COL_TEXT}, {"id", NULL, COL_TEXT}, {"kind", NULL, COL_TEXT},
  {"verdict", NULL, COL_TEXT}, {"stated", NULL, COL_NUM}, {"stated_high", NULL, COL_NUM},
  {"recomputed", NULL, COL_NUM}, {"recomputed_high", NULL, COL_NUM},
  {"difference", NULL, COL_NUM}, {"tolerance", NULL, COL_NUM}, {"unit", NULL, COL_TEXT},
  {"qualifier", NULL, COL_TEXT}, {"origin", NULL, COL_TEXT}, {"stated_text", NULL, COL_TEXT},
  {"label", NULL, COL_TEXT}, {"locator", NULL, COL_TEXT}, {"why", NULL, COL_TEXT},
  {"fix_kind", NULL, COL_TEXT}, {"fix_target", NULL, COL_TEXT},
  {"fix_corrected", NULL, COL_NUM}, {"fix_result", NULL, COL_NUM},
  {"suggestions", NULL, COL_TEXT},
};

static const out_col table_cols[] = {
  {"file", "file", COL_TEXT}, {"id", "id", COL_TEXT}, {"verdict", "verdict", COL_TEXT},
  {"stated", "stated", COL_NUM}, {"recomputed", "recomputed", COL_NUM},
  {"difference", "difference", COL_NUM}, {"note", "likely correction / why not checkable", COL_TEXT},
};

typedef struct {
  const pst_claim *c;
  pst_audit_result r;
  const char *file; /* base name */
} row;

static const char *base_name(const char *p)
{
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

static const char *unit_name(const pst_claim *c)
{
  if (c->stated.percent) return "%";
  if (c->kind == PST_CLAIM_RATIO) return "ratio";
  return "count";
}

/* A number for people: counts grouped, others to 5 significant digits. */
static void human(char *b, size_t n, double v, const pst_claim *c, int sign)
{
  int count = !c->stated.percent && c->kind != PST_CLAIM_RATIO;
  if (isnan(v)) { snprintf(b, n, "%s", ""); return; }
  if (count && v == floor(v) && fabs(v) < 1e15) {
    char d[40], g[64];
    size_t len = (size_t)snprintf(d, sizeof d, "%.0f", fabs(v)), k = 0;
    if (v < 0) g[k++] = '-';
    else if (sign && v > 0) g[k++] = '+';
    for (size_t i = 0; i < len; i++) {
      if (i && (len - i) % 3 == 0) g[k++] = ',';
      g[k++] = d[i];
    }
    g[k] = '\0';
    snprintf(b, n, "%s", g);
    return;
  }
  snprintf(b, n, sign && v > 0 ? "+%.5g%s" : "%.5g%s", v, c->stated.percent ? (sign ? " pt" : "%") : "");
}

static void locator(char *b, size_t n, const row *w)
{
  if (w->c->paragraph > 0) snprintf(b, n, "%s, paragraph %ld", w->c->section ? w->c->section : "", w->c->paragraph);
  else snprintf(b, n, "%s %s", w->file, w->c->section ? w->c->section : "");
}

static void suggestions_text(const pst_audit_result *r, char *b, size_t n)
{
  b[0] = '\0';
  for (size_t i = 0; i < r->nfix; i++) {
    size_t len = strlen(b);
    snprintf(b + len, n - len, "%s%s: %s", i ? " | " : "", pst_fix_kind_name(r->fix[i].kind), r->fix[i].text);
  }
}

static void emit_machine(out_table *t, const row *w)
{
  const pst_claim *c = w->c;
  const pst_audit_result *r = &w->r;
  char loc[256], sug[1024];
  locator(loc, sizeof loc, w);
  suggestions_text(r, sug, sizeof sug);
  out_str(t, w->file);
  out_str(t, c->id);
  out_str(t, pst_claim_kind_name(c->kind));
  out_str(t, pst_verdict_slug(r->verdict));
  out_num(t, c->stated.value);
  out_num(t, c->stated.range ? c->stated.value_hi : CLI_NAN);
  out_num(t, r->recomputed);
  out_num(t, r->recomputed_hi == r->recomputed ? CLI_NAN : r->recomputed_hi);
  out_num(t, r->difference);
  out_num(t, r->tolerance);
  out_str(t, unit_name(c));
  out_str(t, pst_qualifier_name(c->stated.qual)[0] ? pst_qualifier_name(c->stated.qual) : NULL);
  out_str(t, c->stated.compiled ? "compiled" : "printed");
  out_str(t, c->stated_text);
  out_str(t, c->quote);
  out_str(t, loc);
  out_str(t, r->why);
  out_str(t, r->nfix ? pst_fix_kind_name(r->fix[0].kind) : NULL);
  out_str(t, r->nfix ? r->fix[0].target : NULL);
  out_num(t, r->nfix ? r->fix[0].corrected : CLI_NAN);
  out_num(t, r->nfix ? r->fix[0].result : CLI_NAN);
  out_str(t, r->nfix ? sug : NULL);
  out_row(t);
}

static void emit_table(out_table *t, const row *w)
{
  const pst_claim *c = w->c;
  const pst_audit_result *r = &w->r;
  char rb[160], db[64], note[320] = "";
  human(rb, sizeof rb, r->recomputed, c, 0);
  if (!isnan(r->recomputed_hi) && r->recomputed_hi != r->recomputed) {
    size_t len = strlen(rb);
    char hb[64];
    human(hb, sizeof hb, r->recomputed_hi, c, 0);
    snprintf(rb + len, sizeof rb - len, "..%s", hb);
  } else if (isnan(r->recomputed_hi) && !isnan(r->recomputed) && c->kind != PST_CLAIM_BOUND) {
    size_t len = strlen(rb);
    snprintf(rb + len, sizeof rb - len, "+");
  }
  if (c->kind == PST_CLAIM_BOUND && !isnan(r->recomputed)) {
    /* a part printed beside its whole: show the whole as the limit it is,
     * not as a value the part should equal */
    char lim[160];
    snprintf(lim, sizeof lim, "at most %s", rb);
    snprintf(rb, sizeof rb, "%s", lim);
  }
  human(db, sizeof db, r->difference, c, 1);
  if (c->kind == PST_CLAIM_BOUND && r->verdict == PST_V_CONSISTENT) db[0] = '\0';
  if (r->verdict == PST_V_UNCHECKABLE) snprintf(note, sizeof note, "%s", r->why);
  else if (r->verdict == PST_V_MISMATCH)
    snprintf(note, sizeof note, "%s", r->nfix ? r->fix[0].text : "no single edit makes it consistent");
  out_str(t, w->file);
  out_str(t, c->id);
  out_str(t, pst_verdict_name(r->verdict));
  out_num_shown(t, c->stated.value, c->stated_text);
  out_num_shown(t, r->recomputed, rb);
  out_num_shown(t, r->difference, r->verdict == PST_V_UNCHECKABLE ? "" : db);
  out_str(t, note);
  out_row(t);
}

/* ---- markdown report ---- */

static void md_text(FILE *fp, const char *s)
{
  for (; s && *s; s++) {
    if (strchr("\\`*_[]<|#", *s)) fputc('\\', fp);
    fputc(*s == '\n' ? ' ' : *s, fp);
  }
}

static void md_report(FILE *fp, const row *rows, size_t n, const char *const *files, size_t nfiles)
{
  size_t tot[4] = {0};
  fputs("# Claim audit\n\n", fp);
  fputs("Each stated figure is recomputed from the numbers it is printed with and judged at\n"
        "the precision its printing allows: *consistent* within half a unit of the last\n"
        "printed digit (a bound: satisfied), *rounding slip* off by one unit in that digit,\n"
        "*mismatch* further off, *not checkable* when an operand is missing. The audit\n"
        "checks arithmetic only; it does not judge the sources or the argument.\n\n", fp);
  fputs("## Summary\n\n| file | consistent | rounding slip | mismatch | not checkable | claims |\n"
        "|---|--:|--:|--:|--:|--:|\n", fp);
  for (size_t f = 0; f < nfiles; f++) {
    size_t cnt[4] = {0}, all = 0;
    for (size_t i = 0; i < n; i++)
      if (strcmp(rows[i].file, files[f]) == 0) { cnt[rows[i].r.verdict]++; all++; }
    fputs("| ", fp);
    md_text(fp, files[f]);
    fprintf(fp, " | %zu | %zu | %zu | %zu | %zu |\n", cnt[0], cnt[1], cnt[2], cnt[3], all);
    for (int k = 0; k < 4; k++) tot[k] += cnt[k];
  }
  if (nfiles > 1)
    fprintf(fp, "| **all** | %zu | %zu | %zu | %zu | %zu |\n", tot[0], tot[1], tot[2], tot[3], n);
  fputs("\n## Mismatches\n\n", fp);
  if (!tot[PST_V_MISMATCH]) fputs("None.\n\n", fp);
  for (size_t i = 0; i < n; i++) {
    const row *w = &rows[i];
    char loc[256], sb[64], rb[64], db[64], tb[64];
    if (w->r.verdict != PST_V_MISMATCH) continue;
    locator(loc, sizeof loc, w);
    fputs("### ", fp);
    md_text(fp, w->c->id);
    fputs(" (", fp);
    md_text(fp, w->file);
    fputs(")\n\n", fp);
    if (w->c->quote) { fputs("> ", fp); md_text(fp, w->c->quote); fputs("\n\n", fp); }
    human(sb, sizeof sb, w->c->stated.value, w->c, 0);
    human(rb, sizeof rb, w->r.recomputed, w->c, 0);
    human(db, sizeof db, w->r.difference, w->c, 1);
    human(tb, sizeof tb, w->r.tolerance, w->c, 0);
    if (w->c->stated.percent && strchr(tb, '%')) strcpy(strchr(tb, '%'), " pt");
    fputs("- where: ", fp);
    md_text(fp, loc);
    fputs("\n- stated: ", fp);
    md_text(fp, w->c->stated_text);
    fprintf(fp, " (%s%s)\n- recomputed: ", pst_claim_kind_name(w->c->kind),
            w->c->stated.compiled ? ", a compiler's value" : "");
    md_text(fp, w->r.why);
    fputs("\n- difference: ", fp);
    md_text(fp, db);
    if (w->c->kind == PST_CLAIM_BOUND || (w->c->stated.qual != PST_Q_EXACT && w->c->stated.qual != PST_Q_APPROX))
      fprintf(fp, " (a bound: missing it by at most %s would be a rounding slip)\n", tb);
    else
      fprintf(fp, " (consistent within %s%s)\n", strcmp(tb, "0") ? "\u00b1" : "", tb);
    if (w->c->note) { fputs("- note: ", fp); md_text(fp, w->c->note); fputc('\n', fp); }
    if (w->r.nfix) {
      fputs("- likely corrections:\n", fp);
      for (size_t k = 0; k < w->r.nfix; k++) {
        fprintf(fp, "  %zu. %s: ", k + 1, pst_fix_kind_name(w->r.fix[k].kind));
        md_text(fp, w->r.fix[k].text);
        fputc('\n', fp);
      }
    } else {
      fputs("- likely corrections: no single edit of the kinds searched makes it consistent\n", fp);
    }
    fputc('\n', fp);
  }
  fputs("## Rounding slips\n\n", fp);
  if (!tot[PST_V_SLIP]) fputs("None.\n\n", fp);
  else fputs("| id | file | stated | recomputed | difference |\n|---|---|--:|---|--:|\n", fp);
  for (size_t i = 0; i < n; i++) {
    const row *w = &rows[i];
    char db[64];
    if (w->r.verdict != PST_V_SLIP) continue;
    human(db, sizeof db, w->r.difference, w->c, 1);
    fputs("| ", fp); md_text(fp, w->c->id);
    fputs(" | ", fp); md_text(fp, w->file);
    fputs(" | ", fp); md_text(fp, w->c->stated_text);
    fputs(" | ", fp); md_text(fp, w->r.why);
    fputs(" | ", fp); md_text(fp, db);
    fputs(" |\n", fp);
  }
  if (tot[PST_V_SLIP]) fputc('\n', fp);
  fputs("## Not checkable\n\n", fp);
  if (!tot[PST_V_UNCHECKABLE]) fputs("None.\n\n", fp);
  else fputs("| id | file | stated | why |\n|---|---|--:|---|\n", fp);
  for (size_t i = 0; i < n; i++) {
    const row *w = &rows[i];
    if (w->r.verdict != PST_V_UNCHECKABLE) continue;
    fputs("| ", fp); md_text(fp, w->c->id);
    fputs(" | ", fp); md_text(fp, w->file);
    fputs(" | ", fp); md_text(fp, w->c->stated_text);
    fputs(" | ", fp); md_text(fp, w->r.why);
    fputs(" |\n", fp);
  }
  if (tot[PST_V_UNCHECKABLE]) fputc('\n', fp);
  fputs("## Consistent\n\n", fp);
  for (size_t f = 0; f < nfiles; f++) {
    int first = 1;
    for (size_t i = 0; i < n; i++) {
      if (rows[i].r.verdict != PST_V_CONSISTENT || strcmp(rows[i].file, files[f]) != 0) continue;
      if (first) { md_text(fp, files[f]); fputs(": ", fp); }
      else fputs(", ", fp);
      md_text(fp, rows[i].c->id);
      first = 0;
    }
    if (!first) fputs(".\n\n", fp);
  }
}

int cmd_audit(int argc, char **argv)
{
  static const struct option longopts[] = {
    {"format", required_argument, NULL, 'f'}, {"strict", no_argument, NULL, 'S'},
    {"output", required_argument, NULL, 'o'}, {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};
  static char defaults[3][4096];
  const char *paths[64];
  const char *files[64];
  size_t npaths = 0, nfiles = 0, nmis = 0;
  cli_format fmt = FMT_CSV;
  int c, rc = 0, fmt_set = 0, strict = 0;
  const char *output = NULL;
  pst_claims set = {0};
  row *rows = NULL;
  cli_output out;

  opterr = 0;
  optind = 1;
  while ((c = getopt_long(argc, argv, ":f:o:h", longopts, NULL)) != -1) {
    switch (c) {
    case 'f':
      if (cli_parse_format(optarg, 0x1F, &fmt))
        return cli_usage("audit", "--format '%s': expected table, csv, tsv, json or markdown", optarg);
      fmt_set = 1;
      break;
    case 'S': strict = 1; break;
    case 'o': output = optarg; break;
    case 'h': fputs(help_audit, stdout); return cli_finish_stdout();
    case ':': return cli_usage("audit", "option '%s' needs a value", argv[optind - 1]);
    default: return cli_usage("audit", "unknown option '%s'", argv[optind - 1]);
    }
  }
  if (!fmt_set) fmt = (output && strcmp(output, "-")) ? FMT_CSV : cli_default_format();
  if (optind == argc) {
    static const char *const names[3] = {"claims.csv", "estimates.csv", "outcomes.csv"};
    for (int i = 0; i < 3; i++) {
      snprintf(defaults[i], sizeof defaults[i], "%s", cli_datafile(names[i]));
      paths[npaths++] = defaults[i];
    }
  }
  for (int i = optind; i < argc; i++) {
    if (npaths == sizeof paths / sizeof paths[0]) return cli_usage("audit", "at most 64 files");
    paths[npaths++] = argv[i];
  }

  /* load everything first: bad data fails before any output */
  for (size_t i = 0; i < npaths; i++) {
    int code = 0, st;
    pst_diag d;
    FILE *fp = cli_open_input(paths[i], &code);
    if (!fp) { rc = code; goto done; }
    memset(&d, 0, sizeof d);
    st = pst_audit_load(fp, paths[i], &set, &d);
    if (fp != stdin) fclose(fp);
    if (st != PST_OK) { rc = cli_diag(st, &d); goto done; }
    {
      const char *b = strcmp(paths[i], "-") == 0 ? "stdin" : base_name(paths[i]);
      size_t k;
      for (k = 0; k < nfiles; k++)
        if (strcmp(files[k], b) == 0) break;
      if (k == nfiles) files[nfiles++] = b;
    }
  }
  rows = calloc(set.n ? set.n : 1, sizeof *rows);
  if (!rows) { cli_err("out of memory"); rc = EXIT_OSERR; goto done; }
  for (size_t i = 0; i < set.n; i++) {
    rows[i].c = &set.v[i];
    rows[i].file = strcmp(set.v[i].file, "-") == 0 ? "stdin" : base_name(set.v[i].file);
    pst_audit_claim(&set, i, &rows[i].r);
    if (rows[i].r.verdict == PST_V_MISMATCH) nmis++;
  }

  if ((rc = cli_output_open(&out, output))) goto done;
  if (fmt == FMT_MARKDOWN) {
    md_report(out.fp, rows, set.n, files, nfiles);
    rc = ferror(out.fp) ? -1 : 0;
  } else {
    out_table *t = fmt == FMT_TABLE ? out_new(fmt, out.fp, "audit", table_cols, 7)
                                    : out_new(fmt, out.fp, "audit", machine_cols, 22);
    char counts[160];
    size_t cnt[4] = {0};
    if (!t) { cli_output_abort(&out); rc = EXIT_OSERR; goto done; }
    for (size_t i = 0; i < set.n; i++) cnt[rows[i].r.verdict]++;
    snprintf(counts, sizeof counts, "%zu consistent, %zu rounding slip, %zu mismatch, %zu not checkable",
             cnt[0], cnt[1], cnt[2], cnt[3]);
    out_meta(t, "verdicts", counts);
    out_meta(t, "precision", "consistent within half a unit of the last printed digit; rounding slip within one unit more");
    out_meta(t, "powstat_version", POWSTAT_VERSION);
    for (size_t i = 0; i < set.n; i++) {
      if (fmt == FMT_TABLE) emit_table(t, &rows[i]);
      else emit_machine(t, &rows[i]);
    }
    rc = out_finish(t) != 0 ? -1 : 0;
  }
  rc = cli_output_close(&out, rc);
  if (rc == 0 && strict && nmis) rc = 1;
done:
  free(rows);
  pst_claims_free(&set);
  return rc;
}
