"""Writing rendered tables as delivered files: CSV (polars, re-encoded, ragged lines spliced in) and small workbooks."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import numpy as np
import polars as pl
import xlsxwriter

from creditwh.sample.formats import MANIFEST_MARKER, FilePlan

FIXED_CREATED = datetime(2026, 1, 1)  # workbook metadata must not carry the wall clock: output is byte-identical
INVALID_BYTES = b"\xff\xa1\xff"  # 0xFF starts no UTF-8 and no GB18030 sequence: the file is readable in neither
EXCEL_EPOCH = datetime(1899, 12, 30).date()


def _runs(table: pl.DataFrame, ragged: np.ndarray, terminator: str):
    """The file as pieces: runs of records for polars to write, and the ragged lines written by hand."""
    start = 0
    for p in np.flatnonzero(ragged):
        yield table[start:p], start == 0
        yield _ragged_line(table.row(int(p)), int(ragged[p]), terminator), False
        start = int(p) + 1
    yield table[start:], start == 0


STRAY_CELL = "见附件"  # the extra field is not empty: readers such as DuckDB's accept a bare trailing comma


def _ragged_line(values: tuple, change: int, terminator: str) -> str:
    """One record with its last field dropped (change -1) or a stray field added (change +1), on one line."""
    cells = ["" if v is None else str(v).replace("\r", " ").replace("\n", " ") for v in values]
    cells = cells[:-1] if change < 0 else [*cells, STRAY_CELL]
    buf = io.StringIO()
    csv.writer(buf, lineterminator=terminator).writerow(cells)
    return buf.getvalue()


def write_csv(table: pl.DataFrame, path: Path, plan: FilePlan, ragged: np.ndarray) -> None:
    """RFC 4180 CSV, quoted only where needed. UTF-8 goes straight from polars to the file; GB18030 and the
    file with invalid bytes are re-encoded in memory."""
    options = dict(quote_style="necessary", line_terminator=plan.line_terminator, null_value="")
    in_memory = plan.encoding == "gb18030" or plan.bad_encoding
    out = io.BytesIO() if in_memory else open(path, "wb")
    with out:
        if plan.encoding == "utf-8-sig":
            out.write(b"\xef\xbb\xbf")
        for piece, header in _runs(table, ragged, plan.line_terminator):
            if isinstance(piece, str):
                out.write(piece.encode("utf-8"))
            elif piece.height or header:
                piece.write_csv(out, include_header=header, **options)
        if in_memory:
            data = out.getvalue()
            if plan.encoding == "gb18030":
                data = data.decode("utf-8").encode("gb18030")
            if plan.bad_encoding:
                data = data.replace(MANIFEST_MARKER.encode(), INVALID_BYTES)
            path.write_bytes(data)


def write_xlsx(table: pl.DataFrame, path: Path, plan: FilePlan, kinds: list[str]) -> None:
    """A workbook as offices make them: title rows above the header, dates as date cells or serial numbers."""
    wb = xlsxwriter.Workbook(
        str(path),
        {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False, "in_memory": True},
    )  # no temp files
    wb.set_properties({"created": FIXED_CREATED, "author": plan.unit_name, "title": plan.title})
    ws = wb.add_worksheet(plan.sheet)
    ncols = table.width
    bold = wb.add_format({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1})
    date_cell = wb.add_format({"num_format": plan.cell_format})
    if plan.title_rows >= 1:
        title = wb.add_format({"bold": True, "font_size": 16, "align": "center"})
        ws.merge_range(0, 0, 0, ncols - 1, plan.title, title)
    if plan.title_rows >= 2:
        r = plan.reported
        ws.merge_range(
            1,
            0,
            1,
            ncols - 1,
            f"填报单位：{plan.unit_name}　　　　填报日期：{r.year}年{r.month}月{r.day}日",
            wb.add_format({"align": "left"}),
        )
    top = plan.title_rows
    ws.write_row(top, 0, table.columns, bold)
    ws.set_column(0, ncols - 1, 18)
    for j, (name, kind) in enumerate(zip(table.columns, kinds, strict=False)):
        values = table[name].to_list()
        if kind == "date" and plan.date_style in ("cell", "serial"):
            serial = table.select(
                (pl.col(name).str.to_date("%Y-%m-%d", strict=False) - pl.lit(EXCEL_EPOCH)).dt.total_days()
            ).to_series()
            fmt = date_cell if plan.date_style == "cell" else None
            for i, (v, s) in enumerate(zip(values, serial.to_list(), strict=False)):
                if s is not None:
                    ws.write_number(top + 1 + i, j, s, fmt)
                elif v is not None:  # 长期, an impossible date: text in a date column
                    ws.write_string(top + 1 + i, j, v)
        elif kind == "amount":
            for i, (v, x) in enumerate(zip(values, table[name].cast(pl.Float64, strict=False).to_list(), strict=False)):
                if x is not None:
                    ws.write_number(top + 1 + i, j, x)
                elif v is not None:
                    ws.write_string(top + 1 + i, j, v)
        else:
            for i, v in enumerate(values):
                if v is not None:
                    ws.write_string(top + 1 + i, j, v)
    if plan.extra_sheet:
        notes = wb.add_worksheet("填报说明")
        for i, line in enumerate(
            (
                "1. 本表由数据来源单位按日报送，一条记录一行。",
                "2. 罚款金额、没收金额单位为万元；政府采购金额单位为元。",
                "3. 证件号码填写18位居民身份证号码。",
            )
        ):
            notes.write_string(i, 0, line)
    wb.close()
