"""The Dagster code location: wiring only (definitions, resources, jobs, schedules, sensors, CLI)."""
