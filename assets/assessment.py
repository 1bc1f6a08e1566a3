"""Assessment: the indicator marts, the dashboard built from the feeds, and the July and December reports."""

import dagster as dg

from creditwh import config
from creditwh.assessment import build_kpis, report_period
from creditwh.credit import prepare_core
from creditwh.dashboard import build_dashboard
from creditwh.report import build_report
from creditwh.sql import execute
from pipelines.resources import WRITER_POOL, WarehouseResource

KPI = dg.AssetKey(["marts", "kpi"])
DASHBOARD = dg.AssetKey(["publish", "dashboard"])
REPORT = dg.AssetKey(["publish", "assessment_report"])
# a half year (the progress report due 10 July) and a year (the annual report due 20 December)
REPORT_PERIODS = dg.StaticPartitionsDefinition([p for y in range(2024, 2028) for p in (f"{y}H1", f"{y}")])


@dg.asset(
    key=KPI,
    group_name="marts",
    kinds={"duckdb"},
    deps=[dg.AssetKey(["quality", "summary"]), dg.AssetKey(["marts", "list_memberships"]),
          dg.AssetKey(["marts", "screenings"]), dg.AssetKey(["core", "case_effects"]),
          *[dg.AssetKey(["raw", s]) for s in ("licenses", "penalties")],
          *[dg.AssetKey(["staging", s]) for s in ("licenses", "penalties", "objections")]],
    pool=WRITER_POOL,
    description="考核指标：按单位、按月/半年/年，列明分子、分母与目标 / assessment indicators per unit and period, "
    "with numerator, denominator and target (policy/kpis.csv).",
)
def kpi(warehouse: WarehouseResource) -> dg.MaterializeResult:
    as_of = config.today()
    with warehouse.connect() as con:
        prepare_core(con)
        build_kpis(con, as_of)
        missed = execute(con, "marts/kpi_missed", {"as_of": as_of}).fetchall()
    return dg.MaterializeResult(metadata={
        "below_target_this_year": ", ".join(f"{name} {value} (目标 target {target})" for name, value, target in missed)
        or "none"})


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
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(out)),
                                          "size_mb": round(out.stat().st_size / 1e6, 1)})


@dg.asset(
    key=REPORT,
    group_name="publish",
    kinds={"html", "xlsx"},
    deps=[KPI],
    partitions_def=REPORT_PERIODS,
    pool=WRITER_POOL,  # it reads the live file
    description="考核报告（HTML 与 Excel）：半年报告 7月10日前、年度报告 12月20日前 / the assessment report of a "
    "half year or a year.",
)
def assessment_report(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    period = report_period(context.partition_key)
    with warehouse.connect() as con:
        report = build_report(con, period, config.today(), config.data_dir() / "reports")
    return dg.MaterializeResult(metadata={
        "html": dg.MetadataValue.path(str(report.html)), "xlsx": dg.MetadataValue.path(str(report.xlsx)),
        "due": str(period.due), **{f"rows_{k}": v for k, v in report.tables.items()},
    })
