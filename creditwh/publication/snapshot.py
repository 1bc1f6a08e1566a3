"""The analysts' copy: a read-only snapshot of the warehouse, replaced atomically at the end of each run.

Analysts and dashboards open data/analytics.duckdb, never the live file, so they never block the pipeline and
the pipeline never blocks them. A reader already connected keeps the old snapshot (the old inode) until it
reconnects. The bookkeeping schema (ops) is left out: analysts see the business schemas only.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb

from creditwh.platform.sql import execute, quote_literal


def publish_snapshot(con, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.unlink(missing_ok=True)
    live = execute(con, "platform/current_database_file").fetchone()
    if live:
        # The embedded file, checkpointed (nothing left in the WAL) by its only writer: a byte copy is the same
        # database, and 20x faster than COPY FROM DATABASE (0.6 s against 11.7 s for the 1M-row benchmark).
        execute(con, "publication/snapshot_checkpoint")
        shutil.copyfile(live[0], tmp)
    else:
        # DuckLake: its tables, views and macros (with their comments) copied into a file
        source = con.execute("select current_database()").fetchone()[0]
        execute(con, "publication/snapshot_attach", fragments={"path": quote_literal(str(tmp))})
        try:
            execute(con, "publication/snapshot_copy", source_db=source)
        finally:
            con.execute("detach analytics_snapshot")
    with duckdb.connect(str(tmp)) as copy:
        execute(copy, "publication/snapshot_drop_ops")
    os.replace(tmp, target)
    return target
