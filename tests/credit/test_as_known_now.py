"""Two views of a past day, named (issue 21): "as known then" (the default) is what the bureau could have known that
day, and never changes afterwards; "as known now" is what is now known to have been true that day."""

import pytest
from click.testing import CliRunner

from creditwh.sample.builders import COMPANY_USCC, clean, penalty, serious_penalty
from pipelines.cli import main
from tests.support.scenario import Scenario

DOC_NO = penalty()["decision_doc_no"]
# decided on 05-04 (a revocation, black-listing), but delivered only on 06-15
LATE = serious_penalty()


@pytest.fixture
def late(tmp_path):
    award = clean(
        "procurement",
        consortium_usccs="",
        credit_checked_on="2026-06-01",
        bid_deadline="2026-06-05",
        award_date="2026-06-10",
    )
    return Scenario(tmp_path).deliver("2026-06-15", "penalties", LATE).deliver("2026-06-11", "procurement", award).run()


def test_a_record_delivered_late_counts_from_its_delivery_as_known_then_and_from_its_decision_as_known_now(late):
    then = late.check(COMPANY_USCC, "2026-06-01")
    now = late.check(COMPANY_USCC, "2026-06-01", known="now")
    assert then["known_as"] == "then" and not then["black"] and not then["evidence"]
    assert now["known_as"] == "now" and now["black"] and [e["record"] for e in now["evidence"]] == [DOC_NO]


def test_an_award_screened_before_the_record_arrived_was_clear_then_and_is_listed_for_review(late):
    [(verdict, restricted)] = late.query("select verdict, restricted from marts.screenings")
    assert verdict == "clear" and not restricted  # the verdict given stands: fair as known then
    [(review, records_now)] = late.query("select review, records_now from marts.screening_review")
    assert review == "clear_then_restricted_now" and records_now == [DOC_NO]


def test_the_history_now_changes_the_past_and_the_history_then_does_not(late):
    def black_from(table):
        return late.query(f"select min(valid_from) from {table} where black and subject_key = ?", [COMPANY_USCC])[0][0]

    assert black_from("marts.credit_standing_history").isoformat() == "2026-06-15"
    assert black_from("marts.credit_standing_history_now").isoformat() == "2026-05-04"


def test_an_objection_accepted_before_the_day_but_delivered_after_suspends_the_record_only_as_known_now(tmp_path):
    scenario = (
        Scenario(tmp_path)
        .deliver("2026-05-06", "penalties", serious_penalty())
        .deliver("2026-06-20", "objections", clean("objections", record_doc_no=DOC_NO, accepted_on="2026-06-01"))
        .run()
    )
    assert scenario.check(COMPANY_USCC, "2026-06-10")["black"]
    now = scenario.check(COMPANY_USCC, "2026-06-10", known="now")
    assert not now["black"] and now["suspended_events"] == [f"penalties:{DOC_NO}|{COMPANY_USCC}"]


def test_a_revoked_record_counted_until_the_revocation_was_known_then_and_never_now(tmp_path):
    revoked = clean(
        "objections", record_doc_no=DOC_NO, accepted_on="2026-06-01", verdict="撤销", closed_on="2026-06-20"
    )
    scenario = (
        Scenario(tmp_path)
        .deliver("2026-05-06", "penalties", serious_penalty())
        .deliver("2026-06-21", "objections", revoked)
        .run()
    )
    assert scenario.check(COMPANY_USCC, "2026-05-20")["black"]
    assert not scenario.check(COMPANY_USCC, "2026-05-20", known="now")["black"]
    # the list entry as known on 05-20 had not yet been revoked: its exit then was its term
    [entry] = scenario.check(COMPANY_USCC, "2026-05-20")["lists"]
    assert entry["exit_reason"] == "expired"
    [entry] = scenario.check(COMPANY_USCC, "2026-05-20", known="now")["lists"]
    assert entry["exit_reason"] == "revoked"


def test_the_macro_takes_the_view_by_name_and_refuses_any_other(late):
    [(black,)] = late.query(
        "select black from marts.credit_check(?, date '2026-06-01', known := 'now')", [COMPANY_USCC]
    )
    assert black
    with pytest.raises(Exception, match="known must be 'then' or 'now'"):
        late.query("select * from marts.credit_check(?, date '2026-06-01', known := 'later')", [COMPANY_USCC])


def test_the_command_line_names_the_view_it_answers_in(late):
    warehouse = str(late.workdir / "warehouse.duckdb")
    runner = CliRunner()
    then = runner.invoke(main, ["check", COMPANY_USCC, "--as-of", "2026-06-01", "--warehouse", warehouse])
    now = runner.invoke(
        main, ["check", COMPANY_USCC, "--as-of", "2026-06-01", "--known", "now", "--warehouse", warehouse]
    )
    # on 06-01 the bureau knew no record of the company: as known then it had none
    assert then.exit_code == 0 and "按当日所知 / as known then" in then.output and "no credit record" in then.output
    assert now.exit_code == 0 and "按现在所知 / as known now" in now.output and "黑名单 black: 是" in now.output
    wrong = runner.invoke(main, ["check", COMPANY_USCC, "--known", "later", "--warehouse", warehouse])
    assert wrong.exit_code == 2
