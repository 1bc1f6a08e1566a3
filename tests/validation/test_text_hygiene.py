"""Control characters and identity numbers in delivered text: accepted with a warning that names the file, row and
field; staging holds no control character, and the correction list shows where one was."""

from datetime import date

import pytest

from creditwh.platform.warehouse import connect
from creditwh.publication.double_publicity import publish_double_publicity
from creditwh.sample.builders import clean, penalty
from tests.support.scenario import Scenario

CONTROLS = "".join(chr(c) for c in [*range(0, 9), 11, 12, *range(14, 32), 127])
NAME = "福州市鼓楼区闽江科技有限公司"


@pytest.fixture
def scenario(tmp_path):
    return Scenario(tmp_path)


def warnings_of(scenario, source):
    return scenario.query(
        "select rule_id, severity, field, source_file, source_row, value, message_zh from quality.rejections "
        "where source = ? order by rule_id",
        [source],
    )


def test_a_nul_in_the_name_and_the_facts_is_removed_with_a_warning(scenario, tmp_path):
    scenario.deliver(
        "2026-10-09",
        "penalties",
        penalty(
            subject_name="福州市鼓楼区\x00闽江科技有限公司",
            violation_facts="提供虚假材料\x00谋取中标\x7f\r\n情节较重",
            fine_10k_yuan="0.5",  # a fine that is published (a smaller one may count as minor)
            penalty_content="罚款人民币5000元",
        ),
    ).run()
    # accepted: the row is in staging, without the control characters; line breaks in free text are kept
    assert scenario.query("select subject_name, violation_facts from staging.penalties") == [
        (NAME, "提供虚假材料谋取中标\r\n情节较重")
    ]
    found = warnings_of(scenario, "penalties")
    assert [(r[0], r[1], r[2], r[4]) for r in found] == [
        ("CF044", "warn", "subject_name", 2),
        ("CF059", "warn", "violation_facts", 2),
    ]
    assert found[0][3].endswith("d1.csv") and found[0][5] == "福州市鼓楼区\x00闽江科技有限公司"
    assert "控制字符" in found[0][6] and "行政相对人名称" in found[0][6]
    # the unit's correction list names the file, row and field, and shows the character as ␀ (a workbook cannot
    # hold it at all)
    rows = {r["字段"]: r for r in scenario.correction_lists(tmp_path / "lists").to_dicts()}
    assert len(list((tmp_path / "lists").glob("*.xlsx"))) == 1  # one unit's list
    assert rows["subject_name"]["原值"] == "福州市鼓楼区␀闽江科技有限公司"
    assert rows["violation_facts"]["原值"].startswith("提供虚假材料␀谋取中标␡")
    assert rows["subject_name"]["行号"] in (2, "2") and rows["subject_name"]["处理要求"].startswith("警告")
    # and nothing published holds one
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        publish_double_publicity(con, date(2026, 10, 20), tmp_path / "out")
    published = {p.name: p.read_text(encoding="utf-8-sig") for p in (tmp_path / "out").rglob("penalties*.*sv")}
    published |= {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("penalties*.jsonl")}
    whole_set = [text for name, text in published.items() if not name.startswith(("penalties_changes", "penalties_op"))]
    assert len(whole_set) == 2 and all(NAME in text for text in whole_set)  # the part's CSV and JSON Lines
    assert not [name for name, text in published.items() if "\x00" in text or "\x7f" in text]


def test_every_control_character_is_removed_from_every_source_and_tab_and_line_breaks_are_kept(scenario):
    scenario.deliver("2026-10-09", "penalties", penalty(subject_name=f"甲{CONTROLS}乙", remarks="甲\t乙\n丙"))
    scenario.deliver("2026-10-09", "upstream_lists", clean("upstream_lists", subject_name="丙\x00丁"))
    scenario.deliver("2026-10-09", "licenses", clean("licenses", uscc=clean("licenses")["uscc"] + "\x00"))
    scenario.run()
    assert scenario.query("select subject_name, remarks from staging.penalties") == [("甲乙", "甲\t乙\n丙")]
    assert scenario.query("select subject_name from staging.upstream_lists") == [("丙丁",)]
    # a code with a NUL is still the code: accepted, not rejected for its check character
    assert scenario.query("select uscc from staging.licenses") == [(clean("licenses")["uscc"],)]
    assert [r[0] for r in warnings_of(scenario, "licenses")] == ["XK039"]
    assert [r[0] for r in warnings_of(scenario, "upstream_lists")] == ["MD024"]
    leftovers = scenario.query(
        "select count(*) from staging.penalties where regexp_matches(concat_ws('', columns(*)::varchar), ?)",
        ["[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]"],
    )
    assert leftovers == [(0,)]


def test_an_identity_number_in_free_text_is_a_warning_naming_the_field(scenario, tmp_path):
    person = "11010519491231002X"
    scenario.deliver(
        "2026-10-09",
        "penalties",
        penalty(violation_facts=f"经查，当事人（身份证号 {person[:6]} {person[6:14]} {person[14:]}）提供虚假材料"),
    )
    scenario.deliver("2026-10-09", "licenses", clean("licenses", remarks=f"经办人身份证{person.lower()}"))
    scenario.deliver(
        "2026-10-09",
        "penalties",
        penalty(decision_doc_no="榕鼓财罚〔2026〕13号", penalty_content="罚款人民币2000元，账号6222350102198503121053"),
    )
    scenario.run()
    assert [(r[0], r[2], r[4]) for r in warnings_of(scenario, "penalties")] == [("CF074", "violation_facts", 2)]
    assert "违法事实中含身份证号码" in warnings_of(scenario, "penalties")[0][6]
    assert [(r[0], r[2]) for r in warnings_of(scenario, "licenses")] == [("XK069", "remarks")]
    # accepted as delivered: masking is the publication's
    assert scenario.query("select count(*) from staging.penalties") == [(2,)]
    # the correction list names the file and row; it does not copy the number out again
    values = [
        r["原值"]
        for r in scenario.correction_lists(tmp_path / "lists").to_dicts()
        if r["字段"] in ("violation_facts", "remarks")
    ]
    assert sorted(values) == [
        "经办人身份证110105********002X",
        "经查，当事人（身份证号 110105********002X）提供虚假材料",
    ]


def test_the_rules_cover_every_field_staging_cleans():
    import re

    from creditwh.platform.sources import SOURCES
    from creditwh.platform.sql import raw_text
    from quality.rules import rules_for

    for name in SOURCES:
        staged = set(re.findall(r"staging\.(?:text|code)\((\w+)\)", raw_text(f"validation/typed_{name}")))
        staged = (staged - {"member"}) | ({"consortium_usccs"} if name == "procurement" else set())
        checked = {r.field for r in rules_for(name) if r.kind == "no_control_chars"}
        assert staged == checked, name
