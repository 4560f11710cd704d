/* csvread.c -- line-tracking CSV reader on top of libcsv. */
#define _POSIX_C_SOURCE 200809L
#include "powstat/csvread.h"

#include <csv.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define RAW_INIT 4096
#define CHUNK 65536

struct pst_csv {
  FILE *fp;
  const char *name;
  struct csv_parser p;
  int p_ok;
  /* input buffer */
  char *in;
  size_t in_len, in_pos;
  int eof;
  int stream;      /* a pipe or terminal: read what is there, do not wait for a chunk */
  long line;       /* lines consumed so far */
  int at_start;    /* nothing read yet (for the BOM) */
  /* raw text of the record being assembled, from its first line */
  char *raw;
  size_t raw_len, raw_cap;
  long raw_line;   /* line number of raw[0] */
  /* fields of the record being assembled / last completed */
  char *buf;       /* field texts, each NUL-terminated */
  size_t buf_len, buf_cap;
  size_t *off;
  size_t *lens;
  unsigned char *quoted;
  size_t nf, f_cap;
  size_t lq_cap;      /* capacity of lens and quoted (follows f_cap) */
  pst_field *fields;
  size_t fields_cap;
  size_t rec_ready;   /* number of fields of a completed record */
  int rec_done;
  int cb_error;       /* PST_ENOMEM / PST_ELIMIT raised in a callback */
  int inq;            /* inside a quoted field at the end of the last line */
  long rec_line;      /* start line of the completed record */
  /* raw text of the completed record, for positions */
  char *rec_raw;
  size_t rec_raw_len, rec_raw_cap;
  /* line read but not yet fed (when a record completed mid-chunk) */
  char *line_buf;
  size_t line_len, line_cap;
};

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
  size_t c = *cap ? *cap : 16;
  void *q;
  if (need <= *cap) return 0;
  while (c < need) c *= 2;
  q = realloc(*p, c * elem);
  if (!q) return -1;
  *p = q;
  *cap = c;
  return 0;
}

/* libcsv calls this at the end of each field. */
static void on_field(void *s, size_t len, void *data)
{
  pst_csv *r = data;
  if (r->cb_error) return;
  if (r->nf >= PST_CSV_FIELDS_MAX) { r->cb_error = PST_ELIMIT; return; }
  if (grow((void **)&r->buf, &r->buf_cap, r->buf_len + len + 1, 1) ||
      grow((void **)&r->off, &r->f_cap, r->nf + 1, sizeof *r->off)) {
    r->cb_error = PST_ENOMEM;
    return;
  }
  /* off, lens and quoted share f_cap: grow the other two to match (only
   * when it grew: a realloc per field was 14% of a million-row batch) */
  if (r->lq_cap < r->f_cap) {
    void *a = realloc(r->lens, r->f_cap * sizeof *r->lens);
    if (!a) { r->cb_error = PST_ENOMEM; return; }
    r->lens = a;
    a = realloc(r->quoted, r->f_cap);
    if (!a) { r->cb_error = PST_ENOMEM; return; }
    r->quoted = a;
    r->lq_cap = r->f_cap;
  }
  r->off[r->nf] = r->buf_len;
  r->lens[r->nf] = s ? len : 0;
  /* With CSV_EMPTY_IS_NULL an unquoted empty field arrives as NULL; a quoted
   * one as a zero-length pointer.  Quotedness of non-empty fields is not
   * reported by libcsv; it is only needed to tell "" from missing. */
  r->quoted[r->nf] = (unsigned char)(s != NULL && len == 0);
  if (s && len) memcpy(r->buf + r->buf_len, s, len);
  r->buf_len += (s ? len : 0);
  r->buf[r->buf_len++] = '\0';
  r->nf++;
}

/* libcsv calls this at the end of each record. */
static void on_record(int term, void *data)
{
  pst_csv *r = data;
  (void)term;
  if (r->cb_error) return;
  /* Records are fed one physical line at a time, so a second record end in
   * the same line can only come from a bare CR (classic Mac line ends). */
  if (r->rec_done) { r->cb_error = PST_EDATA; return; }
  r->rec_done = 1;
}

int pst_csv_open(pst_csv **out, FILE *fp, const char *name)
{
  pst_csv *r = calloc(1, sizeof *r);
  if (!r) return PST_ENOMEM;
  if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0) {
    free(r);
    return PST_ENOMEM;
  }
  r->p_ok = 1;
  r->fp = fp;
  r->name = name;
  r->at_start = 1;
  {
    /* fread waits for a whole chunk: on a pipe (a job file fed by a
     * producer) records would be held back by 64 KiB.  Regular files keep
     * the fast path. */
    struct stat sb;
    int fd = fileno(fp);
    r->stream = fd >= 0 && fstat(fd, &sb) == 0 && !S_ISREG(sb.st_mode);
  }
  r->in = malloc(CHUNK);
  if (!r->in) { pst_csv_close(r); return PST_ENOMEM; }
  *out = r;
  return PST_OK;
}

void pst_csv_close(pst_csv *r)
{
  if (!r) return;
  if (r->p_ok) csv_free(&r->p);
  free(r->in);
  free(r->raw);
  free(r->buf);
  free(r->off);
  free(r->lens);
  free(r->quoted);
  free(r->fields);
  free(r->rec_raw);
  free(r->line_buf);
  free(r);
}

const char *pst_csv_name(const pst_csv *r) { return r->name; }
long pst_csv_record_line(const pst_csv *r) { return r->rec_line; }

static int diag_at(pst_csv *r, pst_diag *d, int status, long line, long col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
static int diag_at(pst_csv *r, pst_diag *d, int status, long line, long col, const char *fmt, ...)
{
  if (d) {
    va_list ap;
    d->file = r->name;
    d->line = line;
    d->col = col;
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
  }
  return status;
}

/* Number of characters (UTF-8 lead bytes) in s[0..n). */
static long utf8_chars(const char *s, size_t n)
{
  long c = 0;
  for (size_t i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
  return c;
}

/* Read one physical line (including its '\n' if any) into r->line_buf.
 * Returns 1 if a line was read, 0 at EOF, or a negative PST status. */
static int read_line(pst_csv *r, pst_diag *d)
{
  r->line_len = 0;
  for (;;) {
    if (r->in_pos == r->in_len) {
      if (r->eof) break;
      if (r->stream) {
        /* up to one line: getc returns what one read(2) delivered */
        int c = 0;
        r->in_len = 0;
        while (r->in_len < CHUNK && (c = getc(r->fp)) != EOF) {
          r->in[r->in_len++] = (char)c;
          if (c == '\n') break;
        }
        if (c == EOF) {
          if (ferror(r->fp))
            return -diag_at(r, d, PST_EIO, r->line + 1, 0, "read error: %s", strerror(errno));
          r->eof = 1;
        }
      } else {
        r->in_len = fread(r->in, 1, CHUNK, r->fp);
        if (r->in_len < CHUNK) {
          if (ferror(r->fp))
            return -diag_at(r, d, PST_EIO, r->line + 1, 0, "read error: %s", strerror(errno));
          r->eof = 1;
        }
      }
      r->in_pos = 0;
      if (r->in_len == 0) break;
    }
    {
      const char *start = r->in + r->in_pos;
      size_t avail = r->in_len - r->in_pos;
      const char *nl = memchr(start, '\n', avail);
      size_t take = nl ? (size_t)(nl - start) + 1 : avail;
      if (r->line_len + take > (size_t)PST_CSV_LINE_MAX + 2)
        return -diag_at(r, d, PST_ELIMIT, r->line + 1, PST_CSV_LINE_MAX,
                        "line longer than %ld bytes", PST_CSV_LINE_MAX);
      if (grow((void **)&r->line_buf, &r->line_cap, r->line_len + take + 1, 1))
        return -PST_ENOMEM;
      memcpy(r->line_buf + r->line_len, start, take);
      r->line_len += take;
      r->in_pos += take;
      if (nl) break;
    }
  }
  if (r->line_len == 0) return 0;
  r->line_buf[r->line_len] = '\0';
  {
    /* the limit counts the text, not the line end: the guard above let up
     * to two more bytes in, for a CRLF */
    size_t text = r->line_len;
    if (text && r->line_buf[text - 1] == '\n') text--;
    if (text && r->line_buf[text - 1] == '\r') text--;
    if (text > (size_t)PST_CSV_LINE_MAX)
      return -diag_at(r, d, PST_ELIMIT, r->line + 1, PST_CSV_LINE_MAX,
                      "line longer than %ld bytes", PST_CSV_LINE_MAX);
  }
  return 1;
}

/* Check a physical line: no NUL, valid UTF-8, no BOM except at file start.
 * Returns PST_OK or fills d. */
static int check_line(pst_csv *r, const char *s, size_t n, long line, pst_diag *d)
{
  size_t i = 0;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    size_t need;
    uint32_t cp;
    if (c < 0x80) {
      if (c == 0)
        return diag_at(r, d, PST_EDATA, line, utf8_chars(s, i) + 1, "NUL byte in the input");
      i++;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF) { need = 1; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { need = 2; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { need = 3; cp = c & 0x07; }
    else goto bad;
    for (size_t k = 1; k <= need; k++) {
      unsigned char cc;
      if (i + k >= n) goto bad;
      cc = (unsigned char)s[i + k];
      if ((cc & 0xC0) != 0x80) goto bad;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      goto bad;
    if (cp == 0xFEFF)
      return diag_at(r, d, PST_EDATA, line, utf8_chars(s, i) + 1,
                     "byte order mark (U+FEFF) inside the file (files joined together?)");
    i += need + 1;
    continue;
  bad:
    return diag_at(r, d, PST_EDATA, line, utf8_chars(s, i) + 1,
                   "invalid UTF-8 (byte 0x%02X); save the file as UTF-8", (unsigned)c);
  }
  return PST_OK;
}

/* A CR that does not end its line (old Mac line ends, a stray CR) would end
 * a record in the middle of the line, and one in the last line of a file
 * without a final LF would even reach libcsv's csv_fini: reject it wherever
 * it is outside quotes (a CR inside a quoted field is text).  Tracks the
 * quote state across the lines of a record. */
static int check_cr(pst_csv *r, const char *s, size_t n, long line, pst_diag *d)
{
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '"')
      r->inq = !r->inq;
    else if (s[i] == '\r' && !r->inq && i + 1 < n && s[i + 1] != '\n')
      return diag_at(r, d, PST_EDATA, line, utf8_chars(s, i) + 1,
                     "carriage return inside a line (convert old Mac line ends to LF)");
  }
  return PST_OK;
}

static int append_raw(pst_csv *r, const char *s, size_t n)
{
  if (grow((void **)&r->raw, &r->raw_cap, r->raw_len + n + 1, 1)) return -1;
  memcpy(r->raw + r->raw_len, s, n);
  r->raw_len += n;
  r->raw[r->raw_len] = '\0';
  return 0;
}

/* Move the assembled record into the "current" slots. */
static int finish_record(pst_csv *r)
{
  pst_field *f;
  if (grow((void **)&r->fields, &r->fields_cap, r->nf ? r->nf : 1, sizeof *f)) return PST_ENOMEM;
  f = r->fields;
  for (size_t j = 0; j < r->nf; j++) {
    f[j].s = r->buf + r->off[j];
    f[j].len = r->lens[j];
    f[j].quoted = r->quoted[j];
  }
  r->rec_ready = r->nf;
  r->rec_line = r->raw_line;
  /* swap raw buffers: rec_raw keeps the completed record's text */
  {
    char *t = r->rec_raw;
    size_t tc = r->rec_raw_cap;
    r->rec_raw = r->raw;
    r->rec_raw_len = r->raw_len;
    r->rec_raw_cap = r->raw_cap;
    r->raw = t;
    r->raw_cap = tc;
    r->raw_len = 0;
  }
  return PST_OK;
}

static void reset_fields(pst_csv *r)
{
  r->nf = 0;
  r->buf_len = 0;
  r->rec_done = 0;
}

/* Position of a byte offset of the record's raw text. */
static void raw_pos(const pst_csv *r, const char *raw, size_t off, long first_line, long *line, long *col)
{
  long ln = first_line;
  size_t ls = 0;
  for (size_t i = 0; i < off; i++)
    if (raw[i] == '\n') { ln++; ls = i + 1; }
  (void)r;
  *line = ln;
  *col = utf8_chars(raw + ls, off - ls) + 1;
}

/* Byte offset where field j starts in raw text (quote-aware scan). */
static size_t field_offset(const char *raw, size_t len, size_t j)
{
  size_t i = 0, fld = 0;
  int inq = 0;
  if (j == 0) return 0;
  for (; i < len; i++) {
    char c = raw[i];
    if (inq) {
      if (c == '"') {
        if (i + 1 < len && raw[i + 1] == '"') i++;
        else inq = 0;
      }
    } else if (c == '"') {
      inq = 1;
    } else if (c == ',') {
      if (++fld == j) return i + 1;
    } else if (c == '\n' || c == '\r') {
      break;
    }
  }
  return i;
}

void pst_csv_field_pos(const pst_csv *r, size_t j, long *line, long *col)
{
  size_t off = field_offset(r->rec_raw, r->rec_raw_len, j);
  /* skip leading blanks so the caret points at the text */
  while (off < r->rec_raw_len && r->rec_raw[off] == ' ') off++;
  /* and past an opening quote, so offsets within the text add up */
  if (j < r->rec_ready && off < r->rec_raw_len && r->rec_raw[off] == '"') off++;
  raw_pos(r, r->rec_raw, off, r->rec_line, line, col);
}

int pst_csv_field_error(const pst_csv *r, size_t j, pst_diag *d, int status, const char *fmt, ...)
{
  if (d) {
    va_list ap;
    d->file = r->name;
    pst_csv_field_pos(r, j, &d->line, &d->col);
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
  }
  return status;
}

static int parse_error(pst_csv *r, size_t consumed_in_line, pst_diag *d)
{
  /* the error is at byte `consumed_in_line` of the last line fed, which is
   * the tail of r->raw */
  size_t line_start = r->raw_len - r->line_len;
  long ln, col;
  raw_pos(r, r->raw, line_start + consumed_in_line, r->raw_line, &ln, &col);
  return diag_at(r, d, PST_EDATA, ln, col,
                 "malformed CSV: a quote inside an unquoted field, or text after a closing quote");
}

int pst_csv_next(pst_csv *r, const pst_field **fields, size_t *n, pst_diag *d)
{
  int st;
  if (d) d->file = r->name;
  reset_fields(r);
  for (;;) {
    int got = read_line(r, d);
    if (got < 0) return -got;
    if (got == 0) {
      /* end of input: flush a last record without newline / unterminated quote */
      if (csv_fini(&r->p, on_field, on_record, r) != 0) {
        long ln, col;
        size_t q = field_offset(r->raw, r->raw_len, r->nf);
        raw_pos(r, r->raw, q, r->raw_line, &ln, &col);
        return diag_at(r, d, PST_EDATA, ln, col, "unterminated quoted field (opened here)");
      }
      if (r->cb_error) goto cb_fail;
      if (r->rec_done) {
        if ((st = finish_record(r)) != PST_OK) return st;
        *fields = r->fields;
        *n = r->rec_ready;
        return PST_OK;
      }
      *n = 0;
      return PST_OK;
    }
    r->line++;
    {
      const char *s = r->line_buf;
      size_t len = r->line_len;
      if (r->at_start) {
        r->at_start = 0;
        if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
          memmove(r->line_buf, r->line_buf + 3, len - 3);
          r->line_len = len -= 3;
        }
      }
      if ((st = check_line(r, s, len, r->line, d)) != PST_OK) return st;
      if ((st = check_cr(r, s, len, r->line, d)) != PST_OK) return st;
      if (r->raw_len == 0) r->raw_line = r->line;
      if (append_raw(r, s, len)) return PST_ENOMEM;
      if (r->raw_len > (size_t)PST_CSV_RECORD_MAX) {
        /* only a quoted field spanning lines gets here: point at its quote */
        long ln, col;
        size_t q = field_offset(r->raw, r->raw_len, r->nf);
        raw_pos(r, r->raw, q, r->raw_line, &ln, &col);
        return diag_at(r, d, PST_ELIMIT, ln, col,
                       "record longer than %ld bytes: is this quote left open?",
                       PST_CSV_RECORD_MAX);
      }
      {
        size_t used = csv_parse(&r->p, s, len, on_field, on_record, r);
        if (r->cb_error) goto cb_fail;
        if (used != len) return parse_error(r, used, d);
      }
      if (r->rec_done) {
        if ((st = finish_record(r)) != PST_OK) return st;
        *fields = r->fields;
        *n = r->rec_ready;
        return PST_OK;
      }
      if (r->nf == 0 && !r->rec_done) {
        /* a blank line: libcsv produced nothing; forget its text unless a
         * quoted field is open (then raw must keep it) */
        int blank = 1;
        for (size_t i = 0; i < len; i++)
          if (s[i] != '\n' && s[i] != '\r') { blank = 0; break; }
        if (blank) r->raw_len = 0;
      }
    }
  }
cb_fail:
  if (r->cb_error == PST_EDATA)
    return diag_at(r, d, PST_EDATA, r->raw_line, 1,
                   "carriage return inside a line (convert old Mac line ends to LF)");
  if (r->cb_error == PST_ELIMIT)
    return diag_at(r, d, PST_ELIMIT, r->raw_line, 1, "more than %d fields in one record",
                   PST_CSV_FIELDS_MAX);
  return PST_ENOMEM;
}
