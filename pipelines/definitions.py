"""The code location: every asset, check, job, schedule, sensor and resource of the credit warehouse."""

import dagster as dg

from assets.assessment import assessment_report, dashboard, dashboard_feeds, kpi
from assets.credit import credit_assets
from assets.guards import guard_checks
from assets.ingest import raw_assets
from assets.maintenance import warehouse_storage
from assets.publication import (
    build_dictionary_asset,
    build_snapshot_asset,
    credit_lists,
    double_publicity,
    key_monitoring,
)
from assets.screening import screening_assets
from assets.validation import validation_assets
from pipelines.jobs import credit_check_batch_job, daily_job, ingest_job, maintenance_job, report_job
from pipelines.resources import RESOURCES
from pipelines.schedules import daily_schedule, maintenance_schedule
from pipelines.sensors import landing_sensor
from pipelines.whatif import whatif_job

_built = [
    *raw_assets,
    *validation_assets,
    *credit_assets,
    *screening_assets,
    kpi,
    double_publicity,
    credit_lists,
    key_monitoring,
    dashboard_feeds,
    dashboard,
]
# the dictionary, then the snapshot, come last: they wait for every other asset of the run
_dictionary = build_dictionary_asset([k for a in _built for k in a.keys])
all_assets = [*_built, _dictionary, build_snapshot_asset([k for a in [*_built, _dictionary] for k in a.keys])]

defs = dg.Definitions(
    # the report is partitioned by period, not by day: it runs in its own job (creditwh report, report_job)
    # maintenance runs weekly in its own job, not in the daily chain
    assets=[*all_assets, assessment_report, warehouse_storage],
    asset_checks=guard_checks,
    jobs=[ingest_job, daily_job, report_job, maintenance_job, credit_check_batch_job, whatif_job],
    schedules=[daily_schedule, maintenance_schedule],
    sensors=[landing_sensor],
    resources=RESOURCES,
)
