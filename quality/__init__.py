"""Data-quality rules (rules.csv), compiled once into the SQL validator and the Great Expectations suites."""
