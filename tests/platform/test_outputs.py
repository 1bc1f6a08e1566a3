"""Published files: whole or not at all, and a workbook split where a sheet's row limit would cut it."""

import fastexcel
import polars as pl

from creditwh.platform import outputs


def rows_in(path):
    return fastexcel.read_excel(path).load_sheet(0).to_polars()


def test_a_frame_that_fits_one_sheet_is_one_workbook_with_chinese_headers(tmp_path):
    frame = pl.DataFrame({"行政相对人名称": ["甲公司", "乙公司"], "许可编号": ["A1", "A2"]})
    files = outputs.write_xlsx(frame, tmp_path / "licenses.xlsx", "行政许可")
    assert files == [tmp_path / "licenses.xlsx"]
    assert fastexcel.read_excel(files[0]).sheet_names == ["行政许可"]
    assert rows_in(files[0]).equals(frame)


def test_rows_beyond_the_sheet_limit_go_to_numbered_workbooks_and_none_is_lost(tmp_path, monkeypatch):
    monkeypatch.setattr(outputs, "XLSX_MAX_ROWS", 3)
    frame = pl.DataFrame({"序号": [str(i) for i in range(7)]})
    files = outputs.write_xlsx(frame, tmp_path / "licenses.xlsx", "行政许可")
    assert [f.name for f in files] == ["licenses_1.xlsx", "licenses_2.xlsx", "licenses_3.xlsx"]
    assert pl.concat([rows_in(f) for f in files]).equals(frame)
    assert not list(tmp_path.glob(".*.tmp"))
