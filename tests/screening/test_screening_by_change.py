"""Screening works from change (issue 24): a day screens the business it delivered and the business already screened
whose subject's standing on its screening date late data changed, and what it keeps equals a whole rebuild."""

import pytest

import tests.support.scenario as scenario_module
from creditwh.credit.build import build_step, policy_params, prepare_core
from creditwh.credit.by_subject import ALL, MARTS
from creditwh.platform.sql import execute
from creditwh.platform.warehouse import connect
from creditwh.sample.builders import COMPANY_USCC, clean, penalty, serious_penalty, uscc
from tests.support.scenario import Scenario

PARTNER = uscc("91", "350102", "MA31XQ7B")
OTHER = uscc("91", "350102", "MA4R2T9W")
NEWCOMER = uscc("91", "350102", "MA5T8N2X")
COMPANY_DOC = penalty()["decision_doc_no"]
OTHER_DOC = "鼓市监罚〔2026〕77号"
# in the order a run builds them: each whole build reads the kept tables before it
SCREENING = (
    "screening/screening_check_reasons",
    "screening/screenings",
    "screening/screening_review",
    "screening/trigger_feedback",
)


def repair():
    return clean("repairs", uscc=OTHER, record_doc_no=OTHER_DOC, applied_on="2026-06-24", decided_on="2026-06-25")


def award(code, supplier, checked, consortium=""):
    return clean(
        "procurement",
        project_code=code,
        supplier_uscc=supplier,
        consortium_usccs=consortium,
        credit_checked_on=checked,
        bid_deadline=checked,
        award_date=checked,
    )


def application():
    return clean("applications", uscc=OTHER, applied_on="2026-06-03", decided_on="2026-06-09")


def other_penalty(**overrides):
    return serious_penalty(
        uscc=OTHER, subject_name="福州市鼓楼区远航贸易有限公司", decision_doc_no=OTHER_DOC, **overrides
    )


class Days:
    """A warehouse run day by day, each run given only that day's deliveries, as the daily run is; it remembers what
    each screening step recomputed."""

    def __init__(self, tmp_path, monkeypatch):
        self.scenario = Scenario(tmp_path)
        self.refreshed = {}

        def recorded(con, step):
            self.refreshed[step] = build_step(con, step)
            return self.refreshed[step]

        monkeypatch.setattr(scenario_module, "build_step", recorded)

    def day(self, *deliveries):
        self.scenario.deliveries.clear()
        for day, source, row in deliveries:
            self.scenario.deliver(day, source, row)
        self.scenario.run()
        return self

    def kept_and_whole(self, step):
        """The table as kept, and as a whole build on the same data gives it, row for row."""
        mart = MARTS[step]
        with connect(self.scenario.workdir / "warehouse.duckdb") as con:
            prepare_core(con)
            kept = con.execute(f"select * from {mart.table} order by all").fetchall()
            execute(
                con,
                "platform/rebuild_table",
                policy_params(),
                fragments={"rows": mart.rows_sql(ALL), "layout": mart.layout},
                table="whole_build",
            )
            whole = con.execute("select * from whole_build order by all").fetchall()
        return kept, whole

    def assert_as_whole(self):
        for step in SCREENING:
            kept, whole = self.kept_and_whole(step)
            assert kept == whole, step


@pytest.fixture
def days(tmp_path, monkeypatch):
    days = Days(tmp_path, monkeypatch)
    days.day(
        ("2026-05-06", "penalties", serious_penalty()),  # COMPANY black-listed from 05-04
        ("2026-05-11", "upstream_lists", clean("upstream_lists", uscc=PARTNER, listed_on="2026-05-10", valid_until="")),
    )
    days.day(
        ("2026-06-11", "procurement", award("GLCZ-2026-0001", COMPANY_USCC, "2026-06-01", consortium=PARTNER)),
        ("2026-06-11", "procurement", award("GLCZ-2026-0002", OTHER, "2026-06-02")),
        ("2026-06-11", "applications", application()),
    )
    return days


def review(days):
    return days.scenario.query(
        "select reference, role, review from marts.screening_review order by reference, role, business"
    )


def test_the_first_days_build_what_a_whole_build_gives(days):
    days.assert_as_whole()
    restricted = days.scenario.query("select reference, bool_and(business_restricted) from marts.screenings group by 1")
    assert sorted(restricted) == [("GLCZ-2026-0001", True), ("GLCZ-2026-0002", False), ("SQ-2026-000123", False)]


def test_a_penalty_decided_before_an_award_and_delivered_after_it_changes_its_review_not_its_verdict(days):
    days.day(("2026-06-20", "penalties", other_penalty(decision_date="2026-05-20")))
    assert not days.refreshed["screening/screenings"].rebuilt
    days.assert_as_whole()
    assert ("GLCZ-2026-0002", "supplier", "clear_then_restricted_now") in review(days)
    assert days.scenario.query("select restricted from marts.screenings where reference = 'GLCZ-2026-0002'") == [
        (False,)
    ]


def test_an_objection_accepted_before_an_award_and_delivered_after_it_clears_it_as_now_known(days):
    days.day(("2026-06-20", "objections", clean("objections", record_doc_no=COMPANY_DOC, accepted_on="2026-05-25")))
    assert not days.refreshed["screening/screening_review"].rebuilt
    days.assert_as_whole()
    assert ("GLCZ-2026-0001", "supplier", "restricted_then_clear_now") in review(days)


def test_a_repair_delivered_late_and_the_next_month_keep_every_table_as_a_whole_build(days):
    days.day(("2026-06-20", "penalties", other_penalty(decision_date="2026-05-20")))
    days.day(
        ("2026-07-02", "repairs", repair()),
        ("2026-07-02", "procurement", award("GLCZ-2026-0004", OTHER, "2026-06-28")),
    )
    assert not days.refreshed["screening/trigger_feedback"].rebuilt
    days.assert_as_whole()
    # the upstream entry reports on July too, the month the day's data reached
    months = days.scenario.query("select distinct period from marts.trigger_feedback where subject_key = ?", [PARTNER])
    assert max(m for (m,) in months).isoformat() == "2026-07-01"


def test_a_day_with_one_new_award_screens_that_award_alone(days):
    days.day(("2026-06-20", "procurement", award("GLCZ-2026-0005", NEWCOMER, "2026-06-18")))
    done = {step: days.refreshed[step] for step in SCREENING}
    assert {step: (d.rebuilt, d.recomputed) for step, d in done.items()} == {
        "screening/screening_check_reasons": (False, 1),
        "screening/screenings": (False, 1),
        "screening/screening_review": (False, 1),
        "screening/trigger_feedback": (False, 0),  # the newcomer has no upstream entry, and June goes on
    }
    days.assert_as_whole()


def test_a_day_with_nothing_for_screening_screens_nothing(days):
    days.day(("2026-06-20", "licenses", clean("licenses", uscc=NEWCOMER)))
    assert {days.refreshed[step].recomputed for step in SCREENING} == {0}
    days.assert_as_whole()


def test_the_feedback_works_out_again_only_the_months_a_day_changed(days):
    # PARTNER's entry reports on May and June; a day in July brings an award to it dated in June
    days.day(("2026-07-02", "procurement", award("GLCZ-2026-0006", PARTNER, "2026-06-30")))
    feedback = days.refreshed["screening/trigger_feedback"]
    # June (its new business) and July (the month the day's data reached), not May
    assert (feedback.rebuilt, feedback.recomputed, feedback.unit) == (False, 2, "subject_periods")
    days.assert_as_whole()
    june = days.scenario.query(
        "select reference from marts.trigger_feedback where subject_key = ? and period = '2026-06-01'", [PARTNER]
    )
    assert ("GLCZ-2026-0006",) in june
