"""Jobs: what a schedule, a sensor or a person asks Dagster to materialise."""

import dagster as dg

from assets.resources import WRITER_POOL

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


class CheckBatchConfig(dg.Config):
    """信用核查（批量）: the list of codes (xlsx or CSV) and the decision date."""

    path: str
    as_of: str  # YYYY-MM-DD, the decision date
    business: str = "procurement"  # procurement | subsidy | policy_support | ppp (a template row says its own)
    out: str = ""  # [default: <data>/credit_checks/<as_of>_<time>]


# it opens the live file (read-only, which DuckDB refuses while a writer holds it): it queues in the writer pool
@dg.op(pool=WRITER_POOL, required_resource_keys={"warehouse"})
def check_batch_op(context: dg.OpExecutionContext, config: CheckBatchConfig) -> None:
    from datetime import date
    from pathlib import Path

    from pipelines.check_batch import run_check_batch, summary_lines

    result = run_check_batch(
        Path(config.path),
        date.fromisoformat(config.as_of),
        context.resources.warehouse.file,
        Path(config.out) if config.out else None,
        config.business,
    )
    for line in summary_lines(result):
        context.log.info(line)


@dg.job(
    name="credit_check_batch",
    description="信用核查（批量）：决定前核查一批代码，写出结果表与每个主体的核查记录 / "
    "a batch credit check before a decision: a result table and a printable record per subject",
)
def credit_check_batch_job() -> None:
    check_batch_op()
