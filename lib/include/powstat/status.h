/* powstat/status.h -- status codes and diagnostics shared by every module.
 *
 * Conventions (modelled on GSL): every fallible library call returns an int
 * status, PST_OK (0) on success.  The library never prints, exits or aborts
 * on user input; parsers additionally fill a pst_diag with the position of
 * the offending input so that the tool can print FILE:LINE:COL: message.
 */
#ifndef POWSTAT_STATUS_H
#define POWSTAT_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

enum {
  PST_OK = 0,       /* success */
  PST_EINVAL = 1,   /* invalid argument (caller error: level outside (0,1), k > n, NULL) */
  PST_EDATA = 2,    /* malformed or inconsistent input data (see the pst_diag) */
  PST_ENOMEM = 3,   /* allocation failed */
  PST_EIO = 4,      /* read or write error (errno is preserved where meaningful) */
  PST_ENOCONV = 5,  /* an iterative method did not converge to its tolerance */
  PST_EUNDEF = 6,   /* the quantity is undefined for these data (e.g. 0/0 ratio) */
  PST_ELIMIT = 7,   /* a documented size limit was exceeded */
  PST_ENOTFOUND = 8 /* a named item (id, column, source) does not exist */
};

/* Short English text for a status code; never NULL. */
const char *pst_strerror(int status);

/* A diagnostic: where in which input, and what went wrong.  line and col are
 * 1-based; 0 means "not applicable" (e.g. an empty file has no line). */
typedef struct {
  const char *file; /* borrowed pointer to the caller's file name, may be NULL */
  long line;
  long col;
  char msg[256];
} pst_diag;

/* Fill d (if not NULL) printf-style; returns status, so parsers can write
 * `return pst_diag_set(d, PST_EDATA, line, col, "...", ...)`. */
int pst_diag_set(pst_diag *d, int status, long line, long col, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#ifdef __cplusplus
}
#endif
#endif
