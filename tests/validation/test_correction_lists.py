"""A unit's correction list (待更正记录) holds what it still has to correct: a problem of a record it has sent again
since drops out, and the new delivery's own problems are listed under it."""

import pytest

from creditwh.sample.builders import penalty
from tests.support.scenario import Scenario

LATE = dict(decision_date="2026-09-01")  # published after 7 working days: a warning (已入库，请核实)


@pytest.fixture
def scenario(tmp_path):
    return Scenario(tmp_path)


def listed(scenario, tmp_path) -> list[tuple[str, str, str]]:
    lists = scenario.correction_lists(tmp_path / "lists")
    rows = lists.select("记录标识", "报送日期", "处理要求").unique().rows() if lists.height else []
    return sorted((key, str(day)[:10], action) for key, day, action in rows)  # the day reads back as a datetime


def test_a_record_sent_again_leaves_the_list_and_one_never_sent_again_stays(scenario, tmp_path):
    scenario.deliver("2026-10-09", "penalties", penalty(decision_doc_no="1号", **LATE))
    scenario.deliver("2026-10-09", "penalties", penalty(decision_doc_no="2号", **LATE))
    scenario.run()
    assert [key for key, _, _ in listed(scenario, tmp_path)] == [
        f"1号|{penalty()['uscc']}",
        f"2号|{penalty()['uscc']}",
    ]
    # the unit checks 1号 and sends it again, now with the right decision date: it is no longer outstanding
    scenario.deliver("2026-10-12", "penalties", penalty(decision_doc_no="1号", decision_date="2026-10-09"))
    scenario.run()
    assert listed(scenario, tmp_path) == [(f"2号|{penalty()['uscc']}", "2026-10-09", "警告：已入库，请核实")]


def test_a_record_sent_again_with_a_new_problem_is_listed_under_its_new_delivery(scenario, tmp_path):
    scenario.deliver("2026-10-09", "penalties", penalty(decision_doc_no="1号", **LATE))
    scenario.deliver("2026-10-12", "penalties", penalty(decision_doc_no="1号", decision_date="2026-09-02"))
    scenario.run()
    assert [(key, day) for key, day, _ in listed(scenario, tmp_path)] == [(f"1号|{penalty()['uscc']}", "2026-10-12")]
