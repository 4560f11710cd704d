/* main.c -- the powstat command: a dispatch table of subcommands. */
#include "cli.h"
#include "commands.h"

#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <string.h>

#ifndef POWSTAT_VERSION
#define POWSTAT_VERSION "unknown"
#endif

static int cmd_help(int argc, char **argv);

static const char help_help[] =
  "Usage: powstat help [COMMAND]\n"
  "\n"
  "Show the list of commands, or the full help of COMMAND (same as\n"
  "'powstat COMMAND --help').\n";

const cli_command cli_commands[] = {
  {"rates", cmd_rates, "mortality proportions with confidence intervals", help_rates},
  {"compare", cmd_compare, "two groups: differences, ratios, rate ratios and tests", help_compare},
  {"outcomes", cmd_outcomes, "what became of each group: compositions with simultaneous intervals", help_outcomes},
  {"batch", cmd_batch, "many jobs from a CSV file: streaming, sharded", help_batch},
  {"simulate", cmd_simulate, "Monte Carlo over the sources: distributions, ratios", help_simulate},
  {"sensitivity", cmd_sensitivity, "tornado, two-way grid and Sobol indices", help_sensitivity},
  {"chart", cmd_chart, "gnuplot script (and image) of a chart from powstat CSV", help_chart},
  {"paper", cmd_paper, "render the paper's figure set from the bundled datasets", help_paper},
  {"audit", cmd_audit, "recompute every stated figure: does the text add up?", help_audit},
  {"help", cmd_help, "show help for a command", help_help},
};
const size_t cli_ncommands = sizeof cli_commands / sizeof cli_commands[0];

const cli_command *cli_find(const char *name)
{
  for (size_t i = 0; i < cli_ncommands; i++)
    if (strcmp(cli_commands[i].name, name) == 0) return &cli_commands[i];
  return NULL;
}

static void main_help(FILE *fp)
{
  fputs("Usage: powstat COMMAND [OPTION]... [ARG]...\n"
        "\n"
        "Compare the mortality of prisoners of war held by each side in the Second\n"
        "World War: proportions with confidence intervals, comparisons, outcomes,\n"
        "uncertainty between sources, and charts.\n"
        "\n"
        "Commands:\n", fp);
  for (size_t i = 0; i < cli_ncommands; i++)
    fprintf(fp, "  %-12s %s\n", cli_commands[i].name, cli_commands[i].summary);
  fputs("\n"
        "Options:\n"
        "  -h, --help     show this help and exit\n"
        "  -V, --version  show the version and exit\n"
        "\n"
        "'powstat help COMMAND' or 'powstat COMMAND --help' shows a command's options.\n"
        "Exit status: 0 success, 64 usage error, 65 bad input data, 66 missing input,\n"
        "69 missing program (gnuplot), 70 internal error, 73 cannot create output,\n"
        "74 read/write error.\n", fp);
}

static int cmd_help(int argc, char **argv)
{
  if (argc < 2) {
    main_help(stdout);
    return cli_finish_stdout();
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    fputs(help_help, stdout);
    return cli_finish_stdout();
  }
  if (argc > 2) return cli_usage("help", "expected one command name, got %d", argc - 1);
  if (cli_help(argv[1]) != 0) return EXIT_USAGE;
  return cli_finish_stdout();
}

int main(int argc, char **argv)
{
  const cli_command *c;
  /* GSL's default handler aborts the process; statuses are checked instead. */
  gsl_set_error_handler_off();
  if (argc < 2) {
    main_help(stderr);
    return EXIT_USAGE;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
    main_help(stdout);
    return cli_finish_stdout();
  }
  if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
    printf("powstat %s\n", POWSTAT_VERSION);
    return cli_finish_stdout();
  }
  c = cli_find(argv[1]);
  if (!c) {
    fprintf(stderr, "powstat: unknown command '%s'\nTry 'powstat --help' for the list of commands.\n",
            argv[1]);
    return EXIT_USAGE;
  }
  return c->run(argc - 1, argv + 1);
}
