/* dist_basym.c -- Temme's uniform asymptotic expansion of I_x(a,b) for
 * large a and b, and the scaled complementary error function it needs.
 *
 * Reference: A.R. DiDonato & A.H. Morris (1992), "Algorithm 708:
 * significant digit computation of the incomplete beta function ratios",
 * ACM TOMS 18:360-373, section 3 (procedure BASYM), after N.M. Temme
 * (1987), "Incomplete Laplace integrals: uniform asymptotic expansion with
 * application to the incomplete beta function", SIAM J Math Anal
 * 18:1638-1663.  With lambda = a - (a+b)x >= 0 (x at or below the mean) and
 *   f = a phi(-lambda/a) + b phi(lambda/b),  phi(t) = t - log(1+t),
 * the expansion reads
 *   I_x(a,b) = (2/sqrt(pi)) e^(-f) e^(-bcorr(a,b)) sum_{n>=0} d_n w0^n J_n(z0)
 * with z0 = sqrt(f), w0 = 1/sqrt(min(a,b) (1 + h)), h = min/max, J_0 =
 * (sqrt(pi)/4) erfcx(z0), J_1 = 2^(-3/2) and the two-step recurrences of
 * J_n below; the d_n follow from the power series coefficients a_n of the
 * saddle-point map by series composition (DiDonato & Morris eqs. 3.x).
 * bcorr(a,b) = del(a) + del(b) - del(a+b) with del the Stirling remainder
 * (= pst__stirlerr).  The terms decrease like w0^n = O(min(a,b)^(-n/2)).
 *
 * Everything is returned as a logarithm, so the tail keeps its relative
 * precision at any depth; the only inputs are a, b, lambda and f, which the
 * caller forms without cancellation (lambda by one fma, f from bd0), so the
 * rounding of 1 - x does not enter. */
#include "powstat/status.h"
#include "dist_impl.h"

#include <float.h>
#include <math.h>

#define BASYM_NUM 20 /* highest term index (even), as in TOMS 708 */
#define LN_2_OVER_SQRT_PI 0.120782237635245222345518445781647 /* log(2/sqrt(pi)) */
#define INV_SQRT_PI 0.564189583547756286948079451560772
#define SQRT_PI_OVER_4 0.443113462726379158206410373078 /* sqrt(pi)/4 */
#define TWO_M32 0.353553390593273762200422181052424 /* 2^(-3/2) */

double pst__erfcx(double z)
{
  if (z < 26.0) {
    /* exp(z^2) with z^2 = hi + lo split exactly (fma), so that the
     * rounding of z^2 (relative 1e-16, i.e. absolute 7e-14 at z = 26) does
     * not become a relative error of exp; erfc(z) is still normal here. */
    double hi = z * z, lo = fma(z, z, -hi);
    return exp(hi) * (1.0 + lo) * erfc(z);
  }
  /* Laplace's continued fraction erfcx(z) = (1/sqrt pi) / (z + (1/2)/(z +
   * 1/(z + (3/2)/(z + ...)))) (DLMF 7.9.2), evaluated from the bottom; at
   * z >= 26 the k-th partial quotient adds ~ (k/2)/z^2 < 1e-2 and 40
   * levels are far below 1 ulp. */
  double t = z;
  for (int k = 40; k >= 1; k--) t = z + 0.5 * (double)k / t;
  return INV_SQRT_PI / t;
}

int pst__beta_basym(double a, double b, double f, double *log_i)
{
  double A[BASYM_NUM + 1], B[BASYM_NUM + 1], C[BASYM_NUM + 1], D[BASYM_NUM + 1];
  double z0 = sqrt(f), z = z0 / TWO_M32 * 0.5, z2 = f + f;
  double h, r0, r1, w0;
  if (a < b) {
    h = a / b;
    r1 = (b - a) / b;
    w0 = 1.0 / sqrt(a * (h + 1.0));
  } else {
    h = b / a;
    r1 = (b - a) / a;
    w0 = 1.0 / sqrt(b * (h + 1.0));
  }
  r0 = 1.0 / (h + 1.0);

  /* A[k] = a_(k+1): coefficients of the expansion of the saddle-point
   * variable; C, D: the composed series (DiDonato & Morris, BASYM). */
  A[0] = r1 * (2.0 / 3.0);
  C[0] = -0.5 * A[0];
  D[0] = -C[0];
  double j0 = SQRT_PI_OVER_4 * pst__erfcx(z0); /* J_0 */
  double j1 = TWO_M32;
  double sum = j0 + D[0] * w0 * j1;

  double s = 1.0, h2 = h * h, hn = 1.0, w = w0, znm1 = z, zn = z2;
  int converged = 0;
  for (int n = 2; n <= BASYM_NUM; n += 2) {
    hn *= h2;
    A[n - 1] = 2.0 * r0 * (h * hn + 1.0) / (n + 2.0);
    s += hn;
    A[n] = 2.0 * r1 * s / (n + 3.0);
    for (int i = n; i <= n + 1; i++) {
      /* B = coefficients of (1 + sum A_k t^k)^r, r = -(i+1)/2, by the
       * power-of-series recurrence; C[i-1] = B[i-1]/(i+1). */
      double r = -0.5 * (i + 1.0);
      B[0] = r * A[0];
      for (int m = 2; m <= i; m++) {
        double acc = 0.0;
        for (int j = 1; j < m; j++) acc += (j * r - (m - j)) * A[j - 1] * B[m - j - 1];
        B[m - 1] = r * A[m - 1] + acc / m;
      }
      C[i - 1] = B[i - 1] / (i + 1.0);
      double acc = 0.0;
      for (int j = 1; j < i; j++) acc += D[i - j - 1] * C[j - 1];
      D[i - 1] = -(acc + C[i - 1]);
    }
    j0 = TWO_M32 * znm1 + (n - 1.0) * j0;
    j1 = TWO_M32 * zn + n * j1;
    znm1 *= z2;
    zn *= z2;
    w *= w0;
    double t0 = D[n - 1] * w * j0;
    w *= w0;
    double t1 = D[n] * w * j1;
    sum += t0 + t1;
    if (fabs(t0) + fabs(t1) <= 0.5 * DBL_EPSILON * sum) {
      converged = 1;
      break;
    }
  }
  double bcorr = pst__stirlerr(a) + pst__stirlerr(b) - pst__stirlerr(a + b);
  *log_i = LN_2_OVER_SQRT_PI - f - bcorr + log(sum);
  return (converged && sum > 0) ? PST_OK : PST_ENOCONV;
}
