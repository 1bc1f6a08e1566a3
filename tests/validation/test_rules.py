"""Every row rule in quality/rules.csv: a good row passes it and a bad row breaks it."""

from __future__ import annotations

import pytest

from creditwh.platform.sources import SOURCES
from creditwh.sample.builders import PERSON_ID, as_person, clean, headers, uscc
from quality.rules import Rule, load_rules
from tests.support.validation_harness import validate_rows

BAD_USCC = uscc()[:-1] + ("0" if uscc()[-1] != "0" else "1")
# A USCC whose own check character is right but whose embedded organisation code is wrong.
_ORG_BAD = "91350102" + "MA2Y3K0P" + "1"
BAD_ORG_USCC = _ORG_BAD + __import__("creditwh.platform.codes", fromlist=["x"]).uscc_check_char(_ORG_BAD)
BAD_ID = PERSON_ID[:-1] + ("0" if PERSON_ID[-1] != "0" else "1")
KEY_FIELD = {
    "penalties": "decision_doc_no",
    "licenses": "decision_doc_no",
    "procurement": "project_code",
    "upstream_lists": "decision_doc_no",
    "repairs": "case_no",
    "objections": "case_no",
    "applications": "application_no",
    "commitments": "commitment_no",
}


def satisfy(rule: Rule, row: dict) -> dict:
    """Make the rule's condition hold, so that the rule applies to the row."""
    when = rule.params.get("when")
    if not when:
        return row
    if when["field"] == "subject_type" and "自然人" in when["in"]:
        row.update(as_person())
    elif "in" in when:
        row[when["field"]] = when["in"][0]
    else:
        row.update(
            penalty_categories="罚款;没收违法所得;暂扣许可证件",
            fine_10k_yuan="0.2",
            confiscated_10k_yuan="0.1",
            suspended_licence="食品经营许可证 JY13501020001",
        )
    return row


def violate(rule: Rule, row: dict) -> dict:
    f, p = rule.field, rule.params
    kind = rule.kind
    if kind == "required":
        row[f] = ""
    elif kind == "required_one_of":
        row.update({x: "" for x in p["fields"]})
    elif kind == "enum":
        row[f] = "不存在的类别"
    elif kind == "enum_multi":
        row[f] = "罚款;罚钱"
    elif kind == "uscc":
        row[f] = BAD_USCC
    elif kind == "uscc_list":
        row[f] = uscc() + ";" + BAD_USCC
    elif kind == "org_code":
        row[f] = BAD_ORG_USCC
    elif kind == "id_number":
        row[f] = BAD_ID
    elif kind == "date":
        row[f] = "2026-02-30"
    elif kind == "date_order":
        later = p["later"]
        if later == "reporting_date":
            row[f] = "2026-10-20"
        else:
            row[later], row[f] = "2026-10-01", "2026-10-05"
    elif kind == "number":
        row[f] = "十万"
    elif kind == "non_negative":
        row[f] = "-1"
    elif kind == "amount_unit":
        row.update({f: "2000", p["text_field"]: "罚款人民币2000元", "penalty_categories": "罚款"})
    elif kind == "on_time":
        row["decision_date"] = "2026-09-01"
    elif kind == "no_control_chars":
        row[f] = (row.get(f) or "") + "\x00"
    elif kind == "excel_number":
        row[f] = "9.13501E+17"
    elif kind == "plain_code":
        row[f] = (row.get(f) or "") + "\u200b"
    elif kind == "no_id_in_text":
        row[f] = (row.get(f) or "") + "（身份证号11010519491231002X）"
    elif kind not in ("unique_in_file", "same_day_conflict"):
        raise AssertionError(f"no bad case for kind {kind}")
    return row


def _cases(source: str):
    rows, index = [], {}
    for n, rule in enumerate(r for r in load_rules() if r.source == source):
        good = satisfy(rule, clean(source, **{KEY_FIELD[source]: f"K{n:03d}-good"}))
        bad = violate(rule, satisfy(rule, clean(source, **{KEY_FIELD[source]: f"K{n:03d}-bad"})))
        index[rule.id] = (len(rows), len(rows) + 1)
        rows += [good, bad]
        if rule.kind == "unique_in_file":
            rows.append(dict(bad))  # the second copy in the same file is the duplicate
            index[rule.id] = (len(rows) - 3, len(rows) - 1)
    return rows, index


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    out = {}
    for source in SOURCES:
        rows, index = _cases(source)
        # a column only the 2015/16 template has (处罚类别2) is delivered under its Chinese name
        names = {f.canonical: f.name_zh for f in SOURCES[source].old_fields} | headers(source)
        failed, result = validate_rows(tmp_path_factory.mktemp(source), source, rows, header_names=names)
        out[source] = (failed, index, result)
    return out


# a same-day conflict needs two files of one day, not a good and a bad row: tests/validation/test_same_day_deliveries.py
ONE_FILE_RULES = [r for r in load_rules() if r.kind != "same_day_conflict"]


@pytest.mark.parametrize("rule", ONE_FILE_RULES, ids=lambda r: f"{r.id}-{r.kind}-{r.field}")
def test_rule_passes_a_good_row_and_catches_a_bad_one(rule, outcomes):
    failed, index, _ = outcomes[rule.source]
    good, bad = index[rule.id]
    assert rule.id not in failed[good], f"{rule.id} wrongly failed its good row"
    assert rule.id in failed[bad], f"{rule.id} missed its bad row"


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_clean_rows_break_no_reject_rule_and_rows_are_conserved(source, outcomes):
    failed, index, result = outcomes[source]
    rejects = {r.id for r in load_rules() if r.severity == "reject"}
    for rule_id, (good, _) in index.items():
        assert not (failed[good] & rejects), f"good row for {rule_id} broke {failed[good] & rejects}"
    assert result.conserved and result.rows_in == len(failed)
