/* paper_run.c -- `powstat paper` runs the producer commands in-process, as
 * a user would pipe them (`powstat compare ... --format csv | powstat chart
 * ratio`), so every figure draws exactly what the command prints and no
 * statistic is computed twice. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "paper.h"

#include "powstat/csvread.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *fig_str(paper_fig *f, const char *fmt, ...)
{
  va_list ap;
  int n;
  char *s;
  if (f->nstrs == sizeof f->strs / sizeof f->strs[0]) return NULL;
  va_start(ap, fmt);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0 || !(s = malloc((size_t)n + 1))) return NULL;
  va_start(ap, fmt);
  vsnprintf(s, (size_t)n + 1, fmt, ap);
  va_end(ap);
  f->strs[f->nstrs++] = s;
  return s;
}

void note_add(note_buf *nb, const char *fmt, ...)
{
  va_list ap;
  int k;
  if (nb->n >= sizeof nb->b - 1) return;
  va_start(ap, fmt);
  k = vsnprintf(nb->b + nb->n, sizeof nb->b - nb->n, fmt, ap);
  va_end(ap);
  if (k > 0) nb->n += (size_t)k;
  if (nb->n >= sizeof nb->b) nb->n = sizeof nb->b - 1;
}

static int make_tmpdir(paper_data *pd)
{
  const char *t = getenv("TMPDIR");
  if (pd->tmpdir[0]) return 0;
  snprintf(pd->tmpdir, sizeof pd->tmpdir, "%s/powstat-paper.XXXXXX", t && *t ? t : "/tmp");
  if (!mkdtemp(pd->tmpdir)) {
    cli_err("%s: cannot create a temporary directory: %s", pd->tmpdir, strerror(errno));
    pd->tmpdir[0] = '\0';
    return EXIT_CANTCREAT;
  }
  return 0;
}

int paper_tmpfile(paper_data *pd, const char *file, char *path, size_t n)
{
  int rc;
  char *p;
  if ((rc = make_tmpdir(pd))) return rc;
  snprintf(path, n, "%s/%s", pd->tmpdir, file);
  for (size_t i = 0; i < pd->nmade; i++)
    if (strcmp(pd->made[i], path) == 0) return 0;
  if (pd->nmade < sizeof pd->made / sizeof pd->made[0] && (p = strdup(path)) != NULL) pd->made[pd->nmade++] = p;
  return 0;
}

int paper_run(paper_data *pd, int (*cmd)(int, char **), const char *name, const char *file, char *path, size_t n,
              const char *const *args)
{
  char *argv[40];
  int argc = 0, rc;
  if ((rc = paper_tmpfile(pd, file, path, n))) return rc;
  argv[argc++] = (char *)(uintptr_t)name;
  for (; *args && argc < 34; args++) argv[argc++] = (char *)(uintptr_t)*args;
  argv[argc++] = (char *)(uintptr_t)"--format";
  argv[argc++] = (char *)(uintptr_t)"csv";
  argv[argc++] = (char *)(uintptr_t)"-o";
  argv[argc++] = path;
  argv[argc] = NULL;
  rc = cmd(argc, argv);
  optind = 1; /* the next getopt user starts afresh */
  return rc;
}

int paper_csv_cell(const char *path, const char *where_col, const char *where_val, const char *col, char *buf,
                   size_t n)
{
  FILE *fp = fopen(path, "rb");
  pst_csv *r = NULL;
  const pst_field *f;
  size_t nf;
  pst_diag d = {0};
  long wi = -1, ci = -1;
  int found = 0;
  if (!fp) return 0;
  if (pst_csv_open(&r, fp, path) != PST_OK || pst_csv_next(r, &f, &nf, &d) != PST_OK) goto done;
  for (size_t j = 0; j < nf; j++) {
    if (where_col && strcmp(f[j].s, where_col) == 0) wi = (long)j;
    if (strcmp(f[j].s, col) == 0) ci = (long)j;
  }
  if (ci < 0 || (where_col && wi < 0)) goto done;
  while (pst_csv_next(r, &f, &nf, &d) == PST_OK && nf > 0) {
    if ((size_t)ci >= nf || (wi >= 0 && ((size_t)wi >= nf || strcmp(f[wi].s, where_val) != 0))) continue;
    if (f[ci].len > 0 && f[ci].len < n) {
      memcpy(buf, f[ci].s, f[ci].len + 1);
      found = 1;
    }
    break;
  }
done:
  pst_csv_close(r);
  fclose(fp);
  return found;
}

int paper_chart(paper_fig *f, pst_plot_kind kind, const char *path, const char *where_col, const char *where_val,
                pst_plot **plot)
{
  chart_file *cf;
  int rc;
  if (f->ncf == sizeof f->cf / sizeof f->cf[0]) return EXIT_SOFTWARE;
  if ((rc = chart_from_file(kind, path, where_col, where_val, &cf))) return rc;
  f->cf[f->ncf++] = cf;
  *plot = chart_file_plot(cf);
  return 0;
}

void paper_cleanup(paper_data *pd)
{
  for (size_t i = 0; i < pd->nmade; i++) {
    unlink(pd->made[i]);
    free(pd->made[i]);
  }
  pd->nmade = 0;
  if (pd->tmpdir[0]) rmdir(pd->tmpdir);
  pd->tmpdir[0] = '\0';
}
