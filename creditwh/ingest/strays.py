"""Stray landing files: files no partition loads, because they are not inside a `<source>/<YYYY-MM-DD>/` folder.

A clerk who drops `penalties/stray.csv`, `penalties/latest/x.csv`, `penalties/2026-13-45/x.csv` or
`penalty/2026-10-12/x.csv` must learn that the file was not loaded and how to fix it, so each such file is
registered in raw.landing_files as rejected, with the reason in Chinese and English and the unit it came from.

Which partition a stray belongs to: none. A file's reporting date is the name of its date folder (the day the bureau
received it); a stray has no date folder, or one that names no real day, so its reporting date is empty (null).
Borrowing a day instead (the run's, or the file's modification time) would put it into a partition it was never
delivered to: that day's re-ingest replaces the partition and would drop or duplicate it, and its counts would
join the day's conservation check. So the strays sit outside every partition, owned by the landing scan alone:
- each scan replaces every stray registration with what it finds now, in one transaction, so a re-run registers
  nothing twice, and a file moved into a proper date folder (or deleted) is no longer listed as stray;
- a stray carries no records (rows read, loaded and rejected are 0; nothing goes into a raw table), so every
  partition's "rows read = rows loaded + lines rejected" holds as before, and no "as known on day D" answer changes;
- a partition's re-ingest (`reporting_date = D`) never touches a stray, and the duplicate-delivery check only looks
  at loaded files, so a stray later moved into a date folder loads as a first delivery.

Not deliveries, and so never listed: folders starting with `_` or `.` (the sample generator's `_manifest/`) and
hidden or Excel lock (`~$`) files. A date folder outside the partition range is a proper delivery folder: the
command line warns about it (pipelines/cli.py) and it is not a stray.
"""

from __future__ import annotations

import csv
import difflib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb
import fastexcel

from creditwh.ingest.landing import (
    DATE_FOLDER,
    HEADER_SEARCH_ROWS,
    HeaderRow,
    detect_encoding,
    file_sha256,
    find_header,
    is_bookkeeping_folder,
    is_data_file,
    partition_folders,
    read_head_text,
    sniff_delimiter,
)
from creditwh.platform.sources import SOURCES, get_source
from creditwh.platform.sql import execute
from creditwh.platform.warehouse import write_transaction


@dataclass(frozen=True)
class StrayFile:
    source: str | None  # the source folder it sits in; None when that folder is no known source
    source_file: str  # relative to the landing root: never a server path
    reason_code: str
    message_zh: str
    message_en: str
    path: Path

    @property
    def message(self) -> str:
        return f"{self.message_zh} / {self.message_en}"


def find_strays(landing_root: Path) -> list[StrayFile]:
    """Every delivered file under the landing root that no partition loads, with why, in path order."""
    if not landing_root.is_dir():
        return []
    found: list[StrayFile] = []
    for top in sorted(landing_root.iterdir()):
        if is_bookkeeping_folder(top):
            continue
        if top.is_file():
            if is_data_file(top):
                found.append(_stray(landing_root, top, None, *_outside_source_folder()))
        elif top.name in SOURCES:
            found += _strays_in_source(landing_root, top)
        elif top.is_dir():
            reason = _unknown_source(top.name)
            found += [_stray(landing_root, p, None, *reason) for p in _delivered_files(top)]
    return sorted(found, key=lambda s: s.source_file)


def _strays_in_source(landing_root: Path, folder: Path) -> Iterator[StrayFile]:
    source = folder.name
    loaded = partition_folders(landing_root, source)
    for child in sorted(folder.iterdir()):
        if is_bookkeeping_folder(child) or child.name in loaded:
            continue
        if child.is_file():
            if is_data_file(child):
                yield _stray(landing_root, child, source, *_outside_date_folder(source))
        elif child.is_dir():
            reason = _not_a_date(source, child.name) if DATE_FOLDER.match(child.name) else _outside_date_folder(source)
            for path in _delivered_files(child):
                yield _stray(landing_root, path, source, *reason)


def _delivered_files(folder: Path) -> Iterator[Path]:
    """Files under a folder, bookkeeping folders and hidden or lock files left out."""
    for here, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(("_", ".")))
        for name in sorted(files):
            path = Path(here) / name
            if is_data_file(path):
                yield path


def _stray(landing_root: Path, path: Path, source: str | None, code: str, zh: str, en: str) -> StrayFile:
    return StrayFile(source, path.relative_to(landing_root).as_posix(), code, zh, en, path)


# ── the reasons, each with what to do ────────────────────────────────────────────────────────────────────────────


def _outside_date_folder(source: str) -> tuple[str, str, str]:
    return (
        "not_in_date_folder",
        f"文件不在日期文件夹中，未装载：请放入 {source}/YYYY-MM-DD/ 文件夹（YYYY-MM-DD 为报送日期）",
        f"not inside a date folder: not loaded; move it to {source}/YYYY-MM-DD/ (the reporting date)",
    )


def _not_a_date(source: str, name: str) -> tuple[str, str, str]:
    return (
        "invalid_date_folder",
        f"日期文件夹名不是有效日期 {name}，未装载：请改为实际报送日期 {source}/YYYY-MM-DD/",
        f"the date folder {name} is not a real date: not loaded; rename it to the reporting date, {source}/YYYY-MM-DD/",
    )


def _unknown_source(name: str) -> tuple[str, str, str]:
    guess = difflib.get_close_matches(name.lower(), list(SOURCES), n=1, cutoff=0.6)
    if guess:
        return (
            "unknown_source_folder",
            f"数据源文件夹名无法识别 {name}，应为 {guess[0]}，未装载：请将文件夹改名为 {guess[0]}",
            f"unknown source folder {name}; did you mean {guess[0]}? not loaded: rename the folder to {guess[0]}",
        )
    known = ", ".join(SOURCES)
    return (
        "unknown_source_folder",
        f"数据源文件夹名无法识别 {name}，未装载：应为以下之一 {known}",
        f"unknown source folder {name}: not loaded; use one of {known}",
    )


def _outside_source_folder() -> tuple[str, str, str]:
    known = ", ".join(SOURCES)
    return (
        "not_in_source_folder",
        f"文件不在数据源文件夹中，未装载：请放入 <数据源>/YYYY-MM-DD/ 文件夹（数据源：{known}）",
        f"not inside a source folder: not loaded; move it to <source>/YYYY-MM-DD/ (sources: {known})",
    )


# ── the unit a stray came from ───────────────────────────────────────────────────────────────────────────────────


def unit_named_in(stray: StrayFile) -> str | None:
    """The one 数据来源单位 (or 经办单位) the file names, if it can be read with a recognisable header; None when it
    cannot be read, names no unit or names several (its list is then （未填报单位）'s)."""
    candidates = [stray.source] if stray.source else list(SOURCES)
    try:
        sheets = list(_sheets(stray.path))
    except Exception:  # an unreadable file names no unit; fastexcel raises its own types for corrupt workbooks
        return None
    units: set[str] = set()
    for rows in sheets:
        head = rows[:HEADER_SEARCH_ROWS]
        found = [(h, name) for name in candidates if (h := find_header(name, head)) is not None]
        if not found:
            continue
        header, source = max(found, key=lambda f: f[0].header_map.mapped)  # the source its header fits best
        units |= _units(rows, header, get_source(source).unit_column)
        if len(units) > 1:
            return None
    return units.pop() if len(units) == 1 else None


def _units(rows: list[list[object]], header: HeaderRow, unit_column: str) -> set[str]:
    if unit_column not in header.header_map.columns:
        return set()
    i = header.header_map.columns.index(unit_column)
    return {str(row[i]).strip() for row in rows[header.index + 1 :] if len(row) > i and str(row[i] or "").strip()}


def _sheets(path: Path) -> Iterable[list[list[object]]]:
    """The file's rows, as one list per sheet (a CSV is one sheet)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        encoding = detect_encoding(path)
        if encoding is None:
            return
        delimiter = sniff_delimiter(read_head_text(path, encoding))
        with open(path, encoding=encoding, newline="") as fh:
            yield list(csv.reader(fh, delimiter=delimiter))
    elif suffix == ".xlsx":
        reader = fastexcel.read_excel(path)
        for sheet in reader.sheet_names:
            frame = reader.load_sheet(sheet, header_row=None, dtypes="string", skip_rows=0).to_polars()
            yield [list(row) for row in frame.rows()]


# ── the register ─────────────────────────────────────────────────────────────────────────────────────────────────


def register_strays(
    con: duckdb.DuckDBPyConnection, landing_root: Path, run_id: str = "manual", ingested_at: datetime | None = None
) -> list[StrayFile]:
    """Replace every stray registration in raw.landing_files with the strays the landing folder holds now."""
    found = find_strays(landing_root)
    ingested_at = ingested_at or datetime.now()
    execute(con, "ingest/begin_strays")
    strays = []
    for stray in found:
        try:
            sha, size, unit = file_sha256(stray.path), stray.path.stat().st_size, unit_named_in(stray)
        except OSError:
            continue  # moved or deleted since the scan (what its message tells the clerk to do): no longer a stray
        strays.append(stray)
        execute(
            con,
            "ingest/register_stray",
            {
                "source": stray.source,
                "source_file": stray.source_file,
                "file_sha256": sha,
                "file_bytes": size,
                "file_format": stray.path.suffix.lower().lstrip(".") or "none",
                "reason_code": stray.reason_code,
                "message_zh": stray.message_zh,
                "message_en": stray.message_en,
                "source_unit": unit,
                "ingested_at": ingested_at,
                "run_id": run_id,
            },
        )
    write_transaction(con, lambda: execute(con, "ingest/replace_strays"))
    execute(con, "ingest/end_strays")
    return strays
