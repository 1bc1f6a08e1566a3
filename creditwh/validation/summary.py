"""The data-quality summary (quality.summary): received, accepted, rejected and late, per source, day and unit."""

from __future__ import annotations

from creditwh.platform.sources import SOURCES
from creditwh.platform.sql import execute


def build_quality_summary(con) -> None:
    """Rebuild quality.summary from raw and staging in one transaction, so readers never see half of it."""
    con.execute("begin transaction")
    try:
        execute(con, "validation/summary_table")
        for s in SOURCES.values():
            execute(
                con,
                "validation/summary_source",
                {"source": s.name},
                raw_table=s.raw_table,
                staging_table=s.staging_table,
                unit_column=s.unit_column,
            )
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
