/* fuzz_cli.c -- the readers that live in the tool (tools/cmd_batch.c job
 * files, tools/cmd_chart.c chart input), fuzzed through the command itself:
 * the bytes are written to a file and `powstat batch FILE` or `powstat chart
 * KIND FILE` runs in-process (main.c is compiled as powstat_main).
 * FUZZ_CLI_BATCH or FUZZ_CLI_CHART selects the command at compile time; for
 * the chart the first byte picks the kind.  stdout goes to /dev/null and so
 * does the tool's stderr FILE (its messages are the expected outcome), while
 * the sanitizers still report on file descriptor 2. */
#include "fuzz_common.h"

#include <getopt.h>
#include <unistd.h>

int powstat_main(int argc, char **argv);

static char path[64];
static FILE *devnull;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  snprintf(path, sizeof path, "/tmp/powstat-fuzz-%ld.csv", (long)getpid());
  if (!freopen("/dev/null", "w", stdout)) abort();
  devnull = fopen("/dev/null", "w");
  if (!devnull) abort();
  setenv("POWSTAT_DATADIR", POWSTAT_FUZZ_DATADIR, 1);
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  FILE *fp = fopen(path, "wb");
  FILE *saved = stderr;
  int rc;
  if (!fp) return 0;
#if defined(FUZZ_CLI_CHART)
  static const char *const kinds[] = {"forest", "bars", "stacked", "ratio",
                                      "histogram", "tornado", "heatmap", "audit"};
  const char *kind = kinds[size ? data[0] % 8 : 0];
  if (size) { data++; size--; }
  char *argv[] = {"powstat", "chart", (char *)kind, path, NULL};
#else
  char *argv[] = {"powstat", "batch", "-q", path, NULL};
#endif
  if (size && fwrite(data, 1, size, fp) != size) { fclose(fp); return 0; }
  fclose(fp);
  optind = 0; /* glibc: full getopt reinitialisation for the next command */
  stderr = devnull;
  rc = powstat_main((int)(sizeof argv / sizeof *argv) - 1, argv);
  stderr = saved;
  /* a crash is a finding; so is an exit code outside the documented set */
  if (!(rc == 0 || rc == 1 || rc == 64 || rc == 65 || rc == 66 || rc == 69 || rc == 73 ||
        rc == 74))
    abort();
  clearerr(stdout);
  return 0;
}
