"""The list of codes a unit asks to check before a decision (creditwh check --batch): an .xlsx or a CSV with one column
of codes, or the columns of the procurement or application template (header spellings as for a delivery).

Every cell is read as text, and a long number Excel stored in a number cell comes back in Excel's own form
(9.13501E+17): such a code is reported as damaged by the check, never looked up with digits nobody typed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import fastexcel
import polars as pl

from creditwh.ingest.headers import map_headers
from creditwh.ingest.xlsx_numbers import with_long_numbers_as_excel_shows_them

# 申请类别 → the business a measure bars (policy/measures.csv `domain`), as sql/screening/screening_parties.sql reads it
APPLICATION_KINDS = {"财政补助": "subsidy", "政策扶持": "policy_support", "PPP": "ppp"}


@dataclass(frozen=True)
class Asked:
    """One code to check, where it came from, and the business the decision is about."""

    code: str  # as given in the cell
    row: int  # the file's row, the header being row 1 (as a spreadsheet shows it)
    name: str | None  # the name given beside the code, if any
    business: str | None  # procurement | subsidy | policy_support | ppp; None: as the caller says
    reference: str | None  # the project or application number, if the template's


def read_check_list(path: Path) -> tuple[list[Asked], str]:
    """The codes of a check list and its layout: codes | procurement | applications."""
    frame = _read_text(path)
    if frame.width == 0:
        return [], "codes"
    headers = [c for c in frame.columns if c != "_row"]
    for source, layout, code_columns in (
        ("procurement", _procurement, {"supplier_uscc"}),
        ("applications", _applications, {"uscc", "person_id_no"}),
    ):
        mapped = map_headers(source, headers)
        columns = mapped.columns
        # a template's code column and at least one other of its columns: a lone 统一社会信用代码 column is a list
        if code_columns & set(columns) and mapped.mapped >= 2:
            return layout(frame.rename(dict(zip(headers, columns, strict=True)))), source
    return _codes(frame), "codes"


def _read_text(path: Path) -> pl.DataFrame:
    """Header row and cells as text; a CSV in UTF-8 (with or without BOM) or, as units' Excel writes it, GBK."""
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        reader = fastexcel.read_excel(path)
        sheet = reader.sheet_names[0]
        raw = reader.load_sheet(sheet, header_row=None, dtypes="string", skip_rows=0).to_polars()
        raw = with_long_numbers_as_excel_shows_them(raw, path, sheet)
    else:
        data = path.read_bytes()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
        raw = pl.read_csv(text.encode("utf-8"), has_header=False, infer_schema=False, truncate_ragged_lines=True)
    raw = raw.filter(~pl.all_horizontal(pl.all().is_null()))
    if raw.height == 0:
        return pl.DataFrame()
    first = [str(v or "").strip() for v in raw.row(0)]
    if raw.width == 1 and any(ch.isdigit() for ch in first[0]):
        # one column of codes with no header: its first cell is a code too
        return raw.rename({raw.columns[0]: "code"}).with_columns(pl.Series("_row", range(1, raw.height + 1)))
    names = [h or f"column_{i + 1}" for i, h in enumerate(first)]
    body = raw.slice(1).rename(dict(zip(raw.columns, _unique(names), strict=True)))
    return body.with_columns(pl.Series("_row", range(2, raw.height + 1)))


def _unique(names: list[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        candidate, n = name, 2
        while candidate in out:
            candidate, n = f"{name}_{n}", n + 1
        out.append(candidate)
    return out


def _cell(row: dict, column: str) -> str | None:
    value = row.get(column)
    return None if value is None or not str(value).strip() else str(value).strip()


def _codes(frame: pl.DataFrame) -> list[Asked]:
    column = frame.columns[0]
    return [
        Asked(_cell(r, column) or "", r["_row"], None, None, None)
        for r in frame.iter_rows(named=True)
        if _cell(r, column) is not None
    ]


def _procurement(frame: pl.DataFrame) -> list[Asked]:
    """The supplier, and every member of a consortium (a tainted member taints the consortium)."""
    out = []
    for r in frame.iter_rows(named=True):
        reference = " ".join(filter(None, [_cell(r, "project_code"), _cell(r, "lot_no")])) or None
        codes = [_cell(r, "supplier_uscc")]
        members = (_cell(r, "consortium_usccs") or "").replace("；", ";")
        codes += [m.strip() for m in members.split(";") if m.strip()]
        for i, code in enumerate(codes):
            if code is None and i > 0:
                continue
            out.append(
                Asked(code or "", r["_row"], _cell(r, "supplier_name") if i == 0 else None, "procurement", reference)
            )
    return out


def _applications(frame: pl.DataFrame) -> list[Asked]:
    out = []
    for r in frame.iter_rows(named=True):
        code = _cell(r, "uscc") or _cell(r, "person_id_no") or ""
        kind = APPLICATION_KINDS.get(_cell(r, "kind") or "")
        out.append(Asked(code, r["_row"], _cell(r, "subject_name"), kind, _cell(r, "application_no")))
    return out
