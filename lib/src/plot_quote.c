/* plot_quote.c -- the one escaping function: any text as a gnuplot string
 * expression that evaluates to the text itself.
 *
 * Measured on gnuplot 5.4 (TECH-NOTES): backquotes run commands inside double
 * quotes and outside strings but never inside single quotes; @macros are not
 * expanded inside quotes; single-quoted strings process no backslash escapes,
 * '' being their only escape.  A newline would end the command, so it becomes
 * a join with the constant "\n" (a line break in the label).  A line ending in
 * a backslash continues onto the next line, which cannot happen here: every
 * piece ends with a quote. */
#include "powstat/plot.h"

#include <stdlib.h>
#include <string.h>

/* LaTeX replacements for the cairolatex terminal (text is passed to LaTeX). */
static const char *latex_repl(unsigned char c)
{
  switch (c) {
  case '\\': return "\\textbackslash{}";
  case '{': return "\\{";
  case '}': return "\\}";
  case '$': return "\\$";
  case '&': return "\\&";
  case '#': return "\\#";
  case '_': return "\\_";
  case '%': return "\\%";
  case '^': return "\\textasciicircum{}";
  case '~': return "\\textasciitilde{}";
  case '<': return "\\textless{}";
  case '>': return "\\textgreater{}";
  case '|': return "\\textbar{}";
  default: return NULL;
  }
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if invalid. */
static size_t utf8_len(const unsigned char *s)
{
  size_t n, i;
  unsigned cp;
  if (s[0] < 0x80) return 1;
  if (s[0] >= 0xC2 && s[0] <= 0xDF) { n = 2; cp = s[0] & 0x1Fu; }
  else if (s[0] >= 0xE0 && s[0] <= 0xEF) { n = 3; cp = s[0] & 0x0Fu; }
  else if (s[0] >= 0xF0 && s[0] <= 0xF4) { n = 4; cp = s[0] & 0x07u; }
  else return 0;
  for (i = 1; i < n; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3Fu);
  }
  /* overlong forms, surrogates, beyond U+10FFFF */
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return 0;
  return n;
}

typedef struct {
  char *b;
  size_t n, cap;
  int oom;
} sbuf;

static void put(sbuf *s, const char *t, size_t len)
{
  if (s->oom) return;
  if (s->n + len + 1 > s->cap) {
    size_t cap = (s->cap ? s->cap : 64);
    char *nb;
    while (cap < s->n + len + 1) cap *= 2;
    nb = realloc(s->b, cap);
    if (!nb) { s->oom = 1; return; }
    s->b = nb;
    s->cap = cap;
  }
  memcpy(s->b + s->n, t, len);
  s->n += len;
  s->b[s->n] = '\0';
}

static void puts_(sbuf *s, const char *t) { put(s, t, strlen(t)); }

char *pst_plot_quote(const char *text, int latex)
{
  sbuf s = {0};
  const unsigned char *p = (const unsigned char *)(text ? text : "");
  /* gnuplot 5.4 reads a single-quoted string whose text begins with ''
   * (an escaped quote) as an empty string followed by garbage, so a quote
   * that would open a quoted piece is joined on as "'" instead (double
   * quotes: nothing in "'" is substituted) */
  int multi = strchr((const char *)p, '\n') != NULL || *p == '\'';
  int fresh = 1; /* nothing written yet in the current quoted piece */
  if (multi) puts_(&s, "(");
  puts_(&s, "'");
  while (*p) {
    size_t n;
    const char *r;
    if (*p == '\n') {
      puts_(&s, "'.\"\\n\".'");
      fresh = 1;
      p++;
      continue;
    }
    if (*p == '\'') {
      puts_(&s, fresh ? "'.\"'\".'" : "''");
      p++;
      continue;
    }
    fresh = 0;
    if (*p < 0x20 || *p == 0x7F) { /* tab, CR and other controls */
      puts_(&s, " ");
      p++;
      continue;
    }
    if (latex && (r = latex_repl(*p)) != NULL) {
      puts_(&s, r);
      p++;
      continue;
    }
    n = utf8_len(p);
    if (n == 0) {
      puts_(&s, "?");
      p++;
      continue;
    }
    put(&s, (const char *)p, n);
    p += n;
  }
  puts_(&s, "'");
  if (multi) puts_(&s, ")");
  if (s.oom) {
    free(s.b);
    return NULL;
  }
  return s.b;
}
