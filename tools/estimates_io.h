/* estimates_io.h -- load an estimates file the way every command does: open
 * (66 if missing), parse (65 with FILE:LINE:COL), and check its source ids
 * against --sources FILE or the sources.csv beside it. */
#ifndef POWSTAT_TOOLS_ESTIMATES_IO_H
#define POWSTAT_TOOLS_ESTIMATES_IO_H

#include "powstat/dataset.h"

/* path must outlive est (rows keep the pointer as their file name).
 * Returns 0 or an exit code, with the message printed. */
int estimates_load_checked(const char *path, const char *sources_path, pst_estimates *est);

#endif
