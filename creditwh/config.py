"""Paths and settings from the environment, with the embedded defaults used by the demo."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    return Path(os.environ.get("CREDIT_DATA_DIR", REPO_ROOT / "data"))


def warehouse_path() -> Path:
    return Path(os.environ.get("CREDIT_WAREHOUSE", data_dir() / "warehouse.duckdb"))


def landing_dir() -> Path:
    return Path(os.environ.get("CREDIT_LANDING_DIR", data_dir() / "landing"))


def duckdb_memory_limit() -> str:
    # Bounded so that a province-sized run spills to disk instead of taking the machine. 3 GB for DuckDB keeps
    # the whole process (Python, Arrow buffers, DuckDB) under the 4 GB goal: with 4 GB it peaked at 4.3 GB.
    return os.environ.get("CREDIT_DUCKDB_MEMORY", "3GB")


def analytics_path() -> Path:
    """The read-only copy analysts and dashboards open."""
    return Path(os.environ.get("CREDIT_ANALYTICS", data_dir() / "analytics.duckdb"))
