"""The platform under every domain: the warehouse connection, SQL loading, settings, the source registry, identifier
codes, the working-day calendar, the policy file and atomic file outputs. It imports nothing above it and no Dagster."""
