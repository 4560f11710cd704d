# gen_dist.R -- reference values for tests/test_dist.c from R 4.2.
#   Rscript tests/ref/gen_dist.R > /tmp/dist_ref.inc
# Prints C initialisers with 17 significant digits; each block is preceded
# by the R call that produced it.  Points are placed at the mean +- a few
# standard deviations, where R's TOMS 708 is reliable (far in the log tails
# R's bpser loses digits or underflows; such points are tested against
# mpmath in gen_prop.py-style checks instead, see test_dist.c).
f17 <- function(x) sprintf("%.17g", x)
ab <- c(0.5, 1, 2.5, 41, 1999, 2001, 119960, 3.3e6, 2.4e6, 1e9)
zs <- c(-10, -5, -2, -0.5, 0, 0.5, 2, 5, 10)
cat("/* R: c(pbeta(x, a, b, log.p = TRUE), pbeta(x, a, b, lower.tail = FALSE, log.p = TRUE)),\n",
    " * x = a/(a+b) + z sd, z in {-10,-5,-2,-0.5,0,0.5,2,5,10}: {x, a, b, log_lower, log_upper} */\n", sep = "")
for (a in ab) for (b in ab) {
  m <- a / (a + b); s <- sqrt(a * b / ((a + b)^2 * (a + b + 1)))
  for (z in zs) {
    x <- m + z * s
    if (x <= 0 || x >= 1) next
    l <- pbeta(x, a, b, log.p = TRUE); u <- pbeta(x, a, b, lower.tail = FALSE, log.p = TRUE)
    if (!is.finite(l) || !is.finite(u) || min(l, u) < -700) next
    cat(sprintf("    {%s, %s, %s, %s, %s},\n", f17(x), f17(a), f17(b), f17(l), f17(u)))
  }
}
cat("/* R: qbeta(p, a, b, lower.tail) for p in {1e-10, 5e-7, 0.025, 0.5}:\n",
    " * {p, a, b, lower_tail, q} */\n", sep = "")
for (a in ab) for (b in ab) for (p in c(1e-10, 5e-7, 0.025, 0.5)) for (lt in c(TRUE, FALSE)) {
  q <- suppressWarnings(qbeta(p, a, b, lower.tail = lt))
  if (!is.finite(q) || q <= 0 || q >= 1) next
  cat(sprintf("    {%s, %s, %s, %d, %s},\n", f17(p), f17(a), f17(b), as.integer(lt), f17(q)))
}
cat("/* R: qbeta(lp, a, b, log.p = TRUE) for lp in {-1000, -50}: {lp, a, b, q} */\n")
for (a in c(41, 1999, 119960, 3.3e6, 1e9)) for (b in c(41, 2001, 119960, 2.4e6, 1e9)) for (lp in c(-1000, -50)) {
  q <- suppressWarnings(qbeta(lp, a, b, log.p = TRUE))
  if (!is.finite(q) || q <= 0 || q >= 1) next
  cat(sprintf("    {%s, %s, %s, %s},\n", f17(lp), f17(a), f17(b), f17(q)))
}
cat("/* R: c(dbinom(k, n, p, log = TRUE), pbinom(k, n, p, log.p = TRUE),\n",
    " * pbinom(k, n, p, lower.tail = FALSE, log.p = TRUE)): {k, n, p, log_pmf, log_cdf, log_sf} */\n", sep = "")
kn <- list(c(0, 20), c(5, 20), c(41, 120000), c(8193, 680921), c(442100, 3576300),
           c(3300000, 5700000), c(1234567, 2e9), c(999999999, 1e9), c(1, 2e9))
for (x in kn) { k <- x[1]; n <- x[2]
  for (p in c(k / n * c(0.9, 1, 1.1), (k + 1) / n)) {
    if (p <= 0 || p >= 1) next
    cat(sprintf("    {%.0f, %.0f, %s, %s, %s, %s},\n", k, n, f17(p), f17(dbinom(k, n, p, log = TRUE)),
                f17(pbinom(k, n, p, log.p = TRUE)), f17(pbinom(k, n, p, lower.tail = FALSE, log.p = TRUE))))
  }
}
