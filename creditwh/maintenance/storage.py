"""Storage housekeeping: DuckLake's small files and old snapshots merged and expired, the embedded file checkpointed."""

from __future__ import annotations

import duckdb

from creditwh.platform import catalog
from creditwh.platform.sql import execute
from creditwh.platform.warehouse import write_transaction

# The tables the credit check looks a subject up in that are kept from change: the days' changes append at their
# end, and sorting inside their builds ran out of memory at 10M rows (core.subjects is built whole in bucket order,
# and its days' changes append too; the list memberships and the commitments are built whole, in bucket order,
# daily). Each is laid out by core.subject_bucket, then key.
SORTED_BY_SUBJECT = (
    "core.subjects",
    "core.credit_events",
    "marts.event_timelines",
    "marts.credit_standing_history",
    "marts.credit_standing_history_now",
)


def maintain(con: duckdb.DuckDBPyConnection, keep_days: int) -> dict:
    """Housekeeping for whichever backend this is; returns what it found and did, for the asset's metadata."""
    backend = execute(con, "maintenance/backend").fetchone()[0]
    if backend != "ducklake":
        # DuckLake writes new files per change and has no in-place layout to keep; the embedded file does
        # a table built by older code has no bucket yet: its SQL changed, so its next build rebuilds it whole, with one
        sorted_tables = [
            t for t in SORTED_BY_SUBJECT if catalog.table_exists(con, t) and "subject_bucket" in catalog.columns(con, t)
        ]
        for table in sorted_tables:
            write_transaction(con, lambda table=table: execute(con, "maintenance/sort_by_subject", table=table))
        execute(con, "maintenance/duckdb")
        return {"backend": backend, "sorted_by_subject": ", ".join(sorted_tables)}
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
