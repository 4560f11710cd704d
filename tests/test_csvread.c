/* test_csvread.c -- records, positions and every rejected input class. */
#define _POSIX_C_SOURCE 200809L
#include <criterion/criterion.h>
#include <criterion/new/assert.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "powstat/csvread.h"

/* Read all of text; returns the status of the first failing call (or PST_OK)
 * and fills d; *nrec counts records read. */
static int read_all(const char *text, size_t len, size_t *nrec, pst_diag *d, char *last, size_t lastn)
{
  FILE *fp = fmemopen((void *)text, len, "r");
  pst_csv *r;
  int st;
  const pst_field *f;
  size_t n;
  *nrec = 0;
  cr_assert(fp != NULL);
  cr_assert(eq(int, pst_csv_open(&r, fp, "t.csv"), PST_OK));
  while ((st = pst_csv_next(r, &f, &n, d)) == PST_OK && n > 0) {
    (*nrec)++;
    if (last) {
      size_t k = 0;
      last[0] = '\0';
      for (size_t j = 0; j < n; j++)
        k += (size_t)snprintf(last + k, lastn - k, "%s[%s]", j ? "," : "", f[j].s);
    }
  }
  pst_csv_close(r);
  fclose(fp);
  return st;
}

#define READ(text, nrec, d, last) read_all(text, sizeof(text) - 1, nrec, d, last, sizeof(last))

Test(csvread, quoted_crlf_bom_blank_lines)
{
  size_t n;
  pst_diag d = {0};
  char last[256];
  cr_assert(eq(int, READ("\xEF\xBB\xBFid,count\r\nA,\"3,576,300\"\r\n\r\nB,\"x\"\"y\"\r\n", &n, &d, last),
               PST_OK));
  cr_assert(eq(sz, n, 3));
  cr_assert(eq(str, last, "[B],[x\"y]"));
}

Test(csvread, last_row_without_newline_and_multiline_field)
{
  size_t n;
  pst_diag d = {0};
  char last[256];
  cr_assert(eq(int, READ("a,b\n\"line1\nline2\",2", &n, &d, last), PST_OK));
  cr_assert(eq(sz, n, 2));
  cr_assert(eq(str, last, "[line1\nline2],[2]"));
}

Test(csvread, field_positions)
{
  const char text[] = "id,name,count\nA,\"Кузнецов, И.\",12\n";
  FILE *fp = fmemopen((void *)text, sizeof text - 1, "r");
  pst_csv *r;
  const pst_field *f;
  size_t n;
  long line, col;
  pst_diag d;
  pst_csv_open(&r, fp, "t.csv");
  pst_csv_next(r, &f, &n, &d);
  pst_csv_next(r, &f, &n, &d);
  cr_assert(eq(sz, n, 3));
  pst_csv_field_pos(r, 2, &line, &col);
  cr_assert(eq(long, line, 2));
  cr_assert(eq(long, col, 18), "columns count characters, not bytes"); /* A,"Кузнецов, И.", */
  pst_csv_field_pos(r, 1, &line, &col);
  cr_assert(eq(long, col, 4), "past the opening quote");
  pst_csv_close(r);
  fclose(fp);
}

Test(csvread, unterminated_quote_reports_where_it_opened)
{
  size_t n;
  pst_diag d = {0};
  char last[64];
  cr_assert(eq(int, READ("a,b\nx,\"open\nmore\n", &n, &d, last), PST_EDATA));
  cr_assert(eq(long, d.line, 2));
  cr_assert(eq(long, d.col, 3));
  cr_assert(eq(str, d.msg, "unterminated quoted field (opened here)"));
}

Test(csvread, stray_quote)
{
  size_t n;
  pst_diag d = {0};
  char last[64];
  cr_assert(eq(int, READ("a,b\nx,ab\"c\n", &n, &d, last), PST_EDATA));
  cr_assert(eq(long, d.line, 2));
  cr_assert(eq(long, d.col, 5));
}

Test(csvread, nul_byte)
{
  size_t n;
  pst_diag d = {0};
  char last[64];
  cr_assert(eq(int, READ("a,b\nxy,z\0z\n", &n, &d, last), PST_EDATA));
  cr_assert(eq(long, d.line, 2));
  cr_assert(eq(long, d.col, 5));
  cr_assert(eq(str, d.msg, "NUL byte in the input"));
}

Test(csvread, invalid_utf8_latin1)
{
  size_t n;
  pst_diag d = {0};
  char last[64];
  cr_assert(eq(int, READ("a,b\nGr\xfc\xdf,1\n", &n, &d, last), PST_EDATA));
  cr_assert(eq(long, d.line, 2));
  cr_assert(eq(long, d.col, 3));
  cr_assert(eq(str, d.msg, "invalid UTF-8 (byte 0xFC); save the file as UTF-8"));
  /* overlong encoding and a lone continuation byte */
  cr_assert(eq(int, READ("a\n\xC0\xAF\n", &n, &d, last), PST_EDATA));
  cr_assert(eq(int, READ("a\n\x80\n", &n, &d, last), PST_EDATA));
  /* truncated sequence at end of line */
  cr_assert(eq(int, READ("a\nx\xE2\x82\n", &n, &d, last), PST_EDATA));
}

Test(csvread, bom_in_the_middle)
{
  size_t n;
  pst_diag d = {0};
  char last[64];
  cr_assert(eq(int, READ("a,b\n1,2\n\xEF\xBB\xBF" "a,b\n", &n, &d, last), PST_EDATA));
  cr_assert(eq(long, d.line, 3));
  cr_assert(eq(long, d.col, 1));
}

Test(csvread, bare_cr_line_ends)
{
  size_t n;
  pst_diag d = {0};
  char last[64];
  cr_assert(eq(int, READ("a,b\r1,2\r3,4\n", &n, &d, last), PST_EDATA));
  cr_assert(eq(long, d.line, 1));
}

Test(csvread, long_line_limit)
{
  size_t len = (size_t)PST_CSV_LINE_MAX + 100, n;
  char *text = malloc(len + 1);
  pst_diag d = {0};
  memset(text, 'x', len);
  text[len] = '\n';
  cr_assert(eq(int, read_all(text, len + 1, &n, &d, NULL, 0), PST_ELIMIT));
  cr_assert(eq(long, d.line, 1));
  free(text);
}

Test(csvread, empty_input)
{
  size_t n;
  pst_diag d = {0};
  char last[64];
  cr_assert(eq(int, READ("", &n, &d, last), PST_OK));
  cr_assert(eq(sz, n, 0));
}
