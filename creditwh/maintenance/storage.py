"""Storage housekeeping: DuckLake's small files and old snapshots merged and expired, the embedded file checkpointed."""

from __future__ import annotations

import duckdb

from creditwh.platform.sql import execute


def maintain(con: duckdb.DuckDBPyConnection, keep_days: int) -> dict:
    """Housekeeping for whichever backend this is; returns what it found and did, for the asset's metadata."""
    backend = execute(con, "maintenance/backend").fetchone()[0]
    if backend != "ducklake":
        execute(con, "maintenance/duckdb")
        return {"backend": backend}
    params = {"catalog": con.execute("select current_database()").fetchone()[0], "keep_days": keep_days}
    before = execute(con, "maintenance/ducklake_files", params).fetchone()
    execute(con, "maintenance/ducklake", params)
    after = execute(con, "maintenance/ducklake_files", params).fetchone()
    return {
        "backend": backend,
        "keep_days": keep_days,
        "data_files_before": before[0],
        "data_files_after": after[0],
        "data_mb_after": round((after[1] or 0) / 1e6, 1),
        "snapshots_before": before[2],
        "snapshots_after": after[2],
    }
