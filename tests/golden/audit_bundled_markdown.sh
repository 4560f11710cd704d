powstat audit --format markdown
