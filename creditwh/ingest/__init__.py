"""Ingest: landing files read, their headers mapped, and every row loaded into the raw layer with its lineage."""
