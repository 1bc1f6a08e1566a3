"""Runs through Dagster: partition ranges in one run, the conservation check, and writers serialised by the pool."""

import dagster as dg
import duckdb
import pytest

from creditwh.sample.builders import headers, penalty, write_csv
from pipelines.definitions import defs
from pipelines.runner import materialize_range


def ingest_job():
    return defs.resolve_job_def("ingest_landing")


@pytest.fixture
def two_days(landing):
    write_csv(
        landing / "penalties/2026-10-09/a.csv",
        [penalty(), penalty(decision_doc_no="2号")],
        headers("penalties"),
        extra_lines=["坏行"],
    )
    write_csv(landing / "penalties/2026-10-10/b.csv", [penalty(decision_doc_no="3号")], headers("penalties"))
    write_csv(landing / "licenses/2026-10-10/c.csv", [{"subject_name": "甲", "decision_doc_no": "许1号"}])
    return landing


@pytest.mark.e2e  # the whole daily chain through Dagster
def test_a_range_of_reporting_dates_materialises_in_one_run_with_the_conservation_check(two_days, warehouse_file):
    with dg.instance_for_test() as instance:
        result = materialize_range(two_days, warehouse_file, "2026-10-09", "2026-10-10", instance)
        assert result.success
        checks = {(e.asset_key.to_user_string(), e.check_name): e.passed for e in result.get_asset_check_evaluations()}
        assert checks[("raw/penalties", "rows_conserved")] is True
        meta = {
            m.materialization.asset_key.to_user_string(): m.materialization.metadata
            for m in (e.event_specific_data for e in result.get_asset_materialization_events())
        }
        assert meta["raw/penalties"]["rows_loaded"].value == 3
        assert meta["raw/penalties"]["lines_rejected"].value == 1
        assert "a.csv" in meta["raw/penalties"]["files"].value
    with duckdb.connect(str(warehouse_file), read_only=True) as con:
        assert con.execute("select count(*) from raw.penalties").fetchone() == (3,)
        assert con.execute("select count(*) from raw.licenses").fetchone() == (1,)


@pytest.mark.e2e  # six processes that each import the whole code location
def test_all_writers_run_under_the_multiprocess_executor_without_a_lock_error(two_days, warehouse_file, monkeypatch):
    """Six ingest steps in separate processes: the pool of one slot serialises them on the DuckDB file."""
    monkeypatch.setenv("CREDIT_WAREHOUSE", str(warehouse_file))
    monkeypatch.setenv("CREDIT_LANDING_DIR", str(two_days))
    with dg.instance_for_test(overrides={"concurrency": {"pools": {"default_limit": 1}}}) as instance:
        result = dg.execute_job(
            dg.reconstructable(ingest_job),
            instance=instance,
            tags={
                "dagster/asset_partition_range_start": "2026-10-09",
                "dagster/asset_partition_range_end": "2026-10-10",
            },
        )
        assert result.success
        logs = "\n".join(str(e.message) for e in instance.all_logs(result.run_id) if e.message)
        assert "blocked by limit for pool duckdb_writer" in logs  # steps did queue for the slot
        assert "could not set lock" not in logs.lower() and "locked by another process" not in logs
    with duckdb.connect(str(warehouse_file), read_only=True) as con:
        assert con.execute("select count(*) from raw.penalties").fetchone() == (3,)
