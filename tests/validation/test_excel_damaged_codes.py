"""Codes damaged on their way through Excel (issue 23, item 5). A code that only carries invisible or full-width
characters is the code: it is cleaned, accepted, and a warning names the column. A code Excel turned into a number
(9.13501E+17, or its last digits 000) has lost digits: it is rejected with the one reason a clerk can act on, never
also the check character's. A rejected row is never listed as accepted."""

from __future__ import annotations

import re
from datetime import date

import pytest

from creditwh.ingest.load import ingest_partition
from creditwh.platform.codes import EXCEL_NUMBER_MESSAGE, is_valid_id, is_valid_uscc, normalise_code, read_code
from creditwh.platform.sources import SOURCES, get_source
from creditwh.platform.sql import raw_text
from creditwh.platform.warehouse import connect
from creditwh.sample.builders import (
    BUREAU_USCC,
    COMPANY_USCC,
    PERSON_ID,
    as_person,
    clean,
    headers,
    penalty,
    serious_penalty,
    uscc,
    write_xlsx,
)
from creditwh.validation.validate import prepare, validate_partition
from quality.rules import load_rules, rules_for
from tests.support.scenario import Scenario
from tests.support.validation_harness import load_calendar, validate_rows

FULL_WIDTH = "".join(chr(ord(c) + 0xFEE0) for c in COMPANY_USCC)  # ９１３５…ＭＡ２Ｙ…, typed in full-width mode
DIGITS_USCC = uscc("91", "350102", "05443567")  # all digits, as Excel can take a code for a number
CLEANED = "已自动清理不可见字符或全角字符"
EXCEL = "被 Excel 转为数字"
EXCEL_FIX = "请将该列设为文本后重新导出"
DAY = date(2026, 10, 9)
REAL_000 = {"uscc": "913501020000377000", "person_id_no": "350102199001011000"}  # real codes that end in 000


def rule_id(source: str, field: str, kind: str) -> str:
    (rule,) = [r for r in rules_for(source) if r.field == field and r.kind == kind]
    return rule.id


def violations(scenario, source="penalties"):
    return scenario.query(
        "select rule_id, severity, field, value, message_zh from quality.rejections where source = ? order by rule_id",
        [source],
    )


DAMAGED = {
    "trailing tab": COMPANY_USCC + "\t",
    "trailing line break": COMPANY_USCC + "\r\n",
    "zero-width space inside": COMPANY_USCC[:8] + "\u200b" + COMPANY_USCC[8:],
    "byte-order mark before": "\ufeff" + COMPANY_USCC,
    "zero-width joiners and word joiner": "\u200c" + COMPANY_USCC + "\u200d\u2060",
    "no-break space after": COMPANY_USCC + "\u00a0",
    "ideographic space before": "\u3000" + COMPANY_USCC,
    "full-width digits and letters": FULL_WIDTH,
    "full-width and lower case": FULL_WIDTH.lower() + "\u3000",
}


def test_a_code_with_invisible_or_full_width_characters_is_cleaned_accepted_and_warned_of(tmp_path):
    scenario = Scenario(tmp_path)
    for n, delivered in enumerate(DAMAGED.values()):  # one decision of the same company for each damaged form
        scenario.deliver("2026-05-06", "penalties", serious_penalty(uscc=delivered, decision_doc_no=f"榕鼓财罚{n}号"))
    scenario.run()
    # accepted, each under the code as meant: the subject is found by it
    assert scenario.query("select distinct uscc, count(*) from staging.penalties group by 1") == [
        (COMPANY_USCC, len(DAMAGED))
    ]
    assert scenario.check(COMPANY_USCC, "2026-06-01")["black"]
    # one warning a row, naming the column, with the value as delivered; the check character is not questioned
    found = violations(scenario)
    assert {(rule, severity, field) for rule, severity, field, _, _ in found} == {
        (rule_id("penalties", "uscc", "plain_code"), "warn", "uscc")
    }
    assert sorted(value for _, _, _, value, _ in found) == sorted(DAMAGED.values())
    assert CLEANED in found[0][4] and found[0][4].startswith("统一社会信用代码")


def test_every_code_column_of_every_source_is_cleaned_with_a_warning(tmp_path):
    person = as_person()
    rows = {
        "licenses": clean("licenses", **person)
        | {"person_id_no": PERSON_ID + "\t", "authority_uscc": BUREAU_USCC + "\u00a0"},
        "procurement": clean(
            "procurement",
            supplier_uscc=FULL_WIDTH,
            consortium_usccs=clean("procurement")["consortium_usccs"] + "\u200b；" + COMPANY_USCC,
        ),
        "upstream_lists": clean("upstream_lists", uscc="\u3000" + COMPANY_USCC),
        "repairs": clean("repairs", uscc=COMPANY_USCC + "\n"),
        "objections": clean("objections", uscc=FULL_WIDTH),
        "applications": clean("applications", uscc=COMPANY_USCC + "\u2060"),
        "commitments": clean("commitments", uscc=COMPANY_USCC + "\u200b"),
    }
    expected = {
        "licenses": {"person_id_no", "authority_uscc"},
        "procurement": {"supplier_uscc", "consortium_usccs"},
        "upstream_lists": {"uscc"},
        "repairs": {"uscc"},
        "objections": {"uscc"},
        "applications": {"uscc"},
        "commitments": {"uscc"},
    }
    for source, row in rows.items():
        (failed,), result = validate_rows(tmp_path / source, source, [row])
        kinds = {r.id: (r.kind, r.field) for r in rules_for(source)}
        assert result.rows_accepted == 1, (source, failed)
        assert {kinds[f][1] for f in failed if kinds[f][0] == "plain_code"} == expected[source], source
        assert failed == {rule_id(source, f, "plain_code") for f in expected[source]}, source


@pytest.mark.parametrize(
    "delivered",
    ["9.13501E+17", "9.13501020544357E+17", "9.13501020544357e+17", "913501020544357000"],
    ids=["as Excel shows it", "15 digits", "lower-case e", "written out, ending 000"],
)
def test_a_code_excel_turned_into_a_number_is_rejected_with_what_happened_and_how_to_fix_it(tmp_path, delivered):
    scenario = Scenario(tmp_path).deliver("2026-10-09", "penalties", penalty(uscc=delivered))
    # about 1 real code in 30,000 ends in 000 and passes its check: it is no Excel damage
    assert is_valid_uscc(REAL_000["uscc"])
    scenario.deliver("2026-10-09", "penalties", penalty(uscc=REAL_000["uscc"], decision_doc_no="榕鼓财罚〔2026〕13号"))
    scenario.run()
    assert scenario.query("select uscc from staging.penalties") == [(REAL_000["uscc"],)]
    rejects = [v for v in violations(scenario) if v[1] == "reject"]
    # one reason, not the check character's too
    assert [(v[0], v[2], v[3]) for v in rejects] == [(rule_id("penalties", "uscc", "excel_number"), "uscc", delivered)]
    assert rejects[0][4].startswith("统一社会信用代码" + EXCEL) and EXCEL_FIX in rejects[0][4]
    listed = scenario.correction_lists(tmp_path / "lists").to_dicts()
    assert [(r["字段"], r["处理要求"]) for r in listed] == [("uscc", "拒收：请更正后重新报送")]
    assert EXCEL in listed[0]["问题说明"] and "Excel turned the code" in listed[0]["Issue (English)"]


def test_an_id_number_excel_turned_into_a_number_is_rejected_the_same_way(tmp_path):
    assert is_valid_id(REAL_000["person_id_no"])
    rows = [penalty(**as_person(number)) for number in ("3.50102198001011E+17", REAL_000["person_id_no"])]
    (damaged, real), _ = validate_rows(tmp_path, "penalties", rows)
    assert damaged == {rule_id("penalties", "person_id_no", "excel_number")} and real == set()


def test_a_number_cell_in_an_xlsx_is_rejected_with_the_excel_message_not_read_with_changed_digits(tmp_path):
    # an 18-digit code in a number cell: Excel keeps 15 significant digits, and fastexcel used to read the binary
    # number back as 913501020544356736, a different code that 1 time in 31 passes the check character
    landing = tmp_path / "landing"
    book = landing / "penalties" / DAY.isoformat() / "鼓楼区行政处罚.xlsx"
    write_xlsx(
        book,
        [
            penalty(decision_doc_no="1号", **as_person(PERSON_ID) | {"person_id_no": int(PERSON_ID)}),
            penalty(decision_doc_no="2号", uscc=int(DIGITS_USCC)),
            penalty(decision_doc_no="3号", uscc=float(DIGITS_USCC[:15] + "000")),
            penalty(decision_doc_no="4号", uscc=DIGITS_USCC),  # the same code in a text cell is the code
        ],
        headers("penalties"),
    )
    with connect(tmp_path / "warehouse.duckdb") as con:
        ingest_partition(con, get_source("penalties"), landing, DAY)
        raw = con.execute(
            "select decision_doc_no, uscc, person_id_no from raw.penalties order by source_row"
        ).fetchall()
        load_calendar(con)
        prepare(con)
        result = validate_partition(con, get_source("penalties"), DAY)
        rejected = con.execute(
            "select source_row, rule_id, value from quality.rejections where severity = 'reject' order by source_row"
        ).fetchall()
    assert raw == [
        ("1号", None, "3.50102198001011E+17"),
        ("2号", "9.13501020544357E+17", None),
        ("3号", "9.13501020544356E+17", None),
        ("4号", DIGITS_USCC, None),
    ]
    assert rejected == [
        (2, rule_id("penalties", "person_id_no", "excel_number"), "3.50102198001011E+17"),
        (3, rule_id("penalties", "uscc", "excel_number"), "9.13501020544357E+17"),
        (4, rule_id("penalties", "uscc", "excel_number"), "9.13501020544356E+17"),
    ]
    assert (result.rows_accepted, result.rows_rejected) == (1, 3)


def test_a_rejected_row_is_listed_with_its_rejection_reasons_only(tmp_path):
    scenario = Scenario(tmp_path)
    # full-width, and rejected for its date: the cleaning warning is not listed as 已入库 (accepted)
    scenario.deliver("2026-10-09", "penalties", penalty(uscc=FULL_WIDTH, decision_date="2026-02-30"))
    # a control character (a warning) in a row rejected for a missing name
    scenario.deliver("2026-10-09", "licenses", clean("licenses", subject_name="", remarks="甲\x00乙"))
    # an accepted row keeps its warning
    scenario.deliver("2026-10-09", "repairs", clean("repairs", uscc=FULL_WIDTH))
    scenario.run()
    assert {v[1] for v in violations(scenario)} == {"warn", "reject"}  # the warnings are still recorded
    listed = scenario.correction_lists(tmp_path / "lists").to_dicts()
    by_source = {}
    for r in listed:
        by_source.setdefault(r["数据源"], []).append(r["处理要求"])
    assert by_source["penalties"] == ["拒收：请更正后重新报送"]
    assert set(by_source["licenses"]) == {"拒收：请更正后重新报送"}
    assert by_source["repairs"] == ["警告：已入库，请核实"]


def test_every_code_staging_cleans_is_warned_of_and_every_checked_code_has_the_excel_rule():
    for name in SOURCES:
        cleaned = set(re.findall(r"staging\.code\((\w+)\)", raw_text(f"validation/typed_{name}")))
        cleaned = (cleaned - {"member"}) | ({"consortium_usccs"} if name == "procurement" else set())
        assert cleaned == {r.field for r in rules_for(name) if r.kind == "plain_code"}, name
        checked = {
            (r.field, r.kind, str(r.params.get("when"))) for r in rules_for(name) if r.kind in ("uscc", "id_number")
        }
        excel = {
            (r.field, r.params["check"], str(r.params.get("when"))) for r in rules_for(name) if r.kind == "excel_number"
        }
        assert checked == excel, name
    for rule in load_rules():
        if rule.kind == "plain_code":
            assert CLEANED in rule.message_zh and rule.severity == "warn"
        if rule.kind == "excel_number":
            assert EXCEL in rule.message_zh and EXCEL_FIX in rule.message_zh and rule.severity == "reject"


def test_the_credit_check_reads_a_damaged_code_as_the_validator_does(tmp_path):
    typed = [*DAMAGED.values(), " " + FULL_WIDTH + "\u00a0\r\n"]
    assert [normalise_code(code) for code in typed] == [COMPANY_USCC] * len(typed)
    with connect(tmp_path / "warehouse.duckdb") as con:
        prepare(con)
        staged = con.execute("select list_transform(?::varchar[], code -> staging.code(code))", [typed]).fetchone()[0]
    assert staged == [COMPANY_USCC] * len(typed)


def test_the_credit_check_says_a_code_in_excels_number_form_was_turned_into_a_number():
    reading = read_code("9.13501E+17", DAY)
    assert reading.problem == EXCEL_NUMBER_MESSAGE and "代码被 Excel 转为数字" in reading.problem
    assert read_code("913501020000377000", DAY).problem is None  # a real code ending in 000
