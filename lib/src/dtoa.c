/* dtoa.c -- shortest round-trip double-to-decimal (Ryu, Adams 2018) and
 * printf-%g-compatible layout.
 *
 * Notation follows the paper (section 3): a finite double is m2 * 2^e2;
 * mv = 4*m2 is the value and mv + 2, mv - 1 - mmShift its rounding interval
 * bounds, all scaled by 4 so that the half-ulp bounds are integers.  The
 * three are multiplied by 2^e2 / 10^e10 at once (one 128-bit multiplier from
 * the table, exact enough by the paper's Lemma 3.3 and 125-bit entries) and
 * decimal digits are removed while the interval still contains a shorter
 * number.  The "trailing zeros" flags record whether the divisions were exact,
 * which only matters for round-half-even ties and for an inclusive lower
 * bound (mantissa even). */
#include "powstat/dtoa.h"

#include "dtoa_table.h"

#include <stdint.h>
#include <string.h>

#define MANT_BITS 52
#define EXP_BIAS 1023

/* ((m * mul) >> j) with mul a 128-bit {low, high} pair and j >= 64. */
#if defined(__SIZEOF_INT128__) && !defined(PST_DTOA_NO_INT128)
__extension__ typedef unsigned __int128 u128;
static uint64_t mul_shift(uint64_t m, const uint64_t *mul, int j)
{
  u128 b0 = (u128)m * mul[0];
  u128 b2 = (u128)m * mul[1];
  return (uint64_t)(((b0 >> 64) + b2) >> (j - 64));
}
#else
/* Portable 64x64->128 product (for compilers without __int128). */
static uint64_t umul128(uint64_t a, uint64_t b, uint64_t *hi)
{
  uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
  uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
  *hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
  return (mid << 32) | (uint32_t)p00;
}
static uint64_t mul_shift(uint64_t m, const uint64_t *mul, int j)
{
  uint64_t h0, h2, lo, hi;
  int s = j - 64; /* 0 < s < 64 for every double (paper, section 3.4) */
  (void)umul128(m, mul[0], &h0);
  lo = umul128(m, mul[1], &h2);
  lo += h0;
  hi = h2 + (lo < h0);
  return (hi << (64 - s)) | (lo >> s);
}
#endif

/* floor(log10(2^e)) for 0 <= e <= 1650, floor(log10(5^e)) for 0 <= e <= 2620,
 * ceil(log2(5^e)) (1 for e = 0): fixed-point approximations exact on these
 * ranges (paper, section 3.4). */
static int32_t log10_pow2(int32_t e) { return (int32_t)(((uint32_t)e * 78913u) >> 18); }
static int32_t log10_pow5(int32_t e) { return (int32_t)(((uint32_t)e * 732923u) >> 20); }
static int32_t pow5_bits(int32_t e) { return (int32_t)((((uint32_t)e * 1217359u) >> 19) + 1); }

static int multiple_of_pow5(uint64_t v, int32_t p)
{
  int32_t c = 0;
  while (v % 5 == 0) { /* v > 0 here */
    v /= 5;
    if (++c >= p) return 1;
  }
  return c >= p;
}

static int multiple_of_pow2(uint64_t v, int32_t p)
{
  return (v & ((UINT64_C(1) << p) - 1)) == 0;
}

static int decimal_length(uint64_t v)
{
  int n = 1;
  while (v >= 10) { v /= 10; n++; }
  return n;
}

int pst_dtoa_shortest(double x, uint64_t *digits, int *exp10)
{
  uint64_t bits, mant, m2, mv, vr, vp, vm, out;
  uint32_t ex, mm_shift;
  int32_t e2, e10, removed = 0;
  int accept_bounds, vm_tz = 0, vr_tz = 0;

  memcpy(&bits, &x, sizeof bits);
  mant = bits & ((UINT64_C(1) << MANT_BITS) - 1);
  ex = (uint32_t)((bits >> MANT_BITS) & 0x7FF);
  if (ex == 0x7FF || (ex == 0 && mant == 0)) return 0;

  /* Integers below 2^53 are their own shortest decimal (after removing
   * trailing zeros): counts and whole numbers skip the multiplication. */
  if (ex != 0) {
    int32_t s = (int32_t)ex - EXP_BIAS - MANT_BITS;
    m2 = (UINT64_C(1) << MANT_BITS) | mant;
    if (s <= 0 && s >= -MANT_BITS && (m2 & ((UINT64_C(1) << -s) - 1)) == 0) {
      uint64_t v = m2 >> -s;
      int32_t e = 0;
      while (v % 10 == 0) { v /= 10; e++; }
      *digits = v;
      *exp10 = e;
      return decimal_length(v);
    }
  }

  /* Step 1: m2 * 2^e2, two extra bits for the interval bounds. */
  if (ex == 0) {
    e2 = 1 - EXP_BIAS - MANT_BITS - 2;
    m2 = mant;
  } else {
    e2 = (int32_t)ex - EXP_BIAS - MANT_BITS - 2;
    m2 = (UINT64_C(1) << MANT_BITS) | mant;
  }
  /* Round-half-even reading: an even mantissa owns its interval bounds. */
  accept_bounds = (m2 & 1) == 0;
  mv = 4 * m2;
  /* The interval below a power of two is half as wide (except at the
   * smallest normal exponent, where the spacing does not change). */
  mm_shift = (mant != 0 || ex <= 1) ? 1u : 0u;

  /* Step 2: scale vr, vp, vm = (mv, mv + 2, mv - 1 - mm_shift) * 2^e2 / 10^e10. */
  if (e2 >= 0) {
    int32_t q = log10_pow2(e2) - (e2 > 3);
    int32_t k = PST_DTOA_POW5_BITS + pow5_bits(q) - 1;
    int32_t i = -e2 + q + k;
    const uint64_t *mul = pst_dtoa_pow5_inv[q];
    e10 = q;
    vr = mul_shift(4 * m2, mul, i);
    vp = mul_shift(4 * m2 + 2, mul, i);
    vm = mul_shift(4 * m2 - 1 - mm_shift, mul, i);
    if (q <= 21) {
      /* Only then can one of mv, mp, mm be a multiple of 5^q, i.e. a division
       * above was exact.  At most one of the three is a multiple of 5. */
      if (mv % 5 == 0)
        vr_tz = multiple_of_pow5(mv, q);
      else if (accept_bounds)
        vm_tz = multiple_of_pow5(mv - 1 - mm_shift, q);
      else
        vp -= (uint64_t)multiple_of_pow5(mv + 2, q); /* exclusive upper bound */
    }
  } else {
    int32_t q = log10_pow5(-e2) - (-e2 > 1);
    int32_t i = -e2 - q;
    int32_t k = pow5_bits(i) - PST_DTOA_POW5_BITS;
    int32_t j = q - k;
    const uint64_t *mul = pst_dtoa_pow5[i];
    e10 = q + e2;
    vr = mul_shift(4 * m2, mul, j);
    vp = mul_shift(4 * m2 + 2, mul, j);
    vm = mul_shift(4 * m2 - 1 - mm_shift, mul, j);
    if (q <= 1) {
      /* mv has at least two trailing zero bits, so the division is exact */
      vr_tz = 1;
      if (accept_bounds)
        vm_tz = mm_shift == 1; /* mm = mv - 2 then has a trailing 0 bit */
      else
        --vp;                  /* mp = mv + 2 always has one: exclusive */
    } else if (q < 63) {
      /* exact iff mv * 5^(-e2) has q factors 2, i.e. mv does (-e2 >= q) */
      vr_tz = multiple_of_pow2(mv, q);
    }
  }

  /* Step 3: remove digits while [vm, vp] still contains a shorter number. */
  if (vm_tz || vr_tz) {
    /* rare general case: track exactness for ties and the lower bound */
    unsigned last = 0;
    for (;;) {
      uint64_t vp10 = vp / 10, vm10 = vm / 10;
      if (vp10 <= vm10) break;
      vm_tz &= (vm % 10) == 0;
      vr_tz &= last == 0;
      last = (unsigned)(vr % 10);
      vr /= 10;
      vp = vp10;
      vm = vm10;
      removed++;
    }
    if (vm_tz) {
      /* the lower bound itself is exactly representable: keep removing
       * while it ends in zero */
      while (vm % 10 == 0) {
        vr_tz &= last == 0;
        last = (unsigned)(vr % 10);
        vr /= 10;
        vp /= 10;
        vm /= 10;
        removed++;
      }
    }
    if (vr_tz && last == 5 && vr % 2 == 0) last = 4; /* exact tie: to even */
    out = vr + (uint64_t)((vr == vm && (!accept_bounds || !vm_tz)) || last >= 5);
  } else {
    /* common case: no exact division, round half up on the removed digits */
    int round_up = 0;
    if (vp / 100 > vm / 100) {
      round_up = vr % 100 >= 50;
      vr /= 100;
      vp /= 100;
      vm /= 100;
      removed += 2;
    }
    for (;;) {
      uint64_t vp10 = vp / 10, vm10 = vm / 10;
      if (vp10 <= vm10) break;
      round_up = vr % 10 >= 5;
      vr /= 10;
      vp = vp10;
      vm = vm10;
      removed++;
    }
    out = vr + (uint64_t)(vr == vm || round_up);
  }
  e10 += removed;
  /* The shortest decimal has no trailing zero; this only guards the layout. */
  while (out % 10 == 0) { out /= 10; e10++; }
  *digits = out;
  *exp10 = e10;
  return decimal_length(out);
}

static const char two_digits[201] =
  "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
  "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
  "8081828384858687888990919293949596979899";

int pst_dtoa_fmt_g(char *buf, double x, int min_prec)
{
  char dig[20];
  char *p = buf;
  uint64_t bits, d;
  int n, e, xe, prec;

  memcpy(&bits, &x, sizeof bits);
  if (bits >> 63) *p++ = '-';
  if (x != x) { memcpy(p, "nan", 4); return (int)(p - buf) + 3; }
  if (x - x != 0.0) { memcpy(p, "inf", 4); return (int)(p - buf) + 3; }
  n = pst_dtoa_shortest(x, &d, &e);
  if (n == 0) { memcpy(p, "0", 2); return (int)(p - buf) + 1; }

  /* digits, most significant first, two at a time */
  {
    int i = n;
    while (d >= 100) {
      unsigned r = (unsigned)(d % 100);
      d /= 100;
      dig[--i] = two_digits[2 * r + 1];
      dig[--i] = two_digits[2 * r];
    }
    if (d >= 10) {
      dig[--i] = two_digits[2 * d + 1];
      dig[--i] = two_digits[2 * d];
    } else {
      dig[--i] = (char)('0' + d);
    }
  }

  xe = e + n - 1; /* exponent of the leading digit */
  prec = min_prec < 1 ? 1 : min_prec > 17 ? 17 : min_prec;
  if (prec < n) prec = n;
  if (xe >= -4 && xe < prec) {
    if (xe < 0) {
      /* 0.000ddd */
      *p++ = '0';
      *p++ = '.';
      for (int z = -xe - 1; z > 0; z--) *p++ = '0';
      memcpy(p, dig, (size_t)n);
      p += n;
    } else if (xe >= n - 1) {
      /* an integer: ddd000 */
      memcpy(p, dig, (size_t)n);
      p += n;
      for (int z = xe - (n - 1); z > 0; z--) *p++ = '0';
    } else {
      /* dd.ddd */
      memcpy(p, dig, (size_t)(xe + 1));
      p += xe + 1;
      *p++ = '.';
      memcpy(p, dig + xe + 1, (size_t)(n - xe - 1));
      p += n - xe - 1;
    }
  } else {
    unsigned ax;
    *p++ = dig[0];
    if (n > 1) {
      *p++ = '.';
      memcpy(p, dig + 1, (size_t)(n - 1));
      p += n - 1;
    }
    *p++ = 'e';
    *p++ = xe < 0 ? '-' : '+';
    ax = (unsigned)(xe < 0 ? -xe : xe);
    if (ax >= 100) {
      *p++ = (char)('0' + ax / 100);
      ax %= 100;
    }
    *p++ = two_digits[2 * ax];
    *p++ = two_digits[2 * ax + 1];
  }
  *p = '\0';
  return (int)(p - buf);
}
