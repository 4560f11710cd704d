# The article's weekly comparison in one time unit: Beria's 8,193 deaths
# among 680,921 in the last week of November 1944 against 41 deaths in the
# 15 special camps (123,765 -> 119,859) in the same week; then with the
# article's "ten days" for Beria's figure, and the special camps against a
# year (1944) of GULAG camp deaths.
powstat compare --id ART06 --id ART07 --measure rate-ratio --method all --format table
powstat compare --id ART06 --id ART07 --measure rate-ratio --stated-days --format csv
powstat compare --id ART07 --id L03 --measure rate-ratio --format csv
