# a spec file: a weighted mixture replacing the derived german-pows-ussr,
# and one input of every other distribution
powstat simulate --spec data/sim_spec.csv --show-inputs --format csv | grep -E '^(input|german-pows-ussr|soviet-pows-germany|special-camps|gulag|prisons|italian|fixed|flat|fixed-b),'
powstat simulate --spec data/sim_spec.csv --draws 100000 --seed 2 --groups german-pows-ussr,special-camps,gulag,italian,fixed,flat --compare soviet-pows-germany:german-pows-ussr,special-camps:prisons --format csv | cut -d, -f1-17
