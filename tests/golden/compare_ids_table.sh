# dataset ids: German prisoners held by the USSR (article) against Soviet
# prisoners held by Germany (Streit); ratio and odds ratio with all methods
powstat compare --id ART02 --id S01 --measure ratio,odds-ratio --method all --format table
# an estimate with a between-source range: the output says so
powstat compare --id G05 --id W01 --measure diff --format csv
