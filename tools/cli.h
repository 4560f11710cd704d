/* cli.h -- what every powstat subcommand shares: exit codes, diagnostics,
 * option parsing helpers, output formats and safe output files. */
#ifndef POWSTAT_TOOLS_CLI_H
#define POWSTAT_TOOLS_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "powstat/status.h"

#include <math.h>

/* NAN as a double (NAN itself is a float constant: -Wdouble-promotion) */
#define CLI_NAN ((double)NAN)

/* sysexits.h values, spelled out so the codes are visible in one place */
enum {
  EXIT_USAGE = 64,    /* EX_USAGE: bad command line */
  EXIT_DATA = 65,     /* EX_DATAERR: bad input data */
  EXIT_NOINPUT = 66,  /* EX_NOINPUT: input file missing or unreadable */
  EXIT_UNAVAIL = 69,  /* EX_UNAVAILABLE: a needed program (gnuplot) is missing */
  EXIT_SOFTWARE = 70, /* EX_SOFTWARE: internal error */
  EXIT_OSERR = 71,    /* EX_OSERR: out of memory and similar */
  EXIT_CANTCREAT = 73,/* EX_CANTCREAT: cannot create an output file */
  EXIT_IOERR = 74     /* EX_IOERR: read or write error */
};

typedef struct {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
  const char *help; /* full --help text (usage line first) */
} cli_command;

extern const cli_command cli_commands[];
extern const size_t cli_ncommands;
const cli_command *cli_find(const char *name);

/* Print "powstat: msg" to stderr. */
void cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Usage error: "powstat CMD: msg" + "Try 'powstat CMD --help'."; returns 64. */
int cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print a diagnostic as "powstat: FILE:LINE:COL: msg"; returns the exit code
 * for status (65 data, 66 missing input, 74 I/O, 71 memory, 70 other). */
int cli_diag(int status, const pst_diag *d);
int cli_exit_code(int status);

/* Print --help text of a command to stdout; returns 0. */
int cli_help(const char *cmd);

/* Output formats */
typedef enum { FMT_TABLE, FMT_CSV, FMT_TSV, FMT_JSON, FMT_MARKDOWN } cli_format;
/* Parse a format name among `allowed` (bitmask of 1<<FMT_x); 0 or -1. */
int cli_parse_format(const char *s, unsigned allowed, cli_format *out);
/* table on a terminal, csv otherwise */
cli_format cli_default_format(void);

/* Options */
int cli_parse_level(const char *cmd, const char *s, double *level);   /* 0 or 64 */
int cli_parse_positive(const char *cmd, const char *opt, const char *s, double *v);
/* "K/N" with digits only -> 1 and the counts; anything else -> 0 */
int cli_is_counts(const char *s);
int cli_parse_counts(const char *cmd, const char *s, uint64_t *k, uint64_t *n); /* 0 or 64/65 */

/* Filters such as --holder USSR,Germany: 1 if list is NULL (no filter) or
 * v is one of its comma-separated items, exactly; 0 otherwise (and for a
 * NULL v under a filter). */
int cli_in_list(const char *list, const char *v);

/* Where the bundled datasets are: $POWSTAT_DATADIR, else
 * <dir of the executable>/../share/powstat/datasets when it exists (an
 * installed or a build tree), else the configured <prefix>/share/powstat/datasets. */
const char *cli_datadir(void);
/* datadir + "/" + name in a static buffer (one at a time). */
const char *cli_datafile(const char *name);

/* Open an input file for reading ("-" = stdin); prints and returns NULL on
 * failure with *code = 66. */
FILE *cli_open_input(const char *path, int *code);

/* Output: stdout, or a file written to a temporary name beside it and renamed
 * into place by cli_output_commit, so a failure never leaves a partial file
 * nor clobbers an existing one.  SIGINT/SIGTERM remove the temporary file. */
typedef struct {
  FILE *fp;
  char *path;   /* final path, NULL for stdout */
  char *tmp;    /* temporary path */
  int direct;   /* 1: a device or FIFO, written in place */
} cli_output;
int cli_output_open(cli_output *o, const char *path);   /* 0 or 73 (message printed) */
int cli_output_commit(cli_output *o);                    /* 0 or 74/73 (message printed) */
void cli_output_abort(cli_output *o);                    /* drop the temporary file */
/* End an output after writing it: rc 0 commits (0 or 74/73); rc -1 means the
 * writer failed: a write error is reported by the commit's own check (74),
 * anything else (memory) drops the file (71); any other rc drops the file
 * and is returned.  Every command ends its output through this. */
int cli_output_close(cli_output *o, int rc);

/* Flush stdout and report write errors (e.g. > /dev/full): 0 or 74. */
int cli_finish_stdout(void);

#endif
