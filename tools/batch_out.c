/* batch_out.c -- buffered CSV / TSV / json-lines rows for `powstat batch`. */
#include "batch_out.h"

#include "powstat/num.h"

#include <math.h>
#include <string.h>

void bout_init(bout *w, FILE *fp, bout_fmt fmt, const out_col *cols, size_t ncols)
{
  w->fp = fp;
  w->fmt = fmt;
  w->cols = cols;
  w->ncols = ncols;
  w->col = 0;
  w->len = 0;
  w->failed = 0;
}

int bout_flush(bout *w)
{
  if (!w->failed && w->len && fwrite(w->buf, 1, w->len, w->fp) != w->len) w->failed = 1;
  w->len = 0;
  return w->failed ? -1 : 0;
}

/* Make room for n bytes; n <= BOUT_BUFSZ. */
static void room(bout *w, size_t n)
{
  if (w->len + n > BOUT_BUFSZ) bout_flush(w);
}

static void put(bout *w, const char *s, size_t n)
{
  while (n > 0) {
    size_t k;
    room(w, 1);
    k = BOUT_BUFSZ - w->len;
    if (k > n) k = n;
    memcpy(w->buf + w->len, s, k);
    w->len += k;
    s += k;
    n -= k;
  }
}

static void putc1(bout *w, char c)
{
  room(w, 1);
  w->buf[w->len++] = c;
}

/* Separator (CSV/TSV) or `"name": ` (JSON) before cell w->col. */
static void cell_start(bout *w)
{
  if (w->fmt == BOUT_JSONL) {
    const char *name = w->cols[w->col].name;
    put(w, w->col ? ", \"" : "{\"", w->col ? 3 : 2);
    put(w, name, strlen(name));
    put(w, "\": ", 3);
  } else if (w->col) {
    putc1(w, w->fmt == BOUT_CSV ? ',' : '\t');
  }
}

void bout_header(bout *w)
{
  if (w->fmt == BOUT_JSONL) return;
  for (size_t j = 0; j < w->ncols; j++) {
    if (j) putc1(w, w->fmt == BOUT_CSV ? ',' : '\t');
    put(w, w->cols[j].name, strlen(w->cols[j].name));
  }
  putc1(w, '\n');
}

static void missing1(bout *w)
{
  cell_start(w);
  if (w->fmt == BOUT_JSONL) put(w, "null", 4);
  w->col++;
}

void bout_missing(bout *w, size_t n)
{
  while (n-- && w->col < w->ncols) missing1(w);
}

/* Same rule as out.c csv_text: quote a cell with a leading or trailing blank,
 * a comma, a quote or a line break; double inner quotes. */
static void csv_text(bout *w, const char *s, size_t n)
{
  int q = s[0] == ' ' || s[n - 1] == ' ';
  for (size_t i = 0; i < n && !q; i++)
    q = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
  if (!q) { put(w, s, n); return; }
  putc1(w, '"');
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '"') putc1(w, '"');
    putc1(w, s[i]);
  }
  putc1(w, '"');
}

static void tsv_text(bout *w, const char *s, size_t n)
{
  for (size_t i = 0; i < n; i++)
    putc1(w, (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') ? ' ' : s[i]);
}

static void json_text(bout *w, const char *s, size_t n)
{
  static const char hex[] = "0123456789abcdef";
  putc1(w, '"');
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '"' || c == '\\') { putc1(w, '\\'); putc1(w, (char)c); }
    else if (c == '\n') put(w, "\\n", 2);
    else if (c == '\t') put(w, "\\t", 2);
    else if (c == '\r') put(w, "\\r", 2);
    else if (c < 0x20) {
      char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      put(w, u, 6);
    } else putc1(w, (char)c);
  }
  putc1(w, '"');
}

void bout_str(bout *w, const char *s)
{
  bout_strn(w, s, s ? strlen(s) : 0);
}

void bout_strn(bout *w, const char *s, size_t n)
{
  if (w->col >= w->ncols) return;
  if (!s || !n) { missing1(w); return; }
  cell_start(w);
  if (w->fmt == BOUT_CSV) csv_text(w, s, n);
  else if (w->fmt == BOUT_TSV) tsv_text(w, s, n);
  else json_text(w, s, n);
  w->col++;
}

void bout_numtext(bout *w, const char *text)
{
  if (w->col >= w->ncols) return;
  cell_start(w);
  put(w, text, strlen(text));
  w->col++;
}

void bout_num(bout *w, double v)
{
  char b[PST_FMT_BUFSZ];
  if (w->col >= w->ncols) return;
  if (isnan(v)) { missing1(w); return; }
  if (isinf(v) && w->fmt == BOUT_JSONL) {
    /* JSON has no infinity; 1e999 is a valid JSON number that Python and
     * JavaScript read as Infinity (an unbounded ratio's upper bound) */
    bout_numtext(w, v > 0 ? "1e999" : "-1e999");
    return;
  }
  pst_fmt_real(b, v);
  bout_numtext(w, b);
}

void bout_int(bout *w, int64_t v)
{
  char b[24];
  size_t i = sizeof b;
  uint64_t u;
  if (w->col >= w->ncols) return;
  if (v < 0) { missing1(w); return; }
  u = (uint64_t)v;
  do {
    b[--i] = (char)('0' + u % 10);
    u /= 10;
  } while (u);
  cell_start(w);
  put(w, b + i, sizeof b - i);
  w->col++;
}

void bout_end_row(bout *w)
{
  while (w->col < w->ncols) missing1(w);
  if (w->fmt == BOUT_JSONL) put(w, "}\n", 2);
  else putc1(w, '\n');
  w->col = 0;
}
