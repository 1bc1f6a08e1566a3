"""Scenario harness: deliver records day by day, run ingest and validation, build the models in the order of the real
asset graph, and ask the credit questions."""

from __future__ import annotations

import shutil
from collections import defaultdict
from datetime import date
from pathlib import Path

import dagster as dg
import fastexcel
import polars as pl

from assets.lineage import model_steps
from assets.resources import WarehouseResource
from creditwh.assessment.kpi import build_kpis
from creditwh.credit.build import build_step, credit_check
from creditwh.ingest.load import ingest_partition
from creditwh.platform.sources import SOURCES, get_source
from creditwh.platform.warehouse import connect
from creditwh.sample.builders import headers, write_csv
from creditwh.validation.correction_lists import write_correction_lists
from creditwh.validation.summary import build_quality_summary
from creditwh.validation.validate import prepare, validate_partition
from pipelines.definitions import defs
from tests.support.validation_harness import load_calendar


class Scenario:
    def __init__(self, workdir: Path, materialize: bool = False):
        self.materialize = materialize  # through dg.materialize (slower) rather than the graph walk
        self.workdir = workdir
        self.landing = workdir / "landing"
        self.deliveries: dict[tuple[date, str], list[tuple[str | None, dict]]] = defaultdict(list)
        self.resent: set[tuple[date, str]] = set()
        self.counter = 0
        self.runs = 0

    def deliver(self, day: str, source: str, row: dict, file: str | None = None) -> Scenario:
        """A row of the day's delivery; in the file named, for a day a unit sends in several files (by default one
        file per day and source)."""
        self.deliveries[(date.fromisoformat(day), source)].append((file, row))
        return self

    def resend(self, day: str, source: str) -> Scenario:
        """The unit sends the day again: what is delivered for it from now on replaces its folder at the next run."""
        self.deliveries.pop((date.fromisoformat(day), source), None)
        self.resent.add((date.fromisoformat(day), source))
        return self

    def run(self) -> Scenario:
        self.runs += 1
        with connect(self.workdir / "warehouse.duckdb") as con:
            load_calendar(con)
            prepare(con)
            for day, source in self.resent:
                shutil.rmtree(self.landing / source / day.isoformat(), ignore_errors=True)
            self.resent.clear()
            for (day, source), delivered in sorted(self.deliveries.items(), key=lambda item: item[0]):
                self.counter += 1
                files = defaultdict(list)
                for file, row in delivered:
                    files[file or f"d{self.counter}.csv"].append(row)
                for file, rows in files.items():
                    write_csv(self.landing / source / day.isoformat() / file, rows, headers(source))
            for day, source in sorted(self.deliveries):
                ingest_partition(con, get_source(source), self.landing, day)
                validate_partition(con, get_source(source), day, run_id=self.run_id)
            for source in SOURCES:
                _ensure_empty_staging(con, source)
            build_quality_summary(con)
            if not self.materialize:
                for _, step in MODELS:  # a model added to the graph is built here too, after what it reads
                    build_step(con, step)
        if self.materialize:
            materialize_models(self.workdir / "warehouse.duckdb")
        with connect(self.workdir / "warehouse.duckdb") as con:
            build_kpis(con, max(day for day, _ in self.deliveries))
        return self

    @property
    def run_id(self) -> str:
        """The latest run's id, as the validation records it."""
        return f"scenario-run-{self.runs}"

    def check(self, code: str, as_of: str, known: str = "then") -> dict:
        with connect(self.workdir / "warehouse.duckdb", read_only=True) as con:
            return credit_check(con, code, date.fromisoformat(as_of), known)

    def query(self, sql: str, params=None):
        with connect(self.workdir / "warehouse.duckdb", read_only=True) as con:
            return con.execute(sql, params or []).fetchall()

    def correction_lists(self, out: Path) -> pl.DataFrame:
        """Every unit's correction list written into `out`, as read back from the workbooks, in one frame."""
        with connect(self.workdir / "warehouse.duckdb", read_only=True) as con:
            write_correction_lists(con, out)
        books = [fastexcel.read_excel(book).load_sheet(0).to_polars() for book in sorted(out.glob("*.xlsx"))]
        return pl.concat(books, how="diagonal_relaxed")


MODELS = model_steps(defs.resolve_asset_graph())  # (asset key, step) in the order of the graph the daemon runs
MODEL_KEYS = [key for key, _ in MODELS]


def model_assets() -> list[dg.AssetsDefinition]:
    """The SQL-model assets themselves, for dg.materialize."""
    return [a for a in defs.assets if isinstance(a, dg.AssetsDefinition) and set(a.keys) & set(MODEL_KEYS)]


def materialize_models(path: Path) -> None:
    """Build core and marts by materializing the real asset graph (its order, its deps) over the scenario's file."""
    resources = {"warehouse": WarehouseResource(path=str(path))}
    assert dg.materialize(model_assets(), resources=resources, raise_on_error=True).success


def _ensure_empty_staging(con, source: str) -> None:
    """A source with no delivery in a scenario still needs its (empty) staging table and latest view."""
    exists = con.execute(
        "select count(*) from duckdb_tables() where schema_name = 'staging' and table_name = ?", [source]
    ).fetchone()[0]
    if not exists:
        validate_partition(con, get_source(source), date(2000, 1, 3))
