"""The landing sensor: asks for a run of exactly the (source, date) partitions whose files changed."""

from __future__ import annotations

import json
from collections import defaultdict

import dagster as dg

from assets.partitions import daily_partitions
from creditwh.ingest.landing import folder_fingerprint, partition_folders
from creditwh.platform.sources import SOURCES
from pipelines.jobs import ingest_job
from pipelines.resources import LandingResource


def changed_partitions(landing: LandingResource, cursor: dict[str, str], valid_keys: set[str]):
    """Folders whose fingerprint differs from the cursor: {date: [source, ...]}, the new cursor, skipped."""
    changed: dict[str, list[str]] = defaultdict(list)
    new_cursor = dict(cursor)
    skipped = []
    for source in SOURCES:
        for day, folder in partition_folders(landing.path, source).items():
            fingerprint = folder_fingerprint(folder)
            slot = f"{source}/{day}"
            if cursor.get(slot) == fingerprint:
                continue
            new_cursor[slot] = fingerprint
            if day not in valid_keys:
                skipped.append(slot)
                continue
            changed[day].append(source)
    return dict(changed), new_cursor, skipped


@dg.sensor(
    job=ingest_job,
    minimum_interval_seconds=60,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="监测落地目录，新文件到达即装载对应报送日 / ingest a reporting date as soon as its files land",
)
def landing_sensor(context: dg.SensorEvaluationContext, landing: LandingResource):
    cursor = json.loads(context.cursor) if context.cursor else {}
    valid = set(daily_partitions.get_partition_keys(dynamic_partitions_store=context.instance))
    changed, new_cursor, skipped = changed_partitions(landing, cursor, valid)
    for slot in skipped:
        context.log.warning(f"{slot}: 日期不在分区范围内，未装载 / date outside the partition range, not ingested")
    requests = [
        dg.RunRequest(
            run_key=f"{day}:" + ",".join(f"{s}={new_cursor[f'{s}/{day}']}" for s in sorted(sources)),
            partition_key=day,
            asset_selection=[dg.AssetKey(["raw", s]) for s in sorted(sources)],
            tags={"creditwh/trigger": "landing_sensor"},
        )
        for day, sources in sorted(changed.items())
    ]
    return dg.SensorResult(run_requests=requests, cursor=json.dumps(new_cursor, sort_keys=True))
