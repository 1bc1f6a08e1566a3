"""A back-load of sparse history costs the days with files: only they (and days whose folder is gone) are run,
and the warehouse ends as one run over the whole range leaves it."""

import shutil

import dagster as dg
import duckdb
import pytest

from creditwh.sample.builders import headers, penalty, write_csv
from pipelines.runner import INGEST_AND_VALIDATE, materialize_dates, materialize_range, spans
from tests.support.faults import warehouse_digest

DAYS = ["2026-01-05", "2026-01-12", "2026-01-19"]  # six empty days apart: three runs, not one over 15 days


def test_days_a_few_empty_days_apart_share_a_run_and_distant_days_do_not():
    assert spans(["2026-01-01", "2026-01-02", "2026-01-07", "2026-01-13"]) == [
        ("2026-01-01", "2026-01-07"),  # four empty days between: run through
        ("2026-01-13", "2026-01-13"),  # five: a run of its own
    ]
    assert spans(["2026-01-01", "2026-01-02", "2026-01-03"]) == [("2026-01-01", "2026-01-03")]
    assert spans([]) == []


@pytest.fixture
def sparse(landing):
    penalties = headers("penalties")
    write_csv(landing / f"penalties/{DAYS[0]}/a.csv", [penalty(), penalty(decision_doc_no="2号")], penalties)
    # the second day re-sends 2号 with a larger fine, and a new record
    write_csv(
        landing / f"penalties/{DAYS[1]}/b.csv",
        [penalty(decision_doc_no="2号", fine_10k_yuan="0.5"), penalty(decision_doc_no="3号")],
        penalties,
    )
    write_csv(landing / f"licenses/{DAYS[2]}/c.csv", [{"subject_name": "甲", "decision_doc_no": "许1号"}])
    return landing


def _materialized_days(instance, key: str) -> set[str]:
    return set(instance.get_materialized_partitions(dg.AssetKey(key.split("/"))))


def _whole_range(landing, warehouse_file) -> None:
    with dg.instance_for_test() as instance:
        assert materialize_range(landing, warehouse_file, DAYS[0], DAYS[-1], instance, INGEST_AND_VALIDATE).success


def test_a_sparse_back_load_runs_only_the_days_with_files_and_ends_as_one_run_over_the_range(sparse, tmp_path):
    sparse_file, whole_file = tmp_path / "sparse.duckdb", tmp_path / "whole.duckdb"
    with dg.instance_for_test() as instance:
        results = materialize_dates(sparse, sparse_file, DAYS, instance, selection=INGEST_AND_VALIDATE)
        assert [r.success for r in results] == [True, True, True]
        assert _materialized_days(instance, "raw/penalties") == set(DAYS)
        assert _materialized_days(instance, "staging/licenses") == set(DAYS)
    _whole_range(sparse, whole_file)
    assert warehouse_digest(sparse_file) == warehouse_digest(whole_file)


def test_a_removed_folder_between_days_with_files_empties_its_day_as_a_run_over_the_range_does(sparse, tmp_path):
    sparse_file, whole_file = tmp_path / "sparse.duckdb", tmp_path / "whole.duckdb"
    _whole_range(sparse, sparse_file)
    _whole_range(sparse, whole_file)
    shutil.rmtree(sparse / f"penalties/{DAYS[1]}")  # the unit withdraws the second day's delivery
    with dg.instance_for_test() as instance:
        results = materialize_dates(sparse, sparse_file, [DAYS[0], DAYS[2]], instance, selection=INGEST_AND_VALIDATE)
        assert all(r.success for r in results)
        assert DAYS[1] in _materialized_days(instance, "raw/penalties")
    _whole_range(sparse, whole_file)
    assert warehouse_digest(sparse_file) == warehouse_digest(whole_file)
    with duckdb.connect(str(sparse_file), read_only=True) as con:
        assert con.execute("select count(*) from raw.penalties where reporting_date = ?", [DAYS[1]]).fetchone() == (0,)
        assert con.execute(
            "select count(*) from staging.penalties_latest where decision_doc_no = '3号'"
        ).fetchone() == (0,)
