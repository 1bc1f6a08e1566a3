"""Derive the credit marts under an alternative policy, in a DuckDB file of their own (data/whatif/<name>.duckdb).

The file starts as a copy of the analysts' snapshot (the embedded file) or of the lake read read-only (DuckLake):
the live warehouse, its publications and its snapshot are only read. The marts as built live are kept in schema
`baseline`; then the same builders (build_step, build_kpis) run the same SQL with the alternative policy bound
(creditwh.platform.policy.using_policy) and replace core and marts in the copy.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import duckdb

from creditwh.assessment.kpi import build_kpis
from creditwh.credit.build import build_step, prepare_core
from creditwh.platform import config
from creditwh.platform.policy import using_policy
from creditwh.platform.sql import execute

# what the diff compares: each kept as built live (baseline.<name>) before the builders replace it
COMPARED = (
    "core.credit_events",
    "marts.event_timelines",
    "marts.credit_standing_history",
    "marts.list_memberships",
    "marts.screenings",
    "marts.screening_reasons",
    "marts.kpi",
)


def whatif_file(name: str, data_dir: Path | None = None) -> Path:
    return (data_dir or config.data_dir()) / "whatif" / f"{name}.duckdb"


def copy_warehouse(target: Path, source: Path | None = None) -> Path:
    """A private copy of the warehouse to derive in: the analysts' snapshot's bytes (file backend), or the lake,
    attached read-only, copied into the file (DuckLake). Never the live file: its writer may be mid-run."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in (target, target.with_name(target.name + ".wal")):
        stale.unlink(missing_ok=True)
    if config.catalog() == "ducklake" and source is None:
        from creditwh.platform.warehouse import connect
        from creditwh.publication.snapshot import publish_snapshot

        with connect(config.warehouse_path(), read_only=True) as lake:
            return publish_snapshot(lake, target)
    source = source or config.analytics_path()
    if not source.exists():
        raise FileNotFoundError(f"没有分析快照 / no analysts' snapshot at {source}: run the daily chain first")
    shutil.copyfile(source, target)
    return target


def derive(
    target: Path,
    policy: Path,
    steps: Iterable[str],
    as_of: date | Callable[[duckdb.DuckDBPyConnection], date],
    source: Path | None = None,
) -> Path:
    """Copy the warehouse to `target`, keep its marts as `baseline`, and build core and marts again there under the
    policy file `policy`, step by step in the asset graph's order (`steps`, sql/<step>.sql), then the KPIs as of
    `as_of` (or the day a callable reads from the copy)."""
    copy_warehouse(target, source)
    with duckdb.connect(str(target)) as con:
        con.execute("set memory_limit = ?", [config.duckdb_memory_limit()])
        # the snapshot leaves the incremental builds' bookkeeping out: each table here is built whole
        execute(con, "platform/ops_schema")
        execute(con, "whatif/baseline_schema")
        for relation in COMPARED:
            execute(con, "whatif/keep_baseline", target=f"baseline.{relation.split('.')[1]}", source=relation)
        kpi_day = as_of(con) if callable(as_of) else as_of
        with using_policy(policy):
            for step in steps:
                build_step(con, step)
            prepare_core(con)
            build_kpis(con, kpi_day)
        con.execute("checkpoint")
    return target
