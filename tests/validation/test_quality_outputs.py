"""Quality outputs through Dagster: the summary, correction lists, and blocking checks stopping downstream."""

import dagster as dg
import duckdb
import fastexcel
import great_expectations as gx
import pytest

import quality.great_expectations as qge
from creditwh.sample.builders import clean, headers, penalty, write_csv
from pipelines.definitions import all_assets
from pipelines.resources import LandingResource, WarehouseResource

# Dagster runs of the ingest, validation and quality assets with Great Expectations (about 20 s each)
pytestmark = pytest.mark.e2e

RANGE = {"dagster/asset_partition_range_start": "2026-10-09", "dagster/asset_partition_range_end": "2026-10-09"}


@pytest.fixture
def delivered(landing, tmp_path, monkeypatch):
    monkeypatch.setenv("CREDIT_DATA_DIR", str(tmp_path / "data"))
    rows = [
        penalty(decision_doc_no="1号"),
        penalty(decision_doc_no="2号", uscc="91350102MA2Y3K0P7X"),  # bad check character
        penalty(decision_doc_no="3号", decision_date="2026-09-01"),  # late: a warning only
    ]
    write_csv(landing / "penalties/2026-10-09/a.csv", rows, headers("penalties"))
    write_csv(
        landing / "licenses/2026-10-09/b.csv",
        [clean("licenses", source_unit="鼓楼区财政局会计科")],
        headers("licenses"),
    )
    return landing


def run(landing, warehouse_file, selection=None):
    return dg.materialize(
        all_assets,
        selection=selection,
        resources={
            "warehouse": WarehouseResource(path=str(warehouse_file)),
            "landing": LandingResource(root=str(landing)),
        },
        tags=RANGE,
        raise_on_error=False,
    )


def test_the_quality_summary_and_correction_lists_say_what_each_unit_must_fix(delivered, warehouse_file, tmp_path):
    result = run(delivered, warehouse_file)
    assert result.success
    with duckdb.connect(str(warehouse_file), read_only=True) as con:
        summary = con.execute(
            "select source, source_unit, rows_received, rows_accepted, rows_rejected, rows_late from quality.summary order by 1"
        ).fetchall()
    assert summary == [
        ("licenses", "鼓楼区财政局会计科", 1, 1, 0, 0),
        ("penalties", "鼓楼区财政局政府采购监管科", 3, 2, 1, 1),
    ]
    lists = tmp_path / "data" / "quality" / "correction_lists"
    assert [p.name for p in lists.glob("*.xlsx")] == ["鼓楼区财政局政府采购监管科.xlsx"]
    sheet = fastexcel.read_excel(lists / "鼓楼区财政局政府采购监管科.xlsx").load_sheet("待更正记录").to_polars()
    assert "问题说明" in sheet.columns and "行号" in sheet.columns
    reasons = dict(zip(sheet["行号"].cast(int).to_list(), sheet["问题说明"].to_list(), strict=False))
    assert "校验位" in reasons[3] and "7个工作日" in reasons[4]


def test_a_failing_blocking_check_stops_the_assets_downstream(delivered, warehouse_file, monkeypatch):
    # An expectation the accepted rows cannot meet stands in for a validator that let bad rows through.
    monkeypatch.setattr(
        qge, "expectations_for", lambda source: [gx.expectations.ExpectColumnValuesToBeNull(column="source_file")]
    )
    result = run(delivered, warehouse_file)
    assert not result.success
    failed_checks = {
        (e.asset_key.to_user_string(), e.check_name) for e in result.get_asset_check_evaluations() if not e.passed
    }
    assert ("staging/penalties", "great_expectations") in failed_checks
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert "staging/penalties" in materialized
    assert "quality/summary" not in materialized and "quality/correction_lists" not in materialized


def test_the_data_docs_open_offline(delivered, warehouse_file, tmp_path):
    assert run(delivered, warehouse_file).success
    pages = list((tmp_path / "data" / "quality" / "great_expectations").rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not qge._REMOTE_TAG.search(html), page
        assert "<style>" in html
