"""DuckLake with a PostgreSQL catalog: several writers at once lose and duplicate nothing, and analysts get the
same answers as from the embedded file."""

import multiprocessing
import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import dagster as dg
import pytest

from creditwh.platform.config import REPO_ROOT
from creditwh.platform.sources import SOURCES
from creditwh.platform.warehouse import connect
from creditwh.sample import generate
from tests.support.lake import environment, new_lake

START = date(2026, 10, 12)  # a Monday: four working days of deliveries
DAYS = [(START + timedelta(d)).isoformat() for d in range(4)]
RUN_TIMEOUT = 900  # seconds; a day's ingest takes under a minute alone, a few with four at once on 2 cores
INGEST = dg.AssetSelection.groups("raw") | dg.AssetSelection.assets(*[["staging", s] for s in SOURCES])


def _one_day(landing: str, day: str) -> bool:
    """One daily run of ingest and validation, as the daemon would launch it."""
    from pipelines.runner import materialize_range

    with dg.DagsterInstance.ephemeral() as instance:
        result = materialize_range(
            Path(landing), Path(landing).parent / "warehouse.duckdb", day, day, instance, selection=INGEST
        )
    return result.success


def _in_child(env: dict, landing: str, day: str) -> None:
    os.environ.update(env)  # a spawned worker process: its environment is its own
    sys.exit(0 if _one_day(landing, day) else 1)


def _prepare(warehouse: Path) -> None:
    """Schemas and the working-day calendar, once, before any worker (DuckLake: create tables from one process)."""
    from creditwh.platform.workdays import write_calendar

    with connect(warehouse) as con:
        write_calendar(con, date(2027, 12, 31))


def _parallel(env: dict, landing: Path, days: list[str]) -> list[bool]:
    """Each day's run in its own spawned process, all at once; whether each succeeded. A worker that dies or hangs
    fails the test (a Pool would wait forever on either)."""
    spawn = multiprocessing.get_context("spawn")
    workers = [spawn.Process(target=_in_child, args=(env, str(landing), d)) for d in days]
    for worker in workers:
        worker.start()
    deadline = time.monotonic() + RUN_TIMEOUT
    for worker in workers:
        worker.join(max(0.0, deadline - time.monotonic()))
    stuck = [d for d, worker in zip(days, workers, strict=False) if worker.is_alive()]
    for worker in workers:
        if worker.is_alive():
            worker.kill()
            worker.join()
    assert not stuck, f"runs still going after {RUN_TIMEOUT} s: {stuck}"
    return [worker.exitcode == 0 for worker in workers]


def _counts(warehouse: Path):
    with connect(warehouse, read_only=True) as con:
        return {
            # rows per day, and distinct delivered lines per day (equal when no line was loaded twice)
            s.name: con.table(s.raw_table)
            .aggregate(
                "reporting_date::varchar as day, count(*), count(distinct (source_file, coalesce(sheet, ''), source_row))",
                "reporting_date",
            )
            .order("day")
            .fetchall()
            for s in SOURCES.values()
        }


@pytest.fixture
def four_days(tmp_path):
    landing = tmp_path / "landing"
    summary = generate(landing, days=len(DAYS), scale=0.5, seed=11, start=START)
    delivered = {}
    for f in summary["files"]:
        if not f["bad_encoding"]:
            key = (f["source"], f["reporting_date"])
            delivered[key] = delivered.get(key, 0) + f["rows"]
    return landing, delivered


def test_four_partitions_ingested_in_parallel_lose_no_row_and_duplicate_none(lake_env, four_days):
    landing, delivered = four_days
    _prepare(landing.parent / "warehouse.duckdb")
    assert _parallel(lake_env, landing, DAYS) == [True] * 4
    warehouse = landing.parent / "warehouse.duckdb"  # on DuckLake only the spill folder's place
    first = _counts(warehouse)
    # every delivered row is in raw exactly once, or was rejected as an unreadable line
    with connect(warehouse, read_only=True) as con:
        for (source, day), rows in delivered.items():
            loaded, rejected = con.execute(
                f"select (select count(*) from raw.{source} where reporting_date = $d), "
                "(select count(distinct source_row) from raw.rejections where source = $s and reporting_date = $d)",
                {"d": day, "s": source},
            ).fetchone()
            assert loaded + rejected == rows, (source, day)
        for rows in first.values():
            assert all(n == distinct for _, n, distinct in rows)  # no row twice
        staged = con.execute("select count(*) from staging.penalties").fetchone()[0]
        rejected = con.execute(
            "select count(distinct (source_file, source_row)) from quality.rejections "
            "where source = 'penalties' and severity = 'reject'"
        ).fetchone()[0]
        assert staged + rejected == sum(r[1] for r in first["penalties"])
    # the same four partitions again, at once: each replaces its own rows (deletes racing inserts are retried)
    assert _parallel(lake_env, landing, DAYS) == [True] * 4
    assert _counts(warehouse) == first


def test_the_analyst_queries_give_identical_answers_on_both_backends(postgres_dsn, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from pipelines.cli import main

    answers = {}
    for backend in ("duckdb", "ducklake"):
        data = tmp_path / backend
        env = {"CREDIT_DATA_DIR": str(data)}
        if backend == "ducklake":
            env |= new_lake(postgres_dsn, tmp_path / "lake")
        with environment(env):
            result = CliRunner().invoke(main, ["demo", "--data-dir", str(data), "--days", "6", "--scale", "0.4"])
            assert result.exit_code == 0, result.output
            with connect(data / "warehouse.duckdb", read_only=True) as con:
                con.execute("set variable as_of = date '2026-10-12'")
                answers[backend] = {
                    q.name: sorted(map(repr, con.execute(q.read_text(encoding="utf-8")).fetchall()))
                    for q in sorted((REPO_ROOT / "sql" / "analyst").glob("*.sql"))
                }
    assert answers["ducklake"] == answers["duckdb"]
    assert any(answers["duckdb"].values())


def _materialize_maintenance(warehouse: Path) -> dict:
    from assets.maintenance import warehouse_storage
    from pipelines.resources import WarehouseResource

    result = dg.materialize([warehouse_storage], resources={"warehouse": WarehouseResource(path=str(warehouse))})
    assert result.success
    return {
        k: v.value
        for k, v in result.asset_materializations_for_node("maintenance__warehouse_storage")[0].metadata.items()
    }


def test_maintenance_compacts_the_lake_and_keeps_every_row(lake_env, four_days, monkeypatch):
    landing, _ = four_days
    warehouse = landing.parent / "warehouse.duckdb"
    _prepare(warehouse)
    for day in DAYS[:2]:  # two runs, one after the other: many small commits, many snapshots
        assert _one_day(str(landing), day)
    before = _counts(warehouse)
    monkeypatch.setenv("CREDIT_DUCKLAKE_KEEP_DAYS", "0")
    done = _materialize_maintenance(warehouse)
    assert done["backend"] == "ducklake"
    assert done["snapshots_after"] < done["snapshots_before"]
    assert _counts(warehouse) == before


def test_maintenance_on_the_embedded_file_is_a_checkpoint(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    with connect(warehouse) as con:
        con.execute("create table marts.figures as select 1 as n")
    # no table the credit check reads yet: nothing to lay out by subject
    assert _materialize_maintenance(warehouse) == {"backend": "duckdb", "sorted_by_subject": ""}
    assert not warehouse.with_suffix(".duckdb.wal").exists()


def test_workers_on_s3_compatible_storage_get_httpfs_and_a_secret_from_the_environment(monkeypatch):
    import duckdb

    from creditwh.platform.warehouse import configure_s3

    monkeypatch.setenv("CREDIT_S3_ENDPOINT", "minio.internal:9000")
    monkeypatch.setenv("CREDIT_S3_KEY_ID", "credit-worker")
    monkeypatch.setenv("CREDIT_S3_SECRET", "s3cr'et")  # a quote in a secret must not break the statement
    monkeypatch.setenv("CREDIT_S3_USE_SSL", "false")
    con = duckdb.connect()
    configure_s3(con)
    secret = con.execute("select type, scope, secret_string from duckdb_secrets() where name = 'credit_s3'").fetchone()
    assert secret[0] == "s3" and secret[1] == ["s3://", "s3n://", "s3a://"]
    assert "endpoint=minio.internal:9000" in secret[2] and "key_id=credit-worker" in secret[2]
    assert "use_ssl=false" in secret[2] and "s3cr'et" not in secret[2]  # redacted
    monkeypatch.setenv("CREDIT_S3_USE_SSL", "yes")
    with pytest.raises(ValueError, match="CREDIT_S3_USE_SSL"):
        configure_s3(con)


def test_a_lake_holding_one_penalty_answers_the_credit_check(lake_env, tmp_path):
    """A small day on the lake writes a few rows. Inlined into the catalog (DuckLake's default under 10 rows), a
    struct holding a list (marts.event_timelines.now) could not be read back and DuckDB aborted the process; the
    lake is attached without inlining."""
    from creditwh.sample.builders import COMPANY_USCC, penalty
    from tests.support.scenario import Scenario

    scenario = Scenario(tmp_path).deliver("2026-03-04", "penalties", penalty(decision_date="2026-03-02")).run()
    assert scenario.check(COMPANY_USCC, "2026-06-01")["known"]
    [(parquet_files,)] = scenario.query(
        "select count(*) from ducklake_list_files('warehouse', 'event_timelines', schema => 'marts')"
    )
    assert parquet_files >= 1  # the timeline is in a Parquet file, not in the catalog
