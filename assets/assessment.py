"""Assessment: the indicator marts, the dashboard feeds and the dashboard built from them, and the July and December
reports."""

import dagster as dg

from assets.lineage import python_deps
from assets.resources import WRITER_POOL, WarehouseResource
from creditwh.assessment.dashboard import build_dashboard
from creditwh.assessment.feeds import write_feeds
from creditwh.assessment.kpi import build_kpis, report_period
from creditwh.assessment.report import build_report
from creditwh.credit.build import prepare_core
from creditwh.platform import config
from creditwh.platform.sql import execute

KPI = dg.AssetKey(["marts", "kpi"])
DASHBOARD = dg.AssetKey(["publish", "dashboard"])
REPORT = dg.AssetKey(["publish", "assessment_report"])
# a half year (the progress report due 10 July) and a year (the annual report due 20 December)
REPORT_PERIODS = dg.StaticPartitionsDefinition([p for y in range(2024, 2028) for p in (f"{y}H1", f"{y}")])

DASHBOARD_FEEDS = dg.AssetKey(["publish", "dashboard_feeds"])
FEED_SCHEMA_CHECK = "feed_schema_contract"


@dg.asset(
    key=KPI,
    group_name="marts",
    kinds={"duckdb"},
    deps=python_deps(KPI, "creditwh.assessment.kpi"),
    pool=WRITER_POOL,
    description="考核指标：按单位、按月/半年/年，列明分子、分母与目标 / assessment indicators per unit and period, "
    "with numerator, denominator and target (policy/kpis.csv).",
)
def kpi(warehouse: WarehouseResource) -> dg.MaterializeResult:
    as_of = config.today()
    with warehouse.connect() as con:
        prepare_core(con)
        refreshed = build_kpis(con, as_of)
        missed = execute(con, "assessment/kpi_missed", {"as_of": as_of}).fetchall()
    return dg.MaterializeResult(
        metadata={
            **refreshed.metadata(),
            "below_target_this_year": ", ".join(
                f"{name} {value} (目标 target {target})" for name, value, target in missed
            )
            or "none",
        }
    )


@dg.asset(
    key=DASHBOARD,
    group_name="publish",
    kinds={"html"},
    deps=[dg.AssetKey(["publish", "dashboard_feeds"])],
    description="工作看板 data/dashboard/index.html：由看板数据集生成、离线可用 / the self-contained dashboard, "
    "rebuilt from the feeds on every run.",
)
def dashboard() -> dg.MaterializeResult:
    out = build_dashboard(config.data_dir() / "feeds", config.data_dir() / "dashboard" / "index.html")
    return dg.MaterializeResult(
        metadata={"path": dg.MetadataValue.path(str(out)), "size_mb": round(out.stat().st_size / 1e6, 1)}
    )


@dg.asset(
    key=REPORT,
    group_name="publish",
    kinds={"html", "xlsx", "docx"},
    deps=python_deps(REPORT, "creditwh.assessment.report", also=(KPI,)),
    partitions_def=REPORT_PERIODS,
    pool=WRITER_POOL,  # it reads the live file
    description="考核报告（HTML、Excel 与可编辑的 Word）：半年报告 7月10日前、年度报告 12月20日前 / the assessment "
    "report of a half year or a year.",
)
def assessment_report(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    period = report_period(context.partition_key)
    with warehouse.connect() as con:
        report = build_report(con, period, config.today(), config.data_dir() / "reports")
    return dg.MaterializeResult(
        metadata={
            "html": dg.MetadataValue.path(str(report.html)),
            "xlsx": dg.MetadataValue.path(str(report.xlsx)),
            "docx": dg.MetadataValue.path(str(report.docx)),
            "due": str(period.due),
            **{f"rows_{k}": v for k, v in report.tables.items()},
        }
    )


@dg.asset(
    key=DASHBOARD_FEEDS,
    group_name="publish",
    kinds={"parquet", "csv"},
    deps=python_deps(DASHBOARD_FEEDS, "creditwh.assessment.feeds", also=(KPI,)),
    pool=WRITER_POOL,  # it reads the live file
    description="看板数据集 data/feeds/（Parquet 与 CSV，契约见 quality/feeds.yaml）/ the dashboard feeds, whose "
    "columns and types are a contract.",
    check_specs=[
        dg.AssetCheckSpec(
            FEED_SCHEMA_CHECK,
            asset=DASHBOARD_FEEDS,
            blocking=True,
            description="看板数据集的列与类型须与契约一致 / every feed matches its contract; "
            "a feed that does not is not replaced",
        )
    ],
)
def dashboard_feeds(context: dg.AssetExecutionContext, warehouse: WarehouseResource):
    as_of = config.today()
    out_dir = config.data_dir() / "feeds"
    with warehouse.connect() as con:
        results = write_feeds(con, as_of, out_dir)
    problems = [p for r in results for p in r.mismatches]
    yield dg.MaterializeResult(
        metadata={
            "as_of": str(as_of),
            "folder": dg.MetadataValue.path(str(out_dir)),
            **{f"rows_{r.name}": r.rows for r in results},
        }
    )
    yield dg.AssetCheckResult(
        check_name=FEED_SCHEMA_CHECK,
        passed=not problems,
        metadata={"feeds": len(results), "problems": "\n".join(problems) or "none"},
    )
