"""重点监管对象名单 for the 双随机、一公开 inspection plan: one workbook a day for the inspecting units.

Sheet 重点监管对象: the black-listed subjects in force that day (the day's black list, publication/black_list) with
their legal representatives, the basis (list entry, document number) and the period; sheet 减少检查频次对象: the
subjects whose standing brings fewer routine inspections (R03 red list, R05 class A: policy/measures.csv).

Identity numbers appear only masked. The workbook is written like the list publications: a staged folder with its
manifest (creditwh/publication/folder.py), nothing written if the rows hold an unmasked number, the file read back
from disk and scanned before the folder is put in place, and a day whose content is unchanged links the last
folder's file instead of writing it again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import xlsxwriter

from creditwh.platform import manifest
from creditwh.platform.codes import mask_id
from creditwh.platform.extensions import load
from creditwh.platform.outputs import XLSX_MAX_ROWS, atomic_write
from creditwh.platform.sql import execute, quote_identifier, quote_literal, raw_text, select_list, sql
from creditwh.publication.double_publicity import UnmaskedIdentityNumber, refuse_unmasked, unmasked_ids
from creditwh.publication.folder import last_publication, staged_folder

FILE_NAME = "重点监管对象名单.xlsx"
# name: (query, sheet, column -> header); the queries keep English names so analysts can query the same shape
SHEETS = {
    "key_monitoring": (
        "publication/key_monitoring",
        "重点监管对象",
        {
            "entry_id": "名单记录编号",
            "subject_name": "主体名称",
            "subject_code": "统一社会信用代码/证件号码",
            "subject_type": "主体类别",
            "legal_rep": "法定代表人（负责人）",
            "legal_rep_id_masked": "法定代表人证件号码（脱敏）",
            "basis": "列入依据",
            "basis_doc_no": "依据文书号",
            "monitored_from": "监管期限自",
            "monitored_to": "监管期限至",
            "measures": "监管措施",
        },
    ),
    "fewer_inspections": (
        "publication/fewer_inspections",
        "减少检查频次对象",
        {
            "subject_name": "主体名称",
            "subject_code": "统一社会信用代码/证件号码",
            "subject_type": "主体类别",
            "credit_class": "信用等级",
            "on_red_list": "是否红名单",
            "measure_id": "措施编号",
            "measures": "激励措施",
            "legal_basis": "措施依据",
        },
    ),
}
# what an open-ended period says: the subject is watched until it leaves the black list
UNTIL_EXIT = "至移出黑名单时止"


@dataclass
class KeyMonitoringPublication:
    rows: dict[str, int]
    files: list[Path]  # the day's workbook (final path)
    written: list[Path]  # the same, when this run wrote it; empty when it was linked from the last folder


def build(con, as_of: date) -> dict[str, str]:
    """Each sheet's rows as of a day as a temp table; returns name: table."""
    execute(con, "publication/log_tables")  # the black list reads when a list file first carried an entry
    execute(
        con,
        "platform/create_temp_table",
        {"as_of": as_of},
        fragments={"query": sql("publication/black_list")},
        table="key_monitoring_black_list",
    )
    tables = {}
    for name, (query, _, _) in SHEETS.items():
        tables[name] = f"key_monitoring_{name}"
        execute(
            con,
            "platform/create_temp_table",
            {"as_of": as_of},
            fragments={"query": sql(query, table="key_monitoring_black_list")},
            table=tables[name],
        )
    return tables


def publish_key_monitoring(con, as_of: date, out_dir: Path) -> KeyMonitoringPublication:
    """Write out_dir/<as_of>/重点监管对象名单.xlsx (and the folder's manifest)."""
    tables = build(con, as_of)
    contents = {name: manifest.content(con, table, _form()) for name, table in tables.items()}
    rows = {name: n for name, (n, _) in contents.items()}
    fingerprint = f"{sum(rows.values())}:{manifest.layout(*(fp for _, fp in contents.values()))}"
    about = {"as_of": as_of.isoformat(), "publication": "重点监管对象名单（双随机抽查）", "rows": rows}
    with staged_folder(out_dir / as_of.isoformat(), about) as stage:
        carried = stage.carry(last_publication(out_dir, as_of), fingerprint)
        if carried is not None:
            return KeyMonitoringPublication(rows, carried, [])
        refuse_unmasked(con, {name: _scanned(table) for name, table in tables.items()})
        path = atomic_write(stage.path / FILE_NAME, lambda tmp: _write_workbook(con, tables, tmp, as_of))
        leaks = scan_workbook_for_ids(con, path)
        if leaks:
            raise UnmaskedIdentityNumber(
                "写出的重点监管对象名单中发现身份证号码，本次未发布 / an identity number in the written key-monitoring "
                f"list, nothing was published: {leaks[:10]}"
            )
        files = stage.add(path, sum(rows.values()), "key_monitoring", fingerprint)
    return KeyMonitoringPublication(rows, files, files)


def scan_workbook_for_ids(con, path: Path) -> list[tuple[str, str, str]]:
    """(sheet, column, masked number) for every valid identity number in the workbook, read back from disk as text."""
    load(con, "excel")
    relations = {
        sheet: _scanned(
            "("
            + sql(
                "publication/read_xlsx_text",
                fragments={"path": quote_literal(str(path)), "sheet": quote_literal(sheet)},
            )
            + ")"
        )
        for sheet in _sheet_names(path)
    }
    return [(sheet, column, mask_id(number)) for sheet, column, number in unmasked_ids(con, relations)]


def _scanned(relation: str) -> str:
    """A relation without the entry id and the subject key (sql/publication/scanned_columns.sql says why)."""
    return f"({sql('publication/scanned_columns', fragments={'relation': relation})})"


def _form() -> str:
    # a changed query, header or writer writes the workbook again
    return manifest.layout(
        *(raw_text(q) for q in ("publication/black_list", *(query for query, _, _ in SHEETS.values()))),
        json.dumps({name: (sheet, headers) for name, (_, sheet, headers) in SHEETS.items()}, ensure_ascii=False),
        Path(__file__).read_text(encoding="utf-8"),
        xlsxwriter.__version__,
    )


def _sheet_names(path: Path) -> list[str]:
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def _write_workbook(con, tables: dict[str, str], path: Path, as_of: date) -> None:
    # constant memory: rows stream through, a sheet at a time; a sheet over Excel's limit continues on sheet_2 …
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False})
    # dated by the day it lists, not the clock: the same content is the same bytes (a rerun, a whole rebuild)
    created = datetime.combine(as_of, datetime.min.time())
    book.set_properties({"title": "重点监管对象名单", "company": "福州市鼓楼区财政局", "created": created})
    bold = book.add_format({"bold": True, "bg_color": "#D9D9D9", "border": 1})
    text = book.add_format({"num_format": "@"})
    for name, (_, title, headers) in SHEETS.items():
        columns = select_list([(quote_identifier(c), c) for c in headers])
        cursor = con.execute(sql("platform/select_all", fragments={"columns": columns}, table=tables[name]))
        part, sheet, row = 1, None, 0
        while True:
            batch = cursor.fetchmany(10_000)
            if sheet is None or (batch and row + len(batch) > XLSX_MAX_ROWS):
                sheet, row = _new_sheet(book, title if part == 1 else f"{title}_{part}", headers, bold, text), 0
                part += 1
            for values in batch:
                row += 1
                sheet.write_row(row, 0, [_cell(c, v) for c, v in zip(headers, values, strict=True)])
            if not batch:
                break
    book.close()


def _new_sheet(book, title: str, headers: dict[str, str], bold, text):
    sheet = book.add_worksheet(title[:31])
    for i, header in enumerate(headers.values()):
        sheet.set_column(i, i, max(12, len(header) * 2 + 2), text)
        sheet.write_string(0, i, header, bold)
    sheet.freeze_panes(1, 0)
    return sheet


def _cell(column: str, value) -> str:
    if column == "monitored_to" and value is None:
        return UNTIL_EXIT
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)
