/* out.c -- table / CSV / TSV / JSON / Markdown writer. */
#include "out.h"

#include "powstat/num.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char *machine; /* text for csv/tsv/json (NULL = missing) */
  char *shown;   /* text for table/markdown (NULL = same as machine) */
} cell;

struct out_table {
  cli_format fmt;
  FILE *fp;
  const char *command;
  const out_col *cols;
  size_t ncols;
  cell *row;          /* current row */
  size_t ncell;
  cell *rows;         /* held rows (table/markdown) */
  size_t nrows, cap;
  int header_done, first_row, failed;
  char **meta;        /* key, value pairs */
  size_t nmeta;
};

static char *dup(const char *s)
{
  char *p;
  size_t n;
  if (!s) return NULL;
  n = strlen(s) + 1;
  p = malloc(n);
  if (p) memcpy(p, s, n);
  return p;
}

out_table *out_new(cli_format fmt, FILE *fp, const char *command, const out_col *cols, size_t ncols)
{
  out_table *t = calloc(1, sizeof *t);
  if (!t) return NULL;
  t->fmt = fmt;
  t->fp = fp;
  t->command = command;
  t->cols = cols;
  t->ncols = ncols;
  t->row = calloc(ncols, sizeof *t->row);
  t->first_row = 1;
  if (!t->row) { free(t); return NULL; }
  return t;
}

void out_meta(out_table *t, const char *key, const char *value)
{
  char **m = realloc(t->meta, (t->nmeta + 1) * 2 * sizeof *m);
  if (!m) { t->failed = 1; return; }
  t->meta = m;
  m[t->nmeta * 2] = dup(key);
  m[t->nmeta * 2 + 1] = dup(value);
  t->nmeta++;
}

static void put(out_table *t, char *machine, char *shown)
{
  if (t->ncell >= t->ncols) { free(machine); free(shown); return; }
  t->row[t->ncell].machine = machine;
  t->row[t->ncell].shown = shown;
  t->ncell++;
}

void out_str(out_table *t, const char *s) { put(t, dup(s), NULL); }

void out_num(out_table *t, double v)
{
  char b[PST_FMT_BUFSZ];
  if (isnan(v)) { put(t, NULL, NULL); return; }
  pst_fmt_real(b, v);
  put(t, dup(b), NULL);
}

void out_num_shown(out_table *t, double v, const char *shown)
{
  char b[PST_FMT_BUFSZ];
  if (isnan(v)) { put(t, NULL, dup(shown)); return; }
  pst_fmt_real(b, v);
  put(t, dup(b), dup(shown));
}

void out_int(out_table *t, int64_t v)
{
  char b[32], g[48];
  size_t n, k = 0;
  if (v < 0) { put(t, NULL, NULL); return; }
  n = (size_t)snprintf(b, sizeof b, "%lld", (long long)v);
  /* tables group thousands ("3,576,300") for the eye; machine formats don't */
  for (size_t i = 0; i < n; i++) {
    if (i && (n - i) % 3 == 0) g[k++] = ',';
    g[k++] = b[i];
  }
  g[k] = '\0';
  put(t, dup(b), dup(g));
}

/* ---- streaming formats ---- */

static void csv_text(FILE *fp, const char *s)
{
  int q = s[0] == ' ' || (s[0] && s[strlen(s) - 1] == ' ') || strpbrk(s, ",\"\n\r") != NULL;
  if (!q) { fputs(s, fp); return; }
  fputc('"', fp);
  for (; *s; s++) {
    if (*s == '"') fputc('"', fp);
    fputc(*s, fp);
  }
  fputc('"', fp);
}

static void tsv_text(FILE *fp, const char *s)
{
  /* TSV has no quoting: tabs and line breaks inside a cell become spaces */
  for (; *s; s++) fputc((*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s, fp);
}

static void json_text(FILE *fp, const char *s)
{
  fputc('"', fp);
  for (; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') { fputc('\\', fp); fputc(c, fp); }
    else if (c == '\n') fputs("\\n", fp);
    else if (c == '\t') fputs("\\t", fp);
    else if (c == '\r') fputs("\\r", fp);
    else if (c < 0x20) fprintf(fp, "\\u%04x", c);
    else fputc(c, fp);
  }
  fputc('"', fp);
}

static void header(out_table *t)
{
  t->header_done = 1;
  if (t->fmt == FMT_CSV || t->fmt == FMT_TSV) {
    for (size_t j = 0; j < t->ncols; j++) {
      if (j) fputc(t->fmt == FMT_CSV ? ',' : '\t', t->fp);
      fputs(t->cols[j].name, t->fp);
    }
    fputc('\n', t->fp);
  } else if (t->fmt == FMT_JSON) {
    fputs("{\n  \"command\": ", t->fp);
    json_text(t->fp, t->command);
    for (size_t i = 0; i < t->nmeta; i++) {
      fputs(",\n  ", t->fp);
      json_text(t->fp, t->meta[2 * i]);
      fputs(": ", t->fp);
      json_text(t->fp, t->meta[2 * i + 1] ? t->meta[2 * i + 1] : "");
    }
    fputs(",\n  \"rows\": [", t->fp);
  }
}

static void free_cells(cell *c, size_t n)
{
  for (size_t j = 0; j < n; j++) {
    free(c[j].machine);
    free(c[j].shown);
    c[j].machine = c[j].shown = NULL;
  }
}

void out_row(out_table *t)
{
  while (t->ncell < t->ncols) put(t, NULL, NULL);
  if (t->fmt == FMT_TABLE || t->fmt == FMT_MARKDOWN) {
    if (t->nrows == t->cap) {
      size_t nc = t->cap ? t->cap * 2 : 64;
      cell *r = realloc(t->rows, nc * t->ncols * sizeof *r);
      if (!r) { t->failed = 1; free_cells(t->row, t->ncols); t->ncell = 0; return; }
      t->rows = r;
      t->cap = nc;
    }
    memcpy(t->rows + t->nrows * t->ncols, t->row, t->ncols * sizeof *t->row);
    memset(t->row, 0, t->ncols * sizeof *t->row);
    t->nrows++;
    t->ncell = 0;
    return;
  }
  if (!t->header_done) header(t);
  if (t->fmt == FMT_JSON) {
    fputs(t->first_row ? "\n    {" : ",\n    {", t->fp);
    for (size_t j = 0; j < t->ncols; j++) {
      const char *v = t->row[j].machine;
      if (j) fputs(", ", t->fp);
      json_text(t->fp, t->cols[j].name);
      fputs(": ", t->fp);
      /* JSON has no infinity: an unbounded limit is null there (the
       * command says why in a status column) */
      if (!v || (t->cols[j].type == COL_NUM && (strstr(v, "inf") || strstr(v, "nan"))))
        fputs("null", t->fp);
      else if (t->cols[j].type == COL_NUM) fputs(v, t->fp);
      else json_text(t->fp, v);
    }
    fputc('}', t->fp);
  } else {
    for (size_t j = 0; j < t->ncols; j++) {
      const char *v = t->row[j].machine;
      if (j) fputc(t->fmt == FMT_CSV ? ',' : '\t', t->fp);
      if (!v) continue;
      if (t->fmt == FMT_CSV) csv_text(t->fp, v);
      else tsv_text(t->fp, v);
    }
    fputc('\n', t->fp);
  }
  t->first_row = 0;
  free_cells(t->row, t->ncols);
  t->ncell = 0;
}

/* ---- held formats ---- */

static size_t width(const char *s)
{
  size_t w = 0;
  for (; s && *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80) w++;
  return w;
}

static const char *shown(const cell *c)
{
  if (c->shown) return c->shown;
  return c->machine ? c->machine : "";
}

/* A growing line buffer, so that trailing blanks can be cut. */
typedef struct {
  char *s;
  size_t n, cap;
  int failed;
} linebuf;

static void lb_put(linebuf *b, const char *s, size_t n)
{
  if (b->n + n + 1 > b->cap) {
    size_t c = b->cap ? b->cap : 256;
    char *q;
    while (c < b->n + n + 1) c *= 2;
    q = realloc(b->s, c);
    if (!q) { b->failed = 1; return; }
    b->s = q;
    b->cap = c;
  }
  memcpy(b->s + b->n, s, n);
  b->n += n;
}

static void lb_str(linebuf *b, const char *s) { lb_put(b, s, strlen(s)); }

static void lb_pad(linebuf *b, size_t n)
{
  while (n--) lb_put(b, " ", 1);
}

static void lb_flush(linebuf *b, FILE *fp)
{
  while (b->n && b->s[b->n - 1] == ' ') b->n--;
  if (b->n) fwrite(b->s, 1, b->n, fp);
  fputc('\n', fp);
  b->n = 0;
}

static void lb_cell(linebuf *b, const char *s, size_t w, int right, int md)
{
  size_t x = width(s);
  if (right) lb_pad(b, w - x);
  if (md) {
    for (const char *p = s; *p; p++) {
      if (*p == '|') lb_put(b, "\\", 1);
      lb_put(b, *p == '\n' ? " " : p, 1);
    }
  } else {
    lb_str(b, s);
  }
  if (!right) lb_pad(b, w - x);
}

static void print_table(out_table *t)
{
  size_t *w = calloc(t->ncols, sizeof *w);
  char *used = calloc(t->ncols, 1);
  int md = t->fmt == FMT_MARKDOWN;
  linebuf b = {0};
  if (!w || !used) { t->failed = 1; free(w); free(used); return; }
  for (size_t j = 0; j < t->ncols; j++) {
    w[j] = width(t->cols[j].title ? t->cols[j].title : t->cols[j].name);
    for (size_t i = 0; i < t->nrows; i++) {
      size_t x = width(shown(&t->rows[i * t->ncols + j]));
      if (x) used[j] = 1;
      if (x > w[j]) w[j] = x;
    }
  }
  /* a column with no value in any row says nothing: leave it out */
  for (int pass = 0; pass < 3; pass++) {
    int first = 1;
    for (size_t j = 0; j < t->ncols; j++) {
      if (!used[j]) continue;
      lb_str(&b, md ? (first ? "| " : " | ") : (first ? "" : "  "));
      first = 0;
      if (pass == 0) {
        lb_cell(&b, t->cols[j].title ? t->cols[j].title : t->cols[j].name, w[j],
                t->cols[j].type == COL_NUM, md);
      } else if (pass == 1) {
        for (size_t k = 0; k < w[j]; k++)
          lb_put(&b, md && t->cols[j].type == COL_NUM && k + 1 == w[j] ? ":" : "-", 1);
      }
    }
    if (pass == 2) break;
    if (md) lb_str(&b, " |");
    lb_flush(&b, t->fp);
  }
  b.n = 0;
  for (size_t i = 0; i < t->nrows; i++) {
    int first = 1;
    for (size_t j = 0; j < t->ncols; j++) {
      if (!used[j]) continue;
      lb_str(&b, md ? (first ? "| " : " | ") : (first ? "" : "  "));
      first = 0;
      lb_cell(&b, shown(&t->rows[i * t->ncols + j]), w[j], t->cols[j].type == COL_NUM, md);
    }
    if (md) lb_str(&b, " |");
    lb_flush(&b, t->fp);
  }
  if (t->nmeta) fputc('\n', t->fp);
  for (size_t i = 0; i < t->nmeta; i++)
    fprintf(t->fp, "%s%s: %s\n", md ? "- " : "", t->meta[2 * i], t->meta[2 * i + 1] ? t->meta[2 * i + 1] : "");
  if (b.failed) t->failed = 1;
  free(b.s);
  free(w);
  free(used);
}

int out_finish(out_table *t)
{
  int rc;
  if (t->fmt == FMT_TABLE || t->fmt == FMT_MARKDOWN) {
    print_table(t);
  } else {
    if (!t->header_done) header(t);
    if (t->fmt == FMT_JSON) fputs(t->first_row ? "]\n}\n" : "\n  ]\n}\n", t->fp);
  }
  rc = (t->failed || ferror(t->fp)) ? -1 : 0;
  for (size_t i = 0; i < t->nrows; i++) free_cells(t->rows + i * t->ncols, t->ncols);
  free_cells(t->row, t->ncols);
  for (size_t i = 0; i < 2 * t->nmeta; i++) free(t->meta[i]);
  free(t->meta);
  free(t->rows);
  free(t->row);
  free(t);
  return rc;
}
