"""Materialises assets through Dagster from the command line, on a persistent local instance."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import dagster as dg
from dagster._core.instance.ref import InstanceRef  # the public API has no "instance in this folder" helper
from dagster._core.storage.tags import ASSET_PARTITION_RANGE_END_TAG, ASSET_PARTITION_RANGE_START_TAG

from assets.partitions import daily_partitions
from creditwh.ingest.landing import partition_folders
from creditwh.ingest.partitions import dates_to_process
from creditwh.platform import config
from creditwh.platform.sources import SOURCES
from pipelines.definitions import all_assets
from pipelines.faults import explain
from pipelines.resources import LandingResource, WarehouseResource


def instance_for(data_dir: Path) -> dg.DagsterInstance:
    """DAGSTER_HOME if set; otherwise <data>/dagster_home, configured by the repo's dagster.yaml (pool limits)."""
    if os.environ.get("DAGSTER_HOME"):
        return dg.DagsterInstance.get()
    home = data_dir / "dagster_home"
    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(config.REPO_ROOT / "dagster.yaml", home / "dagster.yaml")
    return dg.DagsterInstance.from_ref(InstanceRef.from_dir(str(home)))


def landed_dates(landing_root: Path) -> list[str]:
    return sorted({day for s in SOURCES for day in partition_folders(landing_root, s)})


def materialize_range(
    landing_root: Path,
    warehouse_file: Path,
    first: str,
    last: str,
    instance: dg.DagsterInstance,
    selection: str | dg.AssetSelection | None = None,
    tags: dict[str, str] | None = None,
) -> dg.ExecuteInProcessResult:
    """One Dagster run over a range of reporting dates (assets use a single-run backfill policy). `tags` name the
    process that runs it (pipelines/writer_slot.py), so a later run can tell it is gone."""
    return dg.materialize(
        all_assets,
        instance=instance,
        selection=selection,
        resources={
            "warehouse": WarehouseResource(path=str(warehouse_file)),
            "landing": LandingResource(root=str(landing_root)),
        },
        tags={**(tags or {}), ASSET_PARTITION_RANGE_START_TAG: first, ASSET_PARTITION_RANGE_END_TAG: last},
        raise_on_error=False,  # the caller reports failed steps and checks in words, not a traceback
        run_config={"loggers": {"console": {"config": {"log_level": "INFO"}}}},
    )


# Ingest and validation alone: the runs of a sparse back-load before its last span, which runs the whole graph.
INGEST_AND_VALIDATE = dg.AssetSelection.groups("raw", "staging")

# Each day of a run's range costs a materialisation event per partitioned asset (16 of them, each a write to the
# event log: about 0.1 s on SQLite, whether the day held files or not); a run of its own costs about six events per
# step. Up to this many empty days between two days with work are cheaper run through than split into two runs.
EMPTY_DAYS_RUN_THROUGH = 4


def spans(dates: list[str], empty_days: int = EMPTY_DAYS_RUN_THROUGH) -> list[tuple[str, str]]:
    """Sorted dates as (first, last) ranges, one range across gaps of at most `empty_days` days."""
    out: list[tuple[str, str]] = []
    for day in dates:
        if out and (date.fromisoformat(day) - date.fromisoformat(out[-1][1])).days <= empty_days + 1:
            out[-1] = (out[-1][0], day)
        else:
            out.append((day, day))
    return out


def materialize_dates(
    landing_root: Path,
    warehouse_file: Path,
    dates: list[str],
    instance: dg.DagsterInstance,
    tags: dict[str, str] | None = None,
    selection: dg.AssetSelection | None = None,
) -> list[dg.ExecuteInProcessResult]:
    """The landed dates through the graph (or `selection`), at a cost in proportion to the days with files.

    The dates that need work (creditwh/ingest/partitions.py) are grouped into spans; each span but the last is
    ingested and validated in a run of its own, in date order, and the last runs the whole graph, whose marts take
    up every change the earlier runs logged. Contiguous dates, the daily case, are one run as before. Stops at the
    first run that fails."""
    results: list[dg.ExecuteInProcessResult] = []
    todo = spans(dates_to_process(warehouse_file, dates))
    for i, (first, last) in enumerate(todo):
        chosen = selection if i == len(todo) - 1 else INGEST_AND_VALIDATE
        results.append(materialize_range(landing_root, warehouse_file, first, last, instance, chosen, tags))
        if not results[-1].success:
            break
    return results


def failures(result: dg.ExecuteInProcessResult) -> list[str]:
    """Failed steps and failed checks of a run, one line each."""
    lines = [
        f"步骤失败 / step failed: {e.step_key}: {_reason(e.event_specific_data.error)}"
        for e in result.all_events
        if e.is_step_failure
    ]
    lines += [
        f"检查未通过 / check failed: {c.asset_key.to_user_string()} {c.check_name}"
        for c in result.get_asset_check_evaluations()
        if not c.passed
    ]
    return lines


def _reason(error) -> str:
    """The error that stopped a step: a known fault explained (pipelines/faults.py), else in its own words. Dagster
    wraps it (DagsterExecutionStepExecutionError, "Error occurred while executing op …"); the wrapper tells staff
    nothing."""
    while error.cause is not None:
        error = error.cause
    fault = explain(error.cls_name or "", error.message)
    return fault.text() if fault else " ".join(error.message.split())


def valid_range(dates: list[str]) -> tuple[list[str], list[str]]:
    """Split landed dates into those inside the partition range and those outside it."""
    keys = set(daily_partitions.get_partition_keys())
    return [d for d in dates if d in keys], [d for d in dates if d not in keys]


def materialize_report(
    period: str, warehouse_file: Path, instance: dg.DagsterInstance, tags: dict[str, str] | None = None
) -> dg.ExecuteInProcessResult:
    """The assessment report of one period (2026H1 or 2026), as a run of its partitioned asset."""
    from assets.assessment import assessment_report

    return dg.materialize(
        [assessment_report],
        instance=instance,
        partition_key=period,
        tags=tags,
        resources={"warehouse": WarehouseResource(path=str(warehouse_file))},
        raise_on_error=False,
    )
