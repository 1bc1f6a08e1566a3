"""Validation: typed staging rows per source with their blocking checks, the working-day calendar they are timed
against, and the quality summary and correction lists."""

from datetime import date

import dagster as dg

from assets.ingest import STRAY_FILES
from assets.partitions import daily_partitions
from assets.resources import WRITER_POOL, WarehouseResource
from creditwh.platform import config
from creditwh.platform.sources import SOURCES, Source
from creditwh.platform.sql import execute
from creditwh.platform.workdays import write_calendar
from creditwh.validation.correction_lists import write_correction_lists
from creditwh.validation.summary import build_quality_summary
from creditwh.validation.validate import prepare, validate_partitions
from quality.great_expectations import GE_CHECK, run_suite

CONSERVATION_CHECK = "rows_conserved"
CALENDAR_KEY = dg.AssetKey(["staging", "work_calendar"])


@dg.asset(
    key=CALENDAR_KEY,
    group_name="staging",
    kinds={"duckdb", "python"},
    pool=WRITER_POOL,
    description="工作日历（含调休）/ Chinese working days, with make-up weekends, for 7-working-day deadlines.",
)
def work_calendar(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    last_day = date(date.today().year + 1, 12, 31)
    with warehouse.connect() as con:
        days, fallback_years = write_calendar(con, last_day)
    for year in fallback_years:
        context.log.warning(
            f"{year} 年节假日安排缺失，按周一至周五计算 / no holiday calendar for {year}: Monday–Friday fallback; "
            "add it to policy/calendar_overrides.csv"
        )
    return dg.MaterializeResult(
        metadata={"days": days, "last_day": str(last_day), "fallback_years": str(fallback_years or "none")}
    )


def build_staging_asset(source: Source) -> dg.AssetsDefinition:
    key = dg.AssetKey(["staging", source.name])

    @dg.asset(
        key=key,
        group_name="staging",
        kinds={"duckdb"},
        deps=[dg.AssetKey(["raw", source.name]), CALENDAR_KEY],
        partitions_def=daily_partitions,
        backfill_policy=dg.BackfillPolicy.single_run(),
        pool=WRITER_POOL,
        description=f"{source.title_zh}（已校验、已类型化）/ validated, typed {source.name}: every raw row accepted here "
        "or quarantined in quality.rejections with the rule it broke.",
        check_specs=[
            dg.AssetCheckSpec(
                CONSERVATION_CHECK,
                asset=key,
                blocking=True,
                description="原始行数 = 接收行数 + 拒收行数 / raw rows = accepted + rejected, per partition",
            ),
            dg.AssetCheckSpec(
                GE_CHECK,
                asset=key,
                blocking=True,
                description="Great Expectations 规则集（由 quality/rules.csv 生成）/ GE suite compiled from the rules",
            ),
        ],
    )
    def _staging(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
        with warehouse.connect() as con:
            prepare(con)
            days = [date.fromisoformat(p) for p in context.partition_keys]
            results = validate_partitions(con, source, days, context.run.run_id)
            suite = run_suite(con, source, context.partition_keys)
        broken = [r for r in results if not r.conserved]
        yield dg.MaterializeResult(
            metadata={
                "rows_in": sum(r.rows_in for r in results),
                "rows_accepted": sum(r.rows_accepted for r in results),
                "rows_rejected": sum(r.rows_rejected for r in results),
                "violations": sum(r.violations for r in results),
                "warnings": sum(r.warnings for r in results),
                "table": source.staging_table,
            }
        )
        yield dg.AssetCheckResult(
            check_name=CONSERVATION_CHECK,
            passed=not broken,
            metadata={
                "rows_in": sum(r.rows_in for r in results),
                "rows_accepted": sum(r.rows_accepted for r in results),
                "rows_rejected": sum(r.rows_rejected for r in results),
                "broken_partitions": ", ".join(str(r.reporting_date) for r in broken) or "none",
            },
        )
        yield suite.check_result()

    return _staging


staging_assets = [work_calendar, *(build_staging_asset(s) for s in SOURCES.values())]


STAGING_KEYS = [dg.AssetKey(["staging", s]) for s in SOURCES]


@dg.asset(
    key=dg.AssetKey(["quality", "summary"]),
    group_name="quality",
    kinds={"duckdb"},
    deps=STAGING_KEYS,
    pool=WRITER_POOL,
    description="数据质量汇总 / received, accepted, rejected and late records by source, reporting date and unit.",
)
def quality_summary(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        build_quality_summary(con)
        totals = execute(con, "validation/summary_totals").fetchall()
    table = "| 数据源 | 报送 received | 入库 accepted | 拒收 rejected |\n|---|---|---|---|\n" + "\n".join(
        f"| {s} | {r} | {a} | {j} |" for s, r, a, j in totals
    )
    return dg.MaterializeResult(metadata={"by_source": dg.MetadataValue.md(table)})


@dg.asset(
    key=dg.AssetKey(["quality", "correction_lists"]),
    group_name="quality",
    kinds={"xlsx"},
    deps=[*STAGING_KEYS, STRAY_FILES],  # a file not loaded is listed for the unit it came from
    pool=WRITER_POOL,  # it reads the live file, which another process cannot open while a writer holds it
    description="各单位待更正清单（Excel）/ for each source unit, its rejected records and files not loaded, and why, "
    "to correct and resubmit.",
)
def correction_lists(warehouse: WarehouseResource) -> dg.MaterializeResult:
    out_dir = config.data_dir() / "quality" / "correction_lists"
    with warehouse.connect(read_only=True) as con:
        written = write_correction_lists(con, out_dir)
    return dg.MaterializeResult(
        metadata={
            "folder": dg.MetadataValue.path(str(out_dir)),
            "units": len(written),
            "rows": sum(written.values()),
            "by_unit": dg.MetadataValue.md("\n".join(f"- {u}: {n}" for u, n in written.items()) or "none"),
        }
    )


quality_assets = [quality_summary, correction_lists]

validation_assets = [*staging_assets, *quality_assets]
