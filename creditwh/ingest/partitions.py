"""Which reporting dates a run over landing folders must process: those with a folder, and those whose folder is gone."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from creditwh.platform import catalog, config
from creditwh.platform.sql import execute
from creditwh.platform.warehouse import WarehouseLockedError, connect, exists


def dates_to_process(warehouse_file: Path, landed: list[str]) -> list[str]:
    """The landed dates, and every date between the first and the last of them that the warehouse holds files for.

    A day with neither a folder nor anything held is a no-op to ingest and validate, so it is left out: a back-load
    costs what was delivered, not the days in between. A day whose folder was removed is kept: ingesting it again
    empties its partition, as a re-send of nothing always has (validation then withdraws its records)."""
    if not landed or not exists(warehouse_file):
        return landed
    try:
        # A lake is attached for writing: read-only, a new lake (the first run) cannot be attached at all, and the
        # run about to start creates it anyway. The file is opened read-only, not to hold its lock.
        with connect(warehouse_file, read_only=config.catalog() != "ducklake") as con:
            if not catalog.table_exists(con, "raw.landing_files"):
                return landed
            held = execute(con, "ingest/held_dates", {"first": landed[0], "last": landed[-1]}).fetchall()
    except WarehouseLockedError:
        # another program holds the file: every day of the span, as before, and the run names the holder
        first, last = date.fromisoformat(landed[0]), date.fromisoformat(landed[-1])
        return [(first + timedelta(d)).isoformat() for d in range((last - first).days + 1)]
    return sorted({*landed, *(day for (day,) in held)})
