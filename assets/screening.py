"""Screening: every award party and application checked against the credit standing known on its screening date,
the awards to restricted suppliers, and the feedback sent back to the departments that launched a joint punishment."""

import dagster as dg

from assets.lineage import python_deps
from assets.resources import WRITER_POOL, WarehouseResource
from assets.sql_table import sql_table_asset
from creditwh.platform import config
from creditwh.screening.feedback import write_feedback_files

screening_parties = sql_table_asset(
    "marts/screening_parties",
    "screening/screening_parties",
    "筛查对象：每个中标（成交）供应商、联合体成员和申请人，及其筛查日 / who is screened, and on which day.",
    "marts",
)
screening_check_reasons = sql_table_asset(
    "marts/screening_check_reasons",
    "screening/screening_check_reasons",
    "按主体与筛查日的限制原因及证据记录 / why a subject was restricted on a screening date, with the evidence record.",
    "marts",
)
screening_reasons = sql_table_asset(
    "marts/screening_reasons",
    "screening/screening_reasons",
    "筛查限制原因（视图）：每个对象每条原因一行，含证据与措施 / one row per reason a party was restricted, with its measure.",
    "marts",
)
screenings = sql_table_asset(
    "marts/screenings",
    "screening/screenings",
    "联合奖惩筛查：采购（含联合体成员）与补助、扶持、PPP申请，按筛查日核查 / every award party and application screened "
    "on its screening date: restricted or clear, the reasons with evidence, and advisory rewards.",
    "marts",
)
screening_review = sql_table_asset(
    "marts/screening_review",
    "screening/screening_review",
    "筛查复核：按当日所知与按现在所知结论不同的筛查 / screenings whose verdict then differs from what is known now.",
    "marts",
)

restricted_awards = sql_table_asset(
    "marts/restricted_awards",
    "screening/restricted_awards",
    "限制对象中标清单（视图）：须处置的典型案例及证据 / awards to restricted suppliers, with the evidence.",
    "marts",
)
trigger_feedback = sql_table_asset(
    "marts/trigger_feedback",
    "screening/trigger_feedback",
    "触发反馈记录：每个上游名单条目每月的措施实施情况（含“本期无相关业务”）/ per upstream entry and month: measures applied, or no business.",
    "marts",
)


@dg.asset(
    key=dg.AssetKey(["publish", "trigger_feedback_files"]),
    group_name="publish",
    kinds={"csv"},
    deps=python_deps(dg.AssetKey(["publish", "trigger_feedback_files"]), "creditwh.screening.feedback"),
    pool=WRITER_POOL,  # it records what it sent in the live file
    description="触发反馈文件：按发起部门、按月各一份，月结后发出即定稿，此后补充反馈另成文件（中文表头CSV）/ the files "
    "the bureau sends back to initiating departments: a month's file once the month is closed, then dated supplements.",
)
def trigger_feedback_files(warehouse: WarehouseResource) -> dg.MaterializeResult:
    as_of = config.today()
    out_dir = config.data_dir() / "feedback"
    with warehouse.connect() as con:
        sent = write_feedback_files(con, out_dir, as_of)
    return dg.MaterializeResult(
        metadata={
            "as_of": str(as_of),
            "folder": dg.MetadataValue.path(str(out_dir)),
            "files_sent": len(sent.rows),
            "rows_sent": sum(sent.rows.values()),
            "supplements": len(sent.supplements),
            "earlier_running_files_removed": len(sent.removed),
        }
    )


screening_assets = [
    screening_parties,
    screening_check_reasons,
    screening_reasons,
    screenings,
    screening_review,
    restricted_awards,
    trigger_feedback,
    trigger_feedback_files,
]
