"""Joint punishment in the bureau's own business: awards and applications screened on their screening date."""

from datetime import date

import pytest

from creditwh.sample.builders import clean, penalty, uscc
from tests.support.scenario import Scenario

PARTNER = uscc("91", "350102", "MA31XQ7B")
LISTED = dict(list_type="失信被执行人", kind="惩戒", listed_on="2026-05-10", valid_until="")


@pytest.fixture
def scenario(tmp_path):
    return Scenario(tmp_path)


def award(**overrides):
    base = dict(consortium_usccs="", credit_checked_on="2026-06-01", bid_deadline="2026-06-05", award_date="2026-06-10")
    return clean("procurement", **{**base, **overrides})


def screened(scenario, business_key_like="%"):
    return scenario.query(
        "select reference, role, subject_key, screening_date, restricted, business_restricted, reasons "
        "from marts.screenings where business_key like ? order by reference, role",
        [business_key_like],
    )


def test_a_supplier_black_listed_on_the_award_date_is_restricted_and_clear_after_exit(scenario):
    listed = clean("upstream_lists", **LISTED)
    scenario.deliver("2026-05-11", "upstream_lists", listed)
    scenario.deliver("2026-08-02", "upstream_lists", {**listed, "removed_on": "2026-08-01"})
    scenario.deliver("2026-06-11", "procurement", award(project_code="GLCZ-2026-0001"))
    scenario.deliver(
        "2026-09-11",
        "procurement",
        award(
            project_code="GLCZ-2026-0002",
            credit_checked_on="2026-09-01",
            bid_deadline="2026-09-05",
            award_date="2026-09-10",
        ),
    )
    scenario.run()
    rows = {r[0]: r for r in screened(scenario)}
    assert rows["GLCZ-2026-0001"][4] and rows["GLCZ-2026-0001"][6] == ["upstream_list"]
    assert not rows["GLCZ-2026-0002"][4]
    evidence = scenario.query("select evidence_record, measure_id from marts.screening_reasons")
    assert evidence == [(clean("upstream_lists")["decision_doc_no"], "P01")]


def test_a_consortium_with_one_tainted_member_is_restricted(scenario):
    scenario.deliver("2026-05-11", "upstream_lists", clean("upstream_lists", **{**LISTED, "uscc": PARTNER}))
    scenario.deliver("2026-06-11", "procurement", award(consortium_usccs=PARTNER))
    scenario.run()
    rows = screened(scenario)
    by_role = {r[1]: r for r in rows}
    assert not by_role["supplier"][4] and by_role["consortium_member"][4]
    assert all(r[5] for r in rows)  # the whole consortium is restricted
    cases = scenario.query("select project_code, role, reason, measure_name from marts.restricted_awards")
    assert cases == [("GLCZ-2026-0131", "consortium_member", "upstream_list", "限制参加政府采购活动")]


@pytest.mark.parametrize("fine, restricted", [("200", True), ("199", False)])
def test_a_fine_of_200_wan_two_years_ago_restricts_and_199_does_not(scenario, fine, restricted):
    yuan = int(fine) * 10000
    scenario.deliver(
        "2024-06-05",
        "penalties",
        penalty(
            decision_date="2024-06-03",
            penalty_valid_to="2025-06-03",
            fine_10k_yuan=fine,
            penalty_content=f"罚款人民币{yuan}元",
        ),
    )
    scenario.deliver("2026-06-11", "procurement", award())
    scenario.run()
    row = screened(scenario)[0]
    assert row[4] is restricted
    if restricted:
        assert "major_violation" in row[6]


def test_an_award_screened_before_the_listing_is_clear(scenario):
    scenario.deliver("2026-06-21", "upstream_lists", clean("upstream_lists", **{**LISTED, "listed_on": "2026-06-20"}))
    scenario.deliver("2026-06-11", "procurement", award())
    scenario.run()
    assert screened(scenario)[0][4] is False


def test_a_subsidy_application_is_screened_the_same_way(scenario):
    scenario.deliver("2026-05-11", "upstream_lists", clean("upstream_lists", **LISTED))
    scenario.deliver(
        "2026-06-11", "applications", clean("applications", applied_on="2026-06-01", decided_on="2026-06-10")
    )
    scenario.run()
    row = scenario.query("select business, role, restricted, reasons from marts.screenings")[0]
    assert row == ("subsidy", "applicant", True, ["upstream_list"])
    assert scenario.query("select measure_id from marts.screening_reasons") == [("P02",)]


def test_a_pending_objection_lifts_the_restriction(scenario):
    scenario.deliver(
        "2026-05-06",
        "penalties",
        penalty(
            penalty_categories="吊销许可证件",
            penalty_content="吊销许可证",
            fine_10k_yuan="",
            suspended_licence="许可证 1号",
            decision_date="2026-05-04",
            penalty_valid_to="2029-05-04",
        ),
    )
    scenario.deliver(
        "2026-05-21",
        "objections",
        clean("objections", record_doc_no=penalty()["decision_doc_no"], accepted_on="2026-05-20"),
    )
    scenario.deliver("2026-06-11", "procurement", award())
    scenario.run()
    assert screened(scenario)[0][4] is False


def test_a_red_listed_supplier_gets_the_advisory_rewards(scenario):
    scenario.deliver(
        "2026-05-11",
        "upstream_lists",
        clean(
            "upstream_lists",
            list_type="纳税信用A级纳税人",
            kind="激励",
            listed_on="2026-05-10",
            valid_until="2026-12-31",
        ),
    )
    scenario.deliver("2026-06-11", "procurement", award())
    scenario.run()
    rewards = scenario.query("select restricted, red, advisory_rewards from marts.screenings")[0]
    assert rewards[0] is False and rewards[1] is True
    assert "政府采购与资金分配信用加分" in rewards[2] and any("绿色通道" in r for r in rewards[2])


def test_feedback_records_an_upstream_entry_with_business_and_one_without(scenario, tmp_path):
    scenario.deliver("2026-05-11", "upstream_lists", clean("upstream_lists", **{**LISTED, "valid_until": "2026-06-30"}))
    other = uscc("91", "350102", "MA4R2T9W")
    scenario.deliver(
        "2026-05-11",
        "upstream_lists",
        clean(
            "upstream_lists",
            **{
                **LISTED,
                "uscc": other,
                "subject_name": "福州市鼓楼区远航贸易有限公司",
                "decision_doc_no": "（2026）闽0102执999号",
                "valid_until": "2026-06-30",
            },
        ),
    )
    scenario.deliver("2026-06-11", "procurement", award())
    scenario.run()
    rows = scenario.query(
        "select record_doc_no, period, business, reference, measure_id, outcome "
        "from marts.trigger_feedback order by record_doc_no, period"
    )
    with_business = [r for r in rows if r[0] == LISTED_DOC]
    without = [r for r in rows if r[0] == "（2026）闽0102执999号"]
    assert [(r[1].isoformat(), r[2], r[4]) for r in with_business] == [
        ("2026-05-01", None, None),
        ("2026-06-01", "procurement", "P01"),
    ]
    assert all(r[2] is None and r[5].startswith("本期无相关业务") for r in without) and len(without) == 2

    from creditwh.platform.warehouse import connect
    from creditwh.screening.feedback import write_feedback_files

    with connect(scenario.workdir / "warehouse.duckdb") as con:  # in July: May and June are closed
        written = write_feedback_files(con, tmp_path / "feedback", date(2026, 7, 1))
    court = clean("upstream_lists")["initiating_department"]
    text = (tmp_path / "feedback" / "2026-06" / f"{court}.csv").read_text(encoding="utf-8-sig")
    assert (
        text.splitlines()[0].startswith("发起部门,反馈期间,名单类型")
        and "政府采购" in text
        and "GLCZ-2026-0131" in text
    )
    assert sum(written.rows.values()) == len(rows)


LISTED_DOC = clean("upstream_lists")["decision_doc_no"]


def test_a_major_violation_restricts_procurement_only_and_the_evidence_lists_each_record_once(scenario):
    # policy: screening.major_violation.applies_to is [procurement]; a list entry restricts every business
    # a serious penalty: black-listed for its publicity period, and a major violation for 3 years
    scenario.deliver(
        "2023-07-05",
        "penalties",
        penalty(
            decision_date="2023-07-03",
            penalty_valid_to="2023-08-03",
            fine_10k_yuan="250",
            penalty_content="罚款人民币2500000元",
        ),
    )
    scenario.deliver("2026-05-11", "upstream_lists", clean("upstream_lists", **LISTED))
    scenario.deliver("2026-06-11", "procurement", award())
    scenario.deliver(
        "2026-06-11", "applications", clean("applications", applied_on="2026-06-01", decided_on="2026-06-10")
    )
    scenario.run()
    rows = {
        r[0]: r[1:]
        for r in scenario.query("select business, restricted, reasons, evidence_records from marts.screenings")
    }
    fine_doc, list_doc = penalty()["decision_doc_no"], LISTED_DOC
    both = sorted([fine_doc, list_doc])
    assert rows["procurement"] == (True, ["black_list", "major_violation", "upstream_list"], both)
    assert rows["subsidy"] == (True, ["black_list", "upstream_list"], both)
    reasons = scenario.query(
        "select business, reason, evidence_record from marts.screening_reasons where reason = 'major_violation'"
    )
    assert reasons == [("procurement", "major_violation", fine_doc)]


def test_a_warehouse_with_the_old_reasons_table_gets_the_view(scenario):
    from creditwh.credit.build import build_step
    from creditwh.platform.warehouse import connect

    scenario.deliver("2026-05-11", "upstream_lists", clean("upstream_lists", **LISTED))
    scenario.deliver("2026-06-11", "procurement", award()).run()
    expected = scenario.query("select * from marts.screening_reasons order by all")
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        con.execute("create or replace table marts.reasons_copy as select * from marts.screening_reasons")
        con.execute("drop view marts.screening_reasons")
        con.execute("alter table marts.reasons_copy rename to screening_reasons")  # as older code left it
        build_step(con, "screening/screening_reasons")
    assert scenario.query(
        "select table_type from information_schema.tables where table_name = 'screening_reasons'"
    ) == [("VIEW",)]
    assert scenario.query("select * from marts.screening_reasons order by all") == expected and expected
