"""A workbook of several sheets, each written by DuckDB and gathered into one package (creditwh/platform/workbook.py):
what staff open is one file whose sheets hold exactly the rows asked for, under their headers, header row frozen."""

import duckdb
import openpyxl
import pytest
import xlsxwriter

from creditwh.platform import workbook
from creditwh.platform.workbook import WorkbookLayoutError, gather, write_xlsx_sheets

WATCHED = (
    "select * from (values ('福州市鼓楼区闽江科技有限公司', '2026-10-19'), ('严东', null)) as t(主体名称, 监管期限自)"
)
FEWER = "select * from (values ('福州东卓医药有限责任公司', 'A', 'R03')) as t(主体名称, 信用等级, 措施编号)"
NOTHING = "select '' as 主体名称 where false"


@pytest.fixture
def con():
    return duckdb.connect()


def sheets_of(path):
    book = openpyxl.load_workbook(path)
    return {sheet.title: ([list(r) for r in sheet.iter_rows(values_only=True)], sheet.freeze_panes) for sheet in book}


def test_each_sheet_holds_its_rows_under_its_headers_with_the_header_row_frozen(con, tmp_path):
    path = write_xlsx_sheets(
        con,
        [
            (WATCHED, "重点监管对象", ["主体名称", "监管期限自"], 2),
            (FEWER, "减少检查频次对象", ["主体名称", "信用等级", "措施编号"], 1),
        ],
        tmp_path / "名单.xlsx",
    )
    assert sheets_of(path) == {
        "重点监管对象": (
            [["主体名称", "监管期限自"], ["福州市鼓楼区闽江科技有限公司", "2026-10-19"], ["严东", None]],
            "A2",
        ),
        "减少检查频次对象": ([["主体名称", "信用等级", "措施编号"], ["福州东卓医药有限责任公司", "A", "R03"]], "A2"),
    }
    assert not list(tmp_path.glob(".*"))  # no scratch file or temp workbook left beside it


def test_a_sheet_with_no_rows_keeps_its_headers(con, tmp_path):
    path = write_xlsx_sheets(con, [(NOTHING, "空", ["主体名称"], 0)], tmp_path / "空.xlsx")
    assert sheets_of(path) == {"空": ([["主体名称"]], "A2")}


def test_a_sheet_past_the_row_limit_continues_on_numbered_sheets(con, tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "XLSX_MAX_ROWS", 2)
    rows = "select range as n from range(5) order by n"
    path = write_xlsx_sheets(con, [(rows, "名单", ["n"], 5)], tmp_path / "名单.xlsx")
    assert {title: [r[0] for r in data[1:]] for title, (data, _) in sheets_of(path).items()} == {
        "名单": [0, 1],
        "名单_2": [2, 3],
        "名单_3": [4],
    }


def test_the_same_rows_give_the_same_bytes(con, tmp_path):
    sheets = [(WATCHED, "重点监管对象", ["主体名称", "监管期限自"], 2)]
    first = write_xlsx_sheets(con, sheets, tmp_path / "a.xlsx").read_bytes()
    assert write_xlsx_sheets(con, sheets, tmp_path / "b.xlsx").read_bytes() == first


def test_a_sheet_in_a_layout_it_does_not_know_is_refused(tmp_path):
    # xlsxwriter keeps its strings in a shared table, which gathering would lose
    other = tmp_path / "other.xlsx"
    book = xlsxwriter.Workbook(str(other))
    book.add_worksheet("表").write_row(0, 0, ["主体名称"])
    book.close()
    with pytest.raises(WorkbookLayoutError, match="shared string table"):
        gather([("表", ["主体名称"], other)], tmp_path / "out.xlsx")
