# The `powstat batch` benchmark job in base R (vectorised): read the job CSV,
# Wilson (closed form, as prop.test(correct = FALSE)) or Clopper-Pearson
# (qbeta, as binom.test) intervals, write CSV with 17 significant digits.
# Usage: Rscript batch_R.R JOBS.csv OUT.csv wilson|beta [LEVEL]
args <- commandArgs(trailingOnly = TRUE)
level <- if (length(args) > 3) as.numeric(args[4]) else 0.95
d <- read.csv(args[1], colClasses = c(id = "character", kind = "character",
              deaths = "numeric", captured = "numeric", method = "character",
              level = "character"))
k <- d$deaths; n <- d$captured; p <- k / n
a <- 1 - level
if (args[3] == "wilson") {
  z <- qnorm(1 - a / 2)
  c0 <- p + z^2 / (2 * n); h <- z * sqrt(p * (1 - p) / n + z^2 / (4 * n^2))
  lo <- (c0 - h) / (1 + z^2 / n); hi <- (c0 + h) / (1 + z^2 / n)
} else {
  lo <- ifelse(k == 0, 0, qbeta(a / 2, k, n - k + 1))
  hi <- ifelse(k == n, 1, qbeta(1 - a / 2, k + 1, n - k))
}
f <- function(x) sprintf("%.17g", x)
out <- data.frame(id = d$id, deaths = sprintf("%.0f", k), captured = sprintf("%.0f", n),
                  proportion = f(p), lower = f(lo), upper = f(hi))
write.csv(out, args[2], row.names = FALSE, quote = FALSE)
