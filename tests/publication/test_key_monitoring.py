"""重点监管对象名单: the black-listed subjects and their legal representatives (masked) with basis and period, and the
subjects whose standing brings fewer inspections (R03, R05), for the 双随机 inspection plan."""

from datetime import date

import openpyxl
import pytest
import xlsxwriter

from creditwh.platform.codes import mask_id
from creditwh.platform.warehouse import connect
from creditwh.publication.key_monitoring import FILE_NAME, publish_key_monitoring, scan_workbook_for_ids
from creditwh.sample.builders import COMPANY_USCC, PENALTY, clean, person_id, serious_penalty, uscc
from tests.support.scenario import Scenario

DOC = serious_penalty()["decision_doc_no"]
REP_ID = PENALTY["legal_rep_id_no"]
EXITED_USCC = uscc("91", "350102", "MA31XQ7B")
EXITED_REP_ID = person_id(birth="19820506", seq="317")
EXITED_DOC = "榕鼓财罚〔2026〕21号"
RED_USCC = uscc("91", "350102", "MA35RD2K")
CLASS_A_USCC = uscc("91", "350102", "MA36AA9L")


@pytest.fixture
def scenario(tmp_path):
    s = Scenario(tmp_path)
    # listed 12 May 2026 (after the notice period), for the serious penalty's publicity period
    s.deliver("2026-05-06", "penalties", serious_penalty())
    # listed too, then repaired on 1 June 2027: it has left the list
    s.deliver(
        "2026-05-06",
        "penalties",
        serious_penalty(
            decision_doc_no=EXITED_DOC,
            subject_name="福州市鼓楼区榕城商贸有限公司",
            uscc=EXITED_USCC,
            legal_rep="王海",
            legal_rep_id_no=EXITED_REP_ID,
        ),
        file="exited.csv",
    )
    s.deliver(
        "2027-06-02",
        "repairs",
        clean(
            "repairs",
            record_doc_no=EXITED_DOC,
            uscc=EXITED_USCC,
            subject_name="福州市鼓楼区榕城商贸有限公司",
            applied_on="2027-05-20",
            decided_on="2027-06-01",
        ),
    )
    # on the red list through an upstream reward (R03)
    s.deliver(
        "2027-05-11",
        "upstream_lists",
        clean(
            "upstream_lists",
            list_type="纳税信用A级纳税人",
            kind="激励",
            subject_name="福州市鼓楼区守信科技有限公司",
            uscc=RED_USCC,
            listed_on="2027-05-10",
            valid_until="2027-12-31",
            decision_doc_no="榕税A〔2027〕1号",
        ),
    )
    # a licensee with no negative record: class A (R05)
    s.deliver(
        "2027-05-11",
        "licenses",
        clean(
            "licenses",
            subject_name="福州市鼓楼区清白咨询有限公司",
            uscc=CLASS_A_USCC,
            decision_doc_no="榕鼓财许〔2027〕3号",
            decision_date="2027-05-10",
            valid_from="2027-05-10",
        ),
    )
    return s.run()


def publish(scenario, as_of):
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        return publish_key_monitoring(con, date.fromisoformat(as_of), scenario.workdir / "out")


def sheet_rows(path, sheet):
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_a_black_listed_company_and_its_legal_representative_are_watched_with_the_id_masked(scenario):
    result = publish(scenario, "2027-06-02")
    path = scenario.workdir / "out" / "2027-06-02" / FILE_NAME
    assert result.files == [path] and result.written == [path]
    (row,) = sheet_rows(path, "重点监管对象")  # the repaired company has left the list and is not watched
    assert row["统一社会信用代码/证件号码"] == COMPANY_USCC
    assert row["法定代表人（负责人）"] == "林建华"
    assert row["法定代表人证件号码（脱敏）"] == mask_id(REP_ID) == "350102********2158"
    assert (row["列入依据"], row["依据文书号"]) == ("严重失信行政处罚", DOC)
    assert row["监管期限自"] == "2026-05-12" and row["监管期限至"] > "2027-06-02"
    assert "列为重点监管对象" in row["监管措施"]
    assert row["名单记录编号"].startswith("E")
    text = "|".join(str(v) for r in sheet_rows(path, "重点监管对象") for v in r.values())
    assert REP_ID not in text and EXITED_REP_ID not in text and "榕城商贸" not in text
    assert scan_workbook_for_ids_in(scenario, path) == []


def test_before_the_repair_both_companies_are_watched(scenario):
    publish(scenario, "2027-05-31")
    rows = sheet_rows(scenario.workdir / "out" / "2027-05-31" / FILE_NAME, "重点监管对象")
    assert {r["统一社会信用代码/证件号码"] for r in rows} == {COMPANY_USCC, EXITED_USCC}
    assert {r["法定代表人证件号码（脱敏）"] for r in rows} == {mask_id(REP_ID), mask_id(EXITED_REP_ID)}


def test_red_listed_and_class_a_subjects_are_on_the_fewer_inspections_sheet(scenario):
    publish(scenario, "2027-06-02")
    rows = sheet_rows(scenario.workdir / "out" / "2027-06-02" / FILE_NAME, "减少检查频次对象")
    by_code = {r["统一社会信用代码/证件号码"]: r for r in rows}
    assert (by_code[RED_USCC]["措施编号"], by_code[RED_USCC]["是否红名单"]) == ("R03", "是")
    assert (by_code[CLASS_A_USCC]["措施编号"], by_code[CLASS_A_USCC]["信用等级"]) == ("R05", "A")
    assert by_code[CLASS_A_USCC]["激励措施"] == "减少日常监督检查频次"
    assert COMPANY_USCC not in by_code  # black-listed: class D


def test_an_unchanged_list_is_linked_from_the_last_folder_not_written_again(scenario):
    first = publish(scenario, "2027-06-02")
    again = publish(scenario, "2027-06-03")
    assert again.written == [] and again.rows == first.rows
    assert again.files[0].stat().st_ino == first.files[0].stat().st_ino  # the same file, hard-linked
    assert (again.files[0].parent / "manifest.json").is_file()


def test_the_privacy_scan_finds_an_unmasked_id_in_a_workbook(tmp_path, scenario):
    leaky = tmp_path / "leaky.xlsx"
    book = xlsxwriter.Workbook(str(leaky))
    sheet = book.add_worksheet("重点监管对象")
    sheet.write_row(0, 0, ["主体名称", "法定代表人证件号码（脱敏）"])
    sheet.write_row(1, 0, ["福州市鼓楼区闽江科技有限公司", REP_ID])
    book.close()
    assert [(s, masked) for s, _, masked in scan_workbook_for_ids_in(scenario, leaky)] == [
        ("重点监管对象", mask_id(REP_ID))
    ]


def scan_workbook_for_ids_in(scenario, path):
    with connect(scenario.workdir / "warehouse.duckdb") as con:
        return scan_workbook_for_ids(con, path)
