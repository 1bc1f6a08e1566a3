"""The Chinese working-day calendar as a table, for deadline arithmetic in SQL.

chinesecalendar knows 2004–2026, including make-up working weekends (调休). Later years come from
policy/calendar_overrides.csv; a year in neither falls back to Monday–Friday with a warning. The table is
built once per run (a few thousand rows), never per record.
"""

from __future__ import annotations

import csv
import warnings
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import duckdb
import polars as pl

from creditwh.platform.config import REPO_ROOT

OVERRIDES = REPO_ROOT / "policy" / "calendar_overrides.csv"
FIRST_DAY = date(2015, 1, 1)  # the 7-working-day rule dates from 国办发〔2015〕51号


class CalendarFallbackWarning(UserWarning):
    pass


def load_overrides(path: Path = OVERRIDES) -> dict[date, bool]:
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {
            date.fromisoformat(r["date"]): r["is_workday"].strip().lower() in ("true", "1", "yes", "是")
            for r in csv.DictReader(fh)
        }


def build_calendar(last_day: date, overrides: dict[date, bool] | None = None) -> tuple[pl.DataFrame, list[int]]:
    """Days from FIRST_DAY to last_day with is_workday and a running count of working days.

    Returns the frame and the years that fell back to Monday–Friday.
    """
    overrides = load_overrides() if overrides is None else overrides
    override_years = {d.year for d in overrides}
    days, flags, sources, fallback_years = [], [], [], set()
    day = FIRST_DAY
    # One row per calendar day (≈ 4,700 rows to 2027): built once per run, not per record.
    while day <= last_day:
        if day in overrides:
            flag, origin = overrides[day], "override"
        else:
            try:
                flag, origin = chinese_calendar.is_workday(day), "chinesecalendar"
            except NotImplementedError:
                flag, origin = day.weekday() < 5, "override" if day.year in override_years else "weekday_fallback"
                if day.year not in override_years:
                    fallback_years.add(day.year)
        days.append(day)
        flags.append(flag)
        sources.append(origin)
        day += timedelta(days=1)
    if fallback_years:
        warnings.warn(
            f"工作日历缺少 {sorted(fallback_years)} 年的节假日安排，暂按周一至周五计算 / no holiday calendar for "
            f"{sorted(fallback_years)}: using Monday–Friday; add the State Council notice to {OVERRIDES.name}",
            CalendarFallbackWarning,
            stacklevel=2,
        )
    frame = pl.DataFrame({"day": days, "is_workday": flags, "calendar_source": sources}).with_columns(
        pl.col("is_workday").cast(pl.Int64).cum_sum().alias("workday_seq")
    )
    return frame, sorted(fallback_years)


def write_calendar(con: duckdb.DuckDBPyConnection, last_day: date) -> tuple[int, list[int]]:
    """Replace staging.work_calendar; returns its number of days and the years that fell back to Mon–Fri."""
    frame, fallback_years = build_calendar(last_day)
    con.register("calendar_frame", frame)
    try:
        con.execute("create or replace table staging.work_calendar as select * from calendar_frame")
    finally:
        con.unregister("calendar_frame")
    return frame.height, fallback_years
