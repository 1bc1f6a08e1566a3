"""The credit rules as scenarios: lists, classes, repairs, objections and as-of answers."""

import pytest

from creditwh.sample.builders import COMPANY_USCC, clean, penalty, serious_penalty
from tests.support.scenario import Scenario


@pytest.fixture
def scenario(tmp_path):
    return Scenario(tmp_path)


def test_a_serious_penalty_black_lists_the_subject_and_gives_d_until_its_publicity_ends(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty()).run()
    during = scenario.check(COMPANY_USCC, "2026-06-01")
    assert during["black"] and during["credit_class"] == "D"
    assert {m["id"] for m in during["measures"]} == {"P01", "P02", "P03", "P04", "P05"}
    # decided 4 May, delivered 6 May: listed 5 working days after the bureau knew (9 May is a make-up working day)
    assert during["lists"][0]["entered_on"].isoformat() == "2026-05-12"
    after = scenario.check(COMPANY_USCC, "2029-05-05")  # 令第36号: serious, at most 3 years
    assert not after["black"] and after["credit_class"] == "A"


def test_a_minor_penalty_is_not_published_and_lists_nothing(scenario):
    scenario.deliver(
        "2026-05-06",
        "penalties",
        penalty(penalty_categories="警告", penalty_content="警告", fine_10k_yuan="", decision_date="2026-05-04"),
    ).run()
    assert scenario.query("select severity, published from core.credit_events") == [("minor", False)]
    assert scenario.query("select count(*) from marts.list_memberships") == [(0,)]


def test_a_repair_after_the_minimum_period_exits_the_list(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty())
    scenario.deliver(
        "2027-06-02",
        "repairs",
        clean("repairs", record_doc_no=penalty()["decision_doc_no"], applied_on="2027-05-10", decided_on="2027-06-01"),
    )
    scenario.run()
    assert scenario.query("select exit_on, exit_reason, repaired_before_min from marts.list_memberships")[0][1:] == (
        "repaired",
        False,
    )
    assert scenario.check(COMPANY_USCC, "2027-05-31")["black"]
    assert not scenario.check(COMPANY_USCC, "2027-06-03")["black"]


def test_a_repair_before_the_minimum_period_is_applied_and_flagged_for_review(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty())
    scenario.deliver(
        "2026-07-02",
        "repairs",
        clean("repairs", record_doc_no=penalty()["decision_doc_no"], applied_on="2026-06-20", decided_on="2026-07-01"),
    )
    scenario.run()
    assert scenario.query("select exit_reason, repaired_before_min from marts.list_memberships") == [("repaired", True)]


def test_a_pending_objection_suspends_the_measures_of_the_disputed_record(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty())
    scenario.deliver(
        "2026-06-02",
        "objections",
        clean("objections", record_doc_no=penalty()["decision_doc_no"], accepted_on="2026-06-01"),
    )
    scenario.run()
    during = scenario.check(COMPANY_USCC, "2026-06-10")
    assert not during["black"]
    assert not {m["id"] for m in during["measures"] or []} & {"P01", "P02", "P03", "P04", "P05"}
    assert during["suspended_events"] == [f"penalties:{penalty()['decision_doc_no']}|{COMPANY_USCC}"]
    assert scenario.check(COMPANY_USCC, "2026-05-20")["black"]  # before the objection, the measures applied


def test_a_revocation_removes_the_record_s_effect_from_the_start(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty())
    scenario.deliver(
        "2026-06-21",
        "objections",
        clean(
            "objections",
            record_doc_no=penalty()["decision_doc_no"],
            accepted_on="2026-06-01",
            verdict="撤销",
            closed_on="2026-06-20",
        ),
    )
    scenario.run()
    entry = scenario.query("select entered_on, exit_on, exit_reason from marts.list_memberships")[0]
    assert entry[2] == "revoked" and entry[0] == entry[1]  # no effect from the start
    assert not scenario.check(COMPANY_USCC, "2026-07-01")["black"]
    # what staff saw on 2026-05-20 stays what they saw: the history is as known on each day
    assert scenario.check(COMPANY_USCC, "2026-05-20")["black"]


def test_an_upstream_entry_is_listed_and_removed_again(scenario):
    listed = clean("upstream_lists", listed_on="2026-05-10", valid_until="")
    scenario.deliver("2026-05-11", "upstream_lists", listed)
    scenario.deliver("2026-08-02", "upstream_lists", {**listed, "removed_on": "2026-08-01", "removal_reason": "已履行"})
    scenario.run()
    assert scenario.check(COMPANY_USCC, "2026-07-01")["black"]
    assert not scenario.check(COMPANY_USCC, "2026-08-05")["black"]
    assert scenario.query("select exit_on, exit_reason from marts.list_memberships")[0][1] == "upstream_removed"


def test_red_list_entry_and_exit(scenario):
    scenario.deliver(
        "2026-05-11",
        "upstream_lists",
        clean(
            "upstream_lists",
            list_type="纳税信用A级纳税人",
            kind="激励",
            listed_on="2026-05-10",
            valid_until="2026-12-31",
            decision_doc_no="榕税A〔2026〕1号",
        ),
    )
    # a 5,000 yuan fine is above the minor threshold for an organisation (3,000 yuan): a general record
    scenario.deliver(
        "2026-07-03",
        "penalties",
        penalty(decision_date="2026-07-01", fine_10k_yuan="0.5", penalty_content="罚款人民币5000元"),
    )
    scenario.run()
    red = scenario.check(COMPANY_USCC, "2026-06-01")
    assert red["red"] and {m["id"] for m in red["measures"]} == {"R01", "R02", "R03"}
    assert not scenario.check(COMPANY_USCC, "2026-07-10")["red"]  # a general penalty in the last 3 years


def test_the_legal_representative_of_a_black_listed_organisation_is_marked(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty()).run()
    rows = scenario.query("select person_name, role, organisation_key, valid_from from marts.key_monitoring")
    assert rows and rows[0][:3] == ("林建华", "法定代表人", COMPANY_USCC)


def test_one_listing_is_one_key_monitoring_period_however_the_score_moves_within_it(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty())
    # a licence and a general penalty while listed: the score moves twice, the listing does not
    scenario.deliver("2026-06-10", "licenses", clean("licenses", decision_date="2026-06-08", valid_from="2026-06-08"))
    scenario.deliver(
        "2026-07-10",
        "penalties",
        penalty(
            decision_doc_no="榕鼓财罚〔2026〕40号",
            decision_date="2026-07-08",
            fine_10k_yuan="0.5",
            penalty_content="罚款人民币5000元",
        ),
    )
    scenario.run()
    assert len(scenario.query("select distinct score from marts.credit_standing_history where black")) > 1
    [(valid_from, valid_to)] = scenario.query("select valid_from, valid_to from marts.key_monitoring")
    assert valid_from.isoformat() == "2026-05-06" and valid_to.isoformat() == "2029-05-04"


def test_as_of_answers_for_past_dates_stay_stable_after_later_data_arrives(scenario):
    scenario.deliver("2026-05-11", "licenses", clean("licenses", decision_date="2026-05-08", valid_from="2026-05-08"))
    scenario.run()
    before = scenario.check(COMPANY_USCC, "2026-06-01")
    # a serious penalty decided on 2026-05-20 reaches the bureau only on 2026-06-15
    scenario.deliver("2026-06-15", "penalties", serious_penalty(decision_date="2026-05-20")).run()
    again = scenario.check(COMPANY_USCC, "2026-06-01")
    assert (again["credit_class"], again["black"], again["score"]) == (
        before["credit_class"],
        before["black"],
        before["score"],
    )
    assert scenario.check(COMPANY_USCC, "2026-06-16")["black"]


def test_an_unknown_subject_is_reported_as_unknown_not_as_an_error(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty()).run()
    result = scenario.check("91350102MA31XQ7B9K", "2026-06-01")  # a valid USCC the warehouse never saw
    assert result["known"] is False and result["credit_class"] is None


def test_a_corrected_record_applies_its_corrected_values(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty())
    scenario.deliver(
        "2026-06-21",
        "objections",
        clean(
            "objections",
            record_doc_no=penalty()["decision_doc_no"],
            accepted_on="2026-06-01",
            verdict="更正",
            closed_on="2026-06-20",
            correction="penalty_categories=警告",
        ),
    )
    scenario.run()
    # as known then, the record was serious until the correction arrived, and minor from that day
    assert scenario.query("select severity, known_from::varchar from core.credit_events order by known_from") == [
        ("serious", "2026-05-06"),
        ("minor", "2026-06-21"),
    ]
    assert not scenario.check(COMPANY_USCC, "2026-07-01")["black"]
    assert not scenario.check(COMPANY_USCC, "2026-05-20", known="now")["black"]  # as known now, never serious


def test_the_daily_snapshot_gives_one_class_per_subject_and_day(scenario):
    scenario.deliver("2026-05-06", "penalties", serious_penalty()).run()
    rows = scenario.query(
        "select day, credit_class from marts.credit_class_daily "
        "where subject_key = ? and day between '2026-05-05' and '2026-05-07' order by day",
        [COMPANY_USCC],
    )
    assert [(d.isoformat(), c) for d, c in rows] == [("2026-05-06", "D"), ("2026-05-07", "D")]


def test_an_objection_suspends_from_its_first_delivery_until_its_verdict_is_known(scenario):
    objection = clean("objections", record_doc_no=penalty()["decision_doc_no"], accepted_on="2026-06-01")
    scenario.deliver("2026-05-06", "penalties", serious_penalty())
    scenario.deliver("2026-06-02", "objections", objection)
    scenario.deliver("2026-06-25", "objections", {**objection, "verdict": "维持", "closed_on": "2026-06-24"})
    scenario.run()
    assert not scenario.check(COMPANY_USCC, "2026-06-10")["black"]  # suspended while being verified
    assert scenario.check(COMPANY_USCC, "2026-06-26")["black"]  # 维持: the measures resume


def test_two_names_delivered_on_one_day_settle_on_the_same_name_every_run(scenario):
    # the lesser name first in the file: a choice by reading order would keep it
    scenario.deliver(
        "2026-05-06",
        "penalties",
        penalty(subject_name="福州市鼓楼区乙公司", decision_date="2026-05-04", decision_doc_no="鼓市监罚〔2026〕78号"),
    )
    scenario.deliver("2026-05-06", "penalties", penalty(subject_name="福州市鼓楼区甲公司", decision_date="2026-05-04"))
    scenario.run()
    # the latest day wins; on a tie the greater name, so a re-run cannot pick the other one
    assert scenario.query("select subject_name, name_history from core.subjects") == [
        ("福州市鼓楼区甲公司", ["福州市鼓楼区乙公司", "福州市鼓楼区甲公司"])
    ]


def test_two_objections_opened_on_one_day_list_their_suspensions_by_case_number(scenario):
    # the same record's suspensions in the same order on every build: a re-run gives the same list rows (it was
    # left to the hash table, and differed between two builds of the 10M bench warehouse)
    scenario.deliver("2026-05-06", "penalties", serious_penalty())
    doc = penalty()["decision_doc_no"]
    for case_no in ("YY-2026-0009", "YY-2026-0002", "YY-2026-0005"):
        scenario.deliver(
            "2026-06-02",
            "objections",
            clean("objections", case_no=case_no, record_doc_no=doc, accepted_on="2026-06-01"),
        )
    scenario.run()
    [(suspensions,)] = scenario.query("select suspensions from marts.list_memberships")
    assert [s["case_no"] for s in suspensions] == ["YY-2026-0002", "YY-2026-0005", "YY-2026-0009"]
