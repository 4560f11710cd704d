/* commands.h -- entry points and help texts of the subcommands, one
 * cmd_<name>.c each, listed in the dispatch table of main.c. */
#ifndef POWSTAT_TOOLS_COMMANDS_H
#define POWSTAT_TOOLS_COMMANDS_H

int cmd_rates(int argc, char **argv);
extern const char help_rates[];

int cmd_compare(int argc, char **argv);
extern const char help_compare[];

int cmd_outcomes(int argc, char **argv);
extern const char help_outcomes[];

/* The machine-readable columns of `powstat rates` (cmd_rates.c, without the
 * --method all extras), shared with `powstat batch`, whose rate rows have
 * exactly these columns first. */
#include "out.h"
extern const out_col rates_machine_cols[];
extern const size_t rates_n_machine;

int cmd_batch(int argc, char **argv);
extern const char help_batch[];

/* powstat simulate / sensitivity (cmd_simulate.c, cmd_sensitivity.c).  The
 * helpers are defined in cmd_simulate.c and shared by both commands. */
#include "powstat/mc.h"
int cmd_simulate(int argc, char **argv);
extern const char help_simulate[];
int cmd_sensitivity(int argc, char **argv);
extern const char help_sensitivity[];
/* Load the estimates file (bundled one when NULL), derive one source mixture
 * per group and merge the inputs of the spec file (if any) over them.
 * Returns 0 or an exit code, with the message printed. */
int sim_load_inputs(const char *cmd, const char *estimates, const char *spec,
                    pst_mc_within within, int sampling, pst_estimates *est, pst_mc_inputs *in);
/* The second half of sim_load_inputs, for a caller (powstat batch) that has
 * loaded est itself: one source mixture per group of est, then the spec file
 * (if not NULL) merged over them.  0 or an exit code, message printed. */
int sim_derive_inputs(const char *spec, pst_mc_within within, int sampling,
                      const pst_estimates *est, pst_mc_inputs *in);
/* What kind of uncertainty an input's spread is (bits: 1 between-source,
 * 2 sampling, 4 as specified; OR them over the inputs of an output), and the
 * text of the `interval` column for such bits. */
unsigned sim_kind_bits(const pst_mc_input *in);
const char *sim_kind_text(unsigned bits);
/* The `generator` column of simulate's output. */
extern const char sim_generator[];
/* Whole number >= min for option opt; 0 or 64 with the message printed. */
int sim_parse_u64(const char *cmd, const char *opt, const char *s, uint64_t min, uint64_t *v);
/* Online cores (1..256). */
unsigned sim_default_threads(void);

/* powstat chart / paper (cmd_chart.c, cmd_paper.c; rendering in render.c) */
int cmd_chart(int argc, char **argv);
extern const char help_chart[];
int cmd_paper(int argc, char **argv);
extern const char help_paper[];

/* powstat audit (cmd_audit.c) */
int cmd_audit(int argc, char **argv);
extern const char help_audit[];

#endif
