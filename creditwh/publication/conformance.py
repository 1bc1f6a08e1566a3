"""国家模板格式检查: a written 双公示 file read back from disk and held against the national template (REFERENCE §3).

The template's headers are data: the field tables' column `template_header`. A file conforms when its header row is
exactly that list in that order (no extra column, such as an operation), and its values are in the template's form
(see sql/publication/conformance.sql). The checks read the files themselves, so they hold whatever wrote them.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import fastexcel

from creditwh.platform.sources import get_source
from creditwh.platform.sql import execute, quote_literal, sql
from creditwh.publication.double_publicity import PUBLISHED_SOURCES

PROBLEMS = {
    "header": "表头与国家模板不一致 / headers differ from the national template",
    "date": "日期须为 YYYY/MM/DD（长期写 2099/12/31） / dates must be YYYY/MM/DD (2099/12/31 for 长期)",
    "status": "当前状态须为 1（有效）或 2（无效） / 当前状态 must be 1 or 2",
    "amount": "金额须为数字（万元），不带多余的零 / amounts as plain numbers in 万元",
    "line_break": "字段内含换行 / a line break inside a value",
}


@dataclass(frozen=True)
class Finding:
    file: str
    column: str
    problem: str
    cells: int
    first_row: int | None
    example: str

    def __str__(self) -> str:
        where = f"第 {self.first_row} 行起 / from row {self.first_row}, " if self.first_row else ""
        return (
            f"{self.file} 「{self.column}」: {PROBLEMS[self.problem]} ({where}{self.cells} 处, e.g. {self.example!r})"
        )


def template_headers(source: str) -> list[str]:
    return [f.template_header for f in get_source(source).fields]


def check_file(con, source: str, path: Path) -> list[Finding]:
    """What in one written import or full-set file (CSV, JSON Lines or .xlsx) departs from the template."""
    expected = template_headers(source)
    sheet = None
    if path.suffix == ".xlsx":  # a workbook, read whole once (its headers with it): 9 s a read at 480k rows
        sheet = fastexcel.read_excel(path).load_sheet(0, dtypes="string").to_polars()
    headers = list(sheet.columns) if sheet is not None else _headers(path)
    if headers != expected:
        extra = [h for h in headers if h not in expected]
        missing = [h for h in expected if h not in headers]
        detail = f"extra {extra}, missing {missing}" if extra or missing else "order differs"
        return [Finding(path.name, "（表头）", "header", len(headers), None, detail)]
    fields = get_source(source).fields
    params = {
        "date_columns": [f.template_header for f in fields if f.publication == "date"],
        "status_columns": [f.template_header for f in fields if f.publication == "status_code"],
        "amount_columns": [f.template_header for f in fields if f.publication == "amount"],
    }
    relation = _relation(path, headers)
    if sheet is not None:
        con.register("conformance_sheet", sheet)
        relation = "conformance_sheet"
    rows = execute(con, "publication/conformance", params, fragments={"relation": relation}).fetchall()
    if relation == "conformance_sheet":
        con.unregister("conformance_sheet")
    # file rows count the header as row 1, as a spreadsheet does
    return [Finding(path.name, c, p, n, first + 1, str(example)) for c, p, n, first, example in rows]


def check_folder(con, folder: Path) -> list[Finding]:
    """Every import and full-set file of a day's 双公示 folder."""
    findings = []
    for source in PUBLISHED_SOURCES:
        for path in sorted(folder.glob(f"{source}*")):
            if path.name.startswith(f"{source}_operations"):
                continue  # the operations list is not imported: it names what to do with the import file's rows
            if path.suffix in (".csv", ".jsonl", ".xlsx") and path.stat().st_size:
                findings += check_file(con, source, path)
    return findings


def _headers(path: Path) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        if path.suffix == ".jsonl":
            first = fh.readline()
            return list(json.loads(first)) if first.strip() else []
        return next(csv.reader(fh), [])


def _relation(path: Path, headers: list[str]) -> str | None:
    if path.suffix == ".csv":
        return "(" + sql("publication/read_csv_text", fragments={"path": quote_literal(str(path))}) + ")"
    if path.suffix == ".jsonl":
        columns = "{" + ", ".join(f"{quote_literal(h)}: 'VARCHAR'" for h in headers) + "}"
        return (
            "("
            + sql("publication/read_jsonl_text", fragments={"path": quote_literal(str(path)), "columns": columns})
            + ")"
        )
    return None
