"""Issue 24: a day's run works from what the day changed, and must answer exactly as a whole build on the same data.

Two warehouses share the same history up to the day before the last, then run the last day: one as the schedule
does (from change), one with every table and file kept from change computed whole (CREDIT_WHOLE_REBUILD, what
`creditwh run --rebuild` sets). Every table of the model and every file the public, the departments and the
dashboards receive must then be identical. The larger version: `creditwh bench --verify-incremental`.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import dagster as dg
import pytest

from bench import digest
from creditwh.sample import generate
from pipelines.runner import failures, materialize_range
from tests.support.lake import environment

pytestmark = pytest.mark.e2e  # five pipeline runs, about two minutes

START = date(2026, 11, 2)
DAYS = 4
SCHEMAS = ("core", "marts", "publish")
# Outputs of the run, not of the data: the validation reports carry their run's time.
NOT_OUTPUTS = ("dagster_home", "quality/great_expectations", "warehouse.duckdb", "analytics.duckdb")


def run_day(workdir: Path, day: date, whole: bool = False) -> dict[str, bool]:
    """One scheduled day's run; for each table kept from change, whether it was built whole."""
    env = {"CREDIT_DATA_DIR": str(workdir / "data"), "CREDIT_TODAY": day.isoformat(), "CREDIT_DEMO": "1"}
    if whole:
        env["CREDIT_WHOLE_REBUILD"] = "1"
    with environment(env), dg.DagsterInstance.ephemeral() as instance:
        result = materialize_range(
            workdir / "landing", workdir / "data" / "warehouse.duckdb", day.isoformat(), day.isoformat(), instance
        )
    assert result.success, failures(result)
    return {
        m.asset_key.to_user_string(): m.metadata["rebuilt_whole"].value
        for m in result.get_asset_materialization_events()
        for m in [m.materialization]
        if "rebuilt_whole" in m.metadata
    }


def table_digests(workdir: Path) -> dict[str, str]:
    """Each table of the model: a digest of its rows in a fixed order, the volatile columns left out."""
    return digest.table_digests(workdir / "data" / "warehouse.duckdb", [f"{schema}.%" for schema in SCHEMAS])


def file_digests(workdir: Path) -> dict[str, str]:
    """Every file the run wrote for readers outside the warehouse: its bytes (a manifest's without its time)."""
    return digest.file_digests(workdir / "data", lambda path: not path.startswith(NOT_OUTPUTS))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path, dict, dict]:
    root = tmp_path_factory.mktemp("incremental")
    base = root / "base"
    generate(base / "landing", days=DAYS, scale=0.1, seed=11, start=START)
    last = START + timedelta(DAYS - 1)
    for offset in range(DAYS - 1):
        run_day(base, START + timedelta(offset))
    incremental, whole = root / "incremental", root / "whole"
    for copy in (incremental, whole):
        shutil.copytree(base, copy, ignore=shutil.ignore_patterns("dagster_home"))
    return incremental, whole, run_day(incremental, last), run_day(whole, last, whole=True)


def test_the_model_built_from_change_equals_a_whole_build(built):
    incremental, whole, _, _ = built
    by_change, by_whole = table_digests(incremental), table_digests(whole)
    assert by_change.keys() == by_whole.keys()
    differ = sorted(name for name in by_change if by_change[name] != by_whole[name])
    assert not differ, f"tables that differ from a whole build: {differ}"


def test_every_published_file_built_from_change_equals_a_whole_build(built):
    incremental, whole, _, _ = built
    by_change, by_whole = file_digests(incremental), file_digests(whole)
    assert sorted(by_change.keys() ^ by_whole.keys()) == []
    differ = sorted(name for name in by_change if by_change[name] != by_whole[name])
    assert not differ, f"files that differ from a whole build: {differ}"


def test_the_last_day_was_built_from_change_and_the_other_whole(built):
    """Not two whole builds in disguise: every table kept from change was, on the last day, derived from change in
    one warehouse and built whole in the other."""
    _, _, by_change, by_whole = built
    assert by_change and by_change.keys() == by_whole.keys()
    assert not any(by_change.values()), by_change
    assert all(by_whole.values()), by_whole
