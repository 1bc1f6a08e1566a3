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
