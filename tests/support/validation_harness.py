"""Runs rows through ingest and validation, and reports which rules each row broke."""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

from creditwh.ingest.load import ingest_partition
from creditwh.platform.sources import get_source
from creditwh.platform.warehouse import connect
from creditwh.platform.workdays import write_calendar
from creditwh.sample.builders import headers, write_csv
from creditwh.validation.validate import prepare, validate_partition

REPORTED = date(2026, 10, 9)


def load_calendar(con) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # 2027 falls back to Monday–Friday, as the warning says
        write_calendar(con, date(2027, 12, 31))


def validate_rows(workdir: Path, source: str, rows: list[dict], day: date = REPORTED, header_names: dict | None = None):
    """Failed rule ids per input row (in order), and the validation result."""
    landing = workdir / "landing"
    write_csv(landing / source / day.isoformat() / "rows.csv", rows, header_names or headers(source))
    with connect(workdir / "warehouse.duckdb") as con:
        ingest_partition(con, get_source(source), landing, day)
        load_calendar(con)
        prepare(con)
        result = validate_partition(con, get_source(source), day)
        failed = con.execute(
            "select source_row, list(rule_id) from quality.rejections where source = ? group by all", [source]
        ).fetchall()
    by_row = dict(failed)
    return [set(by_row.get(i + 2, [])) for i in range(len(rows))], result
