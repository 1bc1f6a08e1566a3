"""Scenario harness: deliver records day by day, run the pipeline functions, ask the credit questions."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

from creditwh.assessment.kpi import build_kpis
from creditwh.credit.build import build_core, build_marts, credit_check
from creditwh.ingest.load import ingest_partition
from creditwh.platform.sources import get_source
from creditwh.platform.warehouse import connect
from creditwh.sample.builders import headers, write_csv
from creditwh.validation.summary import build_quality_summary
from creditwh.validation.validate import prepare, validate_partition
from tests.support.validation_harness import load_calendar


class Scenario:
    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.landing = workdir / "landing"
        self.deliveries: dict[tuple[date, str], list[dict]] = defaultdict(list)
        self.counter = 0

    def deliver(self, day: str, source: str, row: dict) -> Scenario:
        self.deliveries[(date.fromisoformat(day), source)].append(row)
        return self

    def run(self) -> Scenario:
        with connect(self.workdir / "warehouse.duckdb") as con:
            load_calendar(con)
            prepare(con)
            for (day, source), rows in sorted(self.deliveries.items()):
                self.counter += 1
                write_csv(self.landing / source / day.isoformat() / f"d{self.counter}.csv", rows, headers(source))
            for day, source in sorted(self.deliveries):
                ingest_partition(con, get_source(source), self.landing, day)
                validate_partition(con, get_source(source), day)
            for source in (
                "licenses",
                "penalties",
                "procurement",
                "upstream_lists",
                "repairs",
                "objections",
                "applications",
            ):
                _ensure_empty_staging(con, source)
            build_quality_summary(con)
            build_core(con)
            build_marts(con)
            build_kpis(con, max(day for day, _ in self.deliveries))
        return self

    def check(self, code: str, as_of: str) -> dict:
        with connect(self.workdir / "warehouse.duckdb", read_only=True) as con:
            return credit_check(con, code, date.fromisoformat(as_of))

    def query(self, sql: str, params=None):
        with connect(self.workdir / "warehouse.duckdb", read_only=True) as con:
            return con.execute(sql, params or []).fetchall()


def _ensure_empty_staging(con, source: str) -> None:
    """A source with no delivery in a scenario still needs its (empty) staging table and latest view."""
    exists = con.execute(
        "select count(*) from duckdb_tables() where schema_name = 'staging' and table_name = ?", [source]
    ).fetchone()[0]
    if not exists:
        validate_partition(con, get_source(source), date(2000, 1, 3))
