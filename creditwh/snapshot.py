"""The analysts' copy: a read-only snapshot of the warehouse, replaced atomically at the end of each run.

Analysts and dashboards open data/analytics.duckdb, never the live file, so they never block the pipeline and
the pipeline never blocks them. A reader already connected keeps the old snapshot (the old inode) until it
reconnects.
"""

from __future__ import annotations

import os
from pathlib import Path

from creditwh.sql import execute, quote_literal


def publish_snapshot(con, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    source = con.execute("select current_database()").fetchone()[0]
    # COPY FROM DATABASE takes tables, views, macros and their comments
    execute(con, "publish/snapshot_attach", fragments={"path": quote_literal(str(tmp))})
    try:
        execute(con, "publish/snapshot_copy", source_db=source)
    finally:
        con.execute("detach analytics_snapshot")
    os.replace(tmp, target)
    return target
