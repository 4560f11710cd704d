/* estimates_io.c -- estimates + sources loading with the tool's diagnostics. */
#define _POSIX_C_SOURCE 200809L
#include "estimates_io.h"
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* sources.csv in the directory of path, or NULL if there is none. */
static char *sibling_sources(const char *path)
{
  const char *slash = strrchr(path, '/');
  size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
  char *s = malloc(dir + sizeof "sources.csv");
  if (!s) return NULL;
  memcpy(s, path, dir);
  memcpy(s + dir, "sources.csv", sizeof "sources.csv");
  if (access(s, R_OK) != 0) {
    free(s);
    return NULL;
  }
  return s;
}

int estimates_load_checked(const char *path, const char *sources_path, pst_estimates *est)
{
  pst_diag d = {0};
  int code = 0, st;
  size_t first = est->n;
  FILE *fp = cli_open_input(path, &code);
  char *src_path = NULL;
  const char *use;
  if (!fp) return code;
  st = pst_estimates_load(fp, strcmp(path, "-") == 0 ? "(stdin)" : path, est, &d);
  if (fp != stdin) fclose(fp);
  if (st != PST_OK) return cli_diag(st, &d);
  if (est->n == first) {
    /* a header and nothing else is more likely a lost export than an empty
     * table worth printing (the library accepts it: an empty set) */
    cli_err("%s:2:1: no data rows after the header", strcmp(path, "-") == 0 ? "(stdin)" : path);
    return EXIT_DATA;
  }

  /* Check source ids if any row names one. */
  {
    int any = 0;
    for (size_t i = first; i < est->n; i++)
      if (est->v[i].source) any = 1;
    if (!any) return 0;
  }
  use = sources_path;
  if (!use && strcmp(path, "-") != 0) use = src_path = sibling_sources(path);
  if (use) {
    pst_sources src;
    pst_estimates part = {est->v + first, est->n - first};
    fp = cli_open_input(use, &code);
    if (!fp) { free(src_path); return code; }
    st = pst_sources_load(fp, use, &src, &d);
    fclose(fp);
    if (st != PST_OK) { code = cli_diag(st, &d); free(src_path); return code; }
    st = pst_estimates_check_sources(&part, &src, &d);
    if (st != PST_OK) code = cli_diag(st, &d);
    pst_sources_free(&src);
  }
  free(src_path);
  return code;
}
