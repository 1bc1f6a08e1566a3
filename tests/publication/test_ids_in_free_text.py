"""An identity number written inside free text is masked where it stands, however it is written; a record whose
number cannot be masked (a person's own ID as its document number) is held back alone, and the run says which
file, row and field. Nothing else stops."""

import re
import unicodedata
from datetime import date

import fastexcel
import pytest

from creditwh.platform.codes import mask_id
from creditwh.platform.warehouse import connect
from creditwh.publication.double_publicity import held_back_lines, publish_double_publicity, scan_files_for_ids
from creditwh.sample.builders import PERSON_ID, as_person, clean, penalty
from tests.support.full_set import read_full_set
from tests.support.scenario import Scenario

GENERAL = dict(fine_10k_yuan="0.5", penalty_content="罚款人民币5000元", decision_date="2026-05-04")
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
# the same person's first-generation card: area, YYMMDD, sequence (REFERENCE §2 masks it too)
OLD_FORM = PERSON_ID[:6] + PERSON_ID[8:17]

WRITTEN = {
    "plain": PERSON_ID,
    "spaced": f"{PERSON_ID[:6]} {PERSON_ID[6:14]} {PERSON_ID[14:]}",
    "hyphenated": f"{PERSON_ID[:6]}-{PERSON_ID[6:14]}-{PERSON_ID[14:]}",
    "full-width": PERSON_ID.translate(FULL_WIDTH),
    "15-digit": OLD_FORM,
}


@pytest.fixture
def scenario(tmp_path):
    return Scenario(tmp_path)


def publish(scenario, as_of, out):
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        return {r.source: r for r in publish_double_publicity(con, date.fromisoformat(as_of), out)}


def digits_of(path):
    """Every run of digits in a file once full-width digits are read as digits and separators are dropped."""
    if path.suffix == ".xlsx":
        sheet = fastexcel.read_excel(path).load_sheet(0, dtypes="string").to_polars()
        text = "\n".join("|".join(str(v) for v in row) for row in sheet.rows())
    else:
        text = path.read_text(encoding="utf-8-sig")
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"(?<=\d)[ \-‐－—](?=\d)", "", text)


@pytest.mark.parametrize("form", sorted(WRITTEN))
def test_an_id_written_in_the_facts_is_masked_and_everything_is_published(scenario, tmp_path, form):
    facts = f"当事人（身份证号 {WRITTEN[form]}）提供虚假材料"
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="甲1号", violation_facts=facts, **GENERAL))
    scenario.deliver("2026-05-06", "licenses", clean("licenses", decision_date="2026-05-04", valid_from="2026-05-04"))
    scenario.run()
    out = tmp_path / "out"
    results = publish(scenario, "2026-05-10", out)
    assert {s: r.rows for s, r in results.items()} == {"licenses": 1, "penalties": 1}
    [published] = read_full_set(out / "2026-05-10")["违法事实"].to_list()
    masked = mask_id(PERSON_ID) if len(PERSON_ID) == len(WRITTEN[form].replace(" ", "").replace("-", "")) else None
    assert (masked or OLD_FORM[:6]) in published and "提供虚假材料" in published
    for path in (out / "2026-05-10").iterdir():
        text = digits_of(path)
        assert PERSON_ID not in text and OLD_FORM not in text, path.name
    with connect(scenario.workdir / "warehouse.duckdb") as con:  # the scan creates its macros
        assert scan_files_for_ids(con, sorted((out / "2026-05-10").glob("*.*"))) == []


def test_a_persons_own_id_as_a_document_number_holds_back_that_record_alone(scenario, tmp_path):
    scenario.deliver("2026-05-06", "penalties", penalty(**as_person(), **GENERAL, decision_doc_no=PERSON_ID))
    scenario.deliver("2026-05-06", "penalties", penalty(decision_doc_no="乙2号", **GENERAL))
    scenario.deliver("2026-05-06", "licenses", clean("licenses", decision_date="2026-05-04", valid_from="2026-05-04"))
    scenario.run()
    out = tmp_path / "out"
    results = publish(scenario, "2026-05-10", out)
    assert {s: r.rows for s, r in results.items()} == {"licenses": 1, "penalties": 1}
    assert read_full_set(out / "2026-05-10")["行政处罚决定书文号"].to_list() == ["乙2号"]
    [note] = [n for n in results["penalties"].notes if n.startswith("暂缓公示")]
    file, row = scenario.query(
        "select source_file, source_row from staging.penalties where decision_doc_no = ?", [PERSON_ID]
    )[0]
    assert f"{file} 第 {row} 行「行政处罚决定书文号」" in note and PERSON_ID not in note
    with connect(scenario.workdir / "warehouse.duckdb", read_only=True) as con:
        [line] = held_back_lines(con)
    assert f"{file} 第 {row} 行「行政处罚决定书文号」" in line and mask_id(PERSON_ID) in line
