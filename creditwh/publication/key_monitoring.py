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
from datetime import date
from pathlib import Path

import duckdb

from creditwh.platform import manifest, workbook
from creditwh.platform.codes import mask_id
from creditwh.platform.sql import execute, quote_identifier, quote_literal, raw_text, select_list, sql
from creditwh.platform.workbook import About, write_xlsx_sheets
from creditwh.publication.double_publicity import UnmaskedIdentityNumber, refuse_unmasked, unmasked_ids
from creditwh.publication.folder import last_publication, staged_folder

FILE_NAME = "重点监管对象名单.xlsx"
TITLE, AUTHOR = "重点监管对象名单", "福州市鼓楼区财政局"
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
        path = stage.path / FILE_NAME
        _write_workbook(con, tables, rows, path, as_of)
        leaks = scan_workbook_for_ids(con, path)
        if leaks:
            raise UnmaskedIdentityNumber(
                "写出的重点监管对象名单中发现身份证号码，本次未发布 / an identity number in the written key-monitoring "
                f"list, nothing was published: {leaks[:10]}"
            )
        files = stage.add(path, sum(rows.values()), "key_monitoring", fingerprint)
    return KeyMonitoringPublication(rows, files, files)


def scan_workbook_for_ids(con, path: Path) -> list[tuple[str, str, str]]:
    """(sheet, column, masked number) for every valid identity number in the workbook, read back from disk as text.

    Read by fastexcel (calamine), every cell as text, and scanned by the same query as every other publication: at
    the 10M bench's 680,000 rows it read the workbook in 4.7 s where DuckDB's read_xlsx took 11.1 s."""
    import fastexcel

    reader = fastexcel.read_excel(path)
    views = {sheet: f"key_monitoring_scan_{i}" for i, sheet in enumerate(reader.sheet_names)}
    try:
        for sheet, view in views.items():
            con.register(view, reader.load_sheet_by_name(sheet, dtypes="string").to_arrow())
        found = unmasked_ids(con, {sheet: _scanned(view) for sheet, view in views.items()})
    finally:
        for view in views.values():
            con.unregister(view)
    return [(sheet, column, mask_id(number)) for sheet, column, number in found]


def _scanned(relation: str) -> str:
    """A relation without the entry id and the subject key (sql/publication/scanned_columns.sql says why)."""
    return f"({sql('publication/scanned_columns', fragments={'relation': relation})})"


def _form() -> str:
    # a changed query, header or writer writes the workbook again
    return manifest.layout(
        *(raw_text(q) for q in ("publication/black_list", *(query for query, _, _ in SHEETS.values()))),
        json.dumps({name: (sheet, headers) for name, (_, sheet, headers) in SHEETS.items()}, ensure_ascii=False),
        Path(__file__).read_text(encoding="utf-8"),
        Path(workbook.__file__).read_text(encoding="utf-8"),
        duckdb.__version__,
    )


def _write_workbook(con, tables: dict[str, str], rows: dict[str, int], path: Path, as_of: date) -> None:
    # each sheet written by DuckDB (creditwh/platform/workbook.py): a province's list is a million rows a day, a
    # minute through xlsxwriter's Python call per cell. Every value as text, as staff read it.
    sheets = [
        (
            sql("platform/select_all", fragments={"columns": select_list(_cells(headers))}, table=tables[name]),
            title,
            rows[name],
        )
        for name, (_, title, headers) in SHEETS.items()
    ]
    # dated by the day it lists, not the clock: the same content is the same bytes
    write_xlsx_sheets(con, sheets, path, About(TITLE, AUTHOR, as_of))


def _cells(headers: dict[str, str]) -> list[tuple[str, str]]:
    """(expression, header) per column: dates as YYYY-MM-DD, an open-ended period said in words."""
    cells = []
    for column, header in headers.items():
        value = f"cast({quote_identifier(column)} as varchar)"
        if column == "monitored_to":
            value = f"coalesce({value}, {quote_literal(UNTIL_EXIT)})"
        cells.append((value, header))
    return cells
