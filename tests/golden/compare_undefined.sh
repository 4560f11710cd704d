# zero deaths in the reference group: the ratio is undefined, the intervals
# that exist are shown (inf upper bounds), never NaN; JSON has null there
powstat compare 5/100 0/200 --measure ratio,odds-ratio --method all --format csv
powstat compare 0/100 0/200 --measure ratio --method koopman --format json
