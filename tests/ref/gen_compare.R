# Reference values for tests/test_compare.c, test_tests2x2.c and test_rate.c.
# Run: Rscript tests/ref/gen_compare.R > compare_ref_R.csv   (R 4.2, base + stats)
# Every value is printed with 17 significant digits as case,quantity,value.
# Exact odds-ratio and mid-p limits use fisher.test's own equations
# (dnhyper/pnhyper, copied below) solved by uniroot(tol = 1e-15) instead of
# fisher.test's default tolerance (TECH-NOTES); the Miettinen-Nurminen
# difference is derived independently of the C code: the restricted MLE by
# optimize() on the constrained log-likelihood (not the cubic), and the
# limits by uniroot(tol = 1e-15).
options(digits = 17)
cases <- list(
  newcombe = c(56, 70, 48, 80), article = c(8193, 680921, 41, 120000),
  zero1 = c(0, 10, 5, 20), kn = c(5, 5, 2, 10), n1 = c(1, 1, 0, 1),
  small = c(3, 17, 9, 21), millions = c(3300000, 5700000, 442100, 3576300),
  rare = c(0, 1000000, 3, 1000000), gulag = c(60948, 689550, 8252, 218993))
out <- function(case, q, v) cat(sprintf("%s,%s,%.17g\n", case, q, v))
zc <- function(level) qnorm((1 - level) / 2, lower.tail = FALSE)

# fisher.test internals (R 4.2 src/library/stats/R/fisher.test.R)
nch <- function(x, m, n, k) {
  lo <- max(0L, k - n); hi <- min(k, m); support <- lo:hi
  logdc <- dhyper(support, m, n, k, log = TRUE)
  dnhyper <- function(ncp) { d <- logdc + log(ncp) * support; d <- exp(d - max(d)); d / sum(d) }
  mnhyper <- function(ncp) { if (ncp == 0) return(lo); if (ncp == Inf) return(hi); sum(support * dnhyper(ncp)) }
  pnhyper <- function(q, ncp, upper.tail = FALSE, mid = FALSE) {
    d <- dnhyper(ncp)
    if (upper.tail) s <- sum(d[support > q]) + (if (mid) 0.5 else 1) * d[support == q]
    else s <- sum(d[support < q]) + (if (mid) 0.5 else 1) * d[support == q]
    s
  }
  list(lo = lo, hi = hi, mn = mnhyper, p = pnhyper)
}
or_exact <- function(a, n1, c, n2, level, mid) {
  h <- nch(a, n1, n2, a + c); alpha <- (1 - level) / 2
  f <- function(t, fn) fn(exp(t))
  mle <- if (a == h$lo) 0 else if (a == h$hi) Inf else
    exp(uniroot(function(t) h$mn(exp(t)) - a, c(-30, 30), tol = 1e-15, maxiter = 1e4)$root)
  lo <- if (a == h$lo) 0 else exp(uniroot(function(t) h$p(a, exp(t), TRUE, mid) - alpha,
                                          c(-30, 30), tol = 1e-15, maxiter = 1e4)$root)
  hi <- if (a == h$hi) Inf else exp(uniroot(function(t) h$p(a, exp(t), FALSE, mid) - alpha,
                                            c(-30, 30), tol = 1e-15, maxiter = 1e4)$root)
  c(mle, lo, hi)
}
mn_diff <- function(k1, n1, k2, n2, level) {
  p1 <- k1 / n1; p2 <- k2 / n2; N <- n1 + n2; z2 <- zc(level)^2
  stat <- function(d) {
    # restricted MLE of p2 under p1 = p2 + d: the root of the constrained
    # likelihood's score equation (decreasing in q), solved in log q so that
    # uniroot's absolute tolerance is a relative one for q ~ 1e-6; the
    # boundary when the score has no sign change
    sc <- function(q) (if (k1 > 0) k1 / (q + d) else 0) - (if (n1 > k1) (n1 - k1) / (1 - d - q) else 0) +
      (if (k2 > 0) k2 / q else 0) - (if (n2 > k2) (n2 - k2) / (1 - q) else 0)
    lo <- max(0, -d); hi <- min(1, 1 - d)
    a <- lo + 1e-300 + 4e-16 * lo; b <- hi * (1 - 4e-16)
    la <- log(a); lb <- log(b)
    q <- if (hi - lo < 1e-12) lo else if (sc(exp(la)) <= 0) lo else if (sc(exp(lb)) >= 0) hi else
      exp(uniroot(function(u) sc(exp(u)), c(la, lb), tol = 1e-15, maxiter = 1e4)$root)
    pp <- q + d
    V <- (pp * (1 - pp) / n1 + q * (1 - q) / n2) * N / (N - 1)
    if (p1 - p2 - d == 0) 0 else (p1 - p2 - d)^2 / V
  }
  est <- p1 - p2
  lo <- if (est <= -1) -1 else uniroot(function(d) stat(d) - z2, c(-1 + 1e-12, est), tol = 1e-15)$root
  hi <- if (est >= 1) 1 else uniroot(function(d) stat(d) - z2, c(est, 1 - 1e-12), tol = 1e-15)$root
  c(lo, hi, pchisq(stat(0), 1, lower.tail = FALSE))
}
rate_midp <- function(k1, t1, k2, t2, level) {
  n <- k1 + k2; alpha <- (1 - level) / 2
  lo <- if (k1 == 0) 0 else uniroot(function(p) pbinom(k1, n, p, lower.tail = FALSE) + 0.5 * dbinom(k1, n, p) - alpha,
                                    c(1e-300, 1), tol = 1e-15)$root
  hi <- if (k1 == n) 1 else uniroot(function(p) pbinom(k1 - 1, n, p) + 0.5 * dbinom(k1, n, p) - alpha,
                                    c(0, 1 - 1e-16), tol = 1e-15)$root
  c(lo, hi) / (1 - c(lo, hi)) * t2 / t1
}
for (nm in names(cases)) {
  x <- cases[[nm]]; k1 <- x[1]; n1 <- x[2]; k2 <- x[3]; n2 <- x[4]
  for (level in c(0.95, 0.5, 0.9999)) {
    cs <- sprintf("%s@%g", nm, level)
    pt <- suppressWarnings(prop.test(c(k1, k2), c(n1, n2), conf.level = level, correct = FALSE))
    out(cs, "diff.wald.lower", pt$conf.int[1]); out(cs, "diff.wald.upper", pt$conf.int[2])
    ptc <- suppressWarnings(prop.test(c(k1, k2), c(n1, n2), conf.level = level, correct = TRUE))
    out(cs, "diff.wald-cc.lower", ptc$conf.int[1]); out(cs, "diff.wald-cc.upper", ptc$conf.int[2])
    if (level == 0.95) {
      out(cs, "chi2", pt$statistic); out(cs, "chi2_p", pt$p.value)
      out(cs, "yates", ptc$statistic); out(cs, "yates_p", ptc$p.value)
      tab <- matrix(c(k1, n1 - k1, k2, n2 - k2), 2, byrow = TRUE)
      E <- outer(rowSums(tab), colSums(tab)) / sum(tab)
      G <- 2 * sum(ifelse(tab > 0, tab * log(tab / E), 0))
      out(cs, "g", G); out(cs, "g_p", pchisq(G, 1, lower.tail = FALSE))
      # Fisher two-sided, R's definition, as log10 from dhyper(log = TRUE)
      K <- k1 + k2; sup <- max(0, K - n2):min(K, n1)
      ld <- dhyper(sup, n1, n2, K, log = TRUE); lobs <- dhyper(k1, n1, n2, K, log = TRUE)
      sel <- ld[ld <= lobs + log1p(1e-7)]; mx <- max(sel)
      lp <- mx + log(sum(exp(sel - mx)))
      out(cs, "fisher_log10_p", min(0, lp / log(10)))
      if (n1 + n2 < 1e5) out(cs, "fisher_p_R", fisher.test(tab)$p.value)
    }
    mn <- mn_diff(k1, n1, k2, n2, level)
    out(cs, "diff.mn.lower", mn[1]); out(cs, "diff.mn.upper", mn[2]); out(cs, "diff.mn.p", mn[3])
    if (n1 + n2 < 2e7) {
      e <- or_exact(k1, n1, k2, n2, level, FALSE)
      out(cs, "or.exact.est", e[1]); out(cs, "or.exact.lower", e[2]); out(cs, "or.exact.upper", e[3])
      e <- or_exact(k1, n1, k2, n2, level, TRUE)
      out(cs, "or.mid-p.lower", e[2]); out(cs, "or.mid-p.upper", e[3])
    }
    # rate ratio with the counts' denominators as person-time
    r <- poisson.test(c(k1, k2), c(n1, n2), conf.level = level)
    out(cs, "rate.exact.lower", r$conf.int[1]); out(cs, "rate.exact.upper", r$conf.int[2])
    if (k1 + k2 > 0) {
      r <- rate_midp(k1, n1, k2, n2, level)
      out(cs, "rate.mid-p.lower", r[1]); out(cs, "rate.mid-p.upper", r[2])
    }
  }
}
# Garwood intervals and Poisson tails (test_rate.c)
for (k in c(0, 1, 41, 8193, 60948, 3300000, 3e9)) for (level in c(0.95, 0.5, 0.9999)) {
  a <- (1 - level) / 2
  out(sprintf("garwood%g@%g", k, level), "lower", if (k == 0) 0 else qgamma(a, k))
  out(sprintf("garwood%g@%g", k, level), "upper", qgamma(a, k + 1, lower.tail = FALSE))
}
for (k in c(0, 5, 1e6, 3e9)) for (f in c(0.5, 0.999, 1.001, 2)) {
  mu <- if (k == 0) f else k * f
  out(sprintf("ppois%g_%g", k, f), "lower_log", ppois(k, mu, log.p = TRUE))
  out(sprintf("ppois%g_%g", k, f), "upper_log", ppois(k, mu, lower.tail = FALSE, log.p = TRUE))
}
