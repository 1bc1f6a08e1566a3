"""Marts: dated credit standing, list intervals, key monitoring and the credit check."""

import dagster as dg

from assets.core import _table_asset
from creditwh import config
from creditwh.feedback import write_feedback_files
from pipelines.resources import WRITER_POOL, WarehouseResource

EVENTS = dg.AssetKey(["core", "credit_events"])
CASES = dg.AssetKey(["core", "case_effects"])
SUBJECTS = dg.AssetKey(["core", "subjects"])
TIMELINES = dg.AssetKey(["marts", "event_timelines"])
HISTORY = dg.AssetKey(["marts", "credit_standing_history"])
LISTS = dg.AssetKey(["marts", "list_memberships"])

event_timelines = _table_asset(
    "marts/event_timelines", [EVENTS, CASES],
    "事件影响时间线（按当日所知）/ when each record affects its subject: effect window, softening, suspensions.",
    "marts",
)
credit_standing_history = _table_asset(
    "marts/credit_standing_history", [TIMELINES],
    "信用等级与名单状态历史（按当日所知）/ each subject's class, score and lists as a dated history, as known on each day.",
    "marts",
)
list_memberships = _table_asset(
    "marts/list_memberships", [EVENTS, CASES, SUBJECTS, dg.AssetKey(["staging", "work_calendar"])],
    "红黑名单区间：列入、公示、移出及原因 / red and black list memberships as intervals, with exit reasons.",
    "marts",
)
key_monitoring = _table_asset(
    "marts/key_monitoring", [HISTORY, SUBJECTS],
    "重点监管对象：黑名单组织的法定代表人 / legal representatives of black-listed organisations.",
    "marts",
)
credit_class_daily = _table_asset(
    "marts/credit_class_daily", [HISTORY, dg.AssetKey(["staging", "work_calendar"])],
    "每日信用等级快照（视图）/ one row per subject and day: the class on any date is a plain filter.",
    "marts",
)
credit_check = _table_asset(
    "marts/credit_check", [HISTORY, LISTS, TIMELINES],
    "信用核查宏 marts.credit_check(code, as_of) / the credit check as a DuckDB table macro for analysts.",
    "marts",
    is_table=False,
)

screenings = _table_asset(
    "marts/screenings", [TIMELINES, HISTORY, SUBJECTS, dg.AssetKey(["staging", "procurement"]),
                         dg.AssetKey(["staging", "applications"])],
    "联合奖惩筛查：采购（含联合体成员）与补助、扶持、PPP申请，按筛查日核查 / every award party and application screened "
    "on its screening date: restricted or clear, the reasons with evidence, and advisory rewards.",
    "marts",
)

restricted_awards = _table_asset(
    "marts/restricted_awards", [dg.AssetKey(["marts", "screenings"])],
    "限制对象中标清单（视图）：须处置的典型案例及证据 / awards to restricted suppliers, with the evidence.",
    "marts",
)
trigger_feedback = _table_asset(
    "marts/trigger_feedback", [dg.AssetKey(["marts", "screenings"]), TIMELINES, SUBJECTS],
    "触发反馈记录：每个上游名单条目每月的措施实施情况（含“本期无相关业务”）/ per upstream entry and month: measures applied, or no business.",
    "marts",
)


@dg.asset(
    key=dg.AssetKey(["publish", "trigger_feedback_files"]),
    group_name="publish",
    kinds={"csv"},
    deps=[dg.AssetKey(["marts", "trigger_feedback"])],
    pool=WRITER_POOL,  # it reads the live file
    description="触发反馈文件：按发起部门、按月各一份（中文表头CSV）/ the files the bureau sends back to initiating departments.",
)
def trigger_feedback_files(warehouse: WarehouseResource) -> dg.MaterializeResult:
    out_dir = config.data_dir() / "feedback"
    with warehouse.connect(read_only=True) as con:
        written = write_feedback_files(con, out_dir)
    return dg.MaterializeResult(metadata={
        "folder": dg.MetadataValue.path(str(out_dir)), "files": len(written.rows), "rows": sum(written.rows.values()),
        "files_rewritten": len(written.rewritten), "files_removed": len(written.removed),
    })


mart_assets = [restricted_awards, trigger_feedback, trigger_feedback_files, screenings, event_timelines, credit_standing_history, credit_class_daily, list_memberships, key_monitoring, credit_check]
