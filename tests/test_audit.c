/* test_audit.c -- claim audit: printed-value parsing and precision, every
 * verdict, every kind of suggestion (on the synthetic claims file
 * tests/golden/data/audit_synthetic.csv, whose errors are known), loader
 * errors with positions, and estimates/outcomes files as claims.
 *
 * Reference values: tests/ref/audit_ref.R (plain R arithmetic, printed with
 * 17 significant digits); compared at relative 1e-12 (closed forms). */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "powstat/audit.h"

#define SYNTH PST_TEST_DIR "/golden/data/audit_synthetic.csv"
#define HDR "id,section,paragraph,quote,stated,value,kind,x,y,table,row,window_days,stated_days,source,note\n"

static int close_rel(double a, double b, double rel)
{
  return fabs(a - b) <= rel * fmax(fabs(b), 1e-300);
}

/* ---- printed values ---------------------------------------------------- */

static pst_stated parse_ok(const char *s, unsigned flags)
{
  pst_stated v;
  const char *why = NULL;
  int st = pst_stated_parse(s, flags, &v, &why, NULL);
  cr_assert(eq(int, st, PST_OK), "'%s': %s", s, why ? why : "");
  return v;
}

Test(stated, precision_from_printing)
{
  pst_stated v = parse_ok("12.4%", 0);
  cr_assert(eq(dbl, v.value, 12.4));
  cr_assert(close_rel(v.unit, 0.1, 1e-12)); /* allows +-0.05 */
  cr_assert(v.percent && v.qual == PST_Q_EXACT);
  v = parse_ok("0.03%", 0);
  cr_assert(close_rel(v.unit, 0.01, 1e-12)); /* +-0.005 */
  v = parse_ok("57%", 0);
  cr_assert(eq(dbl, v.unit, 1.0)); /* +-0.5 */
  v = parse_ok("100%", 0);
  cr_assert(eq(dbl, v.unit, 1.0)); /* a percentage's zeros are digits */
  v = parse_ok("~50", PST_STATED_PERCENT);
  cr_assert(v.qual == PST_Q_APPROX && v.unit == 10.0); /* round number */
  v = parse_ok("about 4%", 0);
  cr_assert(v.qual == PST_Q_APPROX && v.unit == 1.0);
  v = parse_ok("more than 83,000", PST_STATED_COUNT);
  cr_assert(v.qual == PST_Q_OVER && v.value == 83000.0 && v.unit == 1000.0);
  v = parse_ok("920", PST_STATED_COUNT);
  cr_assert(eq(dbl, v.unit, 1.0)); /* fewer than three zeros: exact */
  v = parse_ok("3,576,300", PST_STATED_COUNT);
  cr_assert(v.value == 3576300.0 && v.unit == 1.0);
  v = parse_ok("over 95%", 0);
  cr_assert(v.qual == PST_Q_OVER && v.value == 95.0);
  v = parse_ok("less than 3%", 0);
  cr_assert(v.qual == PST_Q_UNDER && v.value == 3.0);
  v = parse_ok("at most 7", 0);
  cr_assert(v.qual == PST_Q_ATMOST);
  v = parse_ok("at least 7", 0);
  cr_assert(v.qual == PST_Q_ATLEAST);
}

Test(stated, forms)
{
  pst_stated v = parse_ok("88, 9%", 0);
  cr_assert(v.value == 88.9 && v.decimal_comma);
  cr_assert(close_rel(v.unit, 0.1, 1e-12));
  v = parse_ok("ten times", 0);
  cr_assert(v.words && v.value == 10.0);
  v = parse_ok("seventeen", 0);
  cr_assert(eq(dbl, v.value, 17.0));
  v = parse_ok("=57.9", PST_STATED_PERCENT);
  cr_assert(v.compiled && v.percent && v.value == 57.9);
  v = parse_ok("3.5-4", PST_STATED_PERCENT | PST_STATED_RANGE);
  cr_assert(v.range && v.value == 3.5 && v.value_hi == 4.0);
  cr_assert(close_rel(v.unit, 0.1, 1e-12) && v.unit_hi == 1.0);
  v = parse_ok("=28.1-39.1", PST_STATED_PERCENT | PST_STATED_RANGE);
  cr_assert(v.compiled && v.value_hi == 39.1);
  v = parse_ok("0", 0);
  cr_assert(v.value == 0.0 && v.unit == 1.0);
  v = parse_ok("9,876,543,210", PST_STATED_COUNT);
  cr_assert(eq(dbl, v.value, 9876543210.0));
}

Test(stated, rejects)
{
  static const char *const bad[] = {"", "59,24", "12.4.5%", "abc", "12.4% more", "1,23,456",
                                    "05", "3.5-4", "over 3-4", "4-3", "12.%", "1,2345"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    pst_stated v;
    const char *why = NULL;
    unsigned fl = strcmp(bad[i], "3.5-4") == 0 ? 0 : PST_STATED_RANGE;
    cr_assert(eq(int, pst_stated_parse(bad[i], fl, &v, &why, NULL), PST_EDATA), "'%s' accepted", bad[i]);
    cr_assert(why != NULL);
  }
}

/* found by fuzz_stated: 38 digits and a decimal comma ("...547,35%") wrote
 * the terminating NUL one past the digits buffer */
Test(stated, long_number_with_decimal_comma)
{
  pst_stated v;
  const char *why = NULL;
  char s[64];
  memset(s, '5', 38);
  memcpy(s + 38, ",35%", 5);
  cr_assert(eq(int, pst_stated_parse(s, 0, &v, &why, NULL), PST_EDATA));
  cr_assert(eq(str, (char *)why, "number too long"));
  /* 36 digits, '.', 2 digits and the NUL fill the 40 bytes exactly */
  memcpy(s + 36, ",35%", 5);
  cr_assert(eq(int, pst_stated_parse(s, 0, &v, &why, NULL), PST_OK));
  cr_assert(memchr(v.num, '\0', sizeof v.num) != NULL);
}

/* ---- the synthetic file: verdicts and suggestions ----------------------- */

static pst_claims synth;

static void load_synth(void)
{
  FILE *fp = fopen(SYNTH, "rb");
  pst_diag d;
  memset(&synth, 0, sizeof synth);
  memset(&d, 0, sizeof d);
  cr_assert(fp != NULL, "%s", SYNTH);
  cr_assert(eq(int, pst_audit_load(fp, "audit_synthetic.csv", &synth, &d), PST_OK), "%ld:%ld: %s",
            d.line, d.col, d.msg);
  fclose(fp);
}

static void free_synth(void) { pst_claims_free(&synth); }

static pst_audit_result audit(const char *id)
{
  pst_audit_result r;
  for (size_t i = 0; i < synth.n; i++)
    if (strcmp(synth.v[i].id, id) == 0) {
      cr_assert(eq(int, pst_audit_claim(&synth, i, &r), PST_OK));
      return r;
    }
  cr_fatal("no claim %s", id);
  return r;
}

TestSuite(synthetic, .init = load_synth, .fini = free_synth);

Test(synthetic, loads_every_row)
{
  const pst_claim *c = pst_claims_find(&synth, NULL, "dropped-sum");
  cr_assert(eq(sz, synth.n, 36));
  cr_assert(c != NULL);
  cr_assert(eq(int, c->kind, PST_CLAIM_SUM));
  cr_assert(eq(sz, c->x.n, 2));
  cr_assert(eq(dbl, c->x.t[1].value, 1838.0));
  cr_assert(eq(str, c->x.t[1].num, "1838"));
  cr_assert(eq(long, c->line, 6));
  c = pst_claims_find(&synth, NULL, "rate-window");
  cr_assert(c->window_days == 7.0 && c->stated_days == 10.0);
  c = pst_claims_find(&synth, NULL, "t1-b");
  cr_assert(strcmp(c->table, "t1") == 0 && c->row == 2);
}

Test(synthetic, consistent)
{
  /* Rscript tests/ref/audit_ref.R: pct 442100/3576300 = 12.36193831613679 */
  pst_audit_result r = audit("ok-pct");
  cr_assert(eq(int, r.verdict, PST_V_CONSISTENT));
  cr_assert(close_rel(r.recomputed, 12.36193831613679, 1e-12));
  cr_assert(close_rel(r.difference, 12.36193831613679 - 12.4, 1e-9));
  cr_assert(close_rel(r.tolerance, 0.05, 1e-12));
  cr_assert(eq(sz, r.nfix, 0));
  /* pct 1234567890/9876543210 = 12.49999988609375 */
  r = audit("billions");
  cr_assert(eq(int, r.verdict, PST_V_CONSISTENT));
  cr_assert(close_rel(r.recomputed, 12.49999988609375, 1e-12));
  cr_assert(eq(int, audit("zero-pct").verdict, PST_V_CONSISTENT));
  cr_assert(eq(int, audit("all-pct").verdict, PST_V_CONSISTENT));
  cr_assert(eq(int, audit("one-pct").verdict, PST_V_CONSISTENT));
  cr_assert(eq(int, audit("decimal-comma").verdict, PST_V_CONSISTENT));
  cr_assert(eq(int, audit("words-sum").verdict, PST_V_CONSISTENT));
  cr_assert(eq(int, audit("words-difference").verdict, PST_V_CONSISTENT));
  r = audit("recomputed-ref");
  cr_assert(r.verdict == PST_V_CONSISTENT && r.recomputed == 1888.0);
}

Test(synthetic, rounding_slip)
{
  /* pct 137000/800000 = 17.125: 17.1 when rounded, 17.2 printed */
  pst_audit_result r = audit("slip-pct");
  cr_assert(eq(int, r.verdict, PST_V_SLIP));
  cr_assert(eq(dbl, r.recomputed, 17.125));
  cr_assert(eq(sz, r.nfix, 0)); /* suggestions are for mismatches */
}

Test(synthetic, bounds_and_approximations)
{
  pst_audit_result r = audit("over-ok");
  cr_assert(eq(int, r.verdict, PST_V_CONSISTENT));
  cr_assert(eq(int, audit("over-slip").verdict, PST_V_SLIP));        /* 94.5 vs over 95 */
  cr_assert(eq(int, audit("over-mismatch").verdict, PST_V_MISMATCH)); /* 90 */
  cr_assert(eq(int, audit("under-ok").verdict, PST_V_CONSISTENT));
  cr_assert(eq(int, audit("under-mismatch").verdict, PST_V_MISMATCH));
  cr_assert(eq(int, audit("approx-50").verdict, PST_V_CONSISTENT));   /* 48.3 within ~50 */
  cr_assert(eq(int, audit("about-4").verdict, PST_V_CONSISTENT));
  /* "more than 10,000" in the parts: at least 82,968, which leaves room for
   * more than 83,000 -- consistent, with an open upper end */
  r = audit("interval-sum");
  cr_assert(eq(int, r.verdict, PST_V_CONSISTENT));
  cr_assert(eq(dbl, r.recomputed, 82968.0));
  cr_assert(isnan(r.recomputed_hi));
  cr_assert(eq(dbl, r.difference, -32.0));
}

Test(synthetic, not_checkable_says_why)
{
  pst_audit_result r = audit("no-operands");
  cr_assert(eq(int, r.verdict, PST_V_UNCHECKABLE));
  cr_assert(isnan(r.recomputed));
  cr_assert(strstr(r.why, "not given") != NULL, "%s", r.why);
  r = audit("zero-denominator");
  cr_assert(eq(int, r.verdict, PST_V_UNCHECKABLE));
  cr_assert(strstr(r.why, "denominator is zero") != NULL, "%s", r.why);
}

Test(synthetic, fix_power_of_ten_shift)
{
  /* 40,000 of 154,700 is 25.86%, printed 2.6%; R: 40000/1547000 = 2.585649644473174 */
  pst_audit_result r = audit("shift-pct");
  int saw_y = 0;
  cr_assert(eq(int, r.verdict, PST_V_MISMATCH));
  cr_assert(close_rel(r.recomputed, 25.856496444731739, 1e-12));
  cr_assert(r.nfix >= 1 && r.nfix <= PST_AUDIT_MAXFIX);
  cr_assert(eq(int, r.fix[0].kind, PST_FIX_SHIFT));
  cr_assert(eq(str, r.fix[0].target, "stated"));
  cr_assert(eq(dbl, r.fix[0].corrected, 26.0));
  for (size_t i = 0; i < r.nfix; i++)
    if (strcmp(r.fix[i].target, "y") == 0) {
      saw_y = 1;
      cr_assert(eq(dbl, r.fix[i].corrected, 1547000.0));
      cr_assert(close_rel(r.fix[i].result, 2.585649644473174, 1e-12));
    }
  cr_assert(saw_y);
}

Test(synthetic, fix_dropped_digit_corroborated)
{
  pst_audit_result r = audit("dropped-sum");
  cr_assert(eq(int, r.verdict, PST_V_MISMATCH));
  cr_assert(eq(dbl, r.difference, 232872.0 - 249416.0));
  cr_assert(eq(int, r.fix[0].kind, PST_FIX_DROPPED));
  cr_assert(eq(str, r.fix[0].target, "x term 2"));
  cr_assert(eq(dbl, r.fix[0].original, 1838.0));
  cr_assert(eq(dbl, r.fix[0].corrected, 18382.0));
  cr_assert(eq(dbl, r.fix[0].result, 249416.0));
  cr_assert(r.fix[0].corroborated);
  cr_assert(strstr(r.fix[0].text, "printed-18382") != NULL, "%s", r.fix[0].text);
}

Test(synthetic, fix_doubled_digit)
{
  /* a part 12,844 of a whole 11,556 printed elsewhere: the part is edited */
  pst_audit_result r = audit("doubled-bound");
  cr_assert(eq(int, r.verdict, PST_V_MISMATCH));
  cr_assert(eq(int, r.fix[0].kind, PST_FIX_DOUBLED));
  cr_assert(eq(dbl, r.fix[0].corrected, 1284.0));
}

Test(synthetic, fix_transposed_digits)
{
  pst_audit_result r = audit("transposed-pct");
  cr_assert(eq(int, r.verdict, PST_V_MISMATCH));
  cr_assert(eq(int, r.fix[0].kind, PST_FIX_TRANSPOSED));
  cr_assert(eq(dbl, r.fix[0].corrected, 12.36));
}

Test(synthetic, fix_neighbouring_row)
{
  pst_audit_result r = audit("t1-b");
  cr_assert(eq(int, r.verdict, PST_V_MISMATCH));
  cr_assert(eq(int, r.fix[0].kind, PST_FIX_NEIGHBOUR));
  cr_assert(strstr(r.fix[0].target, "t1-c") != NULL, "%s", r.fix[0].target);
  cr_assert(eq(dbl, r.fix[0].result, 20.0));    /* the neighbour's value */
  cr_assert(eq(dbl, r.fix[0].corrected, 15.0)); /* what this row should read */
  r = audit("t1-c");
  cr_assert(eq(int, r.fix[0].kind, PST_FIX_NEIGHBOUR));
  cr_assert(strstr(r.fix[0].target, "t1-b") != NULL);
  cr_assert(eq(int, audit("t1-a").verdict, PST_V_CONSISTENT));
}

Test(synthetic, fix_other_denominator)
{
  pst_audit_result r = audit("t2-b");
  cr_assert(eq(int, r.verdict, PST_V_MISMATCH));
  cr_assert(eq(int, r.fix[0].kind, PST_FIX_DENOMINATOR));
  cr_assert(eq(dbl, r.fix[0].corrected, 1600.0));
  cr_assert(eq(dbl, r.fix[0].result, 50.0));
}

Test(synthetic, fix_time_window)
{
  /* R: 100 * (1 - (1 - 8193/680921)^(10/7)) = 1.714448320166273 */
  pst_audit_result r = audit("rate-window");
  cr_assert(eq(int, r.verdict, PST_V_MISMATCH));
  cr_assert(close_rel(r.recomputed, 1.714448320166273, 1e-12));
  cr_assert(eq(int, r.fix[0].kind, PST_FIX_WINDOW));
  cr_assert(eq(dbl, r.fix[0].corrected, 7.0));
  cr_assert(close_rel(r.fix[0].result, 100.0 * 8193.0 / 680921.0, 1e-12));
}

Test(synthetic, mismatch_without_suggestion)
{
  /* "ten times" for 1.2% / 0.03% = 40 (R: 1.2/0.03 = 40): no single edit */
  pst_audit_result r = audit("ratio-words");
  cr_assert(eq(int, r.verdict, PST_V_MISMATCH));
  cr_assert(close_rel(r.recomputed, 40.0, 1e-12));
  cr_assert(eq(sz, r.nfix, 0));
}

Test(synthetic, no_impossible_corrections)
{
  /* a share above 100% is never offered ("300 -> 3,000" of 1,000) */
  pst_audit_result r = audit("over-mismatch");
  for (size_t i = 0; i < r.nfix; i++) cr_assert(r.fix[i].result <= 100.0, "%s", r.fix[i].text);
  r = audit("under-mismatch");
  for (size_t i = 0; i < r.nfix; i++) {
    cr_assert(r.fix[i].result <= 100.0, "%s", r.fix[i].text);
    if (strcmp(r.fix[i].target, "stated") == 0) cr_assert(r.fix[i].corrected <= 100.0, "%s", r.fix[i].text);
  }
}

/* ---- loader errors, with positions ------------------------------------- */

static int load_text(const char *text, pst_claims *c, pst_diag *d)
{
  FILE *fp = fmemopen((void *)text, strlen(text), "r");
  int st;
  cr_assert(fp != NULL);
  memset(c, 0, sizeof *c);
  memset(d, 0, sizeof *d);
  st = pst_audit_load(fp, "c.csv", c, d);
  fclose(fp);
  return st;
}

static void expect_error(const char *text, long line, long col, const char *needle)
{
  pst_claims c;
  pst_diag d;
  cr_assert(eq(int, load_text(text, &c, &d), PST_EDATA), "accepted: %s", text);
  cr_assert(eq(sz, c.n, 0));
  cr_assert(eq(long, d.line, line), "line %ld: %s", d.line, d.msg);
  cr_assert(eq(long, d.col, col), "col %ld: %s", d.col, d.msg);
  cr_assert(strstr(d.msg, needle) != NULL, "'%s' lacks '%s'", d.msg, needle);
  cr_assert(eq(str, (char *)d.file, "c.csv"));
  pst_claims_free(&c);
}

Test(loader, errors)
{
  expect_error(HDR "a,S,1,q,1%,1,percentage,1,100,,,,,,\na,S,1,q,1%,1,percentage,1,100,,,,,,\n", 3, 1,
               "duplicate claim id 'a' (first on line 2)");
  expect_error(HDR "a,S,1,q,2%,2,percentage,@b,100,,,,,,\n", 2, 25, "'@b', which is not a claim id");
  expect_error(HDR "a,S,1,q,2,2,sum,@b,,,,,,,\nb,S,1,q,2,2,sum,@c,,,,,,,\nc,S,1,q,2,2,sum,1 + @a,,,,,,,\n",
               4, 21, "reference cycle: a -> b -> c -> a");
  expect_error(HDR "a,S,1,q,\"59,24\",5924,sum,1,,,,,,,\n", 2, 12, "stated value '59,24'");
  expect_error(HDR "a,S,1,q,1.69%,1.96,percentage,1,100,,,,,,\n", 2, 15, "does not match the stated text");
  expect_error(HDR "a,S,1,one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen,1%,1,percentage,1,100,,,,,,\n",
               2, 7, "16 words");
  expect_error(HDR "a,S,1,q,1%,1,share,1,100,,,,,,\n", 2, 14, "unknown kind 'share'");
  expect_error(HDR "a,S,1,q,3,3,sum,1 * 2,,,,,,,\n", 2, 19, "expected '+' or '-'");
  expect_error(HDR "a,S,1,q,1%,1,percentage,1,100,,,7,,,\n", 2, 33, "time windows apply to rates only");
  expect_error(HDR "a,S,1,q,1,1,percentage,1,100,,,,,,\n", 2, 9, "stated with '%'");
  expect_error(HDR "a,S,1,q,3,3,sum,1 + 2,5,,,,,,\n", 2, 23, "y must be empty");
  expect_error(HDR "A b,S,1,q,3,3,sum,3,,,,,,,\n", 2, 1, "use lower-case letters");
  expect_error("id,stated,kind,x,deaths\n", 1, 18, "unknown column");
  expect_error("a,b\n", 1, 1, "not a claims, estimates or outcomes file");
}

Test(loader, whole_numbers_in_range)
{
  /* paragraph and row are longs: up to 2^53 - 1 (exact in a double); a
   * larger one was cast from double to long, undefined beyond LONG_MAX
   * (fuzz_claims) */
  pst_claims c;
  pst_diag d;
  cr_assert(eq(int, load_text(HDR "a,S,9007199254740991,q,1%,1,percentage,1,100,t,9007199254740991,,,,\n", &c, &d),
               PST_OK), "%s", d.msg);
  cr_assert(eq(sz, c.n, 1));
  cr_expect(eq(long, c.v[0].paragraph, 9007199254740991L));
  cr_expect(eq(long, c.v[0].row, 9007199254740991L));
  pst_claims_free(&c);
  expect_error(HDR "a,S,9007199254740992,q,1%,1,percentage,1,100,,,,,,\n", 2, 5,
               "paragraph: whole number out of range: '9007199254740992'");
  expect_error(HDR "a,S,1111111111111111111111111111111111111111113,q,1%,1,percentage,1,100,,,,,,\n", 2, 5,
               "paragraph: whole number out of range: '1111111111111111111111111111111111111111113'");
  expect_error(HDR "a,S,1,q,1%,1,percentage,1,100,t,1e300,,,,\n", 2, 33, "row: whole number out of range: '1e300'");
}

Test(loader, quoted_term_columns)
{
  /* the column of a term inside a quoted cell counts the opening quote */
  expect_error(HDR "a,S,1,q,3,3,sum,\"1,000 + @zz\",,,,,,,\n", 2, 26, "'@zz'");
}

/* ---- estimates and outcomes files ---------------------------------------- */

Test(datasets, estimates_ranges_use_the_nearest_pair)
{
  static const char text[] =
    "id,source,captured_low,captured,captured_high,deaths_low,deaths,deaths_high,stated_pct\n"
    "A09,s,\"2,377\",,\"3,500\",403,,\"1,500\",17-40\n"
    "W02,s,\"170,000\",,\"180,000\",\"5,950\",,\"7,200\",3.5-4\n"
    "S02,s,,\"5,700,000\",,,\"3,300,000\",,57\n"
    "C01,s,,100,,,5,,=5.0\n"
    "N01,s,,100,,,,,8.84\n";
  pst_claims c;
  pst_diag d;
  pst_audit_result r;
  cr_assert(eq(int, load_text(text, &c, &d), PST_OK), "%s", d.msg);
  cr_assert(eq(sz, c.n, 5));
  /* R: 403/2377 = 16.954143878838874, 1500/3500 = 42.857142857142854 */
  pst_audit_claim(&c, 0, &r);
  cr_assert(eq(int, r.verdict, PST_V_MISMATCH), "%s", r.why);
  cr_assert(close_rel(r.recomputed, 16.954143878838874, 1e-12));
  cr_assert(close_rel(r.recomputed_hi, 42.857142857142854, 1e-12));
  pst_audit_claim(&c, 1, &r);
  cr_assert(eq(int, r.verdict, PST_V_CONSISTENT), "%s", r.why);
  pst_audit_claim(&c, 2, &r);
  cr_assert(eq(int, r.verdict, PST_V_SLIP)); /* 57 printed for 57.9 */
  pst_audit_claim(&c, 3, &r);
  cr_assert(eq(int, r.verdict, PST_V_CONSISTENT));
  cr_assert(c.v[3].stated.compiled);
  pst_audit_claim(&c, 4, &r);
  cr_assert(eq(int, r.verdict, PST_V_UNCHECKABLE));
  cr_assert(strstr(r.why, "deaths count") != NULL, "%s", r.why);
  pst_claims_free(&c);
}

Test(datasets, outcomes_totals_percentages_details)
{
  static const char text[] =
    "cohort,category,role,parent,count,stated_pct\n"
    "t,total,total,,\"302,992\",100\n"
    "t,a,part,,\"231,034\",76.25\n"
    "t,b,part,,\"30,749\",1.96\n"
    "t,c,part,,\"5,924\",0.15\n"
    "t,d,part,,\"35,285\",11.65\n"
    "t,c-officers,detail,c,\"16,163\",\n"
    "u,total,total,,\"148,079\",\n"
    "u,x,part,,\"93,446\",\n"
    "u,y,part,,\"56,746\",\n";
  pst_claims c;
  pst_diag d;
  pst_audit_result r;
  const pst_claim *k;
  cr_assert(eq(int, load_text(text, &c, &d), PST_OK), "%s", d.msg);
  for (size_t i = 0; i < c.n; i++) {
    pst_audit_claim(&c, i, &r);
    k = &c.v[i];
    if (strcmp(k->id, "t/total") == 0) cr_assert(eq(int, r.verdict, PST_V_CONSISTENT));
    if (strcmp(k->id, "t/total-pct") == 0) {
      /* 76.25 + 1.96 + 0.15 + 11.65 = 90.01 against 100 */
      cr_assert(eq(int, r.verdict, PST_V_MISMATCH));
      cr_assert(r.nfix >= 1);
      cr_assert(eq(dbl, r.fix[0].corrected, 10.15), "%s", r.fix[0].text);
    }
    if (strcmp(k->id, "t/b") == 0) {
      /* R: 30749/302992 = 10.148452764429424; 1.96 is row c's 1.9551671331256271 */
      cr_assert(eq(int, r.verdict, PST_V_MISMATCH));
      cr_assert(close_rel(r.recomputed, 10.148452764429424, 1e-12));
      cr_assert(eq(int, r.fix[0].kind, PST_FIX_NEIGHBOUR));
      cr_assert(close_rel(r.fix[0].result, 1.9551671331256271, 1e-12));
    }
    if (strcmp(k->id, "t/c-officers-within") == 0) {
      cr_assert(eq(int, k->kind, PST_CLAIM_BOUND));
      cr_assert(eq(int, r.verdict, PST_V_MISMATCH));
    }
    if (strcmp(k->id, "u/total") == 0) {
      cr_assert(eq(int, r.verdict, PST_V_MISMATCH));
      cr_assert(eq(dbl, r.difference, 2113.0));
    }
  }
  cr_assert(pst_claims_find(&c, NULL, "t/total-pct") != NULL);
  cr_assert(pst_claims_find(&c, NULL, "u/total") != NULL);
  pst_claims_free(&c);
}

Test(datasets, names)
{
  cr_assert(eq(str, (char *)pst_verdict_name(PST_V_SLIP), "rounding slip"));
  cr_assert(eq(str, (char *)pst_verdict_slug(PST_V_UNCHECKABLE), "unchecked"));
  cr_assert(eq(str, (char *)pst_fix_kind_name(PST_FIX_WINDOW), "other time window"));
  cr_assert(eq(str, (char *)pst_claim_kind_name(PST_CLAIM_BOUND), "bound"));
  cr_assert(eq(str, (char *)pst_qualifier_name(PST_Q_UNDER), "less than"));
  cr_assert(eq(int, pst_audit_claim(NULL, 0, NULL), PST_EINVAL));
}
