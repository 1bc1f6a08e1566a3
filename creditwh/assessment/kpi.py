"""Assessment indicators (考核指标, REFERENCE §7) and the report deadlines: 10 July and 20 December."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import partial

from creditwh.platform import catalog, config, manifest
from creditwh.platform.config import REPO_ROOT
from creditwh.platform.policy import load_policy
from creditwh.platform.sources import get_source
from creditwh.platform.sql import execute, quote_literal, raw_text, sql

KPIS_FILE = REPO_ROOT / "policy" / "kpis.csv"
BUREAU = "全部单位"  # marts.kpi's unit for the figures of every unit together
ASSESSED_SOURCES = ("licenses", "penalties")
_PERIOD = re.compile(r"^(\d{4})(H1)?$")


@dataclass(frozen=True)
class ReportPeriod:
    """A reporting period: a half year (2026H1, the progress report) or a year (2026, the annual report)."""

    key: str
    start: date
    end: date
    due: date
    title: str

    @property
    def kind(self) -> str:
        return "half_year" if self.key.endswith("H1") else "year"


def report_period(key: str) -> ReportPeriod:
    match = _PERIOD.match(key.strip())
    if not match:
        raise ValueError(f"报告期间应为 2026H1 或 2026 / a report period is 2026H1 (half year) or 2026 (year): {key!r}")
    year = int(match.group(1))
    policy = load_policy()["assessment"]
    if match.group(2):
        month, day = map(int, str(policy["half_year_report_due"]).split("-"))
        return ReportPeriod(
            key,
            date(year, 1, 1),
            date(year, 6, 30),
            date(year, month, day),
            f"{year}年上半年社会信用体系建设工作进展报告",
        )
    month, day = map(int, str(policy["annual_report_due"]).split("-"))
    return ReportPeriod(
        key, date(year, 1, 1), date(year, 12, 31), date(year, month, day), f"{year}年度社会信用体系建设工作总结"
    )


def reports_around(as_of: date) -> list[ReportPeriod]:
    """This year's two reports and next year's half-year one, in due-date order."""
    return [report_period(k) for k in (f"{as_of.year}H1", f"{as_of.year}", f"{as_of.year + 1}H1")]


def next_report(as_of: date) -> ReportPeriod:
    """The next report falling due on or after as_of (next year's half-year report is always ahead)."""
    return next(p for p in reports_around(as_of) if p.due >= as_of)


def deadline_text(days_left: int | None) -> str:
    """How the report and the dashboard state a deadline, from working_days_left."""
    if days_left is None:
        return "已过截止日期 / the due date has passed"
    if days_left == 0:
        return "今日截止 / due today"
    return f"剩余 {days_left} 个工作日 / {days_left} working days left"


def working_days_left(con, as_of: date, due: date) -> int | None:
    """Working days after as_of up to and including the due date (0 on the due date); None once it has passed."""
    if due < as_of:
        return None
    return execute(con, "assessment/working_days_between", {"from_day": as_of, "to_day": due}).fetchone()[0]


def required_items() -> list[dict]:
    """完整率's required items: the field tables' "yes" fields for any subject type, plus policy's by type."""
    by_type = load_policy()["assessment"]["completeness_by_subject_type"]
    items = []
    for source in ASSESSED_SOURCES:
        fields = get_source(source).fields
        items += [{"source": source, "subject_type": "*", "field": f.canonical} for f in fields if f.required == "yes"]
        known = {f.canonical for f in fields}
        items += [
            {"source": source, "subject_type": t, "field": f}
            for t, names in by_type.items()
            for f in names
            if f in known
        ]
    return items


# the facts every run derives again whole but for the code errors, which follow marts.kpi_codes's changes
ALL_CODES = "true"
CHANGED_CODES = "uscc in (select uscc from kpi_codes_changed)"
# the periods of the facts a tally counts: all of them, or those of the keys and cells recounted (keyless facts
# are taken by their cell, so all their periods)
ALL_PERIODS = "true"
RECOUNTED_PERIODS = (
    "distinct_key is null or (metric, distinct_key, period_kind, period) in "
    "(select metric, distinct_key, period_kind, period from kpi_keys_recounted)"
)
# the facts the tallies count: those of days up to the as-of day
COUNTED = "(select * from marts.kpi_facts where day <= $as_of::date)"
# the SQL the facts and tallies are built by, and the macros it calls (staging.uscc_valid, staging.unit_label):
# a change to any builds them whole
VERSIONED = (
    "assessment/kpi_macros",
    "assessment/kpi_fact_rows",
    "assessment/kpi_facts",
    "assessment/kpi_tally",
    "assessment/kpi_tallies",
    "validation/macros",
)


def build_kpis(con, as_of: date) -> manifest.Refreshed:
    """marts.kpi_field_presence and marts.kpi_codes (per raw partition), marts.kpi_facts and marts.kpi_tallies (by
    change: only the periods the changed facts fall in are counted again), then marts.kpi_periods and marts.kpi, in
    one transaction; how many periods were counted again.

    A day's delivery changes the facts of a few days, but every count of distinct keys over a period read all of
    the period's facts (most of the 47 s this step took at 10M rows). The tallies are counts and sums, so a changed
    part of the facts is taken off and added back; a new version, a missing table or the first build builds the
    facts and tallies whole."""
    con.execute("begin transaction")
    try:
        _count_partitions(con)
        execute(con, "assessment/kpi_macros")
        params = {"required_items": required_items(), "as_of": as_of}
        version = manifest.build_version(
            {"required_items": params["required_items"]}, *(raw_text(name) for name in VERSIONED)
        )
        built = execute(con, "assessment/kpi_built").fetchone()
        current = (
            not config.whole_rebuild()
            and built is not None
            and built[0] == version
            and all(catalog.table_exists(con, t) for t in ("marts.kpi_facts", "marts.kpi_tallies"))
        )
        if current:
            execute(
                con,
                "assessment/kpi_facts",
                {**params, "built_as_of": built[1]},
                fragments={"rows": sql("assessment/kpi_fact_rows", fragments={"usccs": CHANGED_CODES})},
            )
            tally = partial(sql, "assessment/kpi_tally")
            execute(
                con,
                "assessment/kpi_tallies",
                fragments={
                    "before": tally(fragments={"facts": "kpi_counted_before", "periods": RECOUNTED_PERIODS}),
                    "after": tally(fragments={"facts": "kpi_counted_after", "periods": RECOUNTED_PERIODS}),
                },
            )
            recounted = "kpi_tallies_recounted"
        else:
            execute(
                con,
                "platform/rebuild_table",
                params,
                fragments={
                    "rows": sql("assessment/kpi_fact_rows", fragments={"usccs": ALL_CODES}),
                    "layout": "",
                },
                table="marts.kpi_facts",
            )
            execute(
                con,
                "platform/rebuild_table",
                params,
                fragments={
                    "rows": sql("assessment/kpi_tally", fragments={"facts": COUNTED, "periods": ALL_PERIODS}),
                    "layout": "",
                },
                table="marts.kpi_tallies",
            )
            recounted = "marts.kpi_tallies"
        periods = execute(con, "assessment/kpi_periods_recounted", tallies=recounted).fetchone()[0]
        execute(con, "assessment/kpi_built_record", {"version": version, "as_of": as_of})
        execute(con, "assessment/kpi", {"as_of": as_of, "kpis_path": str(KPIS_FILE)})
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return manifest.Refreshed(not current, periods, "periods")


def _count_partitions(con) -> None:
    """marts.kpi_field_presence and marts.kpi_codes for the raw partitions delivered again since the last build."""
    counts = "\nunion all by name\n".join(
        sql(
            "assessment/kpi_presence_counts",
            fragments={"source": quote_literal(source)},
            raw_table=get_source(source).raw_table,
        )
        for source in ASSESSED_SOURCES
    )
    presence = sql("assessment/kpi_presence", fragments={"counts": counts})
    # the counts depend on the raw tables' columns as well as on the SQL: a new column counts every partition
    raw_columns = [
        execute(con, "platform/table_shape", {"schema": "raw", "table": source}).fetchall()
        for source in ASSESSED_SOURCES
    ]
    execute(
        con,
        "assessment/kpi_presence",
        {
            "version": manifest.layout(presence, sql("assessment/kpi_codes"), repr(raw_columns)),
            "sources": list(ASSESSED_SOURCES),
        },
        fragments={"counts": counts},
    )
    execute(con, "assessment/kpi_codes")
