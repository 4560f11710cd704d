/* batch_job.h -- what the job runners of `powstat batch` share (private to
 * cmd_batch.c, batch_sim.c and batch_outcomes.c): the job columns, the
 * options, the run context, and the cell helpers that give every bad job its
 * FILE:LINE:COL in the whole job file (also from a shard).
 *
 * Output layout (a function of the job file's header only, so that every
 * shard writes the same columns): the rate columns (rates_machine_cols);
 * then `kind` if the header can hold any job but a rate; then the compare,
 * simulate and outcomes blocks, each only when the header has its columns;
 * then status,error.  off_* are the first column of each block (0 = absent). */
#ifndef POWSTAT_TOOLS_BATCH_JOB_H
#define POWSTAT_TOOLS_BATCH_JOB_H

#include "batch_out.h"

#include "powstat/csvread.h"
#include "powstat/dataset.h"
#include "powstat/mc.h"
#include "powstat/multinom.h"
#include "powstat/num.h"
#include "powstat/outcomes.h"
#include "powstat/prop.h"
#include "powstat/schema.h"

#include <stdint.h>

enum {
  J_ID, J_KIND, J_DEATHS, J_CAPTURED, J_ESTIMATE, J_DEATHS2, J_CAPTURED2, J_ESTIMATE2,
  J_MEASURE, J_METHOD, J_LEVEL, J_SIDES,
  J_GROUP, J_COMPARE, J_DRAWS, J_SEED, J_THRESHOLD, /* simulate */
  J_COUNTS, J_LABELS, J_COHORT,                     /* outcomes */
  J_NCOLS
};
extern const pst_colspec batch_job_spec[J_NCOLS];

/* Block widths: the rate columns after `sides`, and the per-kind blocks. */
enum { N_RATE_TAIL = 10, N_CMP = 6, N_SIM = 16, N_OUT = 6 };
extern const out_col batch_cmp_cols[N_CMP], batch_sim_cols[N_SIM], batch_out_cols[N_OUT];

#define BATCH_THRESHOLDS_MAX 16

typedef struct {
  const char *jobs, *output, *estimates, *sources, *spec, *outcomes;
  bout_fmt fmt;
  int keep_going, quiet, sampling;
  long shard_k, shard_n;
  pst_prop_method method;
  double level;
  pst_sides sides;
  uint64_t seed, draws;
  unsigned threads;
  pst_mc_within within;
} batch_opts;

typedef struct {
  const batch_opts *o;
  pst_csv *r;
  long line_base; /* add to the reader's line numbers (shards) */
  int idx[J_NCOLS];
  size_t header_n; /* fields in the header: every job row must have as many */
  int has_cmp, has_sim, has_out;
  size_t off_kind, off_cmp, off_sim, off_out, off_tail; /* output column offsets */
  size_t col_group;    /* the `group` column among the rate columns */
  pst_estimates est;
  pst_mc_inputs inputs; /* simulate: one source mixture per group (+ --spec) */
  pst_outcomes oc;      /* outcomes: the cohorts of --outcomes */
  bout *w;
  /* the last level and method texts seen, parsed once: a million rows
   * usually repeat one or two */
  char level_txt[40];
  double level_val;
  char level_fmt[PST_FMT_BUFSZ];
  char method_txt[40];
  pst_prop_method method_val;
  long long rows, failed;
  /* outcomes job scratch (fixed size: memory stays constant) */
  uint64_t oc_counts[PST_MN_KMAX];
  pst_interval oc_ci[PST_MN_KMAX];
  const char *oc_labels[PST_MN_KMAX];
  size_t oc_lablen[PST_MN_KMAX];
} batch_ctx;

/* Fill d for cell idx of the current record (or its end if the column is
 * absent), in line numbers of the whole file; returns PST_EDATA. */
int bjob_err(batch_ctx *c, size_t nf, int idx, pst_diag *d, const char *fmt, ...)
  __attribute__((format(printf, 5, 6)));
/* The text of cell idx, NULL when missing or empty. */
const char *bjob_cell(const pst_field *f, size_t nf, int idx);
/* The job's level (cell or --level): the value and its formatted text. */
int bjob_level(batch_ctx *c, const pst_field *f, size_t nf, double *level, const char **txt,
               pst_diag *d);
/* PST_OK unless the job's sides cell says anything but two. */
int bjob_two_sided(batch_ctx *c, const pst_field *f, size_t nf, const char *what, pst_diag *d);
/* Missing cells up to output column col (no-op if already there). */
void bjob_pad(batch_ctx *c, size_t col);
/* Pad to status, write status and error, end the row. */
void bjob_tail(batch_ctx *c, const char *status, const char *error);

/* A seed 0 <= S < 2^64 in decimal digits: 0, or -1 if s is not one. */
int batch_parse_seed(const char *s, uint64_t *v);

/* The seed of a simulate job without a seed cell:
 * splitmix64(base XOR FNV-1a-64(id)) (see batch --help). */
uint64_t batch_job_seed(uint64_t base, const char *id);

/* Job runners: validate the whole job first, then write its rows (so a bad
 * job writes nothing but its error row).  PST_OK, or a status with d filled. */
int batch_run_simulate(batch_ctx *c, const pst_field *f, size_t nf, const char *id, pst_diag *d);
int batch_run_outcomes(batch_ctx *c, const pst_field *f, size_t nf, const char *id, pst_diag *d);

#endif
