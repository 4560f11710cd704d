/* test_dataset.c -- estimates/sources loading: values, ranges, every error. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <stdio.h>
#include <string.h>

#include "powstat/dataset.h"

#define HDR "id,source,holder,group,captured_low,captured,captured_high,deaths_low,deaths,deaths_high,verified\n"

static int load(const char *text, pst_estimates *e, pst_diag *d)
{
  FILE *fp = fmemopen((void *)text, strlen(text), "r");
  int st;
  cr_assert(fp != NULL);
  memset(d, 0, sizeof *d);
  st = pst_estimates_load(fp, "e.csv", e, d);
  fclose(fp);
  return st;
}

Test(dataset, loads_values_and_missing)
{
  pst_estimates e = {0};
  pst_diag d;
  cr_assert(eq(int, load(HDR "G01,nkvd,USSR,german-pows-ussr,,\"2,389,560\",,,\"356,687\",,yes\n"
                             "S05,kriv,Germany,soviet,,\"4,559,000\",,\"1,283,300\",,\"1,783,300\",yes\n",
                         &e, &d), PST_OK), "%s", d.msg);
  cr_assert(eq(sz, e.n, 2));
  cr_assert(eq(i64, e.v[0].captured, 2389560));
  cr_assert(eq(i64, e.v[0].deaths, 356687));
  cr_assert(eq(i64, e.v[0].deaths_low, PST_MISSING));
  cr_assert(eq(str, e.v[0].holder, "USSR"));
  cr_assert(eq(long, e.v[1].line, 3));
  cr_assert(eq(i64, e.v[1].deaths, PST_MISSING));
  pst_estimates_free(&e);
}

Test(dataset, between_source_range)
{
  pst_estimates e = {0};
  pst_diag d;
  double lo, hi;
  int64_t k, n;
  cr_assert(eq(int, load(HDR "A,s,X,g,\"1,600,000\",\"1,800,000\",\"1,845,000\",\"37,000\",\"40,000\",,yes\n"
                             "B,s,X,g,,100,,,10,,yes\n", &e, &d), PST_OK));
  cr_assert(eq(int, pst_estimate_range(&e.v[0], &lo, &hi), 1));
  cr_assert(eq(dbl, lo, 37000.0 / 1845000.0));
  cr_assert(eq(dbl, hi, 40000.0 / 1600000.0));
  cr_assert(eq(int, pst_estimate_range(&e.v[1], &lo, &hi), 0), "no low/high: no range");
  cr_assert(eq(int, pst_estimate_point(&e.v[1], &k, &n), 1));
  pst_estimates_free(&e);
}

struct bad { const char *text; long line, col; const char *msg; };

static void expect_bad(struct bad b)
{
  pst_estimates e = {0};
  pst_diag d;
  int st = load(b.text, &e, &d);
  cr_assert(eq(int, st, PST_EDATA), "%s", b.msg);
  cr_assert(eq(str, d.msg, (char *)b.msg));
  cr_assert(eq(long, d.line, b.line), "%s", b.msg);
  cr_assert(eq(long, d.col, b.col), "%s", b.msg);
  cr_assert(eq(str, (char *)d.file, "e.csv"));
  cr_assert(eq(sz, e.n, 0), "nothing kept from a bad file");
  pst_estimates_free(&e);
}

Test(dataset, non_numeric_count)
{
  expect_bad((struct bad){HDR "A,s,X,g,,12x,,,1,,yes\n", 2, 12,
                          "captured: not a count (digits with optional ',' thousands separators): '12x'"});
}

Test(dataset, negative_count)
{
  expect_bad((struct bad){HDR "A,s,X,g,,100,,,-3,,yes\n", 2, 16, "deaths: negative count: '-3'"});
}

Test(dataset, deaths_exceed_captured)
{
  expect_bad((struct bad){HDR "A,s,X,g,,100,,,101,,yes\n", 2, 16, "deaths 101 exceed captured 100"});
}

Test(dataset, low_point_high_order)
{
  expect_bad((struct bad){HDR "A,s,X,g,200,100,,,10,,yes\n", 2, 13, "captured point 100 is below its low 200"});
  expect_bad((struct bad){HDR "A,s,X,g,,100,,,10,5,yes\n", 2, 19, "deaths high 5 is below its point 10"});
}

Test(dataset, unquoted_thousands_separator)
{
  expect_bad((struct bad){HDR "A,s,X,g,,3,576,300,,10,,yes\n", 2, 25,
                          "12 fields, but the header has 11 (a number with thousands separators must be quoted)"});
}

Test(dataset, missing_required_column)
{
  expect_bad((struct bad){"id,captured\nA,10\n", 1, 12, "missing required column 'deaths'"});
}

Test(dataset, unknown_and_duplicate_column)
{
  expect_bad((struct bad){"id,captured,deahts\nA,10,1\n", 1, 13,
                          "unknown column 'deahts' (known: id,source,holder,captive,group,period,basis,"
                          "captured_low,captured,captured_high,deaths_low,deaths,deaths_high,stated_pct,"
                          "verified,note; prefix a column with x_ to keep it)"});
  expect_bad((struct bad){"id,captured,deaths,deaths\nA,10,1,1\n", 1, 20, "duplicate column 'deaths'"});
}

Test(dataset, extra_x_columns_are_kept_out)
{
  pst_estimates e = {0};
  pst_diag d;
  cr_assert(eq(int, load("id,x_comment,captured,deaths\nA,\"anything, really\",10,1\n", &e, &d), PST_OK));
  cr_assert(eq(i64, e.v[0].deaths, 1));
  pst_estimates_free(&e);
}

Test(dataset, duplicate_id)
{
  expect_bad((struct bad){HDR "A,s,X,g,,10,,,1,,yes\nA,s,X,g,,10,,,1,,yes\n", 3, 1,
                          "duplicate id 'A' (first at e.csv:2)"});
}

Test(dataset, unknown_verification)
{
  expect_bad((struct bad){HDR "A,s,X,g,,10,,,1,,maybe\n", 2, 18,
                          "unknown verification status 'maybe' (yes, yes/memory or memory)"});
}

Test(dataset, empty_file_and_header_only)
{
  pst_estimates e = {0};
  pst_diag d;
  cr_assert(eq(int, load("", &e, &d), PST_EDATA));
  cr_assert(eq(str, d.msg, "empty file: expected a header row"));
  cr_assert(eq(int, load(HDR, &e, &d), PST_OK), "header only is an empty set");
  cr_assert(eq(sz, e.n, 0));
}

Test(dataset, unknown_source_id)
{
  const char *stext = "id,citation,year,kind,note\nkriv,\"Krivosheev, G.F.\",1993,scholarly,\n";
  FILE *fp = fmemopen((void *)stext, strlen(stext), "r");
  pst_sources s;
  pst_estimates e = {0};
  pst_diag d;
  cr_assert(eq(int, pst_sources_load(fp, "s.csv", &s, &d), PST_OK));
  fclose(fp);
  cr_assert(eq(int, load(HDR "A,kriv,X,g,,10,,,1,,yes\nB,nope,X,g,,10,,,1,,yes\n", &e, &d), PST_OK));
  cr_assert(eq(int, pst_estimates_check_sources(&e, &s, &d), PST_EDATA));
  cr_assert(eq(long, d.line, 3));
  cr_assert(eq(long, d.col, 3));
  cr_assert(eq(str, d.msg, "unknown source id 'nope' (not in the sources file)"));
  pst_estimates_free(&e);
  pst_sources_free(&s);
}

Test(dataset, bad_source_kind)
{
  const char *stext = "id,citation,year,kind\nx,y,1990,blog\n";
  FILE *fp = fmemopen((void *)stext, strlen(stext), "r");
  pst_sources s;
  pst_diag d;
  cr_assert(eq(int, pst_sources_load(fp, "s.csv", &s, &d), PST_EDATA));
  cr_assert(eq(long, d.col, 10));
  fclose(fp);
}
