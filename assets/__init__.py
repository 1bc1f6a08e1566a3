"""Asset definitions, one module per domain: ingest, validation, credit, screening, publication, assessment, maintenance.

Layers stay DuckDB schemas and asset-key prefixes (raw, staging, quality, core, marts, publish)."""
