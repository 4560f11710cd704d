/* cli.c -- diagnostics, option helpers and safe output for the tool. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include "powstat/num.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef POWSTAT_DATADIR
#define POWSTAT_DATADIR "datasets"
#endif

void cli_err(const char *fmt, ...)
{
  va_list ap;
  fputs("powstat: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
  va_list ap;
  fprintf(stderr, "powstat %s: ", cmd);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\nTry 'powstat %s --help' for more information.\n", cmd);
  return EXIT_USAGE;
}

int cli_exit_code(int status)
{
  switch (status) {
  case PST_OK: return 0;
  case PST_EDATA:
  case PST_ELIMIT:
  case PST_ENOTFOUND:
  case PST_EUNDEF: return EXIT_DATA;
  case PST_EIO: return EXIT_IOERR;
  case PST_ENOMEM: return EXIT_OSERR;
  case PST_EINVAL: return EXIT_DATA;
  default: return EXIT_SOFTWARE;
  }
}

int cli_diag(int status, const pst_diag *d)
{
  if (status == PST_ENOMEM) {
    cli_err("out of memory");
  } else if (d && d->file && d->line > 0) {
    cli_err("%s:%ld:%ld: %s", d->file, d->line, d->col > 0 ? d->col : 1, d->msg);
  } else if (d && d->file) {
    cli_err("%s: %s", d->file, d->msg[0] ? d->msg : pst_strerror(status));
  } else {
    cli_err("%s", d && d->msg[0] ? d->msg : pst_strerror(status));
  }
  return cli_exit_code(status);
}

int cli_help(const char *cmd)
{
  const cli_command *c = cli_find(cmd);
  if (!c) return cli_usage("help", "unknown command '%s'", cmd);
  fputs(c->help, stdout);
  return 0;
}

int cli_parse_format(const char *s, unsigned allowed, cli_format *out)
{
  static const char *const names[] = {"table", "csv", "tsv", "json", "markdown"};
  for (unsigned i = 0; i < sizeof names / sizeof *names; i++)
    if (strcmp(s, names[i]) == 0 && (allowed & (1u << i))) {
      *out = (cli_format)i;
      return 0;
    }
  return -1;
}

cli_format cli_default_format(void)
{
  return isatty(STDOUT_FILENO) ? FMT_TABLE : FMT_CSV;
}

int cli_parse_level(const char *cmd, const char *s, double *level)
{
  double v;
  const char *why;
  if (pst_parse_real(s, strlen(s), &v, &why, NULL) != PST_OK)
    return cli_usage(cmd, "--level '%s': %s", s, why);
  /* accept a percentage such as 95 or 99.9 for 0.95 or 0.999, but not a
   * value like 1.5, which is more likely a slip than 1.5 % */
  if (v >= 50.0 && v < 100.0) v /= 100.0;
  if (!(v > 0.0 && v < 1.0))
    return cli_usage(cmd, "--level '%s': must be between 0 and 1 (e.g. 0.95), exclusive", s);
  *level = v;
  return 0;
}

int cli_parse_positive(const char *cmd, const char *opt, const char *s, double *v)
{
  const char *why;
  if (pst_parse_real(s, strlen(s), v, &why, NULL) != PST_OK)
    return cli_usage(cmd, "%s '%s': %s", opt, s, why);
  if (!(*v > 0.0)) return cli_usage(cmd, "%s '%s': must be positive", opt, s);
  return 0;
}

int cli_is_counts(const char *s)
{
  const char *p = s;
  size_t a = 0, b = 0;
  while (*p >= '0' && *p <= '9') { p++; a++; }
  if (*p != '/' || a == 0) return 0;
  p++;
  while (*p >= '0' && *p <= '9') { p++; b++; }
  return *p == '\0' && b > 0;
}

int cli_parse_counts(const char *cmd, const char *s, uint64_t *k, uint64_t *n)
{
  const char *slash = strchr(s, '/');
  const char *why;
  if (pst_parse_count(s, (size_t)(slash - s), k, &why, NULL) != PST_OK ||
      pst_parse_count(slash + 1, strlen(slash + 1), n, &why, NULL) != PST_OK)
    return cli_usage(cmd, "'%s': %s", s, why);
  if (*n == 0) {
    cli_err("%s: '%s': the denominator is zero", cmd, s);
    return EXIT_DATA;
  }
  if (*k > *n) {
    cli_err("%s: '%s': deaths (%llu) exceed captured (%llu)", cmd, s, (unsigned long long)*k,
            (unsigned long long)*n);
    return EXIT_DATA;
  }
  return 0;
}

/* The datasets beside the executable: <bindir>/../share/powstat/datasets,
 * written without the "..": <prefix>/share/powstat/datasets.  That is where
 * `cmake --install` puts them whatever the prefix, and where the build tree
 * links them (top-level CMakeLists.txt).  Resolved through
 * /proc/self/exe, so a symbolic link to the binary still finds its own tree;
 * NULL when that directory does not exist. */
static const char *exe_datadir(void)
{
  static char buf[4096];
  static int done;
  static const char rel[] = "/share/powstat/datasets";
  struct stat st;
  ssize_t n;
  char *slash;
  if (done) return buf[0] ? buf : NULL;
  done = 1;
  n = readlink("/proc/self/exe", buf, sizeof buf - sizeof rel);
  if (n <= 0 || (size_t)n >= sizeof buf - sizeof rel) { buf[0] = '\0'; return NULL; }
  buf[n] = '\0';
  /* drop "/powstat", then "/bin" (or "/tools" in a build tree): the prefix */
  for (int up = 0; up < 2; up++) {
    slash = strrchr(buf, '/');
    if (!slash) { buf[0] = '\0'; return NULL; }
    *slash = '\0';
  }
  memcpy(buf + strlen(buf), rel, sizeof rel);
  if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) { buf[0] = '\0'; return NULL; }
  return buf;
}

int cli_in_list(const char *list, const char *v)
{
  size_t n;
  const char *p = list;
  if (!list) return 1;
  if (!v) return 0;
  n = strlen(v);
  while (*p) {
    const char *c = strchr(p, ',');
    size_t len = c ? (size_t)(c - p) : strlen(p);
    if (len == n && strncmp(p, v, n) == 0) return 1;
    if (!c) break;
    p = c + 1;
  }
  return 0;
}

const char *cli_datadir(void)
{
  const char *e = getenv("POWSTAT_DATADIR");
  const char *x;
  if (e && *e) return e;
  x = exe_datadir();
  /* else the configured install path (never the source tree: installed
   * files must not name the build machine's directories) */
  return x ? x : POWSTAT_DATADIR;
}

const char *cli_datafile(const char *name)
{
  static char buf[4096];
  snprintf(buf, sizeof buf, "%s/%s", cli_datadir(), name);
  return buf;
}

FILE *cli_open_input(const char *path, int *code)
{
  FILE *fp;
  if (strcmp(path, "-") == 0) return stdin;
  fp = fopen(path, "rb");
  if (!fp) {
    cli_err("%s: %s", path, strerror(errno));
    *code = (errno == ENOMEM) ? EXIT_OSERR : EXIT_NOINPUT;
  }
  return fp;
}

/* ---- safe output files ---- */

/* The temporary file currently open, removed by the signal handler.  Only
 * one output is open at a time in this tool. */
static char *volatile pending_tmp;

static void on_signal(int sig)
{
  char *t = pending_tmp;
  if (t) unlink(t);
  signal(sig, SIG_DFL);
  raise(sig);
}

static void watch_signals(void)
{
  static int done;
  if (done) return;
  done = 1;
  signal(SIGINT, on_signal);
  signal(SIGTERM, on_signal);
  signal(SIGHUP, on_signal);
}

int cli_output_open(cli_output *o, const char *path)
{
  int fd;
  size_t n;
  memset(o, 0, sizeof *o);
  if (!path || strcmp(path, "-") == 0) {
    o->fp = stdout;
    return 0;
  }
  {
    /* A device or FIFO (/dev/null, /dev/stdout, a named pipe) is written in
     * place: renaming a temporary file over it would replace the device
     * node with a regular file. */
    struct stat sb;
    if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
      if (S_ISDIR(sb.st_mode)) {
        cli_err("%s: cannot create: Is a directory", path);
        return EXIT_CANTCREAT;
      }
      o->fp = fopen(path, "w");
      if (!o->fp) {
        cli_err("%s: cannot create: %s", path, strerror(errno));
        return EXIT_CANTCREAT;
      }
      o->direct = 1;
      o->path = strdup(path); /* for messages only; NULL is tolerated */
      return 0;
    }
  }
  n = strlen(path);
  o->path = strdup(path);
  o->tmp = malloc(n + 16);
  if (!o->path || !o->tmp) {
    cli_err("out of memory");
    free(o->path);
    free(o->tmp);
    memset(o, 0, sizeof *o);
    return EXIT_OSERR;
  }
  /* same directory as the target, so rename() is atomic */
  snprintf(o->tmp, n + 16, "%s.tmp.XXXXXX", path);
  watch_signals();
  fd = mkstemp(o->tmp);
  if (fd < 0) {
    cli_err("%s: cannot create: %s", path, strerror(errno));
    cli_output_abort(o);
    return EXIT_CANTCREAT;
  }
  pending_tmp = o->tmp;
  {
    /* mkstemp makes the file 0600; the result replaces or creates an
     * ordinary file, so give it the mode an existing file had, or the usual
     * 0666 & ~umask */
    struct stat sb;
    mode_t mode;
    if (stat(path, &sb) == 0) {
      mode = sb.st_mode & 07777;
    } else {
      mode_t m = umask(0);
      umask(m);
      mode = 0666 & ~m;
    }
    if (fchmod(fd, mode) != 0) {
      cli_err("%s: cannot create: %s", path, strerror(errno));
      close(fd);
      cli_output_abort(o);
      return EXIT_CANTCREAT;
    }
  }
  o->fp = fdopen(fd, "w");
  if (!o->fp) {
    close(fd);
    cli_err("%s: cannot create: %s", path, strerror(errno));
    cli_output_abort(o);
    return EXIT_CANTCREAT;
  }
  return 0;
}

void cli_output_abort(cli_output *o)
{
  if (o->direct) {
    fclose(o->fp);
    free(o->path);
    memset(o, 0, sizeof *o);
    return;
  }
  if (o->path) {
    if (o->fp) fclose(o->fp);
    if (o->tmp) unlink(o->tmp);
    pending_tmp = NULL;
  }
  free(o->path);
  free(o->tmp);
  memset(o, 0, sizeof *o);
}

int cli_output_commit(cli_output *o)
{
  int err;
  if (o->direct) {
    const char *dev = o->path;
    err = fflush(o->fp) != 0 || ferror(o->fp);
    if (fclose(o->fp) != 0) err = 1;
    o->fp = NULL;
    if (err) cli_err("%s: write error: %s", dev ? dev : "output", strerror(errno));
    free(o->path);
    memset(o, 0, sizeof *o);
    return err ? EXIT_IOERR : 0;
  }
  if (!o->path) return cli_finish_stdout();
  err = fflush(o->fp) != 0 || ferror(o->fp) || fsync(fileno(o->fp)) != 0;
  if (err) {
    int e = errno;
    cli_err("%s: write error: %s", o->path, strerror(e));
    cli_output_abort(o);
    return EXIT_IOERR;
  }
  if (fclose(o->fp) != 0) {
    o->fp = NULL;
    cli_err("%s: write error: %s", o->path, strerror(errno));
    cli_output_abort(o);
    return EXIT_IOERR;
  }
  o->fp = NULL;
  if (rename(o->tmp, o->path) != 0) {
    cli_err("%s: cannot create: %s", o->path, strerror(errno));
    cli_output_abort(o);
    return EXIT_CANTCREAT;
  }
  pending_tmp = NULL;
  free(o->path);
  free(o->tmp);
  memset(o, 0, sizeof *o);
  return 0;
}

int cli_output_close(cli_output *o, int rc)
{
  if (rc == 0) return cli_output_commit(o);
  if (rc == -1) {
    /* an I/O error shows in the stream: the commit reports it and drops the
     * temporary file; without one the writer ran out of memory, and its
     * partial output must not be renamed into place */
    if (fflush(o->fp) != 0 || ferror(o->fp)) {
      int crc = cli_output_commit(o);
      return crc ? crc : EXIT_IOERR;
    }
    cli_err("out of memory while writing the output");
    cli_output_abort(o);
    return EXIT_OSERR;
  }
  cli_output_abort(o);
  return rc;
}

int cli_finish_stdout(void)
{
  if (fflush(stdout) != 0 || ferror(stdout)) {
    int e = errno;
    cli_err("write error on standard output: %s", e ? strerror(e) : "unknown error");
    return EXIT_IOERR;
  }
  return 0;
}
