# Reference values for tests/test_audit.c (run: Rscript tests/ref/audit_ref.R).
# Plain arithmetic in R, printed with 17 significant digits; the rate is the
# constant-hazard conversion 1 - (1 - p)^(D/W) of a proportion observed over
# W days to D days.
p <- function(label, x) cat(sprintf("%-28s %.17g\n", label, x))
p("pct 442100/3576300", 100 * 442100 / 3576300)
p("pct 137000/800000", 100 * 137000 / 800000)
p("pct 40000/154700", 100 * 40000 / 154700)
p("pct 40000/1547000", 100 * 40000 / 1547000)
p("rate 8193/680921 7->10", 100 * (1 - (1 - 8193 / 680921)^(10 / 7)))
p("rate 8193/680921 7->365.25", 100 * (1 - (1 - 8193 / 680921)^(365.25 / 7)))
p("pct 1234567890/9876543210", 100 * 1234567890 / 9876543210)
p("pct 30749/302992", 100 * 30749 / 302992)
p("pct 5924/302992", 100 * 5924 / 302992)
p("pct 1284/50441", 100 * 1284 / 50441)
p("ratio 1.2/0.03", 1.2 / 0.03)
p("pct 1500/3500", 100 * 1500 / 3500)
p("pct 403/2377", 100 * 403 / 2377)
