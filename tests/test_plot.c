/* test_plot.c -- the plot module: the escaping function, determinism, the
 * structure that keeps caller text out of gnuplot commands, and the errors.
 * Rendering through gnuplot is tested by tests/chart_render_test.sh. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>

#include "powstat/plot.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- pst_plot_quote ---- */

static void quote_is(const char *in, int latex, const char *want)
{
  char *q = pst_plot_quote(in, latex);
  cr_assert_not_null(q);
  cr_expect_str_eq(q, want, "quote(%s, %d) = %s, want %s", in ? in : "NULL", latex, q, want);
  free(q);
}

Test(quote, plain_and_null)
{
  quote_is("Soviet POWs", 0, "'Soviet POWs'");
  quote_is("", 0, "''");
  quote_is(NULL, 0, "''");
}

Test(quote, single_quote_doubled)
{
  quote_is("it's", 0, "'it''s'");
  /* gnuplot 5.4 misreads a quoted string that opens with '' (x = ''''''
   * and x = '''x' are syntax errors, measured): a quote that would open a
   * piece is joined as "'"; gnuplot prints (''."'".''."'".'') as '' */
  quote_is("''", 0, "(''.\"'\".''.\"'\".'')");
  quote_is("'x' y", 0, "(''.\"'\".'x'' y')");
  quote_is("a\n'b'", 0, "('a'.\"\\n\".''.\"'\".'b''')");
}

Test(quote, command_characters_stay_inside_the_quotes)
{
  /* inside single quotes none of these is special to gnuplot */
  quote_is("`touch CANARY`", 0, "'`touch CANARY`'");
  quote_is("system(\"touch CANARY\")", 0, "'system(\"touch CANARY\")'");
  quote_is("@macro | < ; $x %s \\", 0, "'@macro | < ; $x %s \\'");
}

Test(quote, newline_becomes_a_joined_line_break)
{
  quote_is("a\nb", 0, "('a'.\"\\n\".'b')");
  quote_is("a\n", 0, "('a'.\"\\n\".'')");
}

Test(quote, control_bytes_become_spaces)
{
  quote_is("a\tb\rc\x01" "d\x7f", 0, "'a b c d '");
}

Test(quote, utf8_kept_invalid_replaced)
{
  quote_is("Военнопленные", 0, "'Военнопленные'");
  quote_is("a\xff" "b", 0, "'a?b'");
  quote_is("\xc3(", 0, "'?('");
  quote_is("\xed\xa0\x80", 0, "'?" "?" "?'"); /* a UTF-16 surrogate */
  quote_is("\xe0\x80\xaf", 0, "'?" "?" "?'"); /* overlong */
}

Test(quote, latex_specials)
{
  quote_is("5% of a_b & c#d {x} $y ^ ~ \\ < > |", 1,
           "'5\\% of a\\_b \\& c\\#d \\{x\\} \\$y \\textasciicircum{} \\textasciitilde{} "
           "\\textbackslash{} \\textless{} \\textgreater{} \\textbar{}'");
  quote_is("it's", 1, "'it''s'");
}

/* ---- scripts ---- */

static char *script_of(const pst_plot *p, int *st)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  pst_diag d = {0};
  cr_assert_not_null(fp);
  *st = pst_plot_write(fp, p, &d);
  fclose(fp);
  return buf;
}

static const char *const hostile[] = {
  "`touch CANARY1`", "system(\"touch CANARY2\")", "@hostile_macro", "it's \"quoted\"",
  "line1\nEOD\nsystem(\"touch CANARY3\")", "| touch CANARY4", "< /etc/passwd", "a; !touch CANARY5",
  "Военнопленные", "EOD",
};
#define NHOSTILE (sizeof hostile / sizeof hostile[0])

static pst_plot_row rows_buf[64];

static pst_plot hostile_plot(pst_plot_kind kind)
{
  pst_plot p = pst_plot_init(kind);
  size_t n = 0;
  for (size_t i = 0; i < NHOSTILE; i++) {
    pst_plot_row r = pst_plot_row_empty();
    r.label = hostile[i];
    r.group = hostile[(i + 1) % NHOSTILE];
    r.key = hostile[(i + 2) % NHOSTILE];
    r.note = hostile[(i + 3) % NHOSTILE];
    r.value = 10.0 + (double)i;
    r.lower = 9.0 + (double)i;
    r.upper = 11.5 + (double)i;
    r.lower2 = 8.0 + (double)i;
    r.upper2 = 13.0 + (double)i;
    r.value2 = 10.5 + (double)i;
    r.flag = (int)(i % 3);
    if (kind == PST_PLOT_STACKED) { r.value = 10; r.lower = 9; r.upper = 11; }
    if (kind == PST_PLOT_HISTOGRAM) { r.lower = (double)i; r.upper = (double)i + 1; }
    rows_buf[n++] = r;
  }
  p.rows = rows_buf;
  p.nrows = n;
  p.title = hostile[0];
  p.xlabel = hostile[1];
  p.ylabel = hostile[4];
  p.note = hostile[4];
  p.value_name = hostile[2];
  p.interval_name = hostile[3];
  p.range_name = hostile[5];
  p.value2_name = hostile[6];
  p.ref_name = hostile[7];
  p.font = "Evil', system('touch CANARY6'), '";
  if (kind == PST_PLOT_TORNADO) p.ref = 12;
  if (kind == PST_PLOT_HISTOGRAM) { p.band_lo = 2; p.band_hi = 7; p.band_name = hostile[8]; }
  return p;
}

/* Every line that contains caller text must be a T[] assignment; data lines
 * (between "<< EOD" and "EOD") must start with a digit. */
static void check_structure(const char *script)
{
  const char *line = script;
  int in_data = 0, saw_data = 0;
  while (*line) {
    const char *end = strchr(line, '\n');
    size_t len = end ? (size_t)(end - line) : strlen(line);
    char *l = strndup(line, len);
    if (in_data) {
      if (strcmp(l, "EOD") == 0) {
        in_data = 0;
      } else {
        cr_expect(l[0] >= '0' && l[0] <= '9', "data line does not start with a digit: %s", l);
        for (const char *c = l; *c; c++)
          cr_expect(strchr("0123456789.-+eEaN ", *c) != NULL, "non-numeric data: %s", l);
      }
    } else if (strstr(l, "<< EOD")) {
      in_data = 1;
      saw_data = 1;
    } else {
      int is_text = strncmp(l, "T[", 2) == 0 || strncmp(l, "  T[", 4) == 0 || strncmp(l, "pst_font = ", 11) == 0;
      if (!is_text) {
        cr_expect(strstr(l, "CANARY") == NULL, "caller text outside T[]: %s", l);
        cr_expect(strstr(l, "hostile_macro") == NULL, "caller text outside T[]: %s", l);
        cr_expect(strstr(l, "Военнопленные") == NULL, "caller text outside T[]: %s", l);
        cr_expect(strstr(l, "/etc/passwd") == NULL, "caller text outside T[]: %s", l);
      } else {
        /* a text line is `T[i] = <one quoted expression>`: no backquote or
         * command outside the quotes */
        const char *q = strchr(l, '=');
        int inq = 0;
        cr_assert_not_null(q);
        for (q++; *q; q++) {
          if (*q == '\'') inq = !inq;
          else if (!inq) cr_expect(strchr(" ().\"\\n", *q) != NULL, "outside quotes in %s: %c", l, *q);
        }
        cr_expect(!inq, "unterminated string: %s", l);
      }
    }
    free(l);
    if (!end) break;
    line = end + 1;
  }
  cr_expect(saw_data, "no data block");
  cr_expect(!in_data, "data block not terminated");
}

Test(script, hostile_texts_only_in_the_text_table)
{
  for (int k = 0; k < PST_PLOT_NKINDS; k++) {
    pst_plot p = hostile_plot((pst_plot_kind)k);
    int st;
    char *s;
    if (k == PST_PLOT_RATIO) p.log_axis = 1;
    s = script_of(&p, &st);
    cr_assert_eq(st, PST_OK, "kind %s: status %d", pst_plot_kind_name((pst_plot_kind)k), st);
    check_structure(s);
    /* the Cyrillic text is kept as UTF-8 */
    cr_expect(strstr(s, "'Военнопленные'") != NULL, "kind %s", pst_plot_kind_name((pst_plot_kind)k));
    free(s);
  }
}

Test(script, deterministic)
{
  for (int k = 0; k < PST_PLOT_NKINDS; k++) {
    pst_plot p = hostile_plot((pst_plot_kind)k);
    int st1, st2;
    char *a = script_of(&p, &st1), *b = script_of(&p, &st2);
    cr_assert_eq(st1, PST_OK);
    cr_assert_eq(st2, PST_OK);
    cr_expect_str_eq(a, b, "kind %s differs between two runs", pst_plot_kind_name((pst_plot_kind)k));
    /* no path of the build machine: neither the source tree nor a temp dir */
    cr_expect(strstr(a, PST_SOURCE_DIR) == NULL && strstr(a, "/tmp/") == NULL, "a path in the script");
    free(a);
    free(b);
  }
}

Test(script, style_embedded_and_terminals_checked)
{
  pst_plot p = hostile_plot(PST_PLOT_FOREST);
  int st;
  char *s = script_of(&p, &st);
  cr_assert_eq(st, PST_OK);
  cr_expect(strstr(s, pst_plot_style()) != NULL, "the style file is not embedded verbatim");
  cr_expect(strstr(pst_plot_style(), "#0072B2") != NULL, "Okabe-Ito blue missing from the style");
  cr_expect(strstr(s, "GPVAL_TERMINALS") != NULL);
  cr_expect(strstr(s, "exit status 3") != NULL);
  cr_expect(strstr(s, "set termoption noenhanced") != NULL);
  /* the script reads no file and runs nothing: no load, no output pipe */
  cr_expect(strstr(s, "\nload ") == NULL && strstr(s, "set output '") == NULL && strstr(s, "set print") == NULL);
  /* commas would split family and size: they become spaces */
  cr_expect(strstr(s, "pst_font = 'Evil''  system(''touch CANARY6'')  '',10'\n") != NULL);
  free(s);
}

Test(script, numbers_round_trip)
{
  pst_plot_row r = pst_plot_row_empty();
  pst_plot p = pst_plot_init(PST_PLOT_FOREST);
  int st;
  char *s;
  r.label = "x";
  r.value = 0.1 + 0.2; /* 0.30000000000000004 */
  r.lower = 1e-300;
  r.upper = 0.5;
  p.rows = &r;
  p.nrows = 1;
  s = script_of(&p, &st);
  cr_assert_eq(st, PST_OK);
  cr_expect(strstr(s, "0 1 0.30000000000000004 1e-300 0.5 NaN NaN NaN\n") != NULL, "%s", s);
  free(s);
}

Test(script, marker_note_when_the_interval_is_hidden)
{
  pst_plot_row r[2] = {pst_plot_row_empty(), pst_plot_row_empty()};
  pst_plot p = pst_plot_init(PST_PLOT_FOREST);
  int st;
  char *s;
  r[0].label = "millions";
  r[0].value = 57.89;
  r[0].lower = 57.85;
  r[0].upper = 57.93;
  r[1].label = "dozens";
  r[1].value = 75;
  r[1].lower = 46.8;
  r[1].upper = 91.1;
  p.rows = r;
  p.nrows = 2;
  s = script_of(&p, &st);
  cr_assert_eq(st, PST_OK);
  cr_expect(strstr(s, "For 1 of 2 rows the interval is narrower than the marker.") != NULL);
  free(s);
  p.marker_note = "Counts in the millions.";
  s = script_of(&p, &st);
  cr_expect(strstr(s, "Counts in the millions.") != NULL);
  free(s);
}

Test(script, groups_make_headings_in_order)
{
  pst_plot_row r[3] = {pst_plot_row_empty(), pst_plot_row_empty(), pst_plot_row_empty()};
  pst_plot p = pst_plot_init(PST_PLOT_FOREST);
  int st;
  char *s, *h1, *h2;
  r[0].label = "a"; r[0].group = "G1"; r[0].value = 1;
  r[1].label = "b"; r[1].group = "G1"; r[1].value = 2;
  r[2].label = "c"; r[2].group = "G2"; r[2].value = 3;
  p.rows = r;
  p.nrows = 3;
  s = script_of(&p, &st);
  cr_assert_eq(st, PST_OK);
  /* 5 slots: G1, a, b, G2, c from the top (y = 5 .. 1) */
  cr_expect(strstr(s, "0 4 1 ") != NULL && strstr(s, "1 3 2 ") != NULL && strstr(s, "2 1 3 ") != NULL, "%s", s);
  h1 = strstr(s, "= 'G1'");
  h2 = strstr(s, "= 'G2'");
  cr_expect(h1 && h2 && h1 < h2);
  free(s);
}

Test(script, bars_floating_range_and_flags)
{
  pst_plot_row r[2] = {pst_plot_row_empty(), pst_plot_row_empty()};
  pst_plot p = pst_plot_init(PST_PLOT_BARS);
  int st;
  char *s;
  r[0].group = "g"; r[0].key = "published"; r[0].lower2 = 46.7; r[0].upper2 = 63.5;
  r[1].group = "g"; r[1].key = "article"; r[1].value = 57;
  p.rows = r;
  p.nrows = 2;
  s = script_of(&p, &st);
  cr_assert_eq(st, PST_OK);
  cr_expect(strstr(s, "w boxxyerror") != NULL, "no floating box");
  cr_expect(strstr(s, "$11==1") != NULL && strstr(s, "$11==0") != NULL);
  cr_expect(strstr(s, "$3==$3") == NULL && strstr(s, "!=$3") == NULL, "NaN tested in the script");
  free(s);
}

/* ---- errors ---- */

static int status_of(const pst_plot *p, char *msg, size_t n)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  pst_diag d = {0};
  int st = pst_plot_write(fp, p, &d);
  fclose(fp);
  free(buf);
  snprintf(msg, n, "%s", d.msg);
  return st;
}

Test(errors, invalid_inputs)
{
  pst_plot_row r = pst_plot_row_empty();
  pst_plot p = pst_plot_init(PST_PLOT_FOREST);
  char msg[256];
  cr_expect_eq(pst_plot_write(NULL, &p, NULL), PST_EINVAL);
  cr_expect_eq(status_of(&p, msg, sizeof msg), PST_EINVAL);
  cr_expect(strstr(msg, "no rows") != NULL, "%s", msg);
  r.label = "x";
  r.value = 1;
  r.lower = 2;
  r.upper = 1;
  p.rows = &r;
  p.nrows = 1;
  cr_expect_eq(status_of(&p, msg, sizeof msg), PST_EINVAL);
  cr_expect(strstr(msg, "row 1: interval lower bound above upper bound") != NULL, "%s", msg);
  r.lower = 0;
  r.upper = 2;
  p.log_axis = 1;
  cr_expect_eq(status_of(&p, msg, sizeof msg), PST_EINVAL);
  cr_expect(strstr(msg, "log axis") != NULL, "%s", msg);
  p = pst_plot_init(PST_PLOT_TORNADO);
  p.rows = &r;
  p.nrows = 1;
  cr_expect_eq(status_of(&p, msg, sizeof msg), PST_EINVAL);
  cr_expect(strstr(msg, "base value") != NULL, "%s", msg);
  p = pst_plot_init(PST_PLOT_HISTOGRAM);
  r = pst_plot_row_empty();
  r.lower = 2;
  r.upper = 1;
  r.value = 3;
  p.rows = &r;
  p.nrows = 1;
  cr_expect_eq(status_of(&p, msg, sizeof msg), PST_EINVAL);
  cr_expect(strstr(msg, "bin") != NULL, "%s", msg);
  p = pst_plot_init(PST_PLOT_STACKED);
  r = pst_plot_row_empty();
  r.value = -1;
  p.rows = &r;
  p.nrows = 1;
  cr_expect_eq(status_of(&p, msg, sizeof msg), PST_EINVAL);
  p = pst_plot_init(PST_PLOT_AUDIT);
  r = pst_plot_row_empty();
  r.value = 1;
  p.rows = &r;
  p.nrows = 1;
  cr_expect_eq(status_of(&p, msg, sizeof msg), PST_EINVAL);
  p.kind = PST_PLOT_NKINDS;
  cr_expect_eq(status_of(&p, msg, sizeof msg), PST_EINVAL);
  p = pst_plot_init(PST_PLOT_BARS);
  p.rows = &r;
  p.nrows = 1;
  p.width = -1;
  cr_expect_eq(status_of(&p, msg, sizeof msg), PST_EINVAL);
}

Test(errors, write_error_is_eio)
{
  pst_plot_row r = pst_plot_row_empty();
  pst_plot p = pst_plot_init(PST_PLOT_BARS);
  FILE *fp = fopen("/dev/full", "w");
  pst_diag d = {0};
  if (!fp) cr_skip_test("no /dev/full");
  setvbuf(fp, NULL, _IONBF, 0);
  r.group = "g";
  r.value = 1;
  p.rows = &r;
  p.nrows = 1;
  cr_expect_eq(pst_plot_write(fp, &p, &d), PST_EIO);
  fclose(fp);
}

Test(kinds, names_round_trip)
{
  for (int k = 0; k < PST_PLOT_NKINDS; k++) {
    pst_plot_kind back;
    const char *n = pst_plot_kind_name((pst_plot_kind)k);
    cr_assert_not_null(n);
    cr_expect_eq(pst_plot_kind_parse(n, &back), PST_OK);
    cr_expect_eq((int)back, k);
  }
  {
    pst_plot_kind back;
    cr_expect_eq(pst_plot_kind_parse("pie", &back), PST_ENOTFOUND);
    cr_expect_eq(pst_plot_kind_parse(NULL, &back), PST_ENOTFOUND);
    cr_expect_null(pst_plot_kind_name(PST_PLOT_NKINDS));
  }
  {
    pst_plot p = pst_plot_init(PST_PLOT_RATIO);
    cr_expect(p.log_axis == 1 && p.ref == 1.0, "ratio defaults: log axis, reference at 1");
  }
}
