"""考核指标 on hand-made data where every numerator and denominator is known, the period boundaries, and the
report deadlines (10 July, 20 December)."""

from datetime import date

import pytest

from creditwh.assessment.kpi import build_kpis, next_report, report_period, required_items, working_days_left
from creditwh.platform.warehouse import connect
from creditwh.sample.builders import COMPANY_USCC, clean, penalty, serious_penalty, uscc
from tests.support.scenario import Scenario

UNIT = penalty()["source_unit"]
GENERAL = dict(fine_10k_yuan="0.5", penalty_content="罚款人民币5000元")


@pytest.fixture
def scenario(tmp_path):
    return Scenario(tmp_path)


def kpi(scenario, metric, period, unit=UNIT, as_of="2026-12-31"):
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        build_kpis(con, date.fromisoformat(as_of))
        rows = con.execute(
            "select numerator, denominator, value, meets_target from marts.kpi "
            "where metric = ? and period = ? and source_unit = ?",
            [metric, period, unit],
        ).fetchall()
    return rows[0] if rows else None


def test_timeliness_is_records_reported_within_7_working_days_over_records_due(scenario):
    scenario.deliver("2026-05-08", "penalties", penalty(decision_doc_no="甲", decision_date="2026-05-06", **GENERAL))
    scenario.deliver("2026-06-01", "penalties", penalty(decision_doc_no="乙", decision_date="2026-05-06", **GENERAL))
    scenario.run()
    assert kpi(scenario, "timeliness", "2026-05") == (1, 2, 0.5, False)
    assert kpi(scenario, "timeliness", "2026-05", unit="全部单位") == (1, 2, 0.5, False)


def test_acceptance_and_accuracy_count_a_row_with_a_wrong_check_character(scenario):
    bad = COMPANY_USCC[:-1] + ("0" if COMPANY_USCC[-1] != "0" else "1")
    scenario.deliver("2026-05-08", "penalties", penalty(decision_doc_no="甲", decision_date="2026-05-06", **GENERAL))
    scenario.deliver("2026-05-08", "penalties", penalty(decision_doc_no="乙", decision_date="2026-05-06", **GENERAL))
    scenario.deliver(
        "2026-05-08", "penalties", penalty(decision_doc_no="丙", decision_date="2026-05-06", uscc=bad, **GENERAL)
    )
    scenario.run()
    assert kpi(scenario, "acceptance", "2026-05")[:3] == (2, 3, round(2 / 3, 4))
    assert kpi(scenario, "accuracy", "2026-05")[:3] == (2, 3, round(2 / 3, 4))


def test_completeness_counts_required_items_by_subject_type(scenario):
    scenario.deliver("2026-05-08", "penalties", penalty(decision_doc_no="甲", decision_date="2026-05-06", **GENERAL))
    scenario.deliver(
        "2026-05-08", "penalties", penalty(decision_doc_no="乙", decision_date="2026-05-06", legal_rep="", **GENERAL)
    )
    scenario.run()
    # an organisation's record must carry the field table's "yes" fields plus its USCC and legal representative
    per_row = sum(
        1 for i in required_items() if i["source"] == "penalties" and i["subject_type"] in ("*", "法人及非法人组织")
    )
    assert kpi(scenario, "completeness", "2026-05")[:2] == (2 * per_row - 1, 2 * per_row)


def test_completeness_recounts_only_a_redelivered_day_and_equals_a_whole_recount(scenario):
    from creditwh.ingest.load import ingest_partition
    from creditwh.platform.sources import get_source
    from creditwh.sample.builders import headers, write_csv
    from creditwh.validation.validate import validate_partition

    scenario.deliver("2026-05-08", "penalties", penalty(decision_doc_no="甲", decision_date="2026-05-06", **GENERAL))
    scenario.deliver("2026-05-11", "penalties", penalty(decision_doc_no="乙", decision_date="2026-05-07", **GENERAL))
    scenario.run()
    per_row = sum(
        1 for i in required_items() if i["source"] == "penalties" and i["subject_type"] in ("*", "法人及非法人组织")
    )
    assert kpi(scenario, "completeness", "2026-05")[:2] == (2 * per_row, 2 * per_row)
    # the unit sends 8 May again, now without the legal representative
    [day_file] = (scenario.landing / "penalties" / "2026-05-08").glob("*.csv")
    write_csv(
        day_file,
        [penalty(decision_doc_no="甲", decision_date="2026-05-06", legal_rep="", **GENERAL)],
        headers("penalties"),
    )
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        ingest_partition(con, get_source("penalties"), scenario.landing, date(2026, 5, 8))
        validate_partition(con, get_source("penalties"), date(2026, 5, 8))
        build_kpis(con, date(2026, 12, 31))
        recounted = con.execute("select source, reporting_date::varchar from kpi_partitions_due").fetchall()
        kept = con.execute("select * from marts.kpi order by all").fetchall()
        con.execute("update ops.kpi_presence_partitions set version = 'built under an older version'")
        build_kpis(con, date(2026, 12, 31))
        assert len(con.execute("select * from kpi_partitions_due").fetchall()) == 2  # every partition counted again
        whole = con.execute("select * from marts.kpi order by all").fetchall()
    assert recounted == [("penalties", "2026-05-08")]
    assert kpi(scenario, "completeness", "2026-05")[:2] == (2 * per_row - 1, 2 * per_row)
    assert kept == whole


def test_the_code_error_rate_counts_a_code_used_under_two_names(scenario):
    other = uscc("91", "350102", "MA2YQ8K1")
    scenario.deliver("2026-05-08", "penalties", penalty(decision_doc_no="甲", decision_date="2026-05-06", **GENERAL))
    scenario.deliver(
        "2026-05-08",
        "penalties",
        penalty(decision_doc_no="乙", decision_date="2026-05-06", subject_name="福州市鼓楼区另一家有限公司", **GENERAL),
    )
    scenario.deliver(
        "2026-05-08",
        "penalties",
        penalty(
            decision_doc_no="丙",
            decision_date="2026-05-06",
            uscc=other,
            subject_name="福州市鼓楼区第三有限公司",
            **GENERAL,
        ),
    )
    scenario.run()
    assert kpi(scenario, "code_error", "2026-05")[:2] == (1, 2)


def test_objections_are_counted_with_their_working_days_and_outcome(scenario):
    scenario.deliver("2026-05-08", "penalties", penalty(decision_doc_no="甲", decision_date="2026-05-06", **GENERAL))
    # accepted Monday 2026-05-11, revoked Friday 2026-05-15: 4 working days
    scenario.deliver(
        "2026-05-18",
        "objections",
        clean(
            "objections",
            case_no="YY-1",
            record_doc_no="甲",
            accepted_on="2026-05-11",
            verdict="撤销",
            closed_on="2026-05-15",
        ),
    )
    scenario.deliver(
        "2026-05-18", "objections", clean("objections", case_no="YY-2", record_doc_no="甲", accepted_on="2026-05-12")
    )
    scenario.run()
    assert kpi(scenario, "objections", "2026-05")[:3] == (2, None, 2)
    assert kpi(scenario, "objection_days", "2026-05")[:3] == (4, 1, 4)
    assert kpi(scenario, "objection_changed_share", "2026-05")[:3] == (1, 1, 1)


def test_procurement_counts_awards_with_a_credit_check_and_awards_to_restricted_suppliers(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty())
    award = dict(bid_deadline="2026-09-25", award_date="2026-09-30", consortium_usccs="")
    scenario.deliver("2026-10-08", "procurement", clean("procurement", project_code="P-1", **award))
    scenario.deliver(
        "2026-10-08",
        "procurement",
        clean(
            "procurement",
            project_code="P-2",
            credit_checked_on="",
            supplier_uscc=uscc("91", "350102", "MA2YQ8K1"),
            supplier_name="福州市鼓楼区第三有限公司",
            **award,
        ),
    )
    scenario.run()
    unit = clean("procurement")["source_unit"]
    assert kpi(scenario, "credit_check_share", "2026-09", unit=unit)[:3] == (1, 2, 0.5)
    # P-1's supplier was black-listed by the serious penalty on its screening date: target 0, missed
    assert kpi(scenario, "restricted_awards", "2026-09", unit=unit) == (1, None, 1, False)


def test_period_boundaries_put_30_june_in_the_first_half_and_1_july_in_the_second(scenario):
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        from tests.support.validation_harness import load_calendar

        load_calendar(con)
        # the decision days whose 7-working-day deadline is 30 June and 1 July (the decision day is not counted)
        june, july = (
            con.execute(
                "select d.day from staging.work_calendar d join staging.work_calendar t "
                "on t.day = ? and d.workday_seq = t.workday_seq - 7 and d.is_workday",
                [day],
            ).fetchone()[0]
            for day in (date(2026, 6, 30), date(2026, 7, 1))
        )
    scenario.deliver("2026-07-02", "penalties", penalty(decision_doc_no="六月", decision_date=str(june), **GENERAL))
    scenario.deliver("2026-07-02", "penalties", penalty(decision_doc_no="七月", decision_date=str(july), **GENERAL))
    scenario.run()
    assert sorted(d for (d,) in scenario.query("select publish_deadline from staging.penalties")) == [
        date(2026, 6, 30),
        date(2026, 7, 1),
    ]
    assert kpi(scenario, "timeliness", "2026-06")[1] == 1
    assert kpi(scenario, "timeliness", "2026-07")[1] == 1
    assert kpi(scenario, "timeliness", "2026H1")[1] == 1
    assert kpi(scenario, "timeliness", "2026H2")[1] == 1
    assert kpi(scenario, "timeliness", "2026")[1] == 2


def test_a_half_year_report_is_due_on_10_july_and_an_annual_report_on_20_december():
    assert (report_period("2026H1").start, report_period("2026H1").end, report_period("2026H1").due) == (
        date(2026, 1, 1),
        date(2026, 6, 30),
        date(2026, 7, 10),
    )
    assert (report_period("2026").end, report_period("2026").due) == (date(2026, 12, 31), date(2026, 12, 20))
    with pytest.raises(ValueError, match="2026H1"):
        report_period("2026Q3")


@pytest.mark.parametrize(
    ("today", "due"),
    [
        ("2026-03-01", "2026H1"),
        ("2026-07-10", "2026H1"),
        ("2026-07-11", "2026"),
        ("2026-12-20", "2026"),
        ("2026-12-21", "2027H1"),
    ],
)
def test_the_next_report_is_the_first_not_yet_due(today, due):
    assert next_report(date.fromisoformat(today)).key == due


def test_working_days_left_count_the_calendar_and_stop_at_the_due_date(con):
    from tests.support.validation_harness import load_calendar

    load_calendar(con)
    # 2026-12-20 is a Sunday: the working days after Friday 27 November up to it are 15
    assert working_days_left(con, date(2026, 11, 27), date(2026, 12, 20)) == 15
    assert working_days_left(con, date(2026, 12, 20), date(2026, 12, 20)) == 0
    assert working_days_left(con, date(2026, 12, 21), date(2026, 12, 20)) is None
    # 2026-10-01 to 10-07 is the National Day holiday; Saturday 10 October is a make-up working day
    assert working_days_left(con, date(2026, 9, 30), date(2026, 10, 10)) == 3
