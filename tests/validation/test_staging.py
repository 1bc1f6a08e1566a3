"""Staging rules that need more than one row: deadlines in working days, versions, typing."""

from datetime import date
from decimal import Decimal

import duckdb
import pytest

from creditwh.platform.workdays import CalendarFallbackWarning, build_calendar
from creditwh.sample.builders import clean, penalty
from tests.support.validation_harness import validate_rows


def staged(tmp_path, source, rows, day=date(2026, 10, 9)):
    failed, _ = validate_rows(tmp_path, source, rows, day)
    return failed, duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True)


@pytest.mark.parametrize(
    "decided, deadline",
    [
        ("2026-09-30", date(2026, 10, 15)),  # National Day week off, make-up Saturday 10-10 counts
        ("2026-10-03", date(2026, 10, 15)),  # a holiday: counting starts at the next working day
        ("2026-10-11", date(2026, 10, 20)),  # a Sunday
        ("2026-10-09", date(2026, 10, 19)),  # a Friday: not counted itself; Saturday 10-10 is a working day
    ],
)
def test_the_publication_deadline_is_the_7th_working_day_after_the_decision(tmp_path, decided, deadline):
    _, con = staged(tmp_path, "penalties", [penalty(decision_date=decided)], day=date(2026, 10, 12))
    assert con.execute("select publish_deadline from staging.penalties").fetchone() == (deadline,)


def test_a_report_after_the_deadline_is_a_warning_not_a_rejection(tmp_path):
    failed, con = staged(tmp_path, "penalties", [penalty(decision_date="2026-09-30")], day=date(2026, 10, 16))
    assert failed[0] == {"CF043"}
    assert con.execute("select reported_on_time, warning_rules from staging.penalties").fetchone() == (False, ["CF043"])


def test_the_deadline_on_the_last_allowed_day_is_on_time(tmp_path):
    failed, con = staged(tmp_path, "penalties", [penalty(decision_date="2026-09-30")], day=date(2026, 10, 15))
    assert failed[0] == set()
    assert con.execute("select reported_on_time from staging.penalties").fetchone() == (True,)


def test_chinesecalendar_find_workday_is_a_day_late_from_a_rest_day_and_we_are_not():
    """The library's own helper, for the record: from holiday 2026-10-03 it lands on 10-16, one day late."""
    import chinese_calendar

    assert chinese_calendar.find_workday(7, date(2026, 10, 3)) == date(2026, 10, 16)
    frame, _ = build_calendar(date(2026, 12, 31))
    seq = dict(zip(frame["day"], frame["workday_seq"], strict=False))
    workdays = {s: d for d, s, w in zip(frame["day"], frame["workday_seq"], frame["is_workday"], strict=False) if w}
    assert workdays[seq[date(2026, 10, 3)] + 7] == date(2026, 10, 15)


def test_make_up_weekends_are_working_days_and_2027_falls_back_with_a_warning():
    with pytest.warns(CalendarFallbackWarning, match="2027"):
        frame, fallback = build_calendar(date(2027, 1, 10))
    days = dict(zip(frame["day"], frame["is_workday"], strict=False))
    assert days[date(2026, 10, 10)] is True  # Saturday, 调休
    assert days[date(2026, 10, 5)] is False  # Monday, National Day
    assert days[date(2027, 1, 9)] is False and days[date(2027, 1, 8)] is True
    assert fallback == [2027]


def test_an_override_file_covers_a_year_the_library_does_not_know(recwarn):
    overrides = {date(2027, 1, 1): False, date(2027, 1, 2): True}
    frame, fallback = build_calendar(date(2027, 1, 3), overrides=overrides)
    days = dict(zip(frame["day"], frame["is_workday"], strict=False))
    assert days[date(2027, 1, 1)] is False and days[date(2027, 1, 2)] is True  # a Friday off, a Saturday on
    assert fallback == [] and not [w for w in recwarn if w.category is CalendarFallbackWarning]


def test_staging_columns_are_real_dates_and_decimals_not_floats(tmp_path):
    _, con = staged(tmp_path, "penalties", [penalty(decision_date="2026年10月9日", fine_10k_yuan="0.2")])
    types = dict(
        con.execute(
            "select column_name, data_type from duckdb_columns() where table_name = 'penalties' and schema_name = 'staging'"
        ).fetchall()
    )
    assert types["decision_date"] == "DATE" and types["fine_10k_yuan"].startswith("DECIMAL")
    assert con.execute("select decision_date, fine_10k_yuan from staging.penalties").fetchone() == (
        date(2026, 10, 9),
        Decimal("0.2"),
    )


@pytest.mark.parametrize(
    "text", ["2026-10-09", "2026/10/9", "2026年10月9日", "20261009", "46304", "2026-10-09 00:00:00"]
)
def test_dates_parse_from_every_form_real_files_use(tmp_path, text):
    _, con = staged(tmp_path, "penalties", [penalty(decision_date=text)])
    assert con.execute("select decision_date from staging.penalties").fetchone() == (date(2026, 10, 9),)


def test_a_redelivered_decision_is_a_new_version_and_the_latest_wins(tmp_path):
    validate_rows(tmp_path, "penalties", [penalty(fine_10k_yuan="0.2")], day=date(2026, 10, 9))
    corrected = penalty(fine_10k_yuan="0.3", penalty_content="罚款人民币3000元")
    validate_rows(tmp_path, "penalties", [corrected], day=date(2026, 10, 12))
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True)
    assert con.execute("select count(*) from staging.penalties").fetchone() == (2,)
    assert con.execute("select fine_10k_yuan, reporting_date from staging.penalties_latest").fetchall() == [
        (Decimal("0.3"), date(2026, 10, 12))
    ]


LATEST_BY_DEFINITION = """
    select record_key, fine_10k_yuan, reporting_date from staging.penalties
    qualify row_number() over (partition by record_key order by reporting_date desc, ingested_at desc,
                                                            source_file desc, source_row desc) = 1
    order by record_key"""


def latest(con):
    return con.execute(
        "select record_key, fine_10k_yuan, reporting_date from staging.penalties_latest order by record_key"
    ).fetchall()


def test_a_redelivered_day_that_drops_a_correction_brings_the_earlier_version_back(tmp_path):
    other = penalty(decision_doc_no="鼓市监罚〔2026〕99号")
    validate_rows(tmp_path, "penalties", [penalty(fine_10k_yuan="0.2")], day=date(2026, 10, 9))
    validate_rows(tmp_path, "penalties", [penalty(fine_10k_yuan="0.3"), other], day=date(2026, 10, 12))
    validate_rows(tmp_path, "penalties", [other], day=date(2026, 10, 12))  # the office re-sends 10-12 without it
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        assert sorted((fine, day) for _, fine, day in latest(con)) == [
            (Decimal("0.2"), date(2026, 10, 9)),
            (Decimal("0.2"), date(2026, 10, 12)),
        ]
        assert latest(con) == con.execute(LATEST_BY_DEFINITION).fetchall()


def test_a_warehouse_with_the_old_latest_view_gets_the_table(tmp_path):
    validate_rows(tmp_path, "penalties", [penalty(fine_10k_yuan="0.2")], day=date(2026, 10, 9))
    with duckdb.connect(str(tmp_path / "warehouse.duckdb")) as con:
        con.execute("drop table staging.penalties_latest")
        con.execute("create view staging.penalties_latest as select * from staging.penalties")  # as built before
    validate_rows(tmp_path, "penalties", [penalty(fine_10k_yuan="0.3")], day=date(2026, 10, 12))
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute(
            "select table_type from information_schema.tables where table_name = 'penalties_latest'"
        ).fetchall() == [("BASE TABLE",)]
        assert [(fine, day) for _, fine, day in latest(con)] == [(Decimal("0.3"), date(2026, 10, 12))]


def test_the_same_key_twice_in_one_file_rejects_the_second_copy(tmp_path):
    failed, _ = staged(tmp_path, "repairs", [clean("repairs"), clean("repairs")])
    assert failed == [set(), {"XF016"}]


def test_old_template_rows_infer_subject_type_and_id_type(tmp_path):
    from creditwh.platform.sources import get_source
    from creditwh.sample.builders import PERSON_ID

    old = {f.canonical: f.code for f in get_source("penalties").old_fields}
    row = {
        "decision_doc_no": "鼓市监罚〔2016〕3号",
        "subject_name": "张三",
        "person_id_no": PERSON_ID,
        "penalty_categories": "警告",
        "violation_type": "x",
        "violation_facts": "x",
        "legal_basis": "x",
        "penalty_content": "警告",
        "decision_date": "2026-10-08",
        "authority": "鼓楼区市场监督管理局",
    }
    failed, _ = validate_rows(tmp_path, "penalties", [row], header_names=old)
    assert failed == [set()]
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True)
    assert con.execute("select subject_type, person_id_type, header_style from staging.penalties").fetchone() == (
        "自然人",
        "身份证",
        "old_template",
    )
