# --strict: exit 1 when a mismatch exists, 0 when none; without it, 0 always
powstat audit ../../datasets/claims.csv --format csv >/dev/null; echo "plain: $?"
powstat audit ../../datasets/claims.csv --format csv --strict >/dev/null; echo "strict, mismatches: $?"
powstat audit data/audit_consistent.csv --format csv --strict; echo "strict, none: $?"
