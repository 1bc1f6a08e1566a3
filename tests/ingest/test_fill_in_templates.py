"""Fill-in templates (填报模板): a clerk who fills one in Excel delivers a file that loads and passes validation."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from creditwh.ingest.fill_in_templates import EXAMPLE_SHEET, GUIDE_SHEET, columns, template_name, write_templates
from creditwh.ingest.load import ingest_partition
from creditwh.platform.sources import SOURCES, get_source
from creditwh.platform.warehouse import connect
from creditwh.validation.validate import prepare, validate_partition
from tests.support.validation_harness import load_calendar

DAY = date(2026, 10, 9)
# the enumerations the issue names, each with a drop-down wherever a template has the column
ENUMERATIONS = ("行政相对人类别", "处罚类别", "许可类别", "证件类型", "名单类型")


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("templates")
    write_templates(out)
    return out


def fill_like_a_clerk(template: Path, source_name: str, target: Path, rows: int = 3) -> None:
    """Type the example values into the data sheet: dates as dates, amounts as numbers, codes as text (the column is
    text-formatted, so Excel keeps what was typed); each row its own decision or case number."""
    book = openpyxl.load_workbook(template)
    sheet = book.worksheets[0]
    source = get_source(source_name)
    for r in range(2, 2 + rows):
        for c, col in enumerate(columns(source), start=1):
            value = col.field.example
            if not value:
                continue
            cell = sheet.cell(row=r, column=c)
            if col.kind == "date":
                cell.value = datetime.combine(date.fromisoformat(value), datetime.min.time())
                cell.number_format = "yyyy-mm-dd"
            elif col.kind == "number":
                cell.value = float(value)
            else:
                if col.field.canonical == source.key_column:
                    value = f"{value}-{r}"
                cell.value = value
                cell.number_format = "@"
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)


@pytest.mark.parametrize("source_name", sorted(SOURCES))
def test_a_template_filled_by_a_clerk_loads_with_no_rejection_and_its_example_is_no_record(
    templates, tmp_path, source_name
):
    landing = tmp_path / "landing"
    delivered = landing / source_name / DAY.isoformat() / "鼓楼区填报.xlsx"
    fill_like_a_clerk(templates / template_name(get_source(source_name)), source_name, delivered)
    with connect(tmp_path / "warehouse.duckdb") as con:
        ingest_partition(con, get_source(source_name), landing, DAY)
        load_calendar(con)
        prepare(con)
        validate_partition(con, get_source(source_name), DAY)
        files = con.execute("select status, rows_read, sheets from raw.landing_files").fetchall()
        rejected = con.execute(
            "select source_row, list(rule_id) from quality.rejections where source = ? group by all", [source_name]
        ).fetchall()
        raw_rows = con.execute(f"select count(*) from raw.{source_name}").fetchone()[0]
    assert rejected == []
    # the three typed rows, and neither the example nor the guide
    assert files == [("loaded", 3, get_source(source_name).title_zh)]
    assert raw_rows == 3


@pytest.mark.parametrize("source_name", sorted(SOURCES))
def test_codes_are_text_and_enumerations_have_their_drop_down(templates, source_name):
    source = get_source(source_name)
    book = openpyxl.load_workbook(templates / template_name(source))
    assert book.sheetnames == [source.title_zh, EXAMPLE_SHEET, GUIDE_SHEET]
    sheet = book.worksheets[0]
    lists = {}
    for dv in sheet.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            lists[rng.min_col] = dv
    for c, col in enumerate(columns(source), start=1):
        letter = get_column_letter(c)
        assert sheet.cell(row=1, column=c).value == col.header
        assert sheet.cell(row=1, column=c).comment is not None, col.header
        if col.kind == "code":
            assert sheet.column_dimensions[letter].number_format == "@", col.header
        if col.field.name_zh.endswith(ENUMERATIONS):
            assert lists[c].type == "list", col.header
            assert set(lists[c].formula1.strip('"').split(",")) == set(col.choices)
        if col.kind == "date":
            assert lists[c].type in ("date", "custom"), col.header


def test_the_uscc_column_is_text_and_the_penalty_enumerations_are_those_the_validator_accepts(templates):
    by_name = {c.field.name_zh: c for c in columns(get_source("penalties"))}
    assert by_name["统一社会信用代码"].kind == "code"
    assert by_name["处罚类别"].choices[:3] == ("警告", "通报批评", "罚款")
    assert not by_name["处罚类别"].strict  # several kinds joined by ; and 其他-… are allowed
    assert by_name["行政相对人类别"].strict
    assert by_name["处罚有效期"].open_ended  # 长期
    upstream = {c.field.name_zh: c for c in columns(get_source("upstream_lists"))}
    assert "失信被执行人" in upstream["名单类型"].choices
