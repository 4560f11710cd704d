# Reference values for the chi-square homogeneity tests in tests/test_multinom.c.
# Run: Rscript tests/ref/gen_multinom.R   (R 4.2; base R only)
# Pearson X^2 without continuity correction, p-value, adjusted standardised
# residuals (chisq.test()$stdres, Haberman 1973), and log10 p from
# pchisq(log.p = TRUE) where p underflows.
# Also closed-form Quesenberry-Hurst and Bonferroni-Wilson bounds by direct
# computation, as a second route to the values of gen_multinom.py.
options(digits = 17)
show <- function(name, tab) {
  r <- suppressWarnings(chisq.test(tab, correct = FALSE))
  cat(sprintf("/* %s: chisq.test(matrix(c(%s), nrow = 2, byrow = TRUE), correct = FALSE) */\n",
              name, paste(as.vector(t(tab)), collapse = ", ")))
  lp <- pchisq(r$statistic, r$parameter, lower.tail = FALSE, log.p = TRUE) / log(10)
  cat(sprintf("  X2 = %.17g, df = %d, p = %.17g, log10p = %.17g\n", r$statistic, r$parameter,
              r$p.value, lp))
  cat(sprintf("  stdres row 1 = {%s}\n", paste(sprintf("%.17g", r$stdres[1, ]), collapse = ", ")))
  cat(sprintf("  expected row 1 = {%s}\n", paste(sprintf("%.17g", r$expected[1, ]), collapse = ", ")))
}
# camp 048 officers, 1 Jan-1 Aug 1945 vs 1 Aug 1945-1 Jan 1946 (passed, not reported passed)
show("camp048 officers", matrix(c(28, 16, 48, 6), nrow = 2, byrow = TRUE))
# camp 048, all ranks, the two periods
show("camp048 all", matrix(c(3648, 76, 1919, 256), nrow = 2, byrow = TRUE))
# three categories, small counts (expected < 5 in some cells)
show("small 3", matrix(c(3, 1, 4, 1, 5, 9), nrow = 2, byrow = TRUE))
# repatriated POWs vs a made-up composition of the same size, p underflows
show("large", matrix(c(281780, 659190, 344448, 226127, 27930,
                       300000, 640000, 344448, 226127, 28900), nrow = 2, byrow = TRUE))
# identical shares: X2 = 0, p = 1
show("equal", matrix(c(10, 20, 30, 20, 40, 60), nrow = 2, byrow = TRUE))
# log10 P(chi2_df > x) far in the tail
for (a in list(c(2000, 3), c(1e5, 10), c(50, 1), c(0.5, 4)))
  cat(sprintf("  log10 sf(x = %g, df = %g) = %.17g\n", a[1], a[2],
              pchisq(a[1], a[2], lower.tail = FALSE, log.p = TRUE) / log(10)))
# Bonferroni-Wilson for special-camps-1944 at 0.95, direct: Wilson at 1 - 0.05/6
x <- c(231034, 18382, 30749, 5924, 11556, 5347); n <- sum(x)
z <- qnorm(1 - 0.05 / 12)
wl <- (x + z^2 / 2 - z * sqrt(x * (n - x) / n + z^2 / 4)) / (n + z^2)
wu <- (x + z^2 / 2 + z * sqrt(x * (n - x) / n + z^2 / 4)) / (n + z^2)
cat("/* Wilson at 1 - 0.05/6, special-camps-1944 */\n")
cat(sprintf("  {%.17g, %.17g},\n", wl, wu), sep = "")
# Quesenberry-Hurst, same counts: A = qchisq(0.95, 5)
A <- qchisq(0.95, 5)
ql <- (A + 2 * x - sqrt(A * (A + 4 * x * (n - x) / n))) / (2 * (n + A))
qu <- (A + 2 * x + sqrt(A * (A + 4 * x * (n - x) / n))) / (2 * (n + A))
cat("/* QH at 0.95, special-camps-1944 */\n")
cat(sprintf("  {%.17g, %.17g},\n", ql, qu), sep = "")
