# gen_prop.R -- reference intervals for tests/test_prop.c from R 4.2.
#   Rscript tests/ref/gen_prop.R > /tmp/prop_ref_R.inc
# Prints C initialisers { method, k, n, level, sides, lower, upper } with
# 17 significant digits; paste them into tests/test_prop.c.  Each block is
# preceded by a comment with the R call that produced it.
# sides: 0 = two-sided, 1 = lower bound [L,1] (alternative = "greater"),
#        2 = upper bound [0,U] (alternative = "less").

cases <- list(c(0, 20), c(20, 20), c(0, 1), c(1, 1), c(5, 20), c(41, 120000),
              c(8193, 680921), c(442100, 3576300), c(3300000, 5700000),
              c(40000, 154700), c(1234567, 2e9), c(999999999, 1e9), c(0, 1e9),
              c(1, 2e9))
levels <- c(0.5, 0.9, 0.95, 0.99, 0.9999)
alt <- c("two.sided", "greater", "less")
f17 <- function(x) sprintf("%.17g", x)
emit <- function(m, k, n, lev, s, lo, up)
  cat(sprintf("    {%s, %.0f, %.0f, %s, %d, %s, %s},\n", m, k, n, f17(lev), s, f17(lo), f17(up)))
tail_p <- function(lev, s) if (s == 0) (1 - lev) / 2 else 1 - lev

# ---- Clopper-Pearson ----
# binom.test()'s own conf.int code (stats:::binom.test, R 4.2), called
# directly: binom.test itself also computes the two-sided p-value by
# summing dbinom over all 0..n, which is infeasible at n = 1e9.
cp <- function(x, n, conf.level, alternative) {
  p.L <- function(x, alpha) if (x == 0) 0 else qbeta(alpha, x, n - x + 1)
  p.U <- function(x, alpha) if (x == n) 1 else qbeta(1 - alpha, x + 1, n - x)
  switch(alternative, less = c(0, p.U(x, 1 - conf.level)),
         greater = c(p.L(x, 1 - conf.level), 1),
         two.sided = { alpha <- (1 - conf.level) / 2; c(p.L(x, alpha), p.U(x, alpha)) })
}
stopifnot(all.equal(cp(41, 120000, 0.95, "two.sided"),
                    as.vector(binom.test(41, 120000)$conf.int), tolerance = 0))
cat("/* R: binom.test(k, n, conf.level = level, alternative = c(\"two.sided\",\n",
    " * \"greater\", \"less\")[sides + 1])$conf.int, i.e. its code qbeta(alpha, k, n-k+1)\n",
    " * and qbeta(1 - alpha, k+1, n-k) evaluated directly (binom.test's p-value sums\n",
    " * dbinom over 0..n, infeasible at n = 1e9) */\n", sep = "")
for (cs in cases) for (lev in c(levels, 0.999999)) for (s in 0:2) {
  ci <- cp(cs[1], cs[2], lev, alt[s + 1])
  emit("PST_PROP_CLOPPER_PEARSON", cs[1], cs[2], lev, s, ci[1], ci[2])
}

# ---- Jeffreys ----
cat("/* R: t = (1-level)/2 (two-sided) or 1-level; lower = if (k == 0) 0 else\n",
    " * qbeta(t, k + 0.5, n - k + 0.5); upper = if (k == n) 1 else\n",
    " * qbeta(t, k + 0.5, n - k + 0.5, lower.tail = FALSE) */\n", sep = "")
for (cs in cases) for (lev in levels) for (s in 0:2) {
  k <- cs[1]; n <- cs[2]; t <- tail_p(lev, s)
  lo <- if (k == 0 || s == 2) 0 else qbeta(t, k + 0.5, n - k + 0.5)
  up <- if (k == n || s == 1) 1 else qbeta(t, k + 0.5, n - k + 0.5, lower.tail = FALSE)
  emit("PST_PROP_JEFFREYS", k, n, lev, s, lo, up)
}

# ---- Wilson with continuity correction (Newcombe method 4) ----
# prop.test shrinks the 0.5 correction to |k - n p0| when that is smaller;
# p0 is chosen far from k/n so that the correction is never shrunk.
cat("/* R: prop.test(k, n, p = if (k/n < 0.5) 0.9999 else 1e-4, conf.level = level,\n",
    " * alternative = ..., correct = TRUE)$conf.int  (p0 far from k/n: the 0.5\n",
    " * continuity correction is not shrunk; TECH-NOTES) */\n", sep = "")
for (cs in cases) for (lev in levels) for (s in 0:2) {
  k <- cs[1]; n <- cs[2]; p0 <- if (k / n < 0.5) 0.9999 else 1e-4
  ci <- suppressWarnings(prop.test(k, n, p = p0, conf.level = lev, alternative = alt[s + 1],
                                   correct = TRUE)$conf.int)
  emit("PST_PROP_WILSON_CC", k, n, lev, s, ci[1], ci[2])
}

# ---- Wilson (score), uncorrected ----
cat("/* R: prop.test(k, n, p = (as above), conf.level = level, alternative = ...,\n",
    " * correct = FALSE)$conf.int */\n", sep = "")
for (cs in cases) for (lev in levels) for (s in 0:2) {
  k <- cs[1]; n <- cs[2]; p0 <- if (k / n < 0.5) 0.9999 else 1e-4
  ci <- suppressWarnings(prop.test(k, n, p = p0, conf.level = lev, alternative = alt[s + 1],
                                   correct = FALSE)$conf.int)
  emit("PST_PROP_WILSON", k, n, lev, s, ci[1], ci[2])
}

# ---- mid-p: uniroot in log p on pbinom/dbinom ----
# lower: P(X > k) + P(X = k)/2 = t, upper: P(X < k) + P(X = k)/2 = t,
# each tail as a log via pbinom(log.p = TRUE) and dbinom(log = TRUE).
lse <- function(a, b) { m <- pmax(a, b); m + log(exp(a - m) + exp(b - m)) }
midp_lo <- function(k, n, t) {
  if (k == 0) return(0)
  f <- function(lp) lse(pbinom(k, n, exp(lp), lower.tail = FALSE, log.p = TRUE),
                        dbinom(k, n, exp(lp), log = TRUE) - log(2)) - log(t)
  if (k == n) return(exp(log(2 * t) / n))
  hi <- log(k / n); if (f(hi) <= 0) return(k / n)
  # bracket: the Clopper-Pearson bound at t lies below (P(X >= k) = t there)
  exp(uniroot(f, c(log(qbeta(t, k, n - k + 1)), hi), tol = 1e-15, maxiter = 10000)$root)
}
midp_up <- function(k, n, t) {
  if (k == n) return(1)
  if (k == 0) return(-expm1(log(2 * t) / n))
  g <- function(lp) lse(pbinom(k - 1, n, exp(lp), log.p = TRUE),
                        dbinom(k, n, exp(lp), log = TRUE) - log(2)) - log(t)
  lo <- log(k / n); if (g(lo) <= 0) return(k / n)
  # bracket: the Clopper-Pearson bound at t lies above (P(X <= k) = t there)
  exp(uniroot(g, c(lo, log(qbeta(t, k + 1, n - k, lower.tail = FALSE))), tol = 1e-15,
              maxiter = 10000)$root)
}
cat("/* R: mid-p bounds by uniroot(tol = 1e-15) in log p on\n",
    " * log(pbinom(k, n, p, lower.tail = FALSE) + dbinom(k, n, p)/2) = log t (lower) and\n",
    " * log(pbinom(k - 1, n, p) + dbinom(k, n, p)/2) = log t (upper), tails as logs\n",
    " * (log.p = TRUE, log-sum-exp); closed forms at k = 0 (U = 1 - (2t)^(1/n)) and\n",
    " * k = n (L = (2t)^(1/n)).  Cross-checked by tests/ref/gen_prop.py (scipy). */\n", sep = "")
for (cs in cases) for (lev in levels) for (s in 0:2) {
  k <- cs[1]; n <- cs[2]; t <- tail_p(lev, s)
  lo <- if (s == 2) 0 else midp_lo(k, n, t)
  up <- if (s == 1) 1 else midp_up(k, n, t)
  emit("PST_PROP_MIDP", k, n, lev, s, lo, up)
}

# ---- likelihood ratio ----
dev <- function(k, n, p) 2 * (dbinom(k, n, k / n, log = TRUE) - dbinom(k, n, p, log = TRUE))
lr_bounds <- function(k, n, z) {
  c2 <- z^2
  lo <- if (k == 0) 0 else if (k == n) exp(-c2 / (2 * n)) else
    exp(uniroot(function(lp) dev(k, n, exp(lp)) - c2, c(log(k / n) - 60, log(k / n)),
                tol = 1e-15, maxiter = 10000)$root)
  up <- if (k == n) 1 else if (k == 0) -expm1(-c2 / (2 * n)) else
    -expm1(uniroot(function(lq) dev(k, n, -expm1(lq)) - c2, c(log1p(-k / n) - 60, log1p(-k / n)),
                   tol = 1e-15, maxiter = 10000)$root)
  c(lo, up)
}
cat("/* R: likelihood-ratio bounds by uniroot(tol = 1e-15) in log p (lower) and\n",
    " * log(1-p) (upper) on 2*(dbinom(k, n, k/n, log = TRUE) - dbinom(k, n, p, log = TRUE))\n",
    " * = qnorm(t, lower.tail = FALSE)^2; closed forms at k = 0 and k = n.\n",
    " * Cross-checked by tests/ref/gen_prop.py (mpmath, 50 digits). */\n", sep = "")
for (cs in cases) for (lev in levels) for (s in 0:2) {
  k <- cs[1]; n <- cs[2]; t <- tail_p(lev, s)
  b <- lr_bounds(k, n, qnorm(t, lower.tail = FALSE))
  emit("PST_PROP_LR", k, n, lev, s, if (s == 2) 0 else b[1], if (s == 1) 1 else b[2])
}
