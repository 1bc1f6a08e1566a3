"""Loads one source's landing folder for one reporting date into the raw layer, atomically.

Every row of every readable file lands as text with its lineage. A file that cannot be read, or a line
that cannot be split, becomes a rejection with its reason in Chinese and English; it never stops the
other files. The same file delivered again in another partition is registered as a duplicate delivery.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import fastexcel
import polars as pl

from creditwh.ingest.fill_in_templates import NOT_DATA_SHEETS
from creditwh.ingest.landing import (
    detect_encoding,
    file_sha256,
    find_header,
    first_rows,
    has_mixed_line_endings,
    is_blank_file,
    list_files,
    read_head_text,
    sniff_delimiter,
    transcode_to_utf8,
    with_lf_line_endings,
)
from creditwh.ingest.xlsx_numbers import with_long_numbers_as_excel_shows_them
from creditwh.platform.sources import Source
from creditwh.platform.sql import execute, sql
from creditwh.platform.warehouse import write_transaction


@dataclass
class FileResult:
    source_file: str
    status: str  # loaded | duplicate_delivery | rejected
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    encoding: str | None = None
    header_style: str | None = None
    message_en: str | None = None


@dataclass
class PartitionResult:
    source: str
    reporting_date: date
    files: list[FileResult] = field(default_factory=list)

    @property
    def rows_loaded(self) -> int:
        return sum(f.rows_loaded for f in self.files)

    @property
    def rows_rejected(self) -> int:
        return sum(f.rows_rejected for f in self.files)

    @property
    def rows_read(self) -> int:
        return sum(f.rows_read for f in self.files)

    def count(self, status: str) -> int:
        return sum(f.status == status for f in self.files)


def without_server_paths(text: str, path: Path, rel: str) -> str:
    """A reader's error names the file by its absolute path (fastexcel does; DuckDB names its transcoded copy):
    the unit reading its correction list gets the landing path, and no folder of the server."""
    text = text.replace(str(path), rel)
    return _ABSOLUTE_DIRS.sub("", text)


_ABSOLUTE_DIRS = re.compile(r"(?<![\w.])/(?:[^\s/'\"]+/)+")


class FileRejected(Exception):
    def __init__(self, code: str, zh: str, en: str, raw: str | None = None, sheet: str | None = None):
        super().__init__(en)
        self.code, self.zh, self.en, self.raw, self.sheet = code, zh, en, raw, sheet


# Test hook: called after each file is written inside the transaction (lets a test fail a run half-way).
_after_file_hook = None


def ingest_partition(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    landing_root: Path,
    reporting_date: date,
    run_id: str = "manual",
    ingested_at: datetime | None = None,
) -> PartitionResult:
    """Replace the partition (source, reporting_date) with what its landing folder holds now."""
    folder = landing_root / source.name / reporting_date.isoformat()
    ingested_at = ingested_at or datetime.now()
    result = PartitionResult(source.name, reporting_date)
    base = {
        "source": source.name,
        "reporting_date": reporting_date.isoformat(),
        "ingested_at": ingested_at,
        "run_id": run_id,
    }
    # Read phase: every file into session-local temp tables, outside any transaction (DuckDB builds large
    # temp tables several times faster outside one). Nothing in the warehouse changes yet.
    execute(con, "ingest/begin_partition", table=source.raw_table)
    seen: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="creditwh-") as tmp:
        for path in list_files(folder):
            rel = path.relative_to(landing_root).as_posix()
            outcome = _ingest_file(con, source, path, rel, base, seen, Path(tmp))
            result.files.append(outcome)
            if _after_file_hook:
                _after_file_hook(outcome)
    # Write phase: the partition is replaced in one short transaction, or not at all.
    write_transaction(con, lambda: execute(con, "ingest/replace_partition", base, table=source.raw_table))
    execute(con, "ingest/end_partition")
    return result


def _ingest_file(con, source: Source, path: Path, rel: str, base: dict, seen: dict, tmp: Path) -> FileResult:
    sha = file_sha256(path)
    file_params = {
        **base,
        "source_file": rel,
        "file_sha256": sha,
        "file_bytes": path.stat().st_size,
        "file_format": path.suffix.lower().lstrip(".") or "none",
        "encoding": None,
        "sheets": None,
        "header_style": None,
        "rows_read": 0,
        "rows_loaded": 0,
        "rows_rejected": 0,
        "duplicate_of": None,
        "message_zh": None,
        "message_en": None,
        "reason_code": None,
    }
    is_blank = is_blank_file(path)
    # every empty export has the same checksum: one is no re-delivery of another
    earlier = None if is_blank else seen.get(sha) or _earlier_delivery(con, base, sha)
    if earlier:
        outcome = FileResult(rel, "duplicate_delivery", message_en=f"same file as {earlier}")
        execute(
            con,
            "ingest/register_file",
            {
                **file_params,
                "status": outcome.status,
                "duplicate_of": earlier,
                "message_zh": f"重复报送：与已入库文件 {earlier} 内容相同，不重复计数",
                "message_en": f"duplicate delivery of {earlier}; not counted twice",
            },
        )
        return outcome
    seen[sha] = f"{base['reporting_date']} {rel}"
    try:
        if is_blank:
            raise FileRejected(
                "empty_file",
                "空文件（无数据内容），请重新导出后报送",
                "empty file (no content): export it again and re-send",
            )
        if path.suffix.lower() == ".csv":
            outcome = _load_csv(con, source, path, rel, file_params, tmp)
        elif path.suffix.lower() == ".xlsx":
            outcome = _load_xlsx(con, source, path, rel, file_params)
        else:
            raise FileRejected(
                "unsupported_file_type",
                f"不支持的文件类型“{path.suffix or '无扩展名'}”：请以 CSV 或 XLSX 格式报送",
                f"unsupported file type {path.suffix or '(none)'}: deliver CSV or XLSX",
            )
    except FileRejected as rej:
        raw = rej.raw if rej.raw is not None else path.read_bytes()[:200].hex()
        rej.en = without_server_paths(rej.en, path, rel)
        execute(
            con,
            "ingest/reject_file",
            {
                **file_params,
                "sheet": rej.sheet,
                "reason_code": rej.code,
                "reason_zh": rej.zh,
                "reason_en": rej.en,
                "raw_content": raw,
            },
        )
        execute(
            con,
            "ingest/register_file",
            {
                **file_params,
                "status": "rejected",
                "message_zh": rej.zh,
                "message_en": rej.en,
                "reason_code": rej.code,
            },
        )
        return FileResult(rel, "rejected", message_en=rej.en)
    execute(
        con,
        "ingest/register_file",
        {
            **file_params,
            "status": "loaded",
            "encoding": outcome.encoding,
            "header_style": outcome.header_style,
            "sheets": file_params["sheets"],
            "rows_read": outcome.rows_read,
            "rows_loaded": outcome.rows_loaded,
            "rows_rejected": outcome.rows_rejected,
        },
    )
    return outcome


def _earlier_delivery(con, base: dict, sha: str) -> str | None:
    row = execute(con, "ingest/earlier_delivery", {**base, "file_sha256": sha}).fetchone()
    return row[0] if row else None


def _no_header(sheet: str | None = None) -> FileRejected:
    where = f"工作表“{sheet}”" if sheet else "文件"
    return FileRejected(
        "no_header",
        f"{where}前{10}行中未找到可识别的表头（需使用国家标准模板的中文表头或字段代码）",
        "no recognisable header row in the first 10 rows (use the national template's Chinese headers or field codes)",
        sheet=sheet,
    )


def _load_csv(con, source: Source, path: Path, rel: str, params: dict, tmp: Path) -> FileResult:
    encoding = detect_encoding(path)
    if encoding is None:
        raise FileRejected(
            "undecodable",
            "文件编码无法识别：既不是 UTF-8 也不是 GB18030/GBK，请另存为 UTF-8 后重新报送",
            "cannot decode the file as UTF-8 or GB18030/GBK; save it as UTF-8 and deliver again",
        )
    head = read_head_text(path, encoding)
    delimiter = sniff_delimiter(head)
    header = find_header(source.name, first_rows(head, delimiter))
    if header is None:
        raise _no_header()
    readable = path if encoding in ("utf-8", "utf-8-sig") else transcode_to_utf8(path, encoding, tmp / "utf8.csv")
    hm = header.header_map
    read = {"skip": header.index + 1, "columns": {c: "VARCHAR" for c in hm.columns}, "delim": delimiter}
    try:
        _read_csv(con, read, readable, tmp)
    except duckdb.InvalidInputException as exc:  # never a crashed run: the file is rejected, the others load
        raise FileRejected(
            "unparseable_csv",
            "文件不符合 CSV 格式（如多种换行符混用），无法读取：请用模板另存为 CSV 后重新报送",
            f"the file is not valid CSV (for example mixed line endings) and cannot be read: {str(exc).splitlines()[0]}",
        ) from exc
    params["encoding"] = encoding
    _pack_extras(con, "landed_csv")
    # Record numbers: the header is record (index + 1), so the first data record is index + 2.
    execute(
        con,
        "ingest/append_csv_rows",
        {**params, "sheet": None, "header_style": hm.style, "first_row": header.index + 2},
    )
    loaded = con.execute("select count(*) from landed_csv").fetchone()[0]
    rejected_lines = con.execute("select count(distinct line) from landed_rejects").fetchone()[0]
    if rejected_lines:
        execute(con, "ingest/line_rejections", params)
    return FileResult(rel, "loaded", loaded + rejected_lines, loaded, rejected_lines, encoding, hm.style)


def _read_csv(con, read: dict, path: Path, tmp: Path) -> None:
    """The file into landed_csv. A row typed or pasted in by hand after an export leaves CRLF and bare LF in one file,
    which DuckDB's reader (one line ending per file) cannot parse: such a file is read as LF throughout, its line
    numbers unchanged."""
    try:
        execute(con, "ingest/read_csv", {**read, "path": str(path)})
    except duckdb.InvalidInputException:
        if not has_mixed_line_endings(path):
            raise
        execute(con, "ingest/read_csv", {**read, "path": str(with_lf_line_endings(path, tmp / "lf.csv"))})


def _load_xlsx(con, source: Source, path: Path, rel: str, params: dict) -> FileResult:
    try:
        reader = fastexcel.read_excel(path)
    except Exception as exc:  # fastexcel raises its own error types for corrupt or encrypted workbooks
        raise FileRejected(
            "unreadable_xlsx", "Excel 文件损坏或已加密，无法读取", f"the workbook cannot be opened: {exc}"
        ) from exc
    loaded_total, styles, sheets_read, sheets_skipped = 0, set(), [], []
    for sheet in reader.sheet_names:
        if sheet in NOT_DATA_SHEETS:  # a fill-in template's example and guide: never records
            continue
        # header_row=None and string dtypes: every cell as text, and row i is Excel row i + 1
        frame = reader.load_sheet(sheet, header_row=None, dtypes="string", skip_rows=0).to_polars()
        frame = with_long_numbers_as_excel_shows_them(frame, path, sheet)
        if frame.height == 0:
            continue
        header = find_header(source.name, frame.head(10).rows())
        if header is None:
            sheets_skipped.append(sheet)
            continue
        hm = header.header_map
        width = len(hm.columns)
        data = (
            frame.select(frame.columns[:width])
            .rename(dict(zip(frame.columns[:width], hm.columns, strict=False)))
            .with_row_index("source_row", offset=1)
            .slice(header.index + 1)
            .filter(~pl.all_horizontal(pl.exclude("source_row").is_null()))  # empty rows are no records
        )
        # cells beyond the header's width would be lost: keep them as extras
        for i, name in enumerate(frame.columns[width:], start=width + 1):
            if frame[name].slice(header.index + 1).drop_nulls().len():
                data = data.with_columns(frame[name].slice(header.index + 1).alias(f"x__column_{i}"))
        con.register("landed_frame", data)
        con.execute("create or replace temp table landed as select * from landed_frame")
        con.unregister("landed_frame")
        _pack_extras(con, "landed")
        execute(con, "ingest/append_landed", {**params, "sheet": sheet, "header_style": hm.style})
        loaded = data.height
        loaded_total += loaded
        styles.add(hm.style)
        sheets_read.append(sheet)
    if not sheets_read:
        raise _no_header(sheets_skipped[0] if len(sheets_skipped) == 1 else None)
    params["sheets"] = ";".join(sheets_read)
    style = styles.pop() if len(styles) == 1 else "mixed"
    return FileResult(rel, "loaded", loaded_total, loaded_total, 0, None, style)


def _pack_extras(con, table: str) -> None:
    """Fold unmapped columns (x__<header>) into the JSON column `extras`, or add an empty one."""
    names = [d[0] for d in con.execute(sql("ingest/columns_of", table=table)).description]
    if any(n.startswith("x__") for n in names):
        execute(con, "ingest/pack_extras", table=table)
    else:
        execute(con, "ingest/no_extras", table=table)
