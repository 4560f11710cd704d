/* powstat/dtoa.h -- exact, fast, shortest round-trip double-to-decimal.
 *
 * Machine outputs print every number so that it reads back as exactly the
 * same double.  Finding the shortest such text by trying printf precisions
 * and reading each back with strtod costs about 600 ns a number, which
 * dominates a million-row batch; this module finds it directly.
 *
 * Algorithm: Ryu, Adams U. (2018) "Ryu: fast float-to-string conversion",
 * PLDI 2018, 270-282, doi:10.1145/3192366.3192369.  The rounding interval of
 * x (the reals that round to x under round-to-nearest-even) is scaled to a
 * decimal power with 128-bit multiplications by 125-bit powers of 5
 * (lib/src/dtoa_table.h, generated with exact integers by
 * tests/ref/gen_dtoa_table.py); trailing digits are then removed while the
 * interval still contains a shorter decimal.  The result is
 *   - correct: strtod(text) == x for every finite x;
 *   - shortest: no decimal with fewer significant digits lies in the
 *     interval;
 *   - closest: among the shortest, the one nearest x (ties to even digit),
 *     so it equals printf("%.*g", n, x) whenever that round-trips at n digits.
 * No locale, no allocation, no global state: thread-safe.
 */
#ifndef POWSTAT_DTOA_H
#define POWSTAT_DTOA_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bytes needed by pst_dtoa_fmt_g for any double and min_prec <= 17:
 * "-" + 17 digits + "." + "e-324" + NUL, with room to spare. */
#define PST_DTOA_BUFSZ 32

/* Shortest decimal of a finite, non-zero x: |x| = *digits * 10^*exp10 with
 * *digits having no trailing decimal zero.  Returns the number of digits
 * (1..17), or 0 if x is zero, infinite or NaN (outputs untouched). */
int pst_dtoa_shortest(double x, uint64_t *digits, int *exp10);

/* Write x like printf("%.*g", P, x) in the C locale with P = max(min_prec,
 * n), n the shortest round-trip digit count: fixed notation when the decimal
 * exponent X satisfies -4 <= X < P, otherwise d.ddde[+-]XX (at least two
 * exponent digits); no trailing zeros, no trailing '.'.  With min_prec = 15
 * this is the text of "the first of %.15g, %.16g, %.17g that reads back as
 * x" (the former pst_fmt_real) for every x except
 *   - subnormals (|x| < 2.2250738585072014e-308), where %.15g already reads
 *     back but has more digits than needed: 5e-324, not
 *     4.94065645841247e-324;
 *   - a few powers of two whose rounding interval is narrower below than
 *     above, where a 16-digit text reads back but %.16g (the nearest one)
 *     does not: the 16-digit text, not 17 digits.
 * Zero is "0" or "-0"; infinities "inf"/"-inf"; NaN "nan"/"-nan" (as glibc).
 * min_prec is clamped to [1, 17].  buf must hold PST_DTOA_BUFSZ bytes.
 * Returns the length written (excluding the NUL). */
int pst_dtoa_fmt_g(char *buf, double x, int min_prec);

#ifdef __cplusplus
}
#endif
#endif
