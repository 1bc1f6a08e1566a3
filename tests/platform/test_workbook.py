"""A workbook of several sheets, each written by DuckDB and gathered into one package (creditwh/platform/workbook.py):
what staff open is one file whose sheets hold exactly the rows asked for, under their headers, header row frozen."""

from datetime import date, datetime

import duckdb
import openpyxl
import pytest
import xlsxwriter

from creditwh.platform import outputs
from creditwh.platform.workbook import About, WorkbookLayoutError, gather, write_xlsx_sheets

WATCHED = (
    "select * from (values ('福州市鼓楼区闽江科技有限公司', '2026-10-19'), ('严东', null)) as t(主体名称, 监管期限自)"
)
FEWER = "select * from (values ('福州东卓医药有限责任公司', 'A', 'R03')) as t(主体名称, 信用等级, 措施编号)"
NOTHING = "select '' as 主体名称 where false"
ABOUT = About("重点监管对象名单", "福州市鼓楼区财政局", date(2026, 11, 6))


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
            (WATCHED, "重点监管对象", 2),
            (FEWER, "减少检查频次对象", 1),
        ],
        tmp_path / "名单.xlsx",
        ABOUT,
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
    path = write_xlsx_sheets(con, [(NOTHING, "空", 0)], tmp_path / "空.xlsx", ABOUT)
    assert sheets_of(path) == {"空": ([["主体名称"]], "A2")}


def test_a_sheet_past_the_row_limit_continues_on_numbered_sheets(con, tmp_path, monkeypatch):
    monkeypatch.setattr(outputs, "XLSX_MAX_ROWS", 2)
    rows = "select range as n from range(5) order by n"
    path = write_xlsx_sheets(con, [(rows, "名单", 5)], tmp_path / "名单.xlsx", ABOUT)
    assert {title: [r[0] for r in data[1:]] for title, (data, _) in sheets_of(path).items()} == {
        "名单": [0, 1],
        "名单_2": [2, 3],
        "名单_3": [4],
    }


def test_the_same_rows_give_the_same_bytes(con, tmp_path):
    sheets = [(WATCHED, "重点监管对象", 2)]
    first = write_xlsx_sheets(con, sheets, tmp_path / "a.xlsx", ABOUT).read_bytes()
    assert write_xlsx_sheets(con, sheets, tmp_path / "b.xlsx", ABOUT).read_bytes() == first


def test_the_workbook_says_who_wrote_it_and_the_day_it_lists(con, tmp_path):
    # not DuckDB's own "DuckDB, 2024-11-15": staff see these in Excel's 信息 pane and in a file listing
    path = write_xlsx_sheets(con, [(WATCHED, "重点监管对象", 2)], tmp_path / "名单.xlsx", ABOUT)
    props = openpyxl.load_workbook(path).properties
    assert (props.title, props.creator, props.lastModifiedBy) == (
        "重点监管对象名单",
        "福州市鼓楼区财政局",
        "福州市鼓楼区财政局",
    )
    assert props.created == props.modified == datetime(2026, 11, 6)


def test_a_column_is_as_wide_as_its_header_asks(con, tmp_path):
    # the headers are the query's own column names: a long Chinese header gets a wider column than a short one
    coded = "select '91350102MAY30YRC4J' as 统一社会信用代码, 'A' as 信用等级"
    path = write_xlsx_sheets(con, [(coded, "主体", 1)], tmp_path / "名单.xlsx", ABOUT)
    widths = openpyxl.load_workbook(path)["主体"].column_dimensions
    assert (widths["A"].width, widths["B"].width) == (18, 12)


def test_a_sheet_in_a_layout_it_does_not_know_is_refused(tmp_path):
    # xlsxwriter keeps its strings in a shared table, which gathering would lose
    other = tmp_path / "other.xlsx"
    book = xlsxwriter.Workbook(str(other))
    book.add_worksheet("表").write_row(0, 0, ["主体名称"])
    book.close()
    with pytest.raises(WorkbookLayoutError, match="shared string table"):
        gather([("表", ["主体名称"], other)], tmp_path / "out.xlsx", ABOUT)
