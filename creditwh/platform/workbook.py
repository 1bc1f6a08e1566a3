"""A workbook of several sheets, each written by DuckDB's excel extension.

DuckDB writes a sheet in C++ (84,000 rows of 11 columns in 1 s, where xlsxwriter's Python call per cell took 6 s,
and a province's key-monitoring list is ten times that, every day), but one sheet to a file. So each sheet is
written to a scratch file and the sheets are gathered into one package: the first file's styles, every file's
worksheet, workbook parts that list them all, and the document's own properties (title, author, the day it lists:
DuckDB's say "DuckDB, 2024-11-15"). The header row is frozen and the columns sized to their headers, as staff expect
of a list they work down.

The gathering relies on the layout DuckDB 1.5.5 writes (one worksheet part, inline strings, an empty shared-string
table); anything else raises rather than writing a workbook Excel would have to repair.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from creditwh.platform.extensions import load
from creditwh.platform.outputs import atomic_write, query_columns, xlsx_slices
from creditwh.platform.sql import execute, quote_literal

SHEET_PART = "xl/worksheets/sheet1.xml"
WORKSHEET = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
# every part the same date: the same rows give the same bytes (a rerun, a whole rebuild)
PART_DATE = (1980, 1, 1, 0, 0, 0)
SHEET_DATA, CHUNK = b"<sheetData>", 1 << 20
FROZEN_HEADER = (
    '<sheetViews><sheetView workbookViewId="0">'
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
)


class WorkbookLayoutError(RuntimeError):
    """DuckDB wrote a sheet in a layout this module does not know how to gather."""


@dataclass(frozen=True)
class About:
    """The document's properties, as Excel's 信息 pane shows them. `day` is the day the workbook lists, not the
    clock: the same rows give the same bytes."""

    title: str
    author: str
    day: date


def write_xlsx_sheets(con, sheets: list[tuple[str, str, int]], target: Path, about: About) -> Path:
    """One workbook (atomically) with a sheet per (query, title, rows): the query's columns under its own names,
    which are the headers. A sheet past Excel's row limit continues on <title>_2, <title>_3 …"""
    load(con, "excel")

    def write(tmp: Path) -> None:
        with tempfile.TemporaryDirectory(dir=tmp.parent, prefix=".sheets-") as scratch:
            written: list[tuple[str, list[str], Path]] = []
            for query, title, rows in sheets:
                headers = [name for name, _ in query_columns(con, query)]
                for i, part in enumerate(xlsx_slices(query, rows)):
                    name = (title if i == 0 else f"{title}_{i + 1}")[:31]  # Excel's limit on a sheet name
                    path = Path(scratch) / f"{len(written) + 1}.xlsx"
                    execute(
                        con,
                        "platform/copy_xlsx",
                        fragments={"query": part, "path": quote_literal(str(path)), "sheet": quote_literal(name)},
                    )
                    written.append((name, headers, path))
            gather(written, tmp, about)

    return atomic_write(target, write)


def gather(sheets: list[tuple[str, list[str], Path]], target: Path, about: About) -> None:
    """Write target as one package of the single-sheet workbooks given as (sheet name, headers, file)."""
    with zipfile.ZipFile(sheets[0][2]) as first:
        parts = {name: first.read(name) for name in first.namelist()}
    _expect(b'count="0"' in parts.get("xl/sharedStrings.xml", b'count="0"'), "a shared string table")
    _expect(CORE in parts and APP in parts, "document properties parts")
    parts[CORE], parts[APP] = _properties(about)
    numbered = range(1, len(sheets) + 1)
    parts["xl/workbook.xml"] = _replace_once(
        parts["xl/workbook.xml"],
        r"<sheets>.*?</sheets>",
        "<sheets>"
        + "".join(
            f'<sheet name={quoteattr(name)} state="visible" sheetId="{n}" r:id="rIdSheet{n}"/>'
            for n, (name, _, _) in zip(numbered, sheets, strict=True)
        )
        + "</sheets>",
    )
    parts["xl/_rels/workbook.xml.rels"] = _replace_once(
        parts["xl/_rels/workbook.xml.rels"],
        r'<Relationship [^>]*Target="worksheets/sheet1\.xml"/>',
        "".join(
            f'<Relationship Id="rIdSheet{n}" Type="{WORKSHEET}" Target="worksheets/sheet{n}.xml"/>' for n in numbered
        ),
    )
    parts["[Content_Types].xml"] = _replace_once(
        parts["[Content_Types].xml"],
        r'<Override PartName="/xl/worksheets/sheet1\.xml"[^>]*/>',
        "".join(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{WORKSHEET_TYPE}"/>' for n in numbered),
    )
    del parts[SHEET_PART]
    worksheets = {
        f"xl/worksheets/sheet{n}.xml": (path, headers) for n, (_, headers, path) in zip(numbered, sheets, strict=True)
    }
    with zipfile.ZipFile(target, "w") as out:
        for name in sorted({*parts, *worksheets}, key=lambda name: (name != "[Content_Types].xml", name)):
            if name in worksheets:
                _copy_worksheet(*worksheets[name], out, name)
            else:
                out.writestr(_part(name), parts[name])


def _copy_worksheet(source: Path, headers: list[str], out: zipfile.ZipFile, name: str) -> None:
    """The worksheet of a single-sheet file into `out` as `name`, the frozen header and the column widths put before
    its data. Streamed: a province's key-monitoring sheet is 340 MB of XML, which read whole, decoded and searched
    took a third of the workbook's time and as much memory."""
    with zipfile.ZipFile(source) as one:
        _expect(one.namelist().count(SHEET_PART) == 1, "one worksheet part")
        with one.open(SHEET_PART) as src, out.open(_part(name), "w", force_zip64=True) as dst:
            head = b""
            while SHEET_DATA not in head:
                chunk = src.read(CHUNK)
                _expect(bool(chunk), escape(SHEET_DATA.decode()))
                head += chunk
            dst.write(head.replace(SHEET_DATA, (FROZEN_HEADER + _widths(headers)).encode() + SHEET_DATA, 1))
            shutil.copyfileobj(src, dst, CHUNK)


def _part(name: str) -> zipfile.ZipInfo:
    """A part dated PART_DATE, deflated at level 1: a sheet's XML compresses twice as fast as at the default level
    6, into a file 15% larger (the 10M bench's workbook: 55 MB against 47)."""
    info = zipfile.ZipInfo(name, PART_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    # Python 3.11 has no public setter (3.13 names it compress_level)
    info._compresslevel = 1  # type: ignore[attr-defined]  # noqa: SLF001
    return info


CORE, APP = "docProps/core.xml", "docProps/app.xml"


def _properties(about: About) -> tuple[bytes, bytes]:
    """docProps/core.xml and app.xml: title, author and company, created and modified on the day listed."""
    day = f"{about.day.isoformat()}T00:00:00Z"
    core = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(about.title)}</dc:title><dc:creator>{escape(about.author)}</dc:creator>"
        f"<cp:lastModifiedBy>{escape(about.author)}</cp:lastModifiedBy>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{day}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{day}</dcterms:modified></cp:coreProperties>'
    )
    app = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>DuckDB</Application><Company>{escape(about.author)}</Company></Properties>"
    )
    return core.encode("utf-8"), app.encode("utf-8")


def _widths(headers: list[str]) -> str:
    # a CJK character is about two widths of a Latin one
    return (
        "<cols>"
        + "".join(
            f'<col min="{i}" max="{i}" width="{max(12, len(h) * 2 + 2)}" customWidth="1"/>'
            for i, h in enumerate(headers, 1)
        )
        + "</cols>"
    )


def _replace_once(part: bytes, pattern: str, replacement: str) -> bytes:
    text, count = re.subn(pattern, lambda _: replacement, part.decode("utf-8"), count=1, flags=re.S)
    _expect(count == 1, escape(pattern))
    return text.encode("utf-8")


def _expect(found: bool, what: str) -> None:
    if not found:
        raise WorkbookLayoutError(
            f"DuckDB 写出的工作表结构与预期不同，未生成工作簿 / DuckDB wrote a sheet in a layout not gathered here "
            f"(expected {what}): check the excel extension's version"
        )
