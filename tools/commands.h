/* commands.h -- entry points and help texts of the subcommands, one
 * cmd_<name>.c each, listed in the dispatch table of main.c. */
#ifndef POWSTAT_TOOLS_COMMANDS_H
#define POWSTAT_TOOLS_COMMANDS_H

int cmd_rates(int argc, char **argv);
extern const char help_rates[];

#endif
