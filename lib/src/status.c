/* status.c -- status texts and diagnostic filling. */
#include "powstat/status.h"

#include <stdarg.h>
#include <stdio.h>

const char *pst_strerror(int status)
{
  switch (status) {
  case PST_OK: return "success";
  case PST_EINVAL: return "invalid argument";
  case PST_EDATA: return "bad input data";
  case PST_ENOMEM: return "out of memory";
  case PST_EIO: return "input/output error";
  case PST_ENOCONV: return "iteration did not converge";
  case PST_EUNDEF: return "undefined for these data";
  case PST_ELIMIT: return "size limit exceeded";
  case PST_ENOTFOUND: return "not found";
  default: return "unknown status";
  }
}

int pst_diag_set(pst_diag *d, int status, long line, long col, const char *fmt, ...)
{
  if (d) {
    va_list ap;
    d->line = line;
    d->col = col;
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
  }
  return status;
}
