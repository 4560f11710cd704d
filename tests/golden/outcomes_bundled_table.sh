powstat outcomes --format table --cohort special-camps-1944,special-camps-1944-certificate,repatriated-pows-1946
