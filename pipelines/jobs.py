"""Jobs: what a schedule, a sensor or a person asks Dagster to materialise."""

import dagster as dg

ingest_job = dg.define_asset_job(
    "ingest_landing",
    selection=dg.AssetSelection.groups("raw"),
    description="把报送日的落地文件装入原始层 / load a reporting date's landing files into the raw layer",
)

REPORT = dg.AssetKey(["publish", "assessment_report"])
MAINTENANCE = dg.AssetSelection.groups("maintenance")

daily_job = dg.define_asset_job(
    "daily_warehouse",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(REPORT) - MAINTENANCE,
    description="每日全链路：装载、校验、加工与发布 / the whole daily chain, from landing files to outputs",
)

report_job = dg.define_asset_job(
    "assessment_report",
    selection=dg.AssetSelection.assets(REPORT),
    description="考核报告：按半年或年度生成 HTML 与 Excel / the assessment report for one period",
)

maintenance_job = dg.define_asset_job(
    "warehouse_maintenance",
    selection=MAINTENANCE,
    description="存储整理 / merge small files, expire old snapshots (DuckLake); checkpoint (file)",
)
