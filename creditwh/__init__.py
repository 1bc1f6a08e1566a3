"""Credit warehouse library: plain Python used by the Dagster code location, the CLI and the tests."""
