"""Credit: subjects and credit events (core), and what follows from them as known on each day (marts): event
timelines, class and list standing, list memberships, key monitoring and the credit check."""

import dagster as dg

from assets.sql_table import sql_table_asset
from creditwh.platform.sources import SOURCES

STAGING = [dg.AssetKey(["staging", s]) for s in SOURCES]
EVENTS = dg.AssetKey(["core", "credit_events"])
CASES = dg.AssetKey(["core", "case_effects"])
SUBJECTS = dg.AssetKey(["core", "subjects"])
TIMELINES = dg.AssetKey(["marts", "event_timelines"])
HISTORY = dg.AssetKey(["marts", "credit_standing_history"])
LISTS = dg.AssetKey(["marts", "list_memberships"])

subjects = sql_table_asset(
    "core/subjects",
    "credit/subjects",
    "信用主体：组织按统一社会信用代码、自然人按证件号加盐哈希 / every subject, with name history and legal representative.",
    "core",
)
credit_events = sql_table_asset(
    "core/credit_events",
    "credit/credit_events",
    "信用事件：处罚、许可、采购、名单，含严重程度与公示期 / every record that counts, with severity and effect window.",
    "core",
)
case_effects = sql_table_asset(
    "core/case_effects",
    "credit/case_effects",
    "信用修复与异议对记录的影响 / what each repair and objection does to its record.",
    "core",
)
commitments = sql_table_asset(
    "core/commitments",
    "credit/commitments",
    "信用承诺：每份承诺书的各版本、履约状态与是否公开 / every credit commitment as known from its delivery.",
    "core",
)

event_timelines = sql_table_asset(
    "marts/event_timelines",
    "credit/event_timelines",
    "事件影响时间线（按当日所知）/ when each record affects its subject: effect window, softening, suspensions.",
    "marts",
)
credit_standing_history = sql_table_asset(
    "marts/credit_standing_history",
    "credit/credit_standing_history",
    "信用等级与名单状态历史（按当日所知）/ each subject's class, score and lists as a dated history, as known on each day.",
    "marts",
)
credit_standing_history_now = sql_table_asset(
    "marts/credit_standing_history_now",
    "credit/credit_standing_history_now",
    "信用等级与名单状态历史（按现在所知）/ each subject's standing as now known to have been true on each day, for review.",
    "marts",
)
list_memberships = sql_table_asset(
    "marts/list_memberships",
    "credit/list_memberships",
    "红黑名单区间：列入、公示、移出及原因 / red and black list memberships as intervals, with exit reasons.",
    "marts",
)
key_monitoring = sql_table_asset(
    "marts/key_monitoring",
    "credit/key_monitoring",
    "重点监管对象：黑名单组织的法定代表人 / legal representatives of black-listed organisations.",
    "marts",
)
credit_class_daily = sql_table_asset(
    "marts/credit_class_daily",
    "credit/credit_class_daily",
    "每日信用等级快照（视图）/ one row per subject and day: the class on any date is a plain filter.",
    "marts",
)
credit_check = sql_table_asset(
    "marts/credit_check",
    "credit/credit_check",
    "信用核查宏 marts.credit_check(code, as_of) / the credit check as a DuckDB table macro for analysts.",
    "marts",
    is_table=False,
)

credit_assets = [
    subjects,
    credit_events,
    case_effects,
    commitments,
    event_timelines,
    credit_standing_history,
    credit_standing_history_now,
    credit_class_daily,
    list_memberships,
    key_monitoring,
    credit_check,
]
