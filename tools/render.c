/* render.c -- run gnuplot on a chart script without a shell, and write the
 * image atomically.
 *
 * Why fork + exec rather than popen(3): popen hands its command line to
 * /bin/sh, so an output name would have to be shell-quoted; here no file
 * name ever reaches a shell or gnuplot.  The image goes to gnuplot's
 * standard output, a temporary file we opened ourselves; only the LaTeX
 * terminal needs `set output`, and it gets a checked plain name inside a
 * private temporary directory.  `-d /dev/stdin` makes gnuplot read the
 * script as a file, so it stops at the first error (plain stdin would go on,
 * TECH-NOTES), and skips ~/.gnuplot so output does not depend on the user. */
#define _POSIX_C_SOURCE 200809L
#include "render.h"

#include "cli.h"
#include "powstat/num.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const fmt_names[RENDER_NFMT] = {"png", "svg", "pdf", "tex", "dumb"};

const char *render_fmt_name(render_fmt f) { return fmt_names[f]; }

int render_parse_formats(const char *cmd, const char *list, unsigned *mask)
{
  const char *p = list;
  *mask = 0;
  while (*p) {
    const char *c = strchr(p, ',');
    size_t len = c ? (size_t)(c - p) : strlen(p);
    int found = 0;
    for (int f = 0; f < RENDER_NFMT; f++)
      if (strlen(fmt_names[f]) == len && strncmp(p, fmt_names[f], len) == 0) {
        *mask |= 1u << f;
        found = 1;
      }
    if (!found)
      return cli_usage(cmd, "--render '%s': expected png, svg, pdf, tex or dumb (comma-separated)", list);
    if (!c) break;
    p = c + 1;
  }
  if (*mask == 0) return cli_usage(cmd, "--render needs at least one format");
  return 0;
}

char *render_target(const char *gp_path, render_fmt f)
{
  size_t n = strlen(gp_path);
  char *t = malloc(n + 8);
  if (!t) return NULL;
  memcpy(t, gp_path, n + 1);
  if (n > 3 && strcmp(gp_path + n - 3, ".gp") == 0) t[n - 3] = '\0';
  strcat(t, ".");
  strcat(t, fmt_names[f]);
  return t;
}

int render_parse_size(const char *cmd, const char *s, double *w, double *h)
{
  const char *x = strchr(s, 'x');
  const char *why = "expected WIDTHxHEIGHT in inches, e.g. 8x5";
  if (!x || pst_parse_real(s, (size_t)(x - s), w, &why, NULL) != PST_OK ||
      pst_parse_real(x + 1, strlen(x + 1), h, &why, NULL) != PST_OK)
    return cli_usage(cmd, "--size '%s': %s", s, why);
  if (!(*w >= 1 && *w <= 100 && *h >= 1 && *h <= 100))
    return cli_usage(cmd, "--size '%s': width and height must be between 1 and 100 inches", s);
  return 0;
}

void render_apply_look(pst_plot *p, const render_look *look)
{
  if (look->width > 0) p->width = look->width;
  if (look->height > 0) p->height = look->height;
  if (look->dpi > 0) p->dpi = look->dpi;
  if (look->font) p->font = look->font;
  if (look->font_size > 0) p->font_size = look->font_size;
}

int render_make_script(const pst_plot *p, char **buf, size_t *len)
{
  pst_diag d = {0};
  FILE *fp = open_memstream(buf, len);
  int st;
  if (!fp) {
    cli_err("out of memory");
    return EXIT_OSERR;
  }
  st = pst_plot_write(fp, p, &d);
  if (fclose(fp) != 0 && st == PST_OK) st = PST_ENOMEM;
  if (st != PST_OK) {
    free(*buf);
    *buf = NULL;
    if (st == PST_ENOMEM) { cli_err("out of memory"); return EXIT_OSERR; }
    cli_err("chart: %s", d.msg[0] ? d.msg : pst_strerror(st));
    return st == PST_EINVAL ? EXIT_DATA : EXIT_SOFTWARE;
  }
  return 0;
}

/* ---- finding gnuplot ---- */

static const char *gnuplot_prog(void)
{
  const char *e = getenv("POWSTAT_GNUPLOT");
  return (e && *e) ? e : "gnuplot";
}

/* Is prog executable, directly or on $PATH? */
static int have_program(const char *prog)
{
  const char *path = getenv("PATH");
  char buf[4096];
  if (strchr(prog, '/')) return access(prog, X_OK) == 0;
  if (!path) path = "/usr/bin:/bin";
  while (*path) {
    const char *c = strchr(path, ':');
    size_t len = c ? (size_t)(c - path) : strlen(path);
    if (len == 0) snprintf(buf, sizeof buf, "./%s", prog);
    else snprintf(buf, sizeof buf, "%.*s/%s", (int)len, path, prog);
    if (access(buf, X_OK) == 0) return 1;
    if (!c) break;
    path = c + 1;
  }
  return 0;
}

/* ---- temporary files removed on a signal ---- */

static char *volatile sig_tmp;      /* temporary output file */
static char *volatile sig_tmpdir;   /* LaTeX: temporary directory ... */
static char *volatile sig_tmpdir_f1, *volatile sig_tmpdir_f2; /* ... and its files */

static void on_signal(int sig)
{
  char *t = sig_tmp;
  if (t) unlink(t);
  if ((t = sig_tmpdir_f1)) unlink(t);
  if ((t = sig_tmpdir_f2)) unlink(t);
  if ((t = sig_tmpdir)) rmdir(t);
  signal(sig, SIG_DFL);
  raise(sig);
}

typedef struct {
  struct sigaction old_int, old_term, old_hup, old_pipe;
} saved_signals;

static void guard_signals(saved_signals *s)
{
  struct sigaction sa, ign;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &s->old_int);
  sigaction(SIGTERM, &sa, &s->old_term);
  sigaction(SIGHUP, &sa, &s->old_hup);
  /* gnuplot may exit before reading the whole script: get EPIPE, not death */
  memset(&ign, 0, sizeof ign);
  ign.sa_handler = SIG_IGN;
  sigemptyset(&ign.sa_mask);
  sigaction(SIGPIPE, &ign, &s->old_pipe);
}

static void restore_signals(const saved_signals *s)
{
  sigaction(SIGINT, &s->old_int, NULL);
  sigaction(SIGTERM, &s->old_term, NULL);
  sigaction(SIGHUP, &s->old_hup, NULL);
  sigaction(SIGPIPE, &s->old_pipe, NULL);
}

static int write_all(int fd, const char *p, size_t n)
{
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

/* Print gnuplot's messages (at most a few KB), indented under our own. */
static void show_stderr(int fd)
{
  char buf[4096];
  ssize_t n;
  int bol = 1;
  if (lseek(fd, 0, SEEK_SET) < 0) return;
  n = read(fd, buf, sizeof buf - 1);
  if (n <= 0) return;
  buf[n] = '\0';
  for (ssize_t i = 0; i < n; i++) {
    if (bol) fputs("  gnuplot: ", stderr);
    bol = buf[i] == '\n';
    fputc(buf[i], stderr);
  }
  if (!bol) fputc('\n', stderr);
}

/* mkstemp creates 0600 files; a published image gets the usual 0666 & ~umask */
static mode_t current_umask(void)
{
  mode_t m = umask(0);
  umask(m);
  return m;
}

/* A name LaTeX and gnuplot take as it is: letters, digits, . _ - */
static int plain_name(const char *s)
{
  if (!*s || *s == '.' || *s == '-') return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
          *s == '.' || *s == '_' || *s == '-'))
      return 0;
  return 1;
}

static char *dir_of(const char *path)
{
  const char *s = strrchr(path, '/');
  char *d;
  if (!s) return strdup(".");
  if (s == path) return strdup("/");
  d = malloc((size_t)(s - path) + 1);
  if (d) {
    memcpy(d, path, (size_t)(s - path));
    d[s - path] = '\0';
  }
  return d;
}

static const char *base_of(const char *path)
{
  const char *s = strrchr(path, '/');
  return s ? s + 1 : path;
}

/* Run gnuplot with stdout -> outfd, stderr -> errfd, cwd (may be NULL),
 * feeding prelude + script.  Returns the wait status, or -1 (errno). */
static int run_gnuplot(const char *prelude, const char *script, size_t len, int outfd, int errfd,
                       const char *cwd)
{
  int pfd[2], status = 0, werr = 0;
  pid_t pid;
  const char *prog = gnuplot_prog();
  if (pipe(pfd) != 0) return -1;
  fflush(NULL);
  pid = fork();
  if (pid < 0) {
    close(pfd[0]);
    close(pfd[1]);
    return -1;
  }
  if (pid == 0) {
    static char a0[] = "gnuplot", a1[] = "-d", a2[] = "/dev/stdin";
    char *const argv[] = {a0, a1, a2, NULL};
    signal(SIGPIPE, SIG_DFL);
    if (dup2(pfd[0], 0) < 0 || dup2(outfd, 1) < 0 || dup2(errfd, 2) < 0) _exit(126);
    close(pfd[0]);
    close(pfd[1]);
    if (outfd > 2) close(outfd);
    if (errfd > 2) close(errfd);
    if (cwd && chdir(cwd) != 0) _exit(126);
    execvp(prog, argv);
    _exit(127);
  }
  close(pfd[0]);
  if (write_all(pfd[1], prelude, strlen(prelude)) != 0 || write_all(pfd[1], script, len) != 0)
    werr = errno;
  close(pfd[1]);
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) return -1;
  (void)werr; /* EPIPE: gnuplot stopped early; its status and messages tell why */
  return status;
}

int render_script(const char *script, size_t len, render_fmt f, const char *target)
{
  static const char *const term_of[RENDER_NFMT] = {"png", "svg", "pdf", "tex", "dumb"};
  char prelude[512];
  char *tmp = NULL, *dir = NULL, *tmpdir = NULL, *t_tex = NULL, *t_pdf = NULL, *f_pdf = NULL;
  const char *shown = f == RENDER_DUMB ? "the preview" : target;
  FILE *errf = NULL, *outf = NULL;
  int outfd = -1, status, rc = 0;
  saved_signals ss;

  if (!have_program(gnuplot_prog())) {
    cli_err("cannot render %s: gnuplot not found (install it: apt-get install gnuplot-nox)", shown);
    return EXIT_UNAVAIL;
  }
  snprintf(prelude, sizeof prelude, "powstat_term = '%s'\n", term_of[f]);
  errf = tmpfile();
  if (!errf) {
    cli_err("cannot render %s: temporary file: %s", shown, strerror(errno));
    return EXIT_CANTCREAT;
  }
  guard_signals(&ss);
  if (f == RENDER_DUMB) {
    outf = tmpfile();
    if (!outf) { cli_err("cannot render the preview: %s", strerror(errno)); rc = EXIT_CANTCREAT; goto out; }
    outfd = fileno(outf);
  } else if (f == RENDER_TEX) {
    const char *base = base_of(target);
    size_t bl = strlen(base);
    if (!plain_name(base) || bl < 5 || strcmp(base + bl - 4, ".tex") != 0) {
      cli_err("cannot render %s: for LaTeX the file name may hold only letters, digits, '.', '_' "
              "and '-' (LaTeX's \\includegraphics needs a plain name)", target);
      rc = EXIT_CANTCREAT;
      goto out;
    }
    dir = dir_of(target);
    if (!dir || !(tmpdir = malloc(strlen(dir) + 32))) { cli_err("out of memory"); rc = EXIT_OSERR; goto out; }
    snprintf(tmpdir, strlen(dir) + 32, "%s/.powstat-tex.XXXXXX", dir);
    if (!mkdtemp(tmpdir)) {
      cli_err("%s: cannot create: %s", target, strerror(errno));
      free(tmpdir);
      tmpdir = NULL;
      rc = EXIT_CANTCREAT;
      goto out;
    }
    t_tex = malloc(strlen(tmpdir) + bl + 8);
    t_pdf = malloc(strlen(tmpdir) + bl + 8);
    f_pdf = malloc(strlen(target) + 1);
    if (!t_tex || !t_pdf || !f_pdf) { cli_err("out of memory"); rc = EXIT_OSERR; goto out; }
    sprintf(t_tex, "%s/%s", tmpdir, base);
    sprintf(t_pdf, "%s/%.*s.pdf", tmpdir, (int)(bl - 4), base);
    sprintf(f_pdf, "%.*s.pdf", (int)(strlen(target) - 4), target);
    sig_tmpdir_f1 = t_tex;
    sig_tmpdir_f2 = t_pdf;
    sig_tmpdir = tmpdir;
    /* the base name was checked above: plain characters only */
    snprintf(prelude, sizeof prelude, "powstat_term = 'tex'\npowstat_output = '%s'\n", base);
    outfd = open("/dev/null", O_WRONLY);
  } else {
    size_t n = strlen(target);
    tmp = malloc(n + 16);
    if (!tmp) { cli_err("out of memory"); rc = EXIT_OSERR; goto out; }
    snprintf(tmp, n + 16, "%s.tmp.XXXXXX", target);
    outfd = mkstemp(tmp);
    if (outfd < 0) {
      cli_err("%s: cannot create: %s", target, strerror(errno));
      free(tmp);
      tmp = NULL;
      rc = EXIT_CANTCREAT;
      goto out;
    }
    sig_tmp = tmp;
  }
  if (outfd < 0) { cli_err("cannot render %s: %s", shown, strerror(errno)); rc = EXIT_CANTCREAT; goto out; }

  status = run_gnuplot(prelude, script, len, outfd, fileno(errf), tmpdir);
  if (status < 0) {
    cli_err("cannot run gnuplot: %s", strerror(errno));
    rc = EXIT_SOFTWARE;
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
    cli_err("cannot render %s: gnuplot not found (install it: apt-get install gnuplot-nox)", shown);
    rc = EXIT_UNAVAIL;
  } else if (WIFEXITED(status) && WEXITSTATUS(status) == PST_PLOT_EXIT_NOTERM) {
    cli_err("cannot render %s: this gnuplot lacks the terminal (install gnuplot-nox, which has "
            "pngcairo, pdfcairo, svg, cairolatex and dumb)", shown);
    show_stderr(fileno(errf));
    rc = EXIT_UNAVAIL;
  } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    if (WIFSIGNALED(status))
      cli_err("gnuplot was killed by signal %d while rendering %s", WTERMSIG(status), shown);
    else
      cli_err("gnuplot failed (exit %d) rendering %s:", WEXITSTATUS(status), shown);
    show_stderr(fileno(errf));
    rc = EXIT_SOFTWARE;
  }
  if (rc) goto out;

  if (f == RENDER_DUMB) {
    char buf[8192];
    ssize_t n;
    if (lseek(outfd, 0, SEEK_SET) < 0) { rc = EXIT_IOERR; goto out; }
    while ((n = read(outfd, buf, sizeof buf)) > 0) fwrite(buf, 1, (size_t)n, stdout);
    rc = cli_finish_stdout();
  } else if (f == RENDER_TEX) {
    struct stat st;
    if (stat(t_tex, &st) != 0 || st.st_size == 0 || stat(t_pdf, &st) != 0) {
      cli_err("gnuplot wrote no output for %s", target);
      show_stderr(fileno(errf));
      rc = EXIT_SOFTWARE;
    } else if (chmod(t_pdf, 0666 & ~current_umask()) != 0 || chmod(t_tex, 0666 & ~current_umask()) != 0 ||
               rename(t_pdf, f_pdf) != 0 || rename(t_tex, target) != 0) {
      cli_err("%s: cannot create: %s", target, strerror(errno));
      rc = EXIT_CANTCREAT;
    }
  } else {
    struct stat st;
    if (fstat(outfd, &st) != 0 || st.st_size == 0) {
      /* a failed plot leaves a 0-byte file (TECH-NOTES): never publish it */
      cli_err("gnuplot wrote no output for %s", target);
      show_stderr(fileno(errf));
      rc = EXIT_SOFTWARE;
    } else if (fchmod(outfd, 0666 & ~current_umask()) != 0 || fsync(outfd) != 0) {
      cli_err("%s: write error: %s", target, strerror(errno));
      rc = EXIT_IOERR;
    } else if (rename(tmp, target) != 0) {
      cli_err("%s: cannot create: %s", target, strerror(errno));
      rc = EXIT_CANTCREAT;
    } else {
      sig_tmp = NULL;
      free(tmp);
      tmp = NULL;
    }
  }
out:
  if (tmp) unlink(tmp);
  if (tmpdir) {
    if (t_tex) unlink(t_tex);
    if (t_pdf) unlink(t_pdf);
    rmdir(tmpdir);
  }
  sig_tmp = NULL;
  sig_tmpdir = sig_tmpdir_f1 = sig_tmpdir_f2 = NULL;
  restore_signals(&ss);
  if (outf) fclose(outf);
  else if (outfd >= 0) close(outfd);
  fclose(errf);
  free(tmp);
  free(dir);
  free(tmpdir);
  free(t_tex);
  free(t_pdf);
  free(f_pdf);
  return rc;
}

int render_write_all(const char *script, size_t len, const char *gp_path, unsigned mask)
{
  cli_output out;
  int rc;
  if ((rc = cli_output_open(&out, gp_path))) return rc;
  if (fwrite(script, 1, len, out.fp) != len) {
    cli_err("%s: write error: %s", gp_path, strerror(errno));
    cli_output_abort(&out);
    return EXIT_IOERR;
  }
  /* cli_output's mkstemp made it 0600: the script is for sharing */
  if (fchmod(fileno(out.fp), 0666 & ~current_umask()) != 0) {
    cli_err("%s: %s", gp_path, strerror(errno));
    cli_output_abort(&out);
    return EXIT_CANTCREAT;
  }
  if ((rc = cli_output_commit(&out))) return rc;
  for (int f = 0; f < RENDER_NFMT; f++) {
    char *target;
    if (!(mask & (1u << f))) continue;
    target = render_target(gp_path, (render_fmt)f);
    if (!target) { cli_err("out of memory"); return EXIT_OSERR; }
    rc = render_script(script, len, (render_fmt)f, target);
    free(target);
    if (rc) return rc;
  }
  return 0;
}
