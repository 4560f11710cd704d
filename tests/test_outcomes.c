/* test_outcomes.c -- outcomes.csv loader, validation and arithmetic checks. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "powstat/outcomes.h"

#ifndef PST_SOURCE_DIR
#define PST_SOURCE_DIR "."
#endif

#define HDR "cohort,category,role,parent,count,stated_pct,source,verified,note\n"

static int load_str(const char *text, pst_outcomes *o, pst_diag *d)
{
  FILE *fp = fmemopen((void *)text, strlen(text), "r");
  int st;
  cr_assert_not_null(fp);
  st = pst_outcomes_load(fp, "t.csv", o, d);
  fclose(fp);
  return st;
}

/* Expect a load failure at line:col with a message containing `frag`. */
static void expect_error(const char *text, long line, long col, const char *frag)
{
  pst_outcomes o;
  pst_diag d = {0};
  int st = load_str(text, &o, &d);
  cr_assert_eq(st, PST_EDATA, "status %d for:\n%s", st, text);
  cr_assert_eq(d.line, line, "line %ld (%s)", d.line, d.msg);
  cr_assert_eq(d.col, col, "col %ld (%s)", d.col, d.msg);
  cr_assert(strstr(d.msg, frag), "message '%s' lacks '%s'", d.msg, frag);
  cr_assert_eq(o.n, 0);
  pst_outcomes_free(&o);
}

Test(outcomes, loads_roles_details_and_checks)
{
  const char *t = HDR
    "a,total,total,,\"302,992\",100,article,yes,\n"
    "a,army,part,,\"231,034\",76.25,article,yes,\n"
    "a,industry,part,,\"30,749\",1.96,article,yes,\n"
    "a,rest,part,,\"41,209\",,article,yes,\n"
    "a,army-officers,detail,army,\"27,042\",,article,yes,\n"
    "a,army-officers-x,detail,army-officers,5,,article,yes,\n"
    "b,total,total,,10,,,,\n"
    "b,x,part,,4,,,,\n"
    "b,y,part,,5,,,,\n";
  pst_outcomes o;
  pst_diag d = {0};
  pst_cohort_check chk;
  const pst_cohort *a, *b;
  cr_assert_eq(load_str(t, &o, &d), PST_OK, "%s", d.msg);
  cr_assert_eq(o.n, 9);
  cr_assert_eq(o.ncohorts, 2);
  a = pst_outcomes_find(&o, "a");
  b = pst_outcomes_find(&o, "b");
  cr_assert_not_null(a);
  cr_assert_null(pst_outcomes_find(&o, "c"));
  cr_assert_eq(a->nparts, 3);
  cr_assert_eq(a->ndetails, 2);
  cr_assert_eq(o.v[a->total].count, 302992);
  cr_assert_eq(o.v[a->details[1]].depth, 2);
  cr_assert_str_eq(pst_cohort_row(&o, a, "industry")->stated_pct, "1.96");
  cr_assert_eq(pst_cohort_check_total(&o, a, &chk), PST_OK);
  cr_assert(chk.matches && chk.has_total && chk.complete);
  cr_assert_eq(chk.parts_sum, 302992);
  cr_assert_eq(chk.npct, 2);
  cr_assert(fabs(chk.pct_sum - 78.21) < 1e-12);
  cr_assert_eq(pst_cohort_check_total(&o, b, &chk), PST_OK);
  cr_assert_eq(chk.matches, 0);
  cr_assert_eq(chk.difference, -1);
  cr_assert(isnan(chk.pct_sum));
  pst_outcomes_free(&o);
}

Test(outcomes, minimal_columns_every_row_a_part)
{
  pst_outcomes o;
  pst_diag d = {0};
  pst_cohort_check chk;
  cr_assert_eq(load_str("cohort,count,category\nq,3,a\nq,4,b\n", &o, &d), PST_OK, "%s", d.msg);
  cr_assert_eq(o.cohorts[0].nparts, 2);
  cr_assert_eq(o.cohorts[0].total, -1);
  pst_cohort_check_total(&o, &o.cohorts[0], &chk);
  cr_assert_eq(chk.has_total, 0);
  cr_assert_eq(chk.matches, 0);
  cr_assert_eq(chk.parts_sum, 7);
  pst_outcomes_free(&o);
}

Test(outcomes, missing_count_makes_cohort_incomplete)
{
  pst_outcomes o;
  pst_diag d = {0};
  pst_cohort_check chk;
  cr_assert_eq(load_str(HDR "a,total,total,,10,,,,\na,x,part,,,,,,\na,y,part,,4,,,,\n", &o, &d), PST_OK);
  pst_cohort_check_total(&o, &o.cohorts[0], &chk);
  cr_assert_eq(chk.complete, 0);
  cr_assert_eq(chk.matches, 0);
  cr_assert_eq(chk.parts_sum, 4);
  pst_outcomes_free(&o);
}

Test(outcomes, errors_with_positions)
{
  expect_error(HDR "a,x,whole,,1,,,,\n", 2, 5, "unknown role 'whole'");
  expect_error(HDR "a,x,,,1,,,,\n", 2, 5, "missing role");
  expect_error(HDR "a,x,detail,,1,,,,\n", 2, 12, "without parent");
  expect_error(HDR "a,x,part,y,1,,,,\n", 2, 10, "a part row has no parent");
  expect_error(HDR "a,total,total,,5,,,,\na,x,part,,1,,,,\na,y,detail,z,1,,,,\n", 4, 12,
               "parent 'z' is not a category of cohort 'a'");
  /* a parent in another cohort does not count */
  expect_error(HDR "b,z,part,,1,,,,\na,y,detail,z,1,,,,\n", 3, 12, "not a category of cohort 'a'");
  expect_error(HDR "a,p,detail,q,1,,,,\na,q,detail,p,1,,,,\n", 2, 12, "form a loop");
  expect_error(HDR "a,total,total,,5,,,,\na,sum,total,,5,,,,\n", 3, 7,
               "second total row in cohort 'a' (first on line 2)");
  expect_error(HDR "a,x,part,,1,,,,\na,x,part,,2,,,,\n", 3, 3,
               "duplicate category 'x' in cohort 'a' (first on line 2)");
  expect_error(HDR "a,x,part,,1.5,,,,\n", 2, 12, "count");
  expect_error(HDR "a,x,part,,-3,,,,\n", 2, 11, "count");
  expect_error(HDR "a,x,part,,\"3,57\",,,,\n", 2, 13, "thousands separator");
  expect_error(HDR "a,x,part,,3,576,,,,\n", 2, 20, "thousands separators must be quoted");
  expect_error(HDR "a,x,part,,3,,,maybe,\n", 2, 15, "unknown verified value 'maybe'");
  expect_error(HDR ",x,part,,3,,,,\n", 2, 1, "missing cohort");
  expect_error(HDR "a,,part,,3,,,,\n", 2, 3, "missing category");
  expect_error("cohort,category,role,count,deaths\n", 1, 28, "unknown column 'deaths'");
  expect_error("cohort,role,count\n", 1, 18, "missing required column 'category'");
  expect_error("", 1, 1, "empty file");
}

Test(outcomes, same_category_in_two_cohorts_is_fine)
{
  pst_outcomes o;
  pst_diag d = {0};
  cr_assert_eq(load_str(HDR "a,x,part,,1,,,,\nb,x,part,,2,,,,\n", &o, &d), PST_OK, "%s", d.msg);
  cr_assert_eq(o.ncohorts, 2);
  pst_outcomes_free(&o);
}

Test(outcomes, pct_check)
{
  double c;
  int dec, m;
  /* the article's 1.96 % for 30,749 of 302,992: 10.148... */
  cr_assert_eq(pst_outcome_pct_check("1.96", 30749, 302992, &c, &dec, &m), PST_OK);
  cr_assert_eq(m, 0);
  cr_assert_eq(dec, 2);
  cr_assert(fabs(c - 100.0 * 30749 / 302992) < 1e-12);
  cr_assert_eq(pst_outcome_pct_check("76.25", 231034, 302992, &c, &dec, &m), PST_OK);
  cr_assert_eq(m, 1);
  /* 281,780 / 1,539,475 = 18.3035 %: printed 18.31 is off by 0.0065 > 0.005 */
  cr_assert_eq(pst_outcome_pct_check("18.31", 281780, 1539475, &c, &dec, &m), PST_OK);
  cr_assert_eq(m, 0);
  cr_assert_eq(pst_outcome_pct_check("18.30", 281780, 1539475, &c, &dec, &m), PST_OK);
  cr_assert_eq(m, 1);
  /* one decimal: 3648/3724 = 97.959 % printed 98.0 */
  cr_assert_eq(pst_outcome_pct_check("98.0", 3648, 3724, &c, &dec, &m), PST_OK);
  cr_assert(m && dec == 1);
  /* '=12.7' (compiler's value): 233,400 / 1,836,562 = 12.708 % */
  cr_assert_eq(pst_outcome_pct_check("=12.7", 233400, 1836562, &c, &dec, &m), PST_OK);
  cr_assert_eq(m, 1);
  /* an exact tie at the half unit counts as a match: 1/8 = 12.5 % printed 13 */
  cr_assert_eq(pst_outcome_pct_check("13", 1, 8, &c, &dec, &m), PST_OK);
  cr_assert(m && dec == 0);
  cr_assert_eq(pst_outcome_pct_check("12", 1, 8, &c, &dec, &m), PST_OK);
  cr_assert(m);
  cr_assert_eq(pst_outcome_pct_check("11", 1, 8, &c, &dec, &m), PST_OK);
  cr_assert(!m);
  cr_assert_eq(pst_outcome_pct_check("~50", 1, 2, &c, &dec, &m), PST_EDATA);
  cr_assert_eq(pst_outcome_pct_check("3.5-4", 1, 2, &c, &dec, &m), PST_EDATA);
  cr_assert_eq(pst_outcome_pct_check("5.", 1, 2, &c, &dec, &m), PST_EDATA);
  cr_assert_eq(pst_outcome_pct_check(NULL, 1, 2, &c, &dec, &m), PST_EDATA);
  cr_assert_eq(pst_outcome_pct_check("50", 1, 0, &c, &dec, &m), PST_EUNDEF);
  cr_assert_eq(pst_outcome_pct_check("50", -1, 2, &c, &dec, &m), PST_EUNDEF);
}

/* The bundled dataset: loads, one total per cohort, and the findings the
 * README lists are there (and only those). */
Test(outcomes, bundled_dataset)
{
  const char *path = PST_SOURCE_DIR "/datasets/outcomes.csv";
  FILE *fp = fopen(path, "r");
  pst_outcomes o;
  pst_diag d = {0};
  static const char *const mismatched[] = {
    "special-camps-1944-certificate", "officers-nov-1944", "special-settlements",
    "krivosheev-2001-captured-by-year", "dugas-cheron-1994-by-holder", "overmans-2000-deaths"};
  size_t nmis = 0;
  cr_assert_not_null(fp, "%s", path);
  cr_assert_eq(pst_outcomes_load(fp, path, &o, &d), PST_OK, "%s:%ld:%ld: %s", path, d.line, d.col, d.msg);
  fclose(fp);
  for (size_t i = 0; i < o.ncohorts; i++) {
    pst_cohort_check chk;
    int listed = 0;
    cr_assert(o.cohorts[i].total >= 0, "cohort %s has no total", o.cohorts[i].id);
    cr_assert(o.cohorts[i].nparts >= 2, "cohort %s", o.cohorts[i].id);
    pst_cohort_check_total(&o, &o.cohorts[i], &chk);
    for (size_t j = 0; j < 6; j++) listed |= strcmp(o.cohorts[i].id, mismatched[j]) == 0;
    cr_assert_eq(!chk.matches, listed, "cohort %s: difference %lld", o.cohorts[i].id,
                 (long long)chk.difference);
    nmis += !chk.matches;
  }
  cr_assert_eq(nmis, 6);
  {
    const pst_cohort *c = pst_outcomes_find(&o, "special-camps-1944");
    pst_cohort_check chk;
    cr_assert_not_null(c);
    pst_cohort_check_total(&o, c, &chk);
    cr_assert(fabs(chk.pct_sum - 90.0) < 1e-9, "printed shares add to %.17g", chk.pct_sum);
    c = pst_outcomes_find(&o, "special-camps-1944-certificate");
    pst_cohort_check_total(&o, c, &chk);
    cr_assert_eq(chk.difference, 1);
  }
  pst_outcomes_free(&o);
}
