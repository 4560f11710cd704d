# tornado data for 'powstat chart tornado'
powstat sensitivity tornado --format csv
powstat sensitivity tornado --measure difference --level 0.5 --format table
powstat sensitivity tornado --spec data/sim_spec.csv --compare special-camps:prisons --format csv | cut -d, -f1-8
