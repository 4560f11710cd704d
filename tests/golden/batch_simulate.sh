# simulate jobs: one group (its mortality) or A:B (mortality of each, ratio,
# difference, P(ratio > t)); the seed cell, or the seed derived from --seed
# and the id.  Reference seeds from tests/ref/gen_batch_seed.py:
#   gen_batch_seed.py 1 s1 s2 dup   -> s1 1027023719049080911, dup 10393595212917818973
#   gen_batch_seed.py 42 s1         -> s1 3369881861372861565
# 'big' (2e6 draws) uses the binned quantiles.
powstat batch data/batch_simulate.csv; echo "exit $?"
echo "id,lower,upper,group,output,mean,median,quantiles,seed:"
powstat batch data/batch_simulate.csv | tail -n +2 | awk -F, '{print $1","$7","$8","$14","$21","$24","$26","$33","$35}'
# the same job id gets the same seed and rows wherever it stands; other ids
# other seeds
powstat batch data/batch_simulate.csv | awk -F, '$1 == "dup"' | uniq | wc -l | sed 's/^/distinct dup rows: /'
powstat batch data/batch_simulate.csv | awk -F, '$1 == "s1" || $1 == "dup" || $1 == "s3" {print $35}' | sort -u | wc -l | sed 's/^/distinct derived seeds (s1, dup, s3): /'
# another base seed moves every derived seed, not the given one (s2: 7)
powstat batch --seed 42 data/batch_simulate.csv | awk -F, 'NR > 1 {print $1, $35}' | uniq
# a job reproduces powstat simulate with its seed and draws (exact quantiles)
powstat batch data/batch_simulate.csv | awk -F, '$1 == "s2" && $21 != "p_ratio_gt" {print $24","$25","$26","$7","$8}' > "$TMPDIR/b"
powstat simulate --compare soviet-pows-germany:german-pows-ussr --draws 20000 --seed 7 --level 0.9 \
  --exact --threshold '' -f csv | awk -F, 'NR > 1 {print $5","$6","$7","$8","$9}' > "$TMPDIR/s"
cmp "$TMPDIR/b" "$TMPDIR/s" && echo "s2 = powstat simulate --seed 7 --draws 20000 --level 0.9 --exact"
powstat batch data/batch_simulate.csv | awk -F, '$1 == "s1" {print $24","$26","$7","$8}' > "$TMPDIR/b"
powstat simulate --groups soviet-pows-germany --compare '' --draws 10000 --seed 1027023719049080911 \
  --exact -f csv | awk -F, 'NR > 1 {print $5","$7","$8","$9}' > "$TMPDIR/s"
cmp "$TMPDIR/b" "$TMPDIR/s" && echo "s1 = powstat simulate --seed 1027023719049080911 --draws 10000 --exact"
# results do not depend on --threads
powstat batch data/batch_simulate.csv > "$TMPDIR/t1"
powstat batch --threads 3 data/batch_simulate.csv > "$TMPDIR/t3"
cmp "$TMPDIR/t1" "$TMPDIR/t3" && echo "--threads 3: identical output"
powstat batch -f json-lines data/batch_simulate.csv | sed -n 2p
