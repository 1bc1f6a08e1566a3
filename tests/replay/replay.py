"""Replay equivalence (issue 21): a warehouse built from only the deliveries up to a day D gives the same answers as
the full warehouse asked "as known then" on D. Used by the test (small, in CI) and by the bench (larger)."""

from __future__ import annotations

import os
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from creditwh.platform.warehouse import connect
from creditwh.publication.double_publicity import PUBLISHED_SOURCES, build_frame
from tests.support.histories import History
from tests.support.scenario import Scenario

SCREENING = (
    "select business, business_key, role, coalesce(subject_key, ''), screening_date, restricted, reasons, "
    "evidence_records, credit_class, red from marts.screenings where screening_date <= ?"
)


@contextmanager
def today(day: date):
    """CREDIT_TODAY=day while building: the warehouse believes it is that day."""
    before = os.environ.get("CREDIT_TODAY")
    os.environ["CREDIT_TODAY"] = day.isoformat()
    try:
        yield
    finally:
        if before is None:
            del os.environ["CREDIT_TODAY"]
        else:
            os.environ["CREDIT_TODAY"] = before


def build(history: History, workdir: Path, up_to: date) -> Scenario:
    scenario = Scenario(workdir)
    for day, source, row in history.up_to(up_to):
        scenario.deliver(day.isoformat(), source, row)
    with today(up_to):
        return scenario.run()


def answers(scenario: Scenario, codes: list[str], day: date) -> dict[tuple, object]:
    """Every answer the warehouse gives about day D, as known then, keyed by what it is about."""
    out: dict[tuple, object] = {}
    for code in codes:
        result = scenario.check(code, day.isoformat())
        for name, value in result.items():
            out[("check", code, name)] = value
    for row in scenario.query(SCREENING, [day]):
        out[("screening", *row[:5])] = row[5:]
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        for source in PUBLISHED_SOURCES:
            frame = build_frame(con, source, day)
            for record_key, *values in con.execute(f"select * from {frame}").fetchall():
                out[("双公示", source, record_key)] = tuple(values)
    return out


def differences(full: dict, replayed: dict, day: date) -> list[str]:
    """Each difference, naming what it is about (the subject, the business or the record), the day and the field.
    Business delivered after D is screened in the full warehouse only: it is compared where both know it."""
    later_business = {k for k in full if k[0] == "screening" and k not in replayed}
    keys = sorted((set(full) - later_business) | set(replayed), key=repr)
    return [
        f"{day} {' / '.join(map(str, key))}: full warehouse as known then {full.get(key)!r}, "
        f"replayed warehouse {replayed.get(key)!r}"
        for key in keys
        if full.get(key) != replayed.get(key)
    ]
