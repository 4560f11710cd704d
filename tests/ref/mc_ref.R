# Reference values for tests/test_mc.c and tests/test_sens.c.
# Run: Rscript tests/ref/mc_ref.R
options(digits = 17)
qtri <- function(p, a, m, b) ifelse(p < (m - a) / (b - a),
                                     a + sqrt(p * (b - a) * (m - a)),
                                     b - sqrt((1 - p) * (b - a) * (b - m)))
qpert <- function(p, a, m, b) a + (b - a) * qbeta(p, 1 + 4 * (m - a) / (b - a), 1 + 4 * (b - m) / (b - a))
cat("qtri(0.1, 0.2, 0.3, 0.7) =", sprintf("%.17g", qtri(0.1, 0.2, 0.3, 0.7)), "\n")
cat("qtri(0.9, 0.2, 0.3, 0.7) =", sprintf("%.17g", qtri(0.9, 0.2, 0.3, 0.7)), "\n")
cat("qpert(0.025, 0.4, 0.55, 0.6) =", sprintf("%.17g", qpert(0.025, 0.4, 0.55, 0.6)), "\n")
cat("qpert(0.9999, 0.4, 0.55, 0.6) =", sprintf("%.17g", qpert(0.9999, 0.4, 0.55, 0.6)), "\n")
cat("qnorm(0.975, 0.3, 0.05) =", sprintf("%.17g", qnorm(0.975, 0.3, 0.05)), "\n")
cat("qlnorm(0.5, -1.2, 0.3) =", sprintf("%.17g", qlnorm(0.5, -1.2, 0.3)), "\n")
cat("qlnorm(0.9, -1.2, 0.3) =", sprintf("%.17g", qlnorm(0.9, -1.2, 0.3)), "\n")
# beta from counts (Jeffreys): Beta(k + 1/2, n - k + 1/2)
cat("qbeta(0.025, 41.5, 119959.5) =", sprintf("%.17g", qbeta(0.025, 41.5, 119959.5)), "\n")
cat("qbeta(0.975, 3300000.5, 2400000.5) =", sprintf("%.17g", qbeta(0.975, 3300000.5, 2400000.5)), "\n")
cat("qbeta(0.5, 0.5, 1.5) =", sprintf("%.17g", qbeta(0.5, 0.5, 1.5)), "\n")
# type 7 quantiles
x <- c(0.1, 0.4, 0.2, 0.9, 0.5)
cat("quantile(x, c(0.1, 0.5, 0.95), type = 7) =", sprintf("%.17g", quantile(x, c(0.1, 0.5, 0.95), type = 7)), "\n")
# Ishigami (a = 7, b = 0.1) analytic indices (Ishigami and Homma 1990; Sobol' and Levitan 1999)
a <- 7; b <- 0.1
V <- a^2 / 8 + b * pi^4 / 5 + b^2 * pi^8 / 18 + 1 / 2
V1 <- (1 + b * pi^4 / 5)^2 / 2; V2 <- a^2 / 8; V13 <- 8 * b^2 * pi^8 / 225
cat("Ishigami S =", sprintf("%.17g", c(V1, V2, 0) / V), "\n")
cat("Ishigami ST =", sprintf("%.17g", c(V1 + V13, V2, V13) / V), "\n")
