/* powstat/num.h -- locale-independent parsing and printing of numbers.
 *
 * Datasets are written by people and spreadsheets, so parsing is strict:
 * a number is either exactly right or rejected with a reason; nothing is
 * silently truncated (strtod's "1,5" -> 1 or "1e999" -> inf never pass).
 * Every function here uses the C locale whatever the process locale is.
 */
#ifndef POWSTAT_NUM_H
#define POWSTAT_NUM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Largest count accepted: 2^53, the largest integer range exact in a double. */
#define PST_COUNT_MAX UINT64_C(9007199254740992)

/* Parse a non-negative count of s[0..len): ASCII digits, optionally grouped
 * by thousands separators ',' in groups of three ("3,576,300"); surrounding
 * blanks are ignored.  Returns PST_OK, or PST_EDATA with *why set to a static
 * English reason and *where to the byte offset of the offending character
 * (either pointer may be NULL). */
int pst_parse_count(const char *s, size_t len, uint64_t *out, const char **why, size_t *where);

/* Parse a finite decimal real ("0.95", "-1.5e-3"; no hex, inf, nan, no
 * thousands separators, no overflow to infinity).  Same error convention. */
int pst_parse_real(const char *s, size_t len, double *out, const char **why, size_t *where);

/* Write x with the fewest significant digits that read back as exactly x
 * (Ryu, see dtoa.h), in %g style (fixed notation from 1e-5 to below 1e15,
 * exponent otherwise), C locale; "nan"/"inf" never occur for finite x.  buf
 * must hold at least PST_FMT_BUFSZ bytes.  Returns the length written. */
#define PST_FMT_BUFSZ 32
int pst_fmt_real(char *buf, double x);

/* Write x with `sig` significant digits in %g style, C locale, into buf of
 * size bytes; returns the length snprintf would write (>= size: truncated). */
int pst_fmt_sig(char *buf, size_t size, double x, int sig);

#ifdef __cplusplus
}
#endif
#endif
