"""The legal guard rails of REFERENCE §5 as a table: given deliveries, as of a day, then the standing.

Each row names its basis. A row is one scenario: the deliveries are made, the pipeline runs, and the credit check
of the company on `as_of` must give the class, the lists and the measures the row states (None: not asserted).
"""

from dataclasses import dataclass, field

import pytest

from creditwh.platform.sql import relation
from creditwh.platform.warehouse import connect
from creditwh.sample.builders import COMPANY_USCC, clean, penalty
from tests.support.scenario import Scenario

REWARDS = {"R01", "R02", "R03", "R04", "R05"}
PUNISHMENTS = {"P01", "P02", "P03", "P04", "P05"}

FINE_150_WAN = penalty(
    penalty_categories="罚款",
    penalty_content="罚款人民币150万元",
    fine_10k_yuan="150",
    decision_date="2025-03-03",
    penalty_valid_to="2028-03-03",
)
LICENCE = clean("licenses", decision_date="2026-03-02", valid_from="2026-03-02", valid_to="2029-03-01")
BAN_TWO_YEARS = penalty(
    penalty_categories="罚款;其他-二年内禁止参加政府采购活动",
    penalty_content="罚款人民币3000元；二年内禁止参加政府采购活动",
    fine_10k_yuan="0.3",
    decision_date="2026-03-02",
)
TAX_A = clean(
    "upstream_lists",
    list_type="纳税信用A级纳税人",
    kind="激励",
    initiating_department="国家税务总局福州市鼓楼区税务局",
    decision_doc_no="闽税A〔2026〕1号",
    listed_on="2026-04-01",
    valid_until="2027-03-31",
)


@dataclass
class Rule:
    basis: str
    deliveries: list[tuple[str, str, dict]]
    as_of: str
    credit_class: str | None = None
    black: bool | None = None
    red: bool | None = None
    measures: set[str] = field(default_factory=set)


RULES = [
    Rule(
        "政府采购法 第七十七条: a ban in the bureau's own penalty black-lists and restricts procurement for its term",
        [("2026-03-04", "penalties", BAN_TWO_YEARS)],
        as_of="2027-06-01",
        credit_class="D",
        black=True,
        measures=PUNISHMENTS,
    ),
    Rule(
        "政府采购法 第七十七条: the ban ends with its stated two years",
        [("2026-03-04", "penalties", BAN_TWO_YEARS)],
        as_of="2028-03-03",
        black=False,
        measures=set(),
    ),
    Rule(
        "§5 credit class: a general record in force caps the class at B, whatever the score, and earns no reward",
        [("2025-03-05", "penalties", FINE_150_WAN)],
        as_of="2026-06-01",
        credit_class="B",
        black=False,
        red=False,
        measures=set(),
    ),
    Rule(
        "§5 red list: a licence is not a 守信 record; class A alone never puts a subject on the red list",
        [("2026-03-04", "licenses", LICENCE)],
        as_of="2026-06-01",
        credit_class="A",
        red=False,
        measures={"R04", "R05"},
    ),
    Rule(
        "§5 red list: an active upstream red-source entry (纳税信用A级) with a clean record is 诚信典型",
        [("2026-04-02", "upstream_lists", TAX_A)],
        as_of="2026-06-01",
        credit_class="A",
        red=True,
        measures={"R01", "R02", "R03"},
    ),
    Rule(
        "§5 red list: a red-source entry does not outweigh a general record in force",
        [("2025-03-05", "penalties", FINE_150_WAN), ("2026-04-02", "upstream_lists", TAX_A)],
        as_of="2026-06-01",
        credit_class="B",
        red=False,
        measures=set(),
    ),
]


@pytest.mark.parametrize("rule", RULES, ids=[r.basis.split(":")[0] + ": " + r.basis.split(":")[1][:60] for r in RULES])
def test_standing(rule: Rule, tmp_path):
    scenario = Scenario(tmp_path)
    for day, source, row in rule.deliveries:
        scenario.deliver(day, source, row)
    check = scenario.run().check(COMPANY_USCC, rule.as_of)
    if rule.credit_class is not None:
        assert check["credit_class"] == rule.credit_class, rule.basis
    if rule.black is not None:
        assert check["black"] == rule.black, rule.basis
    if rule.red is not None:
        assert check["red"] == rule.red, rule.basis
    assert {m["id"] for m in check["measures"] or []} == rule.measures, rule.basis


def test_a_black_listed_subjects_red_source_entry_is_shown_as_basis_only_never_as_on_the_red_list(tmp_path):
    """§5: the red list needs a red source AND no black listing; the check shows the source, not a red listing."""
    scenario = Scenario(tmp_path)
    scenario.deliver("2026-03-04", "penalties", BAN_TWO_YEARS).deliver("2026-04-02", "upstream_lists", TAX_A)
    check = scenario.run().check(COMPANY_USCC, "2026-06-01")
    assert (check["black"], check["red"]) == (True, False)
    assert {(e["list"], e["in_effect"]) for e in check["lists"]} == {("black", True), ("red", False)}


def test_a_clean_subjects_red_source_entry_is_in_effect(tmp_path):
    scenario = Scenario(tmp_path)
    check = scenario.deliver("2026-04-02", "upstream_lists", TAX_A).run().check(COMPANY_USCC, "2026-06-01")
    assert [(e["list"], e["in_effect"]) for e in check["lists"]] == [("red", True)]


def test_the_guard_rails_name_a_class_a_with_a_fine_in_force_and_a_red_standing_without_basis(tmp_path):
    Scenario(tmp_path).deliver("2025-03-05", "penalties", FINE_150_WAN).run()
    guards = ("credit/guard_class_a", "credit/guard_red_basis")
    with connect(tmp_path / "warehouse.duckdb") as con:
        assert [relation(con, g).fetchall() for g in guards] == [[], []]  # the real build passes both
        con.execute("update marts.credit_standing_history set credit_class = 'A', red = true")  # a wrong build
        for guard in guards:
            offenders = relation(con, guard).fetchall()
            assert [(name, str(day)) for _, name, day in offenders] == [
                (FINE_150_WAN["subject_name"], "2025-03-05")
            ]  # known from delivery


# --- What a screening of business already done means (REFERENCE §5) ------------------------------------------

BANNED = [("2026-03-04", "penalties", BAN_TWO_YEARS)]  # black-listed and barred from procurement until 2028-03-02
AWARD = clean(
    "procurement", consortium_usccs="", credit_checked_on="", bid_deadline="2026-06-05", award_date="2026-06-10"
)
CREDIT_REASON = "供应商处于禁止参加政府采购活动期间，依法撤销中标"
APPLICATION = dict(applied_on="2026-06-01", decided_on="2026-06-10")


@dataclass
class Verdict:
    basis: str
    deliveries: list[tuple[str, str, dict]]
    verdict: str
    feedback: str | None = None  # how the trigger feedback words it (None: not asserted)


VERDICTS = [
    Verdict(
        "§5: an award that stands although its supplier was banned is an 应限未限 alert, not a punishment applied",
        [*BANNED, ("2026-06-11", "procurement", AWARD)],
        "restricted_granted",
        "应限未限",
    ),
    Verdict(
        "§5: the same award cancelled for the ban is a punishment case",
        [
            *BANNED,
            ("2026-06-11", "procurement", AWARD),
            ("2026-06-20", "procurement", {**AWARD, "cancelled_on": "2026-06-19", "cancel_reason": CREDIT_REASON}),
        ],
        "restricted_refused",
        "已实施惩戒措施",
    ),
    Verdict(
        "§5: an award cancelled for another reason is no punishment case",
        [
            *BANNED,
            ("2026-06-11", "procurement", {**AWARD, "cancelled_on": "2026-06-19", "cancel_reason": "采购需求变更"}),
        ],
        "restricted_not_granted",
        "业务未授予",
    ),
    Verdict(
        "§5: a subsidy approved although the applicant was black-listed is an 应限未限 alert",
        [*BANNED, ("2026-06-11", "applications", clean("applications", **APPLICATION))],
        "restricted_granted",
        "应限未限",
    ),
    Verdict(
        "§5: a subsidy refused on credit grounds (审批意见) is a punishment case",
        [
            *BANNED,
            (
                "2026-06-11",
                "applications",
                clean(
                    "applications", **APPLICATION, decision="不同意", decision_reason="申请人被列入失信联合惩戒对象名单"
                ),
            ),
        ],
        "restricted_refused",
        "已实施惩戒措施",
    ),
    Verdict(
        "§5: a subsidy refused with no reason stated is no punishment case",
        [
            *BANNED,
            ("2026-06-11", "applications", clean("applications", **APPLICATION, decision="不同意", decision_reason="")),
        ],
        "restricted_not_granted",
        "业务未授予",
    ),
    Verdict(
        "§5: an application still awaiting its decision is to be refused, not yet a case",
        [
            *BANNED,
            ("2026-06-11", "applications", clean("applications", applied_on="2026-06-01", decision="", decided_on="")),
        ],
        "restricted_pending",
        "受限主体的业务尚未决定",
    ),
    Verdict(
        # no delivery records a bonus point or a green-channel use: the feedback says the rewards apply, never
        # that one was given (a false "已给予" would mislead the department that launched the joint reward)
        "§5: business granted to a subject on a red-source list has its rewards named as applicable, not given",
        [("2026-04-02", "upstream_lists", TAX_A), ("2026-06-11", "procurement", AWARD)],
        "reward_applied",
        "业务已授予守信主体，可适用下列激励措施（是否实际给予以经办单位记录为准）",
    ),
    Verdict(
        "§5: business of a subject with nothing against it and no red basis is clear",
        [("2026-06-11", "procurement", AWARD)],
        "clear",
    ),
]


@pytest.mark.parametrize("case", VERDICTS, ids=[v.basis.split(": ")[1][:70] for v in VERDICTS])
def test_screening_verdict(case: Verdict, tmp_path):
    scenario = Scenario(tmp_path)
    for day, source, row in case.deliveries:
        scenario.deliver(day, source, row)
    scenario.run()
    assert scenario.query("select verdict from marts.screenings") == [(case.verdict,)], case.basis
    if case.feedback is not None:
        outcomes = scenario.query("select outcome from marts.trigger_feedback where business is not null")
        assert outcomes and all(o.startswith(case.feedback) for (o,) in outcomes), case.basis
    # "已实施惩戒措施" is said of business actually refused or cancelled, and of nothing else
    claimed = scenario.query("select count(*) from marts.trigger_feedback where outcome like '已实施惩戒措施%'")
    assert claimed == [(int(case.verdict == "restricted_refused"),)], case.basis
    # and no feedback says a reward was given: no delivery records a bonus point or a green-channel use
    assert scenario.query("select count(*) from marts.trigger_feedback where outcome like '%已给予%'") == [(0,)]


def test_punishment_cases_count_only_business_refused_for_credit_and_restricted_awards_only_awards_that_stand(
    tmp_path,
):
    from datetime import date

    from creditwh.assessment.kpi import build_kpis

    scenario = Scenario(tmp_path)
    for day, source, row in BANNED:
        scenario.deliver(day, source, row)
    scenario.deliver("2026-06-11", "procurement", AWARD)  # stands: 应限未限
    scenario.deliver(
        "2026-06-11",
        "procurement",
        {**AWARD, "project_code": "GLCZ-2026-0132", "cancelled_on": "2026-06-19", "cancel_reason": CREDIT_REASON},
    )  # cancelled for the ban: a punishment case
    scenario.run()
    unit = AWARD["source_unit"]
    with connect(tmp_path / "warehouse.duckdb") as con:
        build_kpis(con, date(2026, 12, 31))
        counts = dict(
            con.execute(
                "select metric, numerator from marts.kpi where period = '2026-06' and source_unit = ? "
                "and metric in ('punishment_cases', 'restricted_awards', 'restricted_granted')",
                [unit],
            ).fetchall()
        )
    assert counts == {"punishment_cases": 1, "restricted_awards": 1, "restricted_granted": 1}


def test_the_publication_and_objection_guard_rails_pass_a_true_build_and_name_the_subject_of_a_false_one(tmp_path):
    from datetime import date

    from creditwh.publication.lists import publish_lists
    from creditwh.sample.builders import serious_penalty

    listed = serious_penalty()
    scenario = Scenario(tmp_path)
    scenario.deliver("2026-05-06", "penalties", listed)
    scenario.deliver(
        "2027-06-02",
        "repairs",
        clean("repairs", record_doc_no=listed["decision_doc_no"], applied_on="2027-05-20", decided_on="2027-06-01"),
    )
    scenario.deliver("2026-06-11", "procurement", AWARD)
    scenario.run()
    guards = (
        "screening/guard_objected_measures",
        "publication/guard_exited_entries",
        "publication/guard_dates_before_delivery",
    )
    with connect(tmp_path / "warehouse.duckdb") as con:
        for day in (date(2027, 5, 31), date(2027, 6, 2)):  # carried while listed, gone the day after the repair
            publish_lists(con, day, tmp_path / "out")
        assert [relation(con, g).fetchall() for g in guards] == [[], [], []]  # the real build passes all three
        # false builds: a restriction with no standing record behind it (as if an objected record still counted),
        # a file after the exit still carrying the entry, a publication dated before the record was delivered
        con.execute("update marts.screenings set restricted = true, subject_name = 'x'")
        con.execute("update marts.screening_check_reasons set evidence_event = 'none'")
        con.execute("update publish.list_publication_log set published_to = null, published_from = '2026-05-01'")
        for guard in guards:
            assert [row[0] for row in relation(con, guard).fetchall()] == [COMPANY_USCC], guard
