"""As of a day means as known that day (issue 21): each history uses, for each record, the version that had been
delivered by the day asked about. A later correction never leaks into the past."""

import pytest

from creditwh.sample.builders import COMPANY_USCC, penalty
from tests.support.scenario import Scenario

# delivered on 03-12 as a fine of 1,000,000 yuan: a general record, no list
FINE = penalty(
    decision_doc_no="榕鼓财罚〔2026〕31号",
    penalty_categories="罚款",
    penalty_content="罚款人民币100万元",
    fine_10k_yuan="100",
    decision_date="2026-03-10",
    penalty_valid_to="2029-03-10",
)
# delivered again on 04-20 under the same document number, corrected to a revocation: serious, black-listed
REVOCATION = {
    **FINE,
    "penalty_categories": "罚款;吊销许可证件",
    "penalty_content": "罚款人民币100万元；吊销食品经营许可证",
    "suspended_licence": "食品经营许可证 JY13501020001",
}


@pytest.fixture
def corrected(tmp_path):
    return (
        Scenario(tmp_path).deliver("2026-03-12", "penalties", FINE).deliver("2026-04-20", "penalties", REVOCATION).run()
    )


def test_before_the_correction_arrived_the_record_was_a_fine_and_listed_nothing(corrected):
    result = corrected.check(COMPANY_USCC, "2026-04-01")
    assert result["known"] and not result["black"] and result["credit_class"] == "B"
    assert not result["lists"]
    assert [e["severity"] for e in result["evidence"]] == ["general"]


def test_after_the_correction_arrived_the_revocation_lists_from_its_delivery(corrected):
    result = corrected.check(COMPANY_USCC, "2026-06-01")
    assert result["black"] and [e["severity"] for e in result["evidence"]] == ["serious"]
    [entry] = result["lists"]
    assert entry["list"] == "black" and entry["entered_on"].isoformat() > "2026-04-20"


def test_the_standing_history_keeps_both_versions_each_in_its_own_days(corrected):
    rows = corrected.query(
        "select valid_from, credit_class, black from marts.credit_standing_history "
        "where subject_key = ? order by valid_from",
        [COMPANY_USCC],
    )
    assert rows[0][0].isoformat() == "2026-03-12" and rows[0][1:] == ("B", False)
    assert any(black and valid_from.isoformat() > "2026-04-20" for valid_from, _, black in rows)


def test_a_correction_that_keeps_the_record_listed_neither_ends_nor_restarts_the_entry(tmp_path):
    revoked = {**REVOCATION, "subject_name": "福州某某有限公司"}
    scenario = (
        Scenario(tmp_path).deliver("2026-03-12", "penalties", REVOCATION).deliver("2026-04-20", "penalties", revoked)
    )
    scenario.run()
    entries = scenario.query("select entered_on, exit_reason from marts.list_memberships where list = 'black'")
    # one entry, from the first delivery, ending only at its scheduled end
    assert len(entries) == 1 and entries[0][0].isoformat() < "2026-04-01" and entries[0][1] == "expired"


def test_a_listing_corrected_away_exits_the_day_the_correction_arrived(tmp_path):
    scenario = (
        Scenario(tmp_path).deliver("2026-03-12", "penalties", REVOCATION).deliver("2026-04-20", "penalties", FINE)
    )
    scenario.run()
    assert scenario.check(COMPANY_USCC, "2026-04-01")["black"]
    assert not scenario.check(COMPANY_USCC, "2026-05-01")["black"]
    [(exit_on, reason)] = scenario.query("select exit_on, exit_reason from marts.list_memberships where list = 'black'")
    assert exit_on.isoformat() == "2026-04-20" and reason == "corrected"


def test_before_the_correction_arrived_a_listing_corrected_away_later_ran_to_its_term(tmp_path):
    scenario = (
        Scenario(tmp_path).deliver("2026-03-12", "penalties", REVOCATION).deliver("2026-04-20", "penalties", FINE)
    )
    scenario.run()
    [then] = scenario.check(COMPANY_USCC, "2026-04-01")["lists"]
    assert (then["exit_on"].isoformat(), then["exit_reason"]) == ("2029-03-10", "expired")
    [now] = scenario.check(COMPANY_USCC, "2026-04-01", known="now")["lists"]
    assert (now["exit_on"].isoformat(), now["exit_reason"]) == ("2026-04-20", "corrected")
