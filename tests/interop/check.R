# check.R CSV: read a powstat CSV with R's read.csv defaults and report, one
# line per column (tab-separated): name, class, then every value (numbers
# with 17 significant digits, NA as NA).  check.py compares it with the JSON.
args <- commandArgs(trailingOnly = TRUE)
x <- read.csv(args[1], check.names = FALSE, stringsAsFactors = FALSE)
for (col in names(x)) {
  v <- x[[col]]
  cls <- class(v)[1]
  s <- if (is.numeric(v)) ifelse(is.na(v), "NA", sprintf("%.17g", v)) else ifelse(is.na(v), "NA", as.character(v))
  s <- gsub("[\t\n]", " ", s)
  cat(col, cls, s, sep = "\t")
  cat("\n")
}
